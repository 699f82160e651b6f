"""Progress reports: departments submit for their own tasks; the office accepts or returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.plans.builders import SmallPlan, evidence, report, small_plan, target
from yinling.core.models import AuditEvent
from yinling.core.uploads import UploadRejected
from yinling.plans import services
from yinling.plans.models import Plan, ProgressReport, ReportEvidence, Target
from yinling.plans.services import reports as report_rules

pytestmark = pytest.mark.django_db

TODAY = date(2024, 11, 20)


def submit(world: World, plan: SmallPlan, **overrides: object) -> ProgressReport:
    fields: dict[str, object] = {
        "actor": world.department_reporter,
        "target": plan.fitness,
        "department": plan.sport_department,
        "period": "2024-Q3",
        "value": "53.5",
        "narrative": "完成体质监测",
        "today": TODAY,
    }
    fields.update(overrides)
    return services.report_submit(**fields)  # type: ignore[arg-type]


def refusal(world: World, plan: SmallPlan, **overrides: object) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        submit(world, plan, **overrides)
    assert not ProgressReport.objects.exists()
    return refused.value.messages


def test_a_department_reports_on_its_own_task(world: World, plan: SmallPlan) -> None:
    report = submit(world, plan)
    assert (report.status, report.value, report.period) == ("submitted", Decimal("53.5"), "2024-Q3")
    assert report.period_end == date(2024, 9, 30)
    assert AuditEvent.objects.filter(action="report.submit", object_id=str(report.pk)).exists()


def test_a_department_not_responsible_for_the_task_is_refused(
    world: World, plan: SmallPlan
) -> None:
    assert refusal(world, plan, target=plan.places) == [
        report_rules.ERR_NOT_RESPONSIBLE
        % {"department": "区体育局", "task": "推进学前教育普惠发展"}
    ]


@pytest.mark.parametrize("value", ["很多", "12..5", "NaN", "Infinity", "1e400x"])
def test_a_value_that_is_not_a_number_is_refused(value: str, world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, value=value) == [
        report_rules.ERR_VALUE_NOT_NUMBER % {"value": value}
    ]


def test_a_value_too_large_to_record_is_refused(world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, value="1e15") == [
        report_rules.ERR_VALUE_TOO_LARGE % {"value": "1e15"}
    ]


def test_a_value_with_thousands_separators_or_a_percent_sign_is_a_number(
    world: World, plan: SmallPlan
) -> None:
    assert submit(world, plan, value="1,250").value == Decimal(1250)
    assert submit(world, plan, value="55%", period="2024-Q2").value == Decimal(55)


def test_a_period_outside_the_plan_is_refused(world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, period="2023-Q4") == [
        report_rules.ERR_PERIOD_OUTSIDE
        % {"period": "2023年第四季度", "start": "2024年1月1日", "end": "2026年12月31日"}
    ]  # dates as the rest of the page writes them, not 2024-01-01


def test_a_period_that_has_not_begun_is_refused(world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, period="2025-Q1") == [
        report_rules.ERR_PERIOD_FUTURE % {"period": "2025年第一季度"}
    ]


@pytest.mark.parametrize("period", ["2024年三季度", "2024-Q5", "2024-13", ""])
def test_a_period_that_is_not_one_is_refused(period: str, world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, period=period) == [
        report_rules.ERR_PERIOD_UNKNOWN % {"period": period}
    ]


def test_a_period_of_another_frequency_is_refused(world: World, plan: SmallPlan) -> None:
    assert refusal(world, plan, period="2024-03") == [
        report_rules.ERR_PERIOD_FREQUENCY % {"frequency": "每季度", "period": "2024-03"}
    ]


def test_a_draft_plan_takes_no_reports(world: World) -> None:
    draft = small_plan(world, status=Plan.State.DRAFT)
    assert refusal(world, draft) == [report_rules.ERR_NOT_PUBLISHED]


def test_the_office_accepts_a_report_and_it_counts(world: World, plan: SmallPlan) -> None:
    report = submit(world, plan)
    services.report_accept(actor=world.programme_officer, report=report)
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == ("accepted", world.programme_officer)
    with pytest.raises(ValidationError) as refused:
        submit(world, plan, value="60")
    assert "已采纳" in refused.value.messages[0]


def test_returning_needs_comments_and_the_department_resubmits(
    world: World, plan: SmallPlan
) -> None:
    report = submit(world, plan)
    with pytest.raises(ValidationError) as refused:
        services.report_return(actor=world.programme_officer, report=report, comment="  ")
    assert refused.value.message_dict["comment"] == [report_rules.ERR_COMMENT_REQUIRED]
    services.report_return(actor=world.programme_officer, report=report, comment="请附监测报告")
    again = submit(world, plan, value="54")
    assert again.pk == report.pk
    assert (again.status, again.value) == ("submitted", Decimal(54))
    assert again.first_submitted_at == report.first_submitted_at
    assert again.submitted_at >= report.submitted_at
    assert AuditEvent.objects.filter(action="report.resubmit", object_id=str(report.pk)).exists()


def test_a_returned_report_cannot_be_accepted_before_it_comes_back(
    world: World, plan: SmallPlan
) -> None:
    report = submit(world, plan)
    services.report_return(actor=world.programme_officer, report=report, comment="请补充")
    with pytest.raises(ValidationError) as refused:
        services.report_accept(actor=world.programme_officer, report=report)
    assert "已退回" in refused.value.messages[0]


def test_evidence_files_are_kept_under_media_root(
    world: World, plan: SmallPlan, settings: Any
) -> None:
    photo = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff")
    report = submit(world, plan, files=[photo])
    evidence = report.evidence.get()
    assert evidence.name == "现场照片.jpg"
    assert (Path(settings.MEDIA_ROOT) / evidence.file.name).read_bytes() == b"\xff\xd8\xff"


def test_an_evidence_file_of_another_type_stops_the_whole_report(
    world: World, plan: SmallPlan
) -> None:
    with pytest.raises(UploadRejected):
        submit(world, plan, files=[SimpleUploadedFile("病毒.exe", b"MZ")])
    assert not ProgressReport.objects.exists()
    assert not ReportEvidence.objects.exists()


def test_a_reporter_submits_through_the_page(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    client = client_for("department_reporter")
    page = client.get(f"/plans/targets/{plan.fitness.pk}/report/")
    assert "2024年第一季度" in page.content.decode()
    response = client.post(
        f"/plans/targets/{plan.fitness.pk}/report/",
        {
            "period": "2024-Q1",
            "value": "51",
            "narrative": "第一季度进展",
            "files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4")],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.department, report.submitted_by) == (
        plan.sport_department,
        world.department_reporter,
    )
    assert report.evidence.count() == 1


def test_the_page_names_the_field_when_the_value_is_not_a_number(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("department_reporter").post(
        f"/plans/targets/{plan.fitness.pk}/report/", {"period": "2024-Q1", "value": "五十"}
    )
    assert response.status_code == 200
    assert "当前值：必须是数字，收到的是“五十”" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_office_reviews_from_the_queue(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report = submit(world, plan)
    client = client_for("programme_officer")
    assert "区体育局" in client.get("/plans/reports/").content.decode()
    response = client.post(
        f"/plans/reports/{report.pk}/review/", {"decision": "return", "comment": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"  # refused: no comment
    client.post(f"/plans/reports/{report.pk}/review/", {"decision": "accept", "comment": "好"})
    report.refresh_from_db()
    assert report.status == "accepted"


def test_the_task_page_writes_dates_and_times_the_chinese_way_throughout(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    moment = timezone.make_aware(datetime(2025, 1, 6, 10, 0))
    report(plan.fitness, plan.sport_department, "2024-Q4", "55", submitted=moment)
    task_page = client_for("programme_officer").get(f"/plans/tasks/{plan.sport.pk}/")
    tree_page = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/")
    assert "2025年1月6日 10:00" in task_page.content.decode()
    assert "（2026年12月31日）" in tree_page.content.decode()
    assert "2025-01-06" not in task_page.content.decode()
    assert "2026-12-31" not in tree_page.content.decode()


def test_the_review_queue_shows_the_narrative_and_evidence_the_office_decides_on(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    pending = report(
        plan.fitness,
        plan.sport_department,
        "2024-Q4",
        "55",
        status=ProgressReport.State.SUBMITTED,
        narrative="全区体测完成，优良率 55%",
    )
    attached = evidence(pending, "体测汇总.txt")
    page = client_for("programme_officer").get("/plans/reports/").content.decode()
    assert "全区体测完成，优良率 55%" in page
    assert f"/plans/evidence/{attached.pk}/" in page
    assert "目标 ≥60%" in page


def test_the_report_form_says_a_level_is_reported_as_reached_in_its_unit(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    page = client_for("department_reporter").get(f"/plans/targets/{plan.fitness.pk}/report/")
    assert "填写报告期末达到的数值，只填数字；单位：%" in page.content.decode()


def test_the_report_form_says_an_addition_is_reported_as_a_total_so_far(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    pitches = target(
        plan.sport, "新建运动场地", kind=Target.Kind.ADDITION, unit="块", value=Decimal(10)
    )
    page = client_for("department_reporter").get(f"/plans/targets/{pitches.pk}/report/")
    assert "填写截至报告期末的累计数（从规划起始算起，不是本期新增数）" in page.content.decode()
    assert "单位：块" in page.content.decode()


def test_the_task_page_shows_a_range_target_as_its_range(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    plan.places.comparator = ">="
    plan.places.value, plan.places.value_max, plan.places.unit = 1, 2, "所"
    plan.places.save()
    page = client_for("leader").get(f"/plans/tasks/{plan.preschool.pk}/").content.decode()
    assert "<dd>1-2所</dd>" in page
    assert "≥1-2" not in page and "不低于（≥） 1" not in page


def test_the_task_page_says_who_accepted_or_returned_each_report_and_when(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    officer = world.programme_officer
    officer.full_name = "王审核"
    officer.save(update_fields=["full_name"])
    accepted = report(plan.fitness, plan.sport_department, "2024-Q1", "52")
    returned = report(
        plan.fitness, plan.sport_department, "2024-Q2", "53", status=ProgressReport.State.RETURNED
    )
    for made, day in ((accepted, 10), (returned, 12)):
        made.reviewed_by = officer
        made.reviewed_at = timezone.make_aware(datetime(2024, 7, day, 9, 30))
        made.save(update_fields=["reviewed_by", "reviewed_at"])
    page = client_for("leader").get(f"/plans/tasks/{plan.sport.pk}/").content.decode()
    assert "王审核 于 2024年7月10日 09:30 采纳" in page
    assert "王审核 于 2024年7月12日 09:30 退回" in page


@pytest.mark.parametrize("unit", ["所", "名", "个", "人", "项", "门", "节"])
def test_a_negative_value_of_a_count_is_refused(world: World, plan: SmallPlan, unit: str) -> None:
    plan.fitness.unit = unit
    plan.fitness.save(update_fields=["unit"])
    assert refusal(world, plan, value="-1") == [f"单位“{unit}”是计数，不能为负数，收到的是“-1”"]


def test_a_negative_value_of_a_rate_is_accepted(world: World, plan: SmallPlan) -> None:
    assert submit(world, plan, value="-0.5").value == Decimal("-0.5")  # a fall, in %


def test_a_value_with_four_decimals_is_stored_as_written(world: World, plan: SmallPlan) -> None:
    assert submit(world, plan, value="12.3456").value == Decimal("12.3456")


def test_a_value_with_five_decimals_is_refused_not_rounded(world: World, plan: SmallPlan) -> None:
    assert "最多保留 4 位小数" in refusal(world, plan, value="12.34567")[0]


def test_a_draft_target_refuses_a_negative_count_naming_the_field(world: World) -> None:
    draft = small_plan(world, status=Plan.State.DRAFT)
    with pytest.raises(ValidationError) as refused:
        services.target_update(
            actor=world.programme_officer, target=draft.places, value=Decimal(-5)
        )
    assert refused.value.message_dict == {"value": ["单位“个”是计数，不能为负数，收到的是“-5”"]}
