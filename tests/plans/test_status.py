"""The status rule at its boundaries (yinling.plans.status): exact arithmetic, every comparator."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from yinling.plans.status import (
    ABOUT_TOLERANCE,
    TOLERANCE,
    Reading,
    Status,
    assess,
    expected_progress,
    is_met,
    rule_text,
    worst,
)

START = date(2024, 1, 1)
DUE = START + timedelta(days=200)
HALF = START + timedelta(days=100)  # exactly half-way in time: expected progress 1/2
D = Decimal


def status(
    value: object | None,
    *,
    comparator: str = ">=",
    baseline: object = 0,
    target: object = 100,
    as_of: date = HALF,
    today: date | None = None,
) -> Status:
    latest = None if value is None else Reading(D(str(value)), as_of)
    return assess(
        comparator=comparator,
        baseline=D(str(baseline)),
        target=D(str(target)),
        start=START,
        due=DUE,
        latest=latest,
        today=today or as_of,
    ).status


EXPECTED_AT_HALF = Fraction(1, 2)


def test_expected_progress_is_the_share_of_time_gone_by() -> None:
    assert expected_progress(START, DUE, START) == 0
    assert expected_progress(START, DUE, HALF) == Fraction(1, 2)
    assert expected_progress(START, DUE, START + timedelta(days=1)) == Fraction(1, 200)
    assert expected_progress(START, DUE, DUE) == 1
    assert expected_progress(START, DUE, DUE + timedelta(days=30)) == 1
    assert expected_progress(START, DUE, START - timedelta(days=1)) == 0


def test_a_value_exactly_on_the_trajectory_is_on_track() -> None:
    assert status(50) == Status.ON_TRACK
    assert status(65, baseline=30, target=100) == Status.ON_TRACK  # half of 30 -> 100


def test_a_value_ahead_of_the_trajectory_is_on_track() -> None:
    assert status("50.0001") == Status.ON_TRACK


def test_just_behind_the_trajectory_is_at_risk() -> None:
    assert status("49.9999") == Status.AT_RISK


def test_exactly_the_tolerance_behind_is_still_at_risk() -> None:
    assert TOLERANCE == Fraction(1, 10)
    assert status(40) == Status.AT_RISK
    assert status(58, baseline=30, target=100) == Status.AT_RISK  # 28/70 = 0.4


def test_more_than_the_tolerance_behind_is_lagging() -> None:
    assert status("39.9999") == Status.LAGGING


def test_reaching_the_target_is_done_even_early() -> None:
    assert status(100, as_of=START + timedelta(days=10)) == Status.DONE
    assert status(99.99) != Status.DONE


def test_met_after_the_due_date_is_done_not_overdue() -> None:
    assert status(100, today=DUE + timedelta(days=40)) == Status.DONE


def test_the_due_date_itself_is_not_yet_overdue() -> None:
    assert status(99, as_of=DUE, today=DUE) == Status.AT_RISK


def test_the_day_after_the_due_date_an_unmet_target_is_overdue() -> None:
    assert status(99, as_of=DUE, today=DUE + timedelta(days=1)) == Status.OVERDUE


def test_past_due_with_no_report_is_overdue_rather_than_not_reported() -> None:
    assert status(None, today=DUE + timedelta(days=1)) == Status.OVERDUE


def test_no_accepted_value_before_the_due_date_is_not_reported() -> None:
    assert status(None, today=HALF) == Status.NOT_REPORTED


def test_an_at_most_target_is_met_at_or_below_the_ceiling() -> None:
    assert status(5, comparator="<=", baseline=8, target=5) == Status.DONE
    assert status(4, comparator="<=", baseline=8, target=5) == Status.DONE
    assert status(D("5.01"), comparator="<=", baseline=8, target=5) != Status.DONE


def test_an_at_most_target_measures_progress_downwards() -> None:
    # From 80 down to 50: half-way in time the trajectory stands at 65.
    def ceiling(value: object) -> Status:
        return status(value, comparator="<=", baseline=80, target=50)

    assert ceiling(65) == Status.ON_TRACK
    assert ceiling(60) == Status.ON_TRACK
    assert ceiling("65.01") == Status.AT_RISK
    assert ceiling(68) == Status.AT_RISK  # 12/30 = 0.4: exactly the tolerance behind
    assert ceiling("68.01") == Status.LAGGING


def test_an_about_target_allows_its_tolerance_short_of_the_value() -> None:
    assert ABOUT_TOLERANCE == Fraction(1, 20)
    assert status(95, comparator="~", target=100) == Status.DONE
    assert status(D("94.99"), comparator="~", target=100) != Status.DONE
    assert status(105, comparator="~", target=100) == Status.DONE


def test_an_equals_target_is_reached_from_the_baseline() -> None:
    assert is_met("=", D(0), D(65), D(65))
    assert is_met("=", D(0), D(65), D(66))
    assert not is_met("=", D(0), D(65), D(64))
    assert is_met("=", D(20), D(10), D(10))  # a reduction reaches 10 from above
    assert not is_met("=", D(20), D(10), D(11))


def test_a_value_that_fell_below_a_baseline_that_already_met_the_target_is_lagging() -> None:
    assert status(85, comparator=">=", baseline=95, target=90) == Status.LAGGING


def test_a_tasks_status_is_its_most_serious_targets() -> None:
    assert worst([Status.DONE, Status.ON_TRACK]) == Status.ON_TRACK
    assert worst([Status.ON_TRACK, Status.NOT_REPORTED]) == Status.NOT_REPORTED
    assert worst([Status.AT_RISK, Status.LAGGING, Status.DONE]) == Status.LAGGING
    assert worst([Status.LAGGING, Status.OVERDUE]) == Status.OVERDUE
    assert worst([Status.DONE, Status.DONE]) == Status.DONE
    assert worst([]) is None


@pytest.mark.parametrize("value", [0, 10, 40, 50, 100])
def test_the_assessment_reports_expected_and_actual_progress(value: int) -> None:
    assessment = assess(
        comparator=">=",
        baseline=D(0),
        target=D(100),
        start=START,
        due=DUE,
        latest=Reading(D(value), HALF),
        today=HALF,
    )
    if value < 100:
        assert assessment.actual == Fraction(value, 100)
        assert assessment.expected == EXPECTED_AT_HALF
        assert assessment.expected_value == D("50.00")


def test_the_rule_shown_on_the_page_states_the_tolerances() -> None:
    text = " ".join(rule_text())
    assert "10 个百分点" in text
    assert "5%" in text


def trajectory_value(*, baseline: str, target: str, days: int) -> Decimal | None:
    """What the trajectory expects ``days`` into the 200 days from START to DUE."""
    as_of = START + timedelta(days=days)
    return assess(
        comparator=">=",
        baseline=D(baseline),
        target=D(target),
        start=START,
        due=DUE,
        latest=Reading(D(baseline), as_of),
        today=as_of,
    ).expected_value


def test_the_trajectory_value_is_as_precise_as_a_whole_number_target() -> None:
    # 0 -> 100 %, 145 of 200 days gone: 72.5 rounds half up to 73, as the expected progress does.
    assert trajectory_value(baseline="0.0000", target="100.0000", days=145) == D("73")


def test_the_trajectory_value_keeps_the_decimals_the_target_has() -> None:
    assert trajectory_value(baseline="80", target="95.5", days=145) == D("91.2")


def test_progress_shares_round_half_up_to_whole_points() -> None:
    assessment = assess(
        comparator=">=",
        baseline=D(0),
        target=D(100),
        start=START,
        due=DUE,
        latest=Reading(D(0), START + timedelta(days=145)),
        today=START + timedelta(days=145),
    )
    assert (assessment.expected_percent, assessment.actual_percent) == (73, 0)
