"""A thin loader: CSV / XLSX / Parquet file -> polars DataFrame.

Only reading happens here; checking and typing the columns is ``inputs``' job.
Identifier columns are kept as text so that school codes such as ``0012`` keep
their leading zeros.  CSV files exported by Excel on Chinese Windows are often
GB18030 (GBK) encoded, so a CSV that is not valid UTF-8 is decoded as GB18030.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from yinling.stats.errors import InputFileError

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".parquet")


def read_scores(
    path: str | Path,
    *,
    rename: Mapping[str, str] | None = None,
    text_columns: Sequence[str] = ("student_id", "school_id"),
    columns: Sequence[str] | None = None,
    number_columns: Sequence[str] = (),
) -> pl.DataFrame:
    """Read a score file and rename its columns (``{file name: canonical name}``).

    ``text_columns`` (canonical names) are read as text.  ``columns`` (canonical
    names), when given, limits reading to those columns that exist in the file;
    a missing one is reported later by ``inputs.prepare_scores``.  A CSV's
    ``number_columns`` (canonical names) are parsed straight to Float64, with
    no type inference and no text column in between; if one of them holds text
    (缺考), the file is read again with inferred types and ``inputs`` turns the
    text into missing values, so either way the numbers are the same.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path} does not exist")
    rename = dict(rename or {})
    inverse = {target: source for source, target in rename.items()}
    text_sources = [inverse.get(name, name) for name in text_columns]
    number_sources = [inverse.get(name, name) for name in number_columns]
    wanted = None if columns is None else [inverse.get(name, name) for name in columns]
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = _read_csv(path, text_sources, number_sources, wanted)
        elif suffix == ".parquet":
            frame = _read_parquet(path, wanted)
        elif suffix == ".xlsx":
            frame = _read_xlsx(path)
            frame = frame.select(_present(frame.columns, wanted))
        else:
            raise InputFileError(f"unsupported file type {suffix!r}; use {SUPPORTED_SUFFIXES}")
    except InputFileError:
        raise
    except Exception as exc:  # polars / openpyxl raise many types for a bad file
        raise InputFileError(f"{path.name}: {exc}") from exc
    present = {source: target for source, target in rename.items() if source in frame.columns}
    return frame.rename(present)


def _present(header: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    return list(header) if wanted is None else [name for name in header if name in set(wanted)]


def _read_parquet(path: Path, wanted: Sequence[str] | None) -> pl.DataFrame:
    header = pl.read_parquet_schema(path)
    return pl.read_parquet(path, columns=_present(list(header), wanted))


def _read_csv(
    path: Path,
    text_sources: list[str],
    number_sources: list[str],
    wanted: Sequence[str] | None,
) -> pl.DataFrame:
    try:
        return _csv_from(path, text_sources, number_sources, wanted)
    except pl.exceptions.ComputeError as exc:
        if not _is_encoding_error(exc):
            raise
    text = path.read_bytes().decode("gb18030")
    return _csv_from(io.BytesIO(text.encode("utf-8")), text_sources, number_sources, wanted)


def _is_encoding_error(exc: Exception) -> bool:
    return "utf-8" in str(exc).lower() or "utf8" in str(exc).lower()


def _csv_from(
    source: Path | io.BytesIO,
    text_sources: list[str],
    number_sources: list[str],
    wanted: Sequence[str] | None,
) -> pl.DataFrame:
    header = pl.read_csv(source, n_rows=0).columns
    columns = _present(header, wanted)
    schema = {name: pl.String for name in text_sources if name in columns}
    numbers = {
        name: pl.Float64 for name in number_sources if name in columns and name not in schema
    }
    if numbers:
        try:
            return _csv_read(source, columns, {**schema, **numbers})
        except pl.exceptions.ComputeError as exc:
            if _is_encoding_error(exc):
                raise
            # A number column holds text (缺考): read it as text below.
    return _csv_read(source, columns, schema)


def _csv_read(
    source: Path | io.BytesIO, columns: list[str], schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    if isinstance(source, io.BytesIO):
        source.seek(0)
    return pl.read_csv(source, columns=columns, schema_overrides=schema, infer_schema_length=10_000)


def _read_xlsx(path: Path) -> pl.DataFrame:
    # openpyxl (a locked dependency) instead of polars' fastexcel engine, which
    # is not installed.  Read-only mode streams the first worksheet.
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputFileError(f"{path.name} is empty")
        names = [
            str(name).strip() if name is not None else f"column_{i}"
            for i, name in enumerate(header)
        ]
        columns: list[list[object]] = [[] for _ in names]
        for row in rows:
            if row is None or all(value is None for value in row):
                continue
            for i in range(len(names)):
                columns[i].append(row[i] if i < len(row) else None)
    finally:
        workbook.close()
    return pl.DataFrame(
        {name: _column(values) for name, values in zip(names, columns, strict=True)}
    )


def _column(values: list[object]) -> pl.Series:
    """Numbers stay numbers; anything else (or a mix) becomes text."""
    present = [value for value in values if value is not None and value != ""]
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        cleaned = [None if value == "" else value for value in values]
        if all(isinstance(v, int) for v in present):
            return pl.Series(cleaned, dtype=pl.Int64)
        return pl.Series(cleaned, dtype=pl.Float64)
    return pl.Series([None if v is None or v == "" else str(v) for v in values], dtype=pl.String)
