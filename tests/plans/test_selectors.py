"""Shared reads: a plan's tree with statuses costs a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest

from tests.personas import World
from tests.plans.builders import SmallPlan, report, target, task
from yinling.plans import selectors
from yinling.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_plan_tree_costs_the_same_queries_however_many_tasks(
    world: World, plan: SmallPlan, django_assert_num_queries
) -> None:  # noqa: ANN001
    report(plan.fitness, plan.sport_department, "2024-Q1", "52")
    with django_assert_num_queries(4):
        selectors.plan_view(plan.plan, today=date(2024, 6, 1))
    for number in range(3, 13):
        item = task(plan.plan, plan.heading, f"一/{number}", f"任务{number}", lead=[plan.education])
        report(target(item, "完成进度"), plan.education, "2024-Q1", "20")
    fresh = Plan.objects.get(pk=plan.plan.pk)
    with django_assert_num_queries(4):
        view = selectors.plan_view(fresh, today=date(2024, 6, 1))
    assert len(view.tasks) == 12


def test_filters_keep_the_headings_above_the_tasks_they_keep(world: World, plan: SmallPlan) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q1", "60")
    done = selectors.plan_view(plan.plan, status="done", today=date(2024, 6, 1))
    assert [n.item.path for n in done.nodes] == ["一", "一/1"]
    assert done.nodes[0].counts == {"done": 1}
    by_department = selectors.plan_view(plan.plan, department=plan.education.pk)
    assert [n.item.path for n in by_department.nodes] == ["一", "一/1", "一/2"]
    by_year = selectors.plan_view(plan.plan, year=2030)
    assert by_year.nodes == []


def test_the_chart_labels_the_target_as_the_page_writes_it(world: World, plan: SmallPlan) -> None:
    chart = selectors.target_chart(plan.fitness, plan.plan)
    assert (chart["target"], chart["target_text"]) == (60.0, "60%")
