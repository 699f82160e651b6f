"""The application form as Word, checked by opening it with python-docx; the round's ZIP."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from tests.personas import World
from tests.programmes.factories import FILLED, scene, submitted_application
from yinling.programmes import services
from yinling.programmes.exports.bundle import round_zip
from yinling.programmes.exports.word import application_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(world: World) -> Document:
    s = scene(world, assign=False)
    return Document(io.BytesIO(application_docx(s.application)))


def _text(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_cover_carries_the_title_and_the_six_fields(document: Document, world: World) -> None:
    text = _text(document)
    assert "宝山区新优质学校高质量发展引领计划研究项目申报表" in text
    assert f"项目名称：{FILLED['project_name']}" in text
    assert f"申报学校：{world.school_a.name}" in text
    for label in (
        "项目负责人：王校长",
        "项目联络员：李老师",
        "联系电话：021-56781234",
        "申报日期：",
    ):
        assert label in text
    assert "宝山区教育局新优质学校创建工作小组" in text


def test_the_table_has_the_forms_rows_with_their_limits(document: Document) -> None:
    table = document.tables[0]
    labels = [row.cells[0].text for row in table.rows]
    assert labels == [
        "项目名称",
        "项目来源",
        "所属领域",
        "研究目标\n（300字）",
        "问题与挑战\n（200字）",
        "研究内容\n（600字）",
        "研究过程与方法\n（400字）",
        "预期成果\n（200字）",
    ]
    values = {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in table.rows}
    assert values["研究目标"] == FILLED["goals"]
    assert values["项目来源"] == "□1. 项目指南；☑2. 自选"
    assert values["所属领域"].startswith("☑1. 推进学校育人方式变革；□2. 提高学校治理能力")


def test_every_run_is_fangsong_small_four_with_the_east_asian_font_set(document: Document) -> None:
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    body = [r for r in runs if "申报表" not in r.text]
    assert body
    for run in body:
        assert run.font.name == "仿宋"
        assert run.font.size == Pt(12)
        assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"


def test_the_paragraphs_use_single_line_spacing(document: Document) -> None:
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert all(p.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE for p in cells)
    assert document.styles["Normal"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE


def test_a_guide_project_names_its_guide_item(world: World) -> None:
    s = scene(world, assign=False)
    item = services.guide_item_create(
        actor=None, domain=s.programme.domains.first(), title="基于课程标准的单元教学"
    )
    application = submitted_application(
        s.round, world.school_b, world.school_b_admin, source="guide", guide_item=item
    )
    document = Document(io.BytesIO(application_docx(application)))
    source = document.tables[0].rows[1].cells[1].text
    assert source.startswith("☑1. 项目指南；□2. 自选") and "基于课程标准的单元教学" in source


def test_a_round_downloads_as_a_zip_of_forms_and_one_summary(world: World) -> None:
    s = scene(world, assign=False)
    submitted_application(s.round, world.school_b, world.school_b_admin)
    with zipfile.ZipFile(io.BytesIO(round_zip(s.round))) as archive:
        names = archive.namelist()
        forms = [n for n in names if n.endswith(".docx")]
        assert len(forms) == 2 and all(n.startswith("申报表/SB-") for n in forms)
        summary = load_workbook(io.BytesIO(archive.read("2024年度引领项目申报汇总.xlsx")))
    sheet = summary.active
    assert sheet["A2"].value == "编号"
    assert sheet.max_row == 4  # title, header, two applications


def test_the_summary_name_does_not_repeat_the_rounds_closing_word(world: World) -> None:
    s = scene(world, assign=False)
    assert s.round.name.endswith("申报")
    with zipfile.ZipFile(io.BytesIO(round_zip(s.round))) as archive:
        summary_names = [n for n in archive.namelist() if n.endswith(".xlsx")]
        summary = load_workbook(io.BytesIO(archive.read(summary_names[0])))
    assert summary_names == ["2024年度引领项目申报汇总.xlsx"]
    assert "申报申报" not in summary.active["A1"].value


def test_the_word_download_has_a_chinese_file_name(world: World, client_for) -> None:  # noqa: ANN001
    s = scene(world, assign=False)
    response = client_for("school_admin").get(
        f"/programmes/applications/{s.application.pk}/form.docx"
    )
    assert response.status_code == 200
    assert "filename*=UTF-8''SB-" in response["Content-Disposition"]
