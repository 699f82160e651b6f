"""Check an input frame and bring it to the canonical shape the engine uses.

Canonical columns: ``student_id`` and ``school_id`` (text), ``prior`` and
``score`` (Float64, missing or non-numeric entries such as 缺考 become null),
optionally ``subject`` and ``cohort`` (text), plus the covariates unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from yinling.stats.errors import (
    DuplicateStudentError,
    InvalidOptionError,
    MissingColumnError,
    MissingIdentifierError,
)
from yinling.stats.runs import distinct

STUDENT, SCHOOL, PRIOR, SCORE, SUBJECT, COHORT = (
    "student_id",
    "school_id",
    "prior",
    "score",
    "subject",
    "cohort",
)
RESERVED = (STUDENT, SCHOOL, PRIOR, SCORE, SUBJECT, COHORT)


@dataclass(frozen=True)
class ColumnNames:
    """Where the canonical columns live in the caller's frame."""

    student: str = STUDENT
    school: str = SCHOOL
    prior: str = PRIOR
    score: str = SCORE
    subject: str | None = None
    cohort: str | None = None

    def mapping(self) -> dict[str, str]:
        """``{caller's name: canonical name}`` for the columns in use."""
        pairs = {
            self.student: STUDENT,
            self.school: SCHOOL,
            self.prior: PRIOR,
            self.score: SCORE,
        }
        if self.subject is not None:
            pairs[self.subject] = SUBJECT
        if self.cohort is not None:
            pairs[self.cohort] = COHORT
        return pairs


def prepare_scores(
    frame: pl.DataFrame, names: ColumnNames, covariates: Sequence[str]
) -> pl.DataFrame:
    """Select, rename, type and check the columns; raise on unusable input."""
    mapping = names.mapping()
    _check_columns(frame, [*mapping, *covariates])
    clashes = [c for c in covariates if c in RESERVED or c in mapping]
    if clashes:
        raise InvalidOptionError(f"covariates may not reuse the key or score columns: {clashes}")
    if frame.height == 0:
        raise MissingColumnError("the input has no rows")
    typed = frame.select(
        _identifier(frame, names.student).alias(STUDENT),
        _identifier(frame, names.school, few_values=True).alias(SCHOOL),
        _number(frame, names.prior).alias(PRIOR),
        _number(frame, names.score).alias(SCORE),
        *(
            [_identifier(frame, names.subject, few_values=True).alias(SUBJECT)]
            if names.subject
            else []
        ),
        *(
            [_identifier(frame, names.cohort, few_values=True).alias(COHORT)]
            if names.cohort
            else []
        ),
        *[_covariate(frame, c) for c in covariates],
    )
    _check_identifiers(typed)
    _check_duplicates(typed)
    return typed


def _check_columns(frame: pl.DataFrame, required: Sequence[str]) -> None:
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise MissingColumnError(f"{missing}; the input has {frame.columns}")


def _identifier(frame: pl.DataFrame, name: str, *, few_values: bool = False) -> pl.Expr:
    """Identifiers as trimmed text; whole-number floats (from Excel) lose '.0'.

    A text column with ``few_values`` (schools, subjects, cohorts) is trimmed
    only when one of its distinct values needs it: finding the distinct values
    is cheaper than trimming every row.
    """
    column = pl.col(name)
    if few_values and frame.schema[name] == pl.String and _is_clean(frame.get_column(name)):
        return column
    text = column.cast(pl.String)
    if frame.schema[name].is_float():
        whole = column.cast(pl.Int64, strict=False).cast(pl.String)
        text = pl.when(column.round(0) == column).then(whole).otherwise(text)
    return text.str.strip_chars().replace("", None)


def _is_clean(values: pl.Series) -> bool:
    """No value is empty or has leading or trailing white space."""
    codes = distinct(values).drop_nulls()
    return not (codes.str.strip_chars() != codes).any() and not (codes == "").any()


