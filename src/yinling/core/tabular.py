"""Shared spreadsheet plumbing for imports and exports: reading rows, row-numbered errors,
formula-safe cells and ledger-style XLSX output (openpyxl write-only mode)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from charset_normalizer import from_bytes
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

ERR_NOT_EXCEL = gettext_noop("文件不是有效的 Excel 工作簿（.xlsx）")
ERR_NOT_CSV = gettext_noop("无法识别文件编码，请使用 UTF-8 或 GB18030 编码的 CSV 文件")
ERR_EMPTY = gettext_noop("文件中没有数据行")
ERR_MISSING_COLUMNS = gettext_noop("缺少必需的列：%(columns)s")
ERR_UNSUPPORTED = gettext_noop("不支持的文件类型“%(name)s”，请上传 .xlsx 或 .csv 文件")

OFFICIAL_FONT = "仿宋"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's own row number (header is row 1)
    column: str  # the column's header text, or "" for a whole-row problem
    message: str
    sheet: str = ""  # the sheet's name, for a workbook read sheet by sheet

    def __str__(self) -> str:
        where = self._where()
        if self.sheet:
            where = _("“%(sheet)s”表%(where)s") % {"sheet": self.sheet, "where": where}
        return capfirst(_("%(where)s：%(message)s") % {"where": where, "message": self.message})

    def _where(self) -> str:
        if self.column:
            return _("第 %(row)d 行“%(column)s”列") % {"row": self.row, "column": self.column}
        return _("第 %(row)d 行") % {"row": self.row}


class ImportRejected(Exception):
    """The file was refused; nothing was written. Carries every problem found."""

    def __init__(self, errors: Sequence[RowError | str]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:20]))


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number, values by header)


def _clean_header(value: Any) -> str:
    return str(value or "").strip().replace("\n", "").replace("*", "").strip()


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _rows_to_sheet(raw_rows: Iterator[Sequence[Any]], first_row: int = 1) -> Sheet:
    try:
        header_row = next(raw_rows)
    except StopIteration as exc:
        raise ImportRejected([_(ERR_EMPTY)]) from exc
    headers = [_clean_header(h) for h in header_row]
    rows: list[tuple[int, dict[str, Any]]] = []
    for offset, raw in enumerate(raw_rows, start=first_row + 1):
        values = {h: _clean_value(v) for h, v in zip(headers, raw, strict=False) if h}
        if any(v is not None for v in values.values()):
            rows.append((offset, values))
    if not rows:
        raise ImportRejected([_(ERR_EMPTY)])
    return Sheet(headers=[h for h in headers if h], rows=rows)


def read_xlsx(stream: IO[bytes], *, sheet_name: str | None = None) -> Sheet:
    """Rows of the first (or named) sheet; row numbers are Excel's own."""
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected([_(ERR_NOT_EXCEL)]) from exc
    try:
        worksheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
        return _rows_to_sheet(worksheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, then a detector's best guess."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise ImportRejected([_(ERR_NOT_CSV)])
    return str(best)


def read_csv(stream: IO[bytes]) -> Sheet:
    text = decode_text(stream.read())
    return _rows_to_sheet(iter(csv.reader(io.StringIO(text))))


def read_table(upload: Any) -> Sheet:
    """Read an uploaded .xlsx or .csv file by its name."""
    name = str(getattr(upload, "name", "")).lower()
    if name.endswith(".xlsx"):
        return read_xlsx(upload)
    if name.endswith(".csv"):
        return read_csv(upload)
    raise ImportRejected([_(ERR_UNSUPPORTED) % {"name": getattr(upload, "name", "")}])


def require_columns(sheet: Sheet, required: Iterable[str]) -> None:
    missing = [c for c in required if c not in sheet.headers]
    if missing:
        raise ImportRejected([_(ERR_MISSING_COLUMNS) % {"columns": "、".join(missing)}])


def safe_cell(value: Any) -> Any:
    """Neutralise text that a spreadsheet would run as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = "DDE6F0"
_EDITABLE_FILL = "FFF4D6"


@dataclass(frozen=True)
class LedgerSheet:
    """One sheet of a ledger workbook.

    ``title`` is a large first row above the header; leave it out for a sheet that is to be
    imported back, since importers read the header from row 1. ``editable`` names the
    columns whose header is shaded yellow: the ones an import reads back.
    """

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str | None = None
    widths: Sequence[int] | None = None
    editable: Collection[str] = frozenset()


def ledger_workbook(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] | None = None,
    sheet_title: str = "Sheet1",
) -> bytes:
    """A ledger (台账) as officials expect it: a title row, a bold frozen header, 仿宋 cells."""
    sheet = LedgerSheet(name=sheet_title, headers=headers, rows=rows, title=title, widths=widths)
    return ledger_workbook_sheets([sheet])


def ledger_workbook_sheets(sheets: Iterable[LedgerSheet]) -> bytes:
    """A workbook of ledger sheets in the given order, each in the house style."""
    workbook = Workbook(write_only=True)
    for ledger in sheets:
        _write_sheet(workbook, ledger)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, ledger: LedgerSheet) -> None:
    # Write-only sheets take widths and frozen panes before the first row is appended.
    sheet = workbook.create_sheet(title=ledger.name[:31])
    for index, width in enumerate(ledger.widths or [18] * len(ledger.headers)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2" if ledger.title is None else "A3"
    _set_up_printing(sheet, header_row=1 if ledger.title is None else 2)
    if ledger.title is not None:
        title_cell = WriteOnlyCell(sheet, value=safe_cell(ledger.title))
        title_cell.font = Font(name=OFFICIAL_FONT, size=16, bold=True)
        sheet.append([title_cell])
    sheet.append([_header_cell(sheet, h, h in ledger.editable) for h in ledger.headers])
    for row in ledger.rows:
        sheet.append([_body_cell(sheet, v) for v in row])


def _set_up_printing(sheet: Any, *, header_row: int) -> None:
    """Printed, a ledger fits the width of landscape A4 and repeats its header on every page,
    with 第 N 页 共 M 页 in the footer: a 台账 is handed round on paper."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = _("第 &P 页 共 &N 页")
    sheet.oddFooter.center.font = OFFICIAL_FONT


def _header_cell(sheet: Any, value: str, editable: bool) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(name=OFFICIAL_FONT, bold=True, size=12)
    cell.fill = PatternFill("solid", fgColor=_EDITABLE_FILL if editable else _HEADER_FILL)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = _BORDER
    return cell


def _body_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    cell.font = Font(name=OFFICIAL_FONT, size=11)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.border = _BORDER
    return cell
