from __future__ import annotations

import io

from openpyxl import Workbook

from yinling.core.services.school_import import COLUMNS


def workbook(rows: list[list[object]], headers: list[str] | None = None) -> io.BytesIO:
    """An in-memory .xlsx with the import's header and the given rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers or COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "schools.xlsx"
    return buffer
