"""A refused field's message follows its label on the form ("当前值：…") and does not name the
field a second time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.plans.builders import SmallPlan, report, small_plan
from yinling.plans.models import Plan, ProgressReport

pytestmark = pytest.mark.django_db


def field_errors(page: str) -> list[str]:
    return re.findall(r'<p class="error" role="alert">(.*?)</p>', page)


def test_a_value_that_is_not_a_number_is_named_once(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").post(
        f"/plans/targets/{plan.fitness.pk}/report/", {"period": "2024-Q1", "value": "abc"}
    )

    assert field_errors(response.content.decode()) == ["当前值：必须是数字，收到的是“abc”"]
    assert not ProgressReport.objects.exists()


def test_an_upper_bound_below_the_target_is_named_once(
    world: World, client_for: Callable[[str], Client]
) -> None:
    draft = small_plan(world, status=Plan.State.DRAFT)
    target = draft.fitness

    response = client_for("programme_officer").post(
        f"/plans/targets/{target.pk}/edit/",
        {
            "indicator": target.indicator,
            "kind": target.kind,
            "comparator": target.comparator,
            "baseline": "50",
            "value": "60",
            "value_max": "55",
            "unit": "%",
            "due_on": "2026-12-31",
            "frequency": target.frequency,
        },
    )

    assert field_errors(response.content.decode()) == ["目标上限：不能小于目标值"]


def test_an_end_date_before_the_start_is_named_once(
    world: World, client_for: Callable[[str], Client]
) -> None:
    draft = small_plan(world, status=Plan.State.DRAFT)

    response = client_for("programme_officer").post(
        f"/plans/{draft.plan.pk}/edit/",
        {"title": draft.plan.title, "period_start": "2024-01-01", "period_end": "2023-12-31"},
    )

    assert field_errors(response.content.decode()) == ["截止日期：不能早于起始日期"]


def test_a_reply_deadline_in_the_past_is_named_once(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q4", "50.5")  # far behind: lagging
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client_for("leader").post(
        f"/plans/tasks/{plan.sport.pk}/notices/new/",
        {
            "departments": [plan.sport_department.pk],
            "reply_deadline": yesterday.isoformat(),
            "body": "请说明滞后原因",
        },
    )

    assert field_errors(response.content.decode()) == ["回复期限：不能早于今天"]


def test_a_negative_count_is_refused_naming_the_field(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    plan.fitness.unit = "名"
    plan.fitness.save(update_fields=["unit"])
    response = client_for("department_reporter").post(
        f"/plans/targets/{plan.fitness.pk}/report/", {"period": "2024-Q1", "value": "-3"}
    )

    assert field_errors(response.content.decode()) == [
        "当前值：单位“名”是计数，不能为负数，收到的是“-3”"
    ]
    assert not ProgressReport.objects.exists()


def test_more_decimals_than_are_stored_are_refused_not_rounded(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").post(
        f"/plans/targets/{plan.fitness.pk}/report/", {"period": "2024-Q1", "value": "12.34567"}
    )

    [error] = field_errors(response.content.decode())
    assert error.startswith("当前值：最多保留 4 位小数，收到的是“12.34567”")
    assert not ProgressReport.objects.exists()
