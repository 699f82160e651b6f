"""Exports opened and checked: the XLSX breakdown, the DOCX progress report, the CSV of values."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from tests.personas import World
from tests.plans.builders import SmallPlan, report
from yinling.plans.services.imports import COLUMNS

pytestmark = pytest.mark.django_db


def test_the_breakdown_xlsx_has_a_title_row_the_template_columns_and_a_row_per_task(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("leader").get(f"/plans/{plan.plan.pk}/breakdown.xlsx")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "任务分解表" in rows[0][0] and "宝教〔2024〕1号" in rows[0][0]
    assert list(rows[1]) == [*COLUMNS, "编号"]
    assert rows[2] == (
        1,
        "深化学校体育改革",
        "深化学校体育改革。具体内容。",
        "学生体质健康优良率 ≥60%",
        "2026-12-31",
        "区体育局",
        "区教育局",
        "一/1",
    )
    assert rows[3][0] == 2 and rows[3][3] == "新增托额 100个" and rows[3][7] == "一/2"
    assert sheet["A3"].font.name == "仿宋"


def test_the_progress_report_docx_follows_the_plan_in_official_layout(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q4", "55")
    response = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/report.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于《宝山区教育发展三年行动计划》推进情况的报告"
    assert texts[1] == "宝教〔2024〕1号"
    heading = texts.index("一、促进学生全面发展")
    sport = texts.index("1. 深化学校体育改革")
    assert heading < sport < texts.index("2. 推进学前教育普惠发展")
    body = "\n".join(texts)
    assert "牵头部门：区体育局；配合部门：区教育局" in body
    assert "最新值 55%（2024年第四季度，区体育局报送）" in body
    title = document.paragraphs[0].runs[0]
    assert title.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert title.font.size.pt == 22
    text_run = document.paragraphs[sport + 1].runs[0]
    assert text_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.paragraphs[heading].runs[0].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    section = document.sections[0]
    assert (
        round(section.top_margin / Cm(1), 1) == 3.7 and round(section.left_margin / Cm(1), 1) == 2.8
    )
    summary = document.tables[0]
    assert summary.rows[0].cells[0].text == "状态"


def test_the_values_csv_has_every_report_and_neutralises_formulas(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q1", "51", narrative='=HYPERLINK("x")')
    report(plan.fitness, plan.education, "2024-Q2", "-3", narrative="+1 进展")
    response = client_for("district_admin").get(f"/plans/{plan.plan.pk}/values.csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 3  # two reports on 一/1, and 一/2's target with none yet
    first, second, unreported = rows
    assert (first["编号"], first["报送部门"], first["报告期"], first["当前值"]) == (
        "一/1",
        "区体育局",
        "2024-Q1",
        "51",
    )
    assert first["进展情况"] == '\'=HYPERLINK("x")'
    assert second["进展情况"] == "'+1 进展"
    assert second["当前值"] == "-3"  # numbers we write are never formulas
    assert (unreported["编号"], unreported["报送部门"], unreported["目标值"]) == ("一/2", "", "100")


def test_a_department_cannot_export_the_whole_plan(
    plan: SmallPlan, client_for: Callable[[str], Client], world: World
) -> None:
    assert (
        client_for("department_reporter").get(f"/plans/{plan.plan.pk}/values.csv").status_code
        == 403
    )


def test_the_progress_report_writes_dates_without_leading_zeros_as_official_documents_do(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    plan.places.due_on = date(2025, 6, 5)
    plan.places.save(update_fields=["due_on"])
    response = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/report.docx")
    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "完成时限 2025年6月5日" in body
    assert "年0" not in body and "月0" not in body


def test_the_progress_report_numbers_its_pages_in_the_footer(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/report.docx")
    footer = Document(io.BytesIO(response.content)).sections[0].footer
    assert footer.paragraphs[0].text.startswith("— ")
    assert "PAGE" in footer._element.xml


def test_the_progress_report_summary_lists_statuses_in_the_order_of_the_plan_page(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/report.docx")
    rows = [row.cells[0].text for row in Document(io.BytesIO(response.content)).tables[0].rows]
    assert rows == ["状态", "已完成", "正常推进", "存在风险", "进度滞后", "逾期未完成", "未报送"]


def test_the_values_csv_names_each_comparator_in_words(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("district_admin").get(f"/plans/{plan.plan.pk}/values.csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [row["比较方式"] for row in rows] == ["不低于（≥）", "达到（=）"]


def _make_range(plan: SmallPlan) -> None:
    """一/2's target becomes 新增示范园 1-2所, read from a document as 不少于 (>=)."""
    plan.places.indicator = "新增示范园"
    plan.places.comparator = ">="
    plan.places.value, plan.places.value_max, plan.places.unit = 1, 2, "所"
    plan.places.save()


def test_a_range_target_reads_as_its_range_without_a_comparator_in_the_breakdown(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    _make_range(plan)
    response = client_for("leader").get(f"/plans/{plan.plan.pk}/breakdown.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "新增示范园 1-2所" in rows[3]


def test_a_range_target_reads_as_its_range_in_the_progress_report(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    _make_range(plan)
    response = client_for("programme_officer").get(f"/plans/{plan.plan.pk}/report.docx")
    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "新增示范园：目标 1-2所" in body
    assert "≥1-2" not in body


def test_the_values_csv_keeps_the_upper_bound_of_a_range_target(
    plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    _make_range(plan)
    response = client_for("district_admin").get(f"/plans/{plan.plan.pk}/values.csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [(r["目标值"], r["目标上限"]) for r in rows] == [("60", ""), ("1", "2")]
