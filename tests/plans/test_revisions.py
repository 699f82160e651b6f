"""A returned report is revised for its own period: the links carry the period, the form opens on
it with the office's comments, and submitting again replaces the returned report."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from tests.plans.builders import SmallPlan, report
from yinling.plans.models import ProgressReport

pytestmark = pytest.mark.django_db

State = ProgressReport.State
COMMENT = "请补充体质监测报告"


@pytest.fixture
def returned(plan: SmallPlan) -> ProgressReport:
    """区体育局's 2024-Q3 report on 一/1, returned with comments; the plan runs to 2026."""
    return report(
        plan.fitness,
        plan.sport_department,
        "2024-Q3",
        "53.5",
        status=State.RETURNED,
        comment=COMMENT,
        narrative="完成体质监测",
    )


def form_url(plan: SmallPlan, period: str = "") -> str:
    url = f"/plans/targets/{plan.fitness.pk}/report/"
    return f"{url}?period={period}" if period else url


def test_the_home_panel_links_a_returned_report_to_its_period(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get("/").content.decode()

    assert f'href="{form_url(plan, "2024-Q3")}"' in page


def test_the_department_report_list_links_a_returned_report_to_its_period(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get("/plans/reports/").content.decode()

    assert f'href="{form_url(plan, "2024-Q3")}"' in page


def test_the_task_page_links_a_returned_report_to_its_period(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get(f"/plans/tasks/{plan.sport.pk}/")

    assert f'href="{form_url(plan, "2024-Q3")}"' in page.content.decode()


def test_the_form_opens_on_the_returned_period_with_the_report_and_its_comments(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").get(form_url(plan, "2024-Q3"))

    form = response.context["form"]
    assert (form["period"].value(), form["value"].value(), form["narrative"].value()) == (
        "2024-Q3",
        "53.5",
        "完成体质监测",
    )
    page = response.content.decode()
    assert "2024年第三季度的报告已被退回" in page
    assert COMMENT in page


def test_the_period_list_says_which_period_was_returned(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get(form_url(plan)).content.decode()

    assert '<option value="2024-Q3">2024年第三季度（已退回）</option>' in page


def test_opened_without_a_period_the_form_points_to_the_returned_report(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").get(form_url(plan))

    assert response.context["revising"] is None
    assert 'href="?period=2024-Q3"' in response.content.decode()


def test_submitting_again_revises_the_returned_report_for_its_period(
    returned: ProgressReport, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").post(
        form_url(plan, "2024-Q3"), {"period": "2024-Q3", "value": "54", "narrative": "已补充"}
    )

    assert response.status_code == 302
    revised = ProgressReport.objects.get()
    assert (revised.pk, revised.status, revised.value, revised.narrative) == (
        returned.pk,
        State.SUBMITTED,
        Decimal(54),
        "已补充",
    )


def test_an_accepted_report_is_not_offered_for_revision(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q1", "51", status=State.ACCEPTED)

    response = client_for("department_reporter").get(form_url(plan, "2024-Q1"))

    assert response.context["revising"] is None
    assert response.context["form"]["value"].value() is None
    assert "已被退回" not in response.content.decode()


def test_a_link_to_a_period_without_a_report_preselects_that_period(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").get(form_url(plan, "2024-Q2"))

    assert response.context["form"]["period"].value() == "2024-Q2"
