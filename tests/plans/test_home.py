"""The home page's plans panel: what a leader reads, what a department has to do now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.plans.builders import SmallPlan, notice, report
from yinling.plans import overview_selectors
from yinling.plans.models import ProgressReport
from yinling.plans.periods import period_containing

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(plan: SmallPlan) -> SmallPlan:
    """The small plan moved so that it runs from 400 days ago to 400 days ahead."""
    today = timezone.localdate()
    plan.plan.period_start = today - timedelta(days=400)
    plan.plan.period_end = today + timedelta(days=400)
    plan.plan.save(update_fields=["period_start", "period_end"])
    for target in (plan.fitness, plan.places):
        target.due_on = plan.plan.period_end
        target.save(update_fields=["due_on"])
    return plan


def panel(client: Client) -> str:
    page = client.get("/").content.decode()
    start = page.index('data-panel="plans"')
    return page[start : page.index("</section>", start)]


def ended_quarter(days_ago: int = 120) -> str:
    return period_containing(timezone.localdate() - timedelta(days=days_ago), "quarterly").key


# --- leaders -----------------------------------------------------------------------------------


def test_a_leader_reads_each_plan_with_its_status_summary(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(running.fitness, running.sport_department, ended_quarter(), "50")
    shown = panel(client_for("leader"))
    assert f'href="/plans/{running.plan.pk}/"' in shown and "宝山区教育发展三年行动计划" in shown
    assert f'href="/plans/{running.plan.pk}/?status=lagging">进度滞后 1</a>' in shown
    assert f'href="/plans/{running.plan.pk}/?status=not_reported">未报送 1</a>' in shown


def test_a_leader_reads_the_tasks_that_lag_or_are_overdue(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(running.fitness, running.sport_department, ended_quarter(), "50")
    shown = panel(client_for("leader"))
    behind = shown[shown.index('data-list="behind"') :]
    assert f'href="/plans/tasks/{running.sport.pk}/">一/1 深化学校体育改革</a>' in behind
    assert "推进学前教育普惠发展" not in behind  # not reported is not behind


def test_a_leader_reads_open_notices_and_who_has_not_replied_by_the_deadline(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    notice(running.sport, [running.sport_department], timezone.localdate() - timedelta(days=3))
    shown = panel(client_for("leader"))
    notices = shown[shown.index('data-list="notices"') :]
    assert "一/1 深化学校体育改革" in notices
    assert "逾期未回复：区体育局" in notices


def test_a_leader_reads_the_department_scorecards(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    shown = panel(client_for("leader"))
    cards = shown[shown.index('data-list="scorecards"') :]
    assert f'href="/plans/scorecards/{running.sport_department.pk}/">区体育局</a>' in cards
    assert 'href="/plans/scorecards/"' in cards


def test_a_leader_reads_the_districts_reports_without_review_buttons(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(
        running.fitness,
        running.sport_department,
        ended_quarter(),
        "55",
        status=ProgressReport.State.SUBMITTED,
    )
    report(running.places, running.education, ended_quarter(), "40")
    page = client_for("leader").get("/plans/reports/").content.decode()
    listed = page[page.index('data-list="district-reports"') :]
    assert "区体育局" in listed and "区教育局" in listed
    assert "55%" in listed and "40个" in listed
    assert 'name="decision"' not in page


def test_a_reader_of_another_district_reads_none_of_these_reports(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(running.fitness, running.sport_department, ended_quarter(), "55")
    page = client_for("other_district_admin").get("/plans/reports/").content.decode()
    assert "区体育局" not in page


# --- department reporters ----------------------------------------------------------------------


def test_a_department_sees_the_targets_due_this_period_linked_to_the_report_form(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    period = overview_selectors.reporting_period_now(running.fitness, running.plan, today)
    assert period is not None
    shown = panel(client_for("department_reporter"))
    due = shown[shown.index('data-list="due"') :]
    url = f"/plans/targets/{running.fitness.pk}/report/?period={period.key}"
    assert f'href="{url}"' in due
    assert "学生体质健康优良率" in due
    assert "新增托额" not in due  # 一/2 is another department's task


def test_a_target_reported_for_this_period_is_no_longer_listed_as_due(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    period = overview_selectors.reporting_period_now(
        running.fitness, running.plan, timezone.localdate()
    )
    assert period is not None
    report(
        running.fitness,
        running.sport_department,
        period.key,
        "55",
        status=ProgressReport.State.SUBMITTED,
    )
    assert 'data-list="due"' not in panel(client_for("department_reporter"))


def test_a_department_sees_a_notice_past_its_reply_deadline_flagged(
    running: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    late = notice(running.sport, [running.sport_department], today - timedelta(days=1))
    on_time = notice(running.sport, [running.sport_department], today + timedelta(days=5))
    shown = panel(client_for("department_reporter"))
    awaiting = shown[shown.index('data-list="awaiting-reply"') :]
    first, second = awaiting.split("<li>")[1:3]
    assert f'href="/plans/notices/{late.pk}/"' in first and "已过回复期限" in first
    assert f'href="/plans/notices/{on_time.pk}/"' in second and "已过回复期限" not in second


# --- the period now being reported ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 2, 15), "2024-Q1"),  # the first quarter, under way
        (date(2024, 4, 10), "2024-Q1"),  # Q1 ended; its grace days still run
        (date(2024, 4, 11), "2024-Q2"),  # Q1's deadline passed: Q2 is the one to report now
        (date(2026, 12, 31), "2026-Q4"),
        (date(2027, 1, 10), "2026-Q4"),  # the last quarter's grace days
    ],
)
def test_the_period_now_being_reported_follows_the_grace_days(
    plan: SmallPlan, today: date, expected: str
) -> None:
    period = overview_selectors.reporting_period_now(plan.fitness, plan.plan, today)
    assert period is not None and period.key == expected


@pytest.mark.parametrize("today", [date(2023, 12, 31), date(2027, 1, 11)])
def test_no_period_is_being_reported_before_the_plan_or_after_the_last_deadline(
    plan: SmallPlan, today: date
) -> None:
    assert overview_selectors.reporting_period_now(plan.fitness, plan.plan, today) is None
