"""Reporting periods and school years."""

from __future__ import annotations

from datetime import date

import pytest

from yinling.plans.periods import (
    period_containing,
    period_from_key,
    periods_between,
    school_year_label,
    school_year_of,
)


@pytest.mark.parametrize(
    ("key", "start", "end", "label"),
    [
        ("2024-03", date(2024, 3, 1), date(2024, 3, 31), "2024年3月"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),
        ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31), "2024年第四季度"),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), "2024年上半年"),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31), "2024年下半年"),
    ],
)
def test_a_key_names_its_period(key: str, start: date, end: date, label: str) -> None:
    period = period_from_key(key)
    assert period is not None
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.deadline == date.fromordinal(end.toordinal() + 10)


@pytest.mark.parametrize("key", ["2024-13", "2024-00", "2024-Q0", "2024-H3", "24-Q1", "2024Q1", ""])
def test_other_keys_name_nothing(key: str) -> None:
    assert period_from_key(key) is None


def test_periods_between_two_days_overlap_them() -> None:
    keys = [p.key for p in periods_between(date(2023, 3, 2), date(2023, 12, 31), "quarterly")]
    assert keys == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    halves = [p.key for p in periods_between(date(2023, 8, 18), date(2024, 1, 5), "half_yearly")]
    assert halves == ["2023-H2", "2024-H1"]
    assert period_containing(date(2024, 11, 30), "monthly").key == "2024-11"


def test_the_school_year_starts_in_september() -> None:
    assert school_year_of(date(2023, 8, 31)) == 2022
    assert school_year_of(date(2023, 9, 1)) == 2023
    assert school_year_label(2023) == "2023学年"
