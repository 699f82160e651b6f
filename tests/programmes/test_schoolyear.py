from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from yinling.programmes.schoolyear import SchoolYear, term_of


def test_a_school_year_runs_from_september_to_august() -> None:
    year = SchoolYear(2025)
    assert (year.start, year.end) == (date(2025, 9, 1), date(2026, 8, 31))
    assert year.label == "2025学年"


@pytest.mark.parametrize(
    ("day", "start_year"),
    [(date(2025, 9, 1), 2025), (date(2026, 8, 31), 2025), (date(2026, 1, 15), 2025)],
)
def test_a_day_belongs_to_the_school_year_that_began_the_september_before(
    day: date, start_year: int
) -> None:
    assert SchoolYear.of(day) == SchoolYear(start_year)


def test_the_first_term_runs_september_to_january_and_the_second_february_to_august() -> None:
    first, second = SchoolYear(2025).terms
    assert (first.start, first.end) == (date(2025, 9, 1), date(2026, 1, 31))
    assert (second.start, second.end) == (date(2026, 2, 1), date(2026, 8, 31))
    assert term_of(date(2026, 1, 31)).label == "2025学年第一学期"
    assert term_of(date(2026, 2, 1)).label == "2025学年第二学期"


def test_days_left_counts_down_to_the_last_day_of_august() -> None:
    assert SchoolYear(2025).days_left(date(2026, 7, 2)) == 60
    assert SchoolYear(2025).days_left(date(2026, 8, 31)) == 0


def test_a_leap_february_does_not_move_the_second_term() -> None:
    first, second = SchoolYear(2027).terms
    assert first.end == date(2028, 1, 31) and second.start == date(2028, 2, 1)


def test_a_school_years_span_is_named_in_the_readers_language() -> None:
    with translation.override("zh-hans"):
        assert SchoolYear(2026).span_label == "2026—2027学年"
    with translation.override("en"):
        assert SchoolYear(2026).span_label == "2026–2027 school year"
