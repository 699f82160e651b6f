"""The progress report (推进情况报告) as a Word document in the layout of official documents:
A4 with 公文 margins, the title in 黑体 二号, headings of the first level in 黑体 三号 and of the
second in 楷体 三号, body text in 仿宋 三号; sections follow the plan's own structure, and each
task gives its status, departments and latest accepted figures."""

from __future__ import annotations

import io
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from yinling.plans.models import Plan
from yinling.plans.models.plans import format_number
from yinling.plans.selectors import Node, PlanView, TargetLine, plan_view
from yinling.plans.status import Status

FANGSONG, HEITI, KAITI = "仿宋", "黑体", "楷体"
ER_HAO, SAN_HAO, SI_HAO = 22, 16, 14  # 二号, 三号, 四号 in points


def _style(run: object, font: str, size: int, bold: bool = False) -> None:
    run.font.name = font  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    # Word picks Chinese glyphs from the East Asian font slot, which font.name leaves alone.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)  # type: ignore[attr-defined]


def _paragraph(
    document: Document,
    text: str,
    *,
    font: str = FANGSONG,
    size: int = SAN_HAO,
    bold: bool = False,
    align: int | None = None,
    indent: bool = True,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    paragraph.paragraph_format.space_after = Pt(0)
    _style(paragraph.add_run(text), font, size, bold)
    return paragraph


def _date(day: date) -> str:
    """A date as official documents write it: 2026年1月6日, months and days without a leading
    zero (GB/T 9704: 不编虚位); in English, Django's date format for the reader's language."""
    return formats.date_format(day, "DATE_FORMAT")


def _page_numbers(document: Document) -> None:
    """The page number centred in the footer as official documents print it: — 1 —."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _style(paragraph.add_run("— "), FANGSONG, SI_HAO)
    run = paragraph.add_run()
    _style(run, FANGSONG, SI_HAO)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)  # type: ignore[attr-defined]
    _style(paragraph.add_run(" —"), FANGSONG, SI_HAO)


def _setup(document: Document) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = Pt(SAN_HAO)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)


def _line_text(line: TargetLine, today: date) -> str:
    target = line.target
    unit = target.unit
    parts = [
        _("%(indicator)s：目标 %(goal)s，完成时限 %(due)s")
        % {
            "indicator": target.indicator_label,
            "goal": target.goal,
            "due": _date(target.due_on) if target.due_on else "—",
        }
    ]
    report = line.latest
    if report is None:
        parts.append(_("尚无审核通过的进展数据"))
    else:
        period = report.reporting_period
        parts.append(
            _("最新值 %(value)s%(unit)s（%(period)s，%(department)s报送）")
            % {
                "value": format_number(report.value),
                "unit": unit,
                "period": period.label if period else report.period,
                "department": report.department.name,
            }
        )
    assessment = line.assessment
    if assessment.expected_value is not None:
        parts.append(
            _("按轨迹应达 %(value)s%(unit)s")
            % {"value": format_number(assessment.expected_value), "unit": unit}
        )
    parts.append(_("状态：%(status)s") % {"status": line.status.label})
    return "；".join(parts) + "。"


def _summary(document: Document, view: PlanView) -> None:
    counts = view.counts
    targets = sum(len(n.lines) for n in view.tasks)
    _paragraph(
        document,
        _(
            "本规划共 %(tasks)d 项任务、%(targets)d 个目标。截至 %(today)s，各项任务推进情况如下表，"
            "状态按系统规则由审核通过的最新数值与“基线—目标”直线轨迹比较得出。"
        )
        % {
            "tasks": len(view.tasks),
            "targets": targets,
            "today": _date(view.today),
        },
    )
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, (_("状态"), _("任务数")), strict=True):
        _style(cell.paragraphs[0].add_run(text), HEITI, SI_HAO)
    for status in Status:  # in the order the plan's page shows them
        cells = table.add_row().cells
        _style(cells[0].paragraphs[0].add_run(str(Status(status).label)), FANGSONG, SI_HAO)
        _style(cells[1].paragraphs[0].add_run(str(counts.get(status, 0))), FANGSONG, SI_HAO)


def _task(document: Document, node: Node, today: date) -> None:
    _paragraph(document, node.item.label, bold=True)
    status = node.status.label if node.status else "—"
    departments = _("牵头部门：%(lead)s") % {"lead": "、".join(d.name for d in node.leads) or "—"}
    if node.cooperating:
        departments += _("；配合部门：%(co)s") % {"co": "、".join(d.name for d in node.cooperating)}
    _paragraph(
        document,
        _("【%(status)s】%(departments)s。") % {"status": status, "departments": departments},
    )
    for line in node.lines:
        _paragraph(document, _line_text(line, today))


def progress_docx(plan: Plan, *, today: date | None = None) -> bytes:
    view = plan_view(plan, today=today or timezone.localdate())
    document = Document()
    _setup(document)
    _page_numbers(document)
    _paragraph(
        document,
        _("关于《%(title)s》推进情况的报告") % {"title": plan.title},
        font=HEITI,
        size=ER_HAO,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    if plan.doc_number:
        _paragraph(document, plan.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        document,
        _("（截至 %(today)s）") % {"today": _date(view.today)},
        font=KAITI,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _summary(document, view)
    for node in view.nodes:
        if node.item.is_task:
            _task(document, node, view.today)
        elif node.item.depth == 1:
            _paragraph(document, node.item.label, font=HEITI)
        elif node.item.depth == 2:
            _paragraph(document, node.item.label, font=KAITI)
        else:
            _paragraph(document, node.item.label, bold=True)
    _paragraph(
        document,
        _("（本报告由引领系统根据审核通过的进展数据生成，生成日期 %(today)s）")
        % {"today": _date(view.today)},
        size=SI_HAO,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
