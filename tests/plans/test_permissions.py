"""The permission matrix extended: a department sees and reports only its own tasks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.personas import World
from tests.plans.builders import SmallPlan, department, report, small_plan, target, task
from yinling.core.permissions import can
from yinling.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_department_reports_only_on_tasks_it_is_responsible_for(
    world: World, plan: SmallPlan
) -> None:
    reporter = world.department_reporter
    assert can(reporter, "plans.report_submit", plan.fitness)
    assert can(reporter, "plans.task_view", plan.sport)
    assert not can(reporter, "plans.report_submit", plan.places)
    assert not can(reporter, "plans.task_view", plan.preschool)


def test_a_co_operating_department_reports_too(world: World, plan: SmallPlan) -> None:
    from tests.factories import Role, user_with_role

    education_reporter = user_with_role(Role.DEPARTMENT_REPORTER, plan.education)
    assert can(education_reporter, "plans.report_submit", plan.fitness)  # co-operating on 一/1
    assert can(education_reporter, "plans.report_submit", plan.places)  # lead on 一/2


def test_the_plan_page_shows_a_department_only_its_own_tasks(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get(f"/plans/{plan.plan.pk}/").content.decode()
    assert "深化学校体育改革" in page
    assert "推进学前教育普惠发展" not in page
    assert "促进学生全面发展" in page  # the heading above its task stays for the tree's shape
    leader_page = client_for("leader").get(f"/plans/{plan.plan.pk}/").content.decode()
    assert "推进学前教育普惠发展" in leader_page


def test_a_department_cannot_open_or_report_on_another_departments_task(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    client = client_for("department_reporter")
    assert client.get(f"/plans/tasks/{plan.preschool.pk}/").status_code == 404
    response = client.post(
        f"/plans/targets/{plan.places.pk}/report/", {"period": "2024-Q1", "value": "10"}
    )
    assert response.status_code == 404
    assert not plan.places.reports.exists()


def test_a_department_sees_only_its_own_reports_on_a_shared_task(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    """The target's current figure is the task's, shared; each department's report is its own."""
    report(plan.fitness, plan.sport_department, "2024-Q1", "51.5", narrative="体育局的进展说明")
    report(plan.fitness, plan.education, "2024-Q2", "57.25", narrative="教育局的进展说明")
    page = client_for("department_reporter").get(f"/plans/tasks/{plan.sport.pk}/").content.decode()
    assert "体育局的进展说明" in page
    assert "教育局的进展说明" not in page
    leader_page = client_for("leader").get(f"/plans/tasks/{plan.sport.pk}/").content.decode()
    assert "教育局的进展说明" in leader_page


def test_a_department_does_not_see_drafts_or_plans_without_its_tasks(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    draft = small_plan(world, status=Plan.State.DRAFT, title="草稿规划")
    other = Plan.objects.create(
        district=world.district,
        title="别的规划",
        status=Plan.State.PUBLISHED,
        source=Plan.Source.MANUAL,
        period_start=plan.plan.period_start,
        period_end=plan.plan.period_end,
    )
    target(
        task(other, None, "1", "别的任务", lead=[department(world.district, "区教育局")]),
        "完成进度",
    )
    client = client_for("department_reporter")
    listing = client.get("/plans/").content.decode()
    assert plan.plan.title in listing
    assert "草稿规划" not in listing and "别的规划" not in listing
    assert client.get(f"/plans/{draft.plan.pk}/").status_code == 404
    assert client.get(f"/plans/{other.pk}/").status_code == 404


def test_the_api_gives_a_department_only_its_tasks(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    data = client_for("department_reporter").get(f"/api/plans/plans/{plan.plan.pk}").json()
    tasks = [i["path"] for i in data["items"] if i["is_task"]]
    assert tasks == ["一/1"]
    full = client_for("leader").get(f"/api/plans/plans/{plan.plan.pk}").json()
    assert [i["path"] for i in full["items"] if i["is_task"]] == ["一/1", "一/2"]
    assert full["items"][1]["targets"][0]["status"] in {"not_reported", "overdue"}


def test_leaders_read_but_do_not_edit_or_review(world: World, plan: SmallPlan) -> None:
    leader = world.leader
    assert can(leader, "plans.plan_view", plan.plan)
    assert can(leader, "plans.plan_export", plan.plan)
    assert can(leader, "plans.notice_issue", plan.sport)
    assert not can(leader, "plans.plan_edit", plan.plan)
    assert not can(leader, "plans.manage", world.district)


def test_another_district_never_reaches_this_one(world: World, plan: SmallPlan) -> None:
    admin = world.other_district_admin
    for action, obj in (
        ("plans.plan_view", plan.plan),
        ("plans.task_view", plan.sport),
        ("plans.plan_edit", plan.plan),
        ("plans.notice_issue", plan.sport),
        ("plans.scorecard_view", plan.sport_department),
        ("plans.manage", world.district),
    ):
        assert not can(admin, action, obj), action
