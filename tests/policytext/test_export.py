"""JSON, Markdown and the XLSX task breakdown."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.policytext.helpers import parse_lines, seed_path
from yinling.policytext import PolicyDocument, parse_document, to_json, to_markdown, write_xlsx
from yinling.policytext.export import task_rows
from yinling.policytext.xlsx_export import HEADERS, escape_cell


@pytest.fixture(scope="module")
def seed_004() -> PolicyDocument:
    return parse_document(seed_path("004"))


def test_the_json_has_the_agreed_shape(seed_004: PolicyDocument) -> None:
    data = json.loads(to_json(seed_004))
    assert {"title", "doc_number", "issuer", "date", "items"} <= set(data)
    item = data["items"][0]
    assert {"path", "heading", "text", "departments", "lead_departments", "targets"} <= set(item)
    target = next(t for i in data["items"] for t in i["targets"])
    assert {"text", "indicator", "value", "unit", "comparator", "year"} <= set(target)


def test_the_json_keeps_chinese_readable(seed_004: PolicyDocument) -> None:
    assert "闵委发〔2023〕6号" in to_json(seed_004)


def test_the_markdown_is_an_outline_with_departments_and_targets(seed_004: PolicyDocument) -> None:
    markdown = to_markdown(seed_004)
    assert markdown.startswith("# 中共闵行区委")
    assert "    - **16.** 推进基础教育优质均衡发展" in markdown
    assert "普惠性幼儿园覆盖率 ≥95%（2025年）" in markdown


def test_the_task_breakdown_lists_leaves_and_items_that_assign_work(
    seed_004: PolicyDocument,
) -> None:
    rows = task_rows(seed_004)
    numbers = [row.number for row in rows]
    assert "三/（六）/5" in numbers and "一/（一）" in numbers and "三/（六）" not in numbers


def test_a_task_row_leaves_heading_and_department_clause_out_of_its_content(
    seed_004: PolicyDocument,
) -> None:
    row = next(row for row in task_rows(seed_004) if row.number == "五/（十）/20")
    assert row.content.startswith("建立覆盖全区的数字课程资源体系")
    assert "责任部门" not in row.content
    assert row.lead == "区教育局"


def test_a_task_row_splits_lead_and_cooperating_departments() -> None:
    document = parse_lines("一、任务", "1.建设学校5所。（区教育局牵头，区财政局、各街镇配合）")
    row = task_rows(document)[0]
    assert (row.lead, row.cooperating, row.deadline) == ("区教育局", "区财政局、各街镇", "")


def _sheet(document: PolicyDocument) -> Worksheet:
    stream = io.BytesIO()
    write_xlsx(document, stream)
    return load_workbook(io.BytesIO(stream.getvalue())).active


def test_the_workbook_has_a_title_row_a_bold_header_and_a_frozen_header(
    seed_004: PolicyDocument,
) -> None:
    sheet = _sheet(seed_004)
    assert sheet["A1"].value.startswith("中共闵行区委")
    assert [cell.value for cell in sheet[3]] == list(HEADERS)
    assert sheet["A3"].font.b and sheet["A3"].font.name == "仿宋"
    assert sheet.freeze_panes == "A4"


def test_the_workbook_wraps_text_in_fangsong_with_sensible_widths(seed_004: PolicyDocument) -> None:
    sheet = _sheet(seed_004)
    assert sheet["C4"].alignment.wrap_text and sheet["C4"].font.name == "仿宋"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_the_workbook_has_one_row_per_task(seed_004: PolicyDocument) -> None:
    assert _sheet(seed_004).max_row == 3 + len(task_rows(seed_004))


@pytest.mark.parametrize("value", ["=1+1", "+86", "-3", "@SUM(A1)"])
def test_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped(value: str) -> None:
    assert escape_cell(value) == "'" + value


def test_a_formula_in_the_document_stays_inert_in_the_workbook() -> None:
    document = parse_lines('=HYPERLINK("http://x")', "一、目标", "1.加强领导。")
    assert _sheet(document)["A1"].value.startswith("'=")
