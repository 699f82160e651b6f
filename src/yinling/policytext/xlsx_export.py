"""The task breakdown (任务分解表) as an Excel workbook, laid out as a bureau hands it out."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from yinling.policytext.export import task_rows
from yinling.policytext.model import PolicyDocument

FONT_NAME = "仿宋"
HEADERS = ("序号", "任务", "具体内容", "目标", "完成时限", "牵头部门", "配合部门")
WIDTHS = (12, 24, 60, 34, 12, 24, 28)
HEADER_ROW = 3
# Spreadsheet programs run a cell that starts with these as a formula (CSV/formula injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def escape_cell(value: str) -> str:
    """``value`` made inert for spreadsheets: a leading = + - @ gets a quote before it."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _subtitle(document: PolicyDocument) -> str:
    facts = [
        document.doc_number,
        document.issuer,
        document.date.isoformat() if document.date else None,
    ]
    return "　".join(fact for fact in facts if fact)


def write_xlsx(document: PolicyDocument, target: Path | str | BinaryIO) -> None:
    """Write the task breakdown of ``document`` to a file path or binary stream."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务分解表"
    last_column = get_column_letter(len(HEADERS))

    sheet.append([escape_cell(f"{document.title or ''}任务分解表")])
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 40
    sheet.append([escape_cell(_subtitle(document))])
    sheet.merge_cells(f"A2:{last_column}2")
    sheet["A2"].font = Font(name=FONT_NAME, size=11)
    sheet["A2"].alignment = Alignment(horizontal="center")

    sheet.append(list(HEADERS))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(name=FONT_NAME, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER

    body_font = Font(name=FONT_NAME, size=11)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in task_rows(document):
        values = (
            row.number,
            row.task,
            row.content,
            row.targets,
            row.deadline,
            row.lead,
            row.cooperating,
        )
        sheet.append([escape_cell(value) for value in values])
        for cell in sheet[sheet.max_row]:
            cell.font = body_font
            cell.alignment = wrap
            cell.border = _BORDER

    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    workbook.save(target)
