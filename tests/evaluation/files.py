"""Score files in memory, as the office would upload them."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

LONG_HEADERS = ["学籍号", "学校代码", "科目", "成绩", "性别"]


def csv_upload(
    rows: list[list[object]],
    headers: list[str] | None = None,
    *,
    encoding: str = "utf-8",
    name: str = "scores.csv",
) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers or LONG_HEADERS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def xlsx_upload(
    rows: list[list[object]], headers: list[str] | None = None, *, name: str = "scores.xlsx"
) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headers or LONG_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
