"""The application form (申报表) as a Word document matching the official form of seed 000:
a cover with the six fields, then the table; 仿宋 小四 (12 pt), single line spacing."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.run import Run

from yinling.programmes.models import TEXT_FIELDS, Application, Programme

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"  # bold 二号 for the form's title, as printed in seed 000
SMALL_FOUR = Pt(12)  # 小四
TWO = Pt(22)  # 二号, for the title
CHECKED, UNCHECKED = "☑", "□"


def set_font(run: Run, name: str = BODY_FONT, size: Pt = SMALL_FOUR, *, bold: bool = False) -> None:
    """Set the font for Latin and East Asian text alike (python-docx sets only w:ascii)."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), name)


def _single(paragraph) -> None:  # noqa: ANN001
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)


def _para(
    container,
    text: str = "",
    *,
    align=None,
    size: Pt = SMALL_FOUR,
    bold: bool = False,
    font: str = BODY_FONT,
):  # noqa: ANN001, ANN202
    paragraph = container.add_paragraph()
    _single(paragraph)
    if align is not None:
        paragraph.alignment = align
    if text:
        set_font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def form_title(programme: Programme) -> str:
    return f"{programme.name}研究项目申报表"


def issuer(programme: Programme) -> str:
    if programme.district is None:
        return "上海市教育委员会"
    group = (
        "新优质学校创建工作小组"
        if programme.kind != Programme.Kind.STRENGTHENING
        else "项目工作小组"
    )
    return f"{programme.district.name}教育局{group}"


def _document() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = SMALL_FOUR
    normal.element.get_or_add_rPr()
    r_fonts = normal.element.rPr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = normal.element.rPr.makeelement(qn("w:rFonts"), {})
        normal.element.rPr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin = section.bottom_margin = Cm(3.7 - 1.0)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    return document


def _cover(document: Document, application: Application) -> None:
    programme = application.round.programme
    for _ in range(3):
        _para(document)
    _para(
        document,
        form_title(programme),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=TWO,
        bold=True,
        font=TITLE_FONT,
    )
    for _ in range(3):
        _para(document)
    applied = application.applied_on
    fields = [
        ("项目名称", application.project_name),
        ("申报学校", application.school.name),
        ("项目负责人", application.leader_name),
        ("项目联络员", application.liaison_name),
        ("联系电话", application.phone),
        ("申报日期", f"{applied.year}年{applied.month}月{applied.day}日" if applied else ""),
    ]
    for label, value in fields:
        paragraph = _para(document)
        paragraph.paragraph_format.left_indent = Cm(2.5)
        paragraph.paragraph_format.space_after = Pt(12)
        set_font(paragraph.add_run(f"{label}："))
        value_run = paragraph.add_run(value or "　" * 12)
        set_font(value_run)
        value_run.font.underline = True
    for _ in range(4):
        _para(document)
    _para(document, issuer(programme), align=WD_ALIGN_PARAGRAPH.CENTER)
    opened = application.round.opens_on
    _para(document, f"{opened.year} 年 {opened.month} 月", align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _choices(options: list[str], chosen: int | None) -> str:
    return "；".join(
        f"{CHECKED if index == chosen else UNCHECKED}{index + 1}. {option}"
        for index, option in enumerate(options)
    )


def _cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:  # noqa: ANN001
    lines = (text or "").split("\n")
    paragraph = cell.paragraphs[0]
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        _single(paragraph)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(line), bold=bold)


def _table(document: Document, application: Application) -> None:
    programme = application.round.programme
    domains = list(programme.domains.filter(is_active=True).order_by("order", "pk"))
    if application.domain and application.domain not in domains:
        domains.append(application.domain)
    source_options = ["项目指南", "自选"]
    source_index = {Application.Source.GUIDE: 0, Application.Source.SELF_SELECTED: 1}.get(
        application.source
    )
    source_text = _choices(source_options, source_index)
    if application.guide_item:
        source_text += f"\n（指南项目：{application.guide_item.title}）"
    domain_index = domains.index(application.domain) if application.domain in domains else None
    rows = [
        ("项目名称", application.project_name),
        ("项目来源", source_text),
        ("所属领域", _choices([d.name for d in domains], domain_index)),
    ]
    for name, label, _default in TEXT_FIELDS:
        rows.append((f"{label}\n（{programme.limit_for(name)}字）", getattr(application, name)))
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(3.6), Cm(12.0)
        _cell(row.cells[0], label, bold=True, center=True)
        _cell(row.cells[1], value)


def _notes(document: Document) -> None:
    _para(document)
    _para(document, "填写说明：", bold=True)
    for line in (
        "1. 字数作为参考。采用仿宋小四字体，单倍行距。",
        "2. 研究项目可以从《指南》里选择，也可以根据学校需要自行确定。",
        "3. 研究项目是学校高质量发展的重要举措之一，要处理好项目研究与学校整体发展的关系，坚持以点带面。",
    ):
        _para(document, line)


def application_docx(application: Application) -> bytes:
    """The filled application form, as the office prints and files it."""
    document = _document()
    _cover(document, application)
    _table(document, application)
    _notes(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_filename(application: Application) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', "", application.project_name or "未命名项目")[:40]
    return f"{application.display_id}_{application.school.short_name or application.school.name}_{name}.docx"
