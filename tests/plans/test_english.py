"""The plan supervision pages speak English when the browser asks for it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.catalogues import english_catalogue, msgids_of
from tests.personas import World
from tests.plans.builders import report, small_plan, target
from yinling.plans.models import Target
from yinling.plans.models.plans import COMPLETION_INDICATOR

pytestmark = pytest.mark.django_db

CATALOGUE = english_catalogue("plans")


def test_a_plan_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("plans:plan_detail", args=[small_plan(world).plan.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Plan supervision" in page
    assert "<dt>Document number</dt>" in page
    assert "<dt>Plan period</dt>" in page
    assert "Task breakdown XLSX" in page
    assert "Lead: " in page
    assert "Not reported" in page
    assert "How the status is worked out" in page
    msgids = msgids_of(CATALOGUE, "plans/plan_detail.html", chinese_only=True)
    assert len(msgids) > 15
    assert [m for m in msgids if m in page] == []


def test_the_plan_list_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    small_plan(world)

    page = (
        client_for("programme_officer")
        .get(reverse("plans:plan_list"), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "<h1>Plan supervision</h1>" in page
    assert "<th>Document number</th>" in page
    assert "Upload a policy document" in page
    assert "规划督查" not in page


def test_a_plan_stays_chinese_by_default(world: World, client_for: Callable[[str], Client]) -> None:
    url = reverse("plans:plan_detail", args=[small_plan(world).plan.pk])

    page = client_for("programme_officer").get(url).content.decode()

    assert "<dt>文号</dt>" in page
    assert "规划督查" in page
    assert "Document number" not in page


def test_a_quarter_reads_as_q1_in_english() -> None:
    from datetime import date

    from django.utils import translation

    from yinling.plans.periods import Period

    quarter = Period(start=date(2024, 1, 1), end=date(2024, 3, 31), key="2024-Q1")
    with translation.override("en"):
        assert quarter.label == "Q1 2024"
    assert quarter.label == "2024年第一季度"


def test_the_generated_completion_target_reads_in_the_readers_language(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plan = small_plan(world)
    completion = target(plan.preschool, COMPLETION_INDICATOR)
    url = reverse("plans:task_detail", args=[plan.preschool.pk])
    client = client_for("programme_officer")

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(url).content.decode()

    assert "<h2>Completion <span" in english and "完成进度" not in english
    assert "<h2>完成进度 <span" in chinese
    assert Target.objects.get(pk=completion.pk).indicator == "完成进度"


def test_the_report_form_states_a_generated_target_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plan = small_plan(world)
    completion = target(plan.sport, COMPLETION_INDICATOR)
    url = reverse("plans:report_submit", args=[completion.pk])

    page = client_for("department_reporter").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Target: Completion ≥100%, due" in page
    assert "完成进度" not in page


def test_the_latest_value_and_its_period_read_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plan = small_plan(world)
    report(plan.fitness, plan.sport_department, "2024-Q1", "52")
    url = reverse("plans:task_detail", args=[plan.sport.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<dd>52% (Q1 2024)</dd>" in page


def test_the_plan_tree_writes_target_lines_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plan = small_plan(world)
    url = reverse("plans:plan_detail", args=[plan.plan.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "学生体质健康优良率: — / ≥60%" in page
    assert "<small>(Dec. 31, 2026)</small>" in page


def test_labels_in_english_end_in_an_english_colon(
    world: World, client_for: Callable[[str], Client]
) -> None:
    plan = small_plan(world)
    url = reverse("plans:plan_detail", args=[plan.plan.pk])

    page = client_for("programme_officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Lead: 区体育局" in page
    assert "：" not in page.replace("学生体质健康优良率：", "")
