"""Department scorecards: share of due reports sent on time, share of tasks on track."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.plans.builders import SmallPlan, report
from yinling.plans import overview_selectors

pytestmark = pytest.mark.django_db

TODAY = date(2024, 7, 15)  # Q1's deadline (10 April) and Q2's (10 July) have passed


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.get_current_timezone())


def card(world: World, name: str) -> overview_selectors.Scorecard:
    cards = {
        c.department.name: c for c in overview_selectors.scorecards(world.district, today=TODAY)
    }
    return cards[name]


def test_reports_due_are_counted_per_lead_target_and_closed_period(
    world: World, plan: SmallPlan
) -> None:
    sport = card(world, "区体育局")
    assert (sport.due_reports, sport.on_time_reports, sport.on_time_share) == (2, 0, 0.0)
    # 区教育局 co-operates on 一/1 (nothing due from it there) and leads 一/2 (two quarters)
    assert card(world, "区教育局").due_reports == 2


def test_a_report_on_the_deadline_is_on_time_and_one_a_day_later_is_not(
    world: World, plan: SmallPlan
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q1", "52", submitted=at(date(2024, 4, 10)))
    report(plan.fitness, plan.sport_department, "2024-Q2", "54", submitted=at(date(2024, 7, 11)))
    sport = card(world, "区体育局")
    assert (sport.on_time_reports, sport.due_reports, sport.on_time_share) == (1, 2, 0.5)


def test_on_track_counts_tasks_on_track_or_done_among_all_of_a_departments_tasks(
    world: World, plan: SmallPlan
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q2", "60")  # met: done
    education = card(world, "区教育局")  # 一/1 done (co-operating), 一/2 not reported
    assert [t.node.status for t in education.tasks] == ["done", "not_reported"]
    assert (education.on_track_count, education.on_track_share) == (1, 0.5)


def test_a_department_sees_its_own_scorecard_only(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    client = client_for("department_reporter")
    page = client.get("/plans/scorecards/").content.decode()
    assert "区体育局" in page and "区教育局" not in page
    assert client.get(f"/plans/scorecards/{plan.education.pk}/").status_code == 404
    leader = client_for("leader").get("/plans/scorecards/").content.decode()
    assert "区体育局" in leader and "区教育局" in leader