def _covariate(frame: pl.DataFrame, name: str) -> pl.Expr:
    """Covariates keep their type; NaN in a float covariate means missing."""
    column = pl.col(name)
    return column.fill_nan(None) if frame.schema[name].is_float() else column


def _number(frame: pl.DataFrame, name: str) -> pl.Expr:
    """Scores as Float64; text such as 缺考 and non-finite values become null.

    Text is trimmed first, so " 71.5" is the number a CSV reader parses.
    """
    column = pl.col(name)
    dtype = frame.schema[name]
    if dtype == pl.Float64 and frame.select(column.is_finite().all()).item():
        return column  # already clean: keep polars' buffer instead of copying it
    if dtype == pl.String:
        column = column.str.strip_chars()
    value = column.cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value).otherwise(None)


@dataclass(frozen=True)
class NonNumeric:
    """Entries of a score column that are not numbers and therefore count as missing.

    ``lines`` are the first few file lines holding one (the header is line 1), so a
    teacher can find them; ``values`` the distinct texts, most frequent first.
    """

    column: str
    count: int
    values: tuple[str, ...]
    lines: tuple[int, ...]

    def describe(self) -> str:
        shown = ", ".join(f"'{v}'" for v in self.values)
        where = ", ".join(str(line) for line in self.lines)
        more = " …" if self.count > len(self.lines) else ""
        entries = "1 entry is" if self.count == 1 else f"{self.count} entries are"
        lines = "line" if len(self.lines) == 1 else "lines"
        return (
            f"{self.column}: {entries} not a number and counted as missing "
            f"({shown}; {lines} {where}{more})"
        )


def non_numeric_entries(
    frame: pl.DataFrame, columns: Sequence[str], *, shown: int = 5
) -> list[NonNumeric]:
    """Text in number columns (缺考 on purpose, 优 or 7O by mistake), for the caller to report.

    Only text columns are looked at: a column polars read as numbers has none.
    """
    found = []
    for name in columns:
        if name not in frame.columns or frame.schema[name] != pl.String:
            continue
        text = pl.col(name).str.strip_chars()
        bad = (
            frame.with_row_index("_line", offset=2)
            .filter(
                text.is_not_null() & (text != "") & text.cast(pl.Float64, strict=False).is_null()
            )
            .select(pl.col("_line"), text.alias("_value"))
        )
        if bad.height == 0:
            continue
        values = bad.get_column("_value").value_counts(sort=True).get_column("_value")
        found.append(
            NonNumeric(
                column=name,
                count=bad.height,
                values=tuple(values.head(shown).to_list()),
                lines=tuple(bad.get_column("_line").head(shown).to_list()),
            )
        )
    return found


def _check_identifiers(frame: pl.DataFrame) -> None:
    for column in (STUDENT, SCHOOL, SUBJECT, COHORT):
        if column in frame.columns:
            missing = frame.get_column(column).null_count()
            if missing:
                raise MissingIdentifierError(f"{missing} rows have no {column}")


def _check_duplicates(frame: pl.DataFrame) -> None:
    keys = [c for c in (COHORT, SUBJECT, STUDENT) if c in frame.columns]
    key = pl.col(STUDENT) if len(keys) == 1 else pl.struct(keys)
    # Distinct hashes prove distinct keys; only equal hashes (a duplicate or a
    # collision) need the exact count.  Sorting the hashes in numpy is several
    # times cheaper than a hash set of them (n_unique).
    hashes = frame.select(key.hash(seed=0)).to_series().to_numpy()
    if hashes.flags.writeable:  # already a copy: sort it in place
        hashes.sort()
    else:
        hashes = np.sort(hashes)
    if not (hashes[1:] == hashes[:-1]).any():
        return
    duplicated = frame.select(key.is_duplicated().sum()).item()
    if duplicated:
        raise DuplicateStudentError(f"{duplicated} rows share a {'/'.join(keys)} key")
