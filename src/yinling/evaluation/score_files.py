"""Reading uploaded score files in batches, without holding them in memory.

CSV (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows writes it) is streamed by
polars; XLSX by openpyxl's read-only mode (a sheet holds at most 1,048,576 rows, so files of
millions of rows arrive as CSV). Every batch is a polars DataFrame of text columns named by the
file's headers, plus `__row`: the spreadsheet's own row number (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from yinling.core.tabular import (
    ERR_EMPTY,
    ERR_NOT_CSV,
    ERR_NOT_EXCEL,
    ERR_UNSUPPORTED,
    ImportRejected,
)

SUFFIXES = (".csv", ".xlsx")
ROW = "__row"
ERR_DUPLICATE_HEADER = gettext_noop("表头“%(header)s”出现了不止一次，请修改后重新上传")
ERR_NO_HEADER = gettext_noop("第 1 行应为表头（列名），但它是空的")
ERR_NOT_CSV_SHAPE = gettext_noop("文件不是有效的 CSV 格式：%(detail)s")
_SNIFF_BYTES = 1 << 20

Progress = Callable[[float], None]


@dataclass(frozen=True)
class ScoreFile:
    path: Path

    @property
    def kind(self) -> str:
        suffix = self.path.suffix.lower()
        if suffix not in SUFFIXES:
            raise ImportRejected([_(ERR_UNSUPPORTED) % {"name": self.path.name}])
        return suffix[1:]

    def headers(self) -> list[str]:
        """The cleaned header row; a blank header names a column nobody can map."""
        if self.kind == "xlsx":
            rows = _xlsx_rows(self.path)
            try:
                header = next(rows, None)
            finally:
                rows.close()
        else:
            with _csv_text(self.path) as text:
                header = next(csv.reader(text), None)
        return _check_header(header)

    def has_data_rows(self) -> bool:
        """Whether any row below the header holds something; reads only up to the first one."""
        if self.kind == "xlsx":
            rows = _xlsx_rows(self.path)
            try:
                next(rows, None)
                return any(_filled(row) for row in rows)
            finally:
                rows.close()
        with _csv_text(self.path) as text:
            reader = csv.reader(text)
            next(reader, None)
            return any(_filled(row) for row in reader)

    def batches(
        self, *, size: int = 100_000, progress: Progress | None = None
    ) -> Iterator[pl.DataFrame]:
        headers = self.headers()
        if self.kind == "xlsx":
            yield from _xlsx_batches(self.path, headers, size, progress)
        else:
            yield from _csv_batches(self.path, headers, size, progress)

    def preview(self, limit: int = 10) -> list[dict[str, Any]]:
        batches = self.batches(size=limit)
        try:
            first = next(batches, None)
        finally:
            batches.close()
        return [] if first is None else first.head(limit).to_dicts()


def _check_header(header: tuple[Any, ...] | list[Any] | None) -> list[str]:
    if header is None:
        raise ImportRejected([_(ERR_EMPTY)])
    names = [_clean_header(h) for h in header]
    if not any(names):
        raise ImportRejected([_(ERR_NO_HEADER)])
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise ImportRejected([_(ERR_DUPLICATE_HEADER) % {"header": name}])
        seen.add(name)
    return names


def _filled(row: tuple[Any, ...] | list[Any]) -> bool:
    return any(str(value).strip() for value in row if value is not None)


def _clean_header(value: Any) -> str:
    return str(value or "").strip().replace("\n", "").replace("*", "").strip()


def _named(headers: list[str]) -> list[str]:
    """Unique frame column names: blank headers get placeholders nobody can map."""
    return [h or f"__blank_{i}" for i, h in enumerate(headers)]


def _tidy(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim every cell, blanks become null, rows with nothing in them go."""
    columns = [c for c in frame.columns if c != ROW]
    trimmed = frame.with_columns(
        pl.col(c).str.strip_chars().replace("", None).alias(c) for c in columns
    )
    if not columns:
        return trimmed
    return trimmed.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in columns))


def detect_encoding(path: Path) -> str:
    """utf-8 when the start of the file is valid UTF-8, otherwise GB18030."""
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=len(head) < _SNIFF_BYTES)
    except UnicodeDecodeError:
        try:
            codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        except UnicodeDecodeError as exc:
            raise ImportRejected([_(ERR_NOT_CSV)]) from exc
        return "gb18030"
    return "utf-8-sig"


def _csv_text(path: Path) -> io.TextIOWrapper:
    return open(path, encoding=detect_encoding(path), newline="")  # noqa: SIM115


def _csv_batches(
    path: Path, headers: list[str], size: int, progress: Progress | None
) -> Iterator[pl.DataFrame]:
    source, transcoded = path, None
    if detect_encoding(path) == "gb18030":
        # polars reads UTF-8 only: transcode once, in a stream, beside the staged upload.
        transcoded = path.with_name(path.name + ".utf8.csv")
        with open(path, encoding="gb18030", newline="") as src:
            with open(transcoded, "w", encoding="utf-8", newline="") as dst:
                try:
                    shutil.copyfileobj(src, dst, 1 << 20)
                except UnicodeDecodeError as exc:
                    raise ImportRejected([_(ERR_NOT_CSV)]) from exc
        source = transcoded
    try:
        expected = _estimate_rows(source)
        scan = pl.scan_csv(
            source,
            has_header=False,
            skip_rows=1,
            infer_schema=False,
            new_columns=_named(headers),
            truncate_ragged_lines=True,
            raise_if_empty=False,
            missing_columns="insert",
        ).with_row_index(ROW, offset=2)
        done = 0
        try:
            for batch in scan.collect_batches(chunk_size=size):
                done += batch.height
                if progress is not None:
                    progress(min(done / expected, 1.0))
                yield _tidy(_with_all_columns(batch, headers))
        except pl.exceptions.PolarsError as exc:
            raise ImportRejected([_(ERR_NOT_CSV_SHAPE) % {"detail": str(exc)[:200]}]) from exc
    finally:
        if transcoded is not None:
            transcoded.unlink(missing_ok=True)


def _with_all_columns(batch: pl.DataFrame, headers: list[str]) -> pl.DataFrame:
    missing = [name for name in _named(headers) if name not in batch.columns]
    if missing:
        batch = batch.with_columns(pl.lit(None, dtype=pl.String).alias(m) for m in missing)
    return batch


def _estimate_rows(path: Path) -> int:
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    lines = max(head.count(b"\n"), 1)
    return max(int(size / (len(head) / lines)), 1)


def _xlsx_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected([_(ERR_NOT_EXCEL)]) from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def cell_text(value: Any) -> str | None:
    """A cell as the text a CSV export would hold: 12.0 -> "12", dates as ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_batches(
    path: Path, headers: list[str], size: int, progress: Progress | None
) -> Iterator[pl.DataFrame]:
    names = _named(headers)
    width = len(names)
    rows = _xlsx_rows(path)
    try:
        next(rows, None)
        buffer: list[list[str | None]] = [[] for _ in range(width + 1)]
        for number, row in enumerate(rows, start=2):
            buffer[0].append(number)  # type: ignore[arg-type]
            for i in range(width):
                buffer[i + 1].append(cell_text(row[i]) if i < len(row) else None)
            if len(buffer[0]) >= size:
                yield _xlsx_frame(buffer, names)
                buffer = [[] for _ in range(width + 1)]
                if progress is not None:
                    progress(0.5)
        if buffer[0]:
            yield _xlsx_frame(buffer, names)
    finally:
        rows.close()


def _xlsx_frame(buffer: list[list[Any]], names: list[str]) -> pl.DataFrame:
    data = {ROW: pl.Series(ROW, buffer[0], dtype=pl.UInt32)}
    for name, values in zip(names, buffer[1:], strict=True):
        data[name] = pl.Series(name, values, dtype=pl.String)
    return _tidy(pl.DataFrame(data))
