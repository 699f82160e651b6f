"""Column-wise checks of a batch of score-file rows (polars), so that two million rows take seconds.

Every row is checked (unknown school code, a subject not in the assessment, a missing value, a
score outside the assessment's range, unreadable covariates) and every problem is reported with
its spreadsheet row and column. Real student IDs are replaced by their keyed hash; only the
pseudonym is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.tabular import RowError
from yinling.evaluation.column_mapping import ColumnMapping
from yinling.evaluation.pseudonyms import WHOLE_NUMBER_WRITTEN_AS_FLOAT, StudentKeyHasher
from yinling.evaluation.score_files import ROW

ERR_MISSING = gettext_noop("缺少数据")
ERR_UNKNOWN_SCHOOL = gettext_noop("学校代码“%(code)s”不是本区的学校")
ERR_AMBIGUOUS_SCHOOL = gettext_noop("本区有多所学校名为“%(name)s”，请改填学校代码")
ERR_UNKNOWN_SUBJECT = gettext_noop("“%(subject)s”不是本次测试的科目（%(subjects)s）")
ERR_NOT_A_NUMBER = gettext_noop("“%(value)s”不是数字")
ERR_SCORE_RANGE = gettext_noop("成绩 %(score)s 超出本次测试的分数范围（%(low)s–%(high)s）")
ERR_GENDER = gettext_noop("性别“%(value)s”无法识别，请填写“男”或“女”")
ERR_FLAG = gettext_noop("“%(value)s”无法识别，请填写“是”或“否”")

MAX_REPORTED = 200

GENDERS = {"男": 2, "M": 2, "MALE": 2, "男性": 2, "女": 1, "F": 1, "FEMALE": 1, "女性": 1}
GENDER_CODES = {0: "", 1: "F", 2: "M"}
FLAGS = {"是": 1, "有": 1, "Y": 1, "YES": 1, "1": 1, "TRUE": 1, "否": 0, "无": 0}
FLAGS.update({"N": 0, "NO": 0, "0": 0, "FALSE": 0})


def _normalised(column: str) -> pl.Expr:
    """Identifiers as the pseudonymiser normalises them (see `normalise_student_id`)."""
    return (
        pl.col(column)
        .str.replace_all(r"\s", "")
        .str.to_uppercase()
        .str.replace(WHOLE_NUMBER_WRITTEN_AS_FLOAT.pattern, "${1}")
    )


def _code(column: str) -> pl.Expr:
    return pl.col(column).str.replace(WHOLE_NUMBER_WRITTEN_AS_FLOAT.pattern, "${1}")


@dataclass
class BatchProblems:
    """Row errors found in one batch: the first few as messages, all of them counted."""

    errors: list[tuple[int, int, RowError]] = field(default_factory=list)
    bad_rows: list[pl.Series] = field(default_factory=list)
    count: int = 0

    def add(
        self,
        frame: pl.DataFrame,
        failing: pl.Expr,
        order: int,
        column: str | pl.Expr,
        message: Callable[[dict[str, Any]], str],
        value: pl.Expr | None = None,
    ) -> None:
        column_expr = pl.lit(column) if isinstance(column, str) else column
        found = frame.filter(failing).select(
            pl.col(ROW),
            column_expr.alias("__column"),
            (value if value is not None else pl.lit(None)).alias("__value"),
        )
        if not found.height:
            return
        self.count += found.height
        self.bad_rows.append(found.get_column(ROW))
        for item in found.head(MAX_REPORTED).iter_rows(named=True):
            error = RowError(item[ROW], item["__column"], message(item))
            self.errors.append((item[ROW], order, error))

    def add_unreadable(
        self,
        frame: pl.DataFrame,
        text: str,
        parsed: str,
        order: int,
        column: str | pl.Expr,
        message: Callable[[Any], str],
    ) -> None:
        """Rows where `text` holds something that did not become a `parsed` value; `message`
        gets what was written."""
        self.add(
            frame,
            pl.col(text).is_not_null() & pl.col(parsed).is_null(),
            order,
            column,
            lambda e: message(e["__value"]),
            pl.col(text),
        )


class BatchChecker:
    """Checks a batch of rows column by column (polars), so that two million rows take seconds."""

    def __init__(
        self,
        mapping: ColumnMapping,
        schools: Mapping[str, int],
        subjects: list[str],
        score_range: tuple[float, float],
        school_aliases: Mapping[str, str | None] | None = None,
    ) -> None:
        """`schools` maps each school code to its index; `school_aliases` maps school names
        (full and short) to their code, or to None when several schools share the name."""
        self.m = mapping
        self.schools = dict(schools)
        aliases = {k: v for k, v in (school_aliases or {}).items() if k not in self.schools}
        self.schools.update(
            {name: self.schools[code] for name, code in aliases.items() if code in self.schools}
        )
        self.ambiguous = {name for name, code in aliases.items() if code is None}
        self.subjects = {s: i for i, s in enumerate(subjects)}
        self.subject_list = "、".join(subjects)
        self.low, self.high = score_range
        self.hasher = StudentKeyHasher()

    def check(self, frame: pl.DataFrame) -> tuple[dict[str, np.ndarray], BatchProblems]:
        problems = BatchProblems()
        people = self._people(frame, problems)
        scores = self._scores(frame, problems)
        bad = pl.concat(problems.bad_rows).unique() if problems.bad_rows else None
        accepted = scores.join(people, on=ROW, how="inner")
        if bad is not None:
            accepted = accepted.filter(~pl.col(ROW).is_in(bad.implode()))
        return self._arrays(accepted), problems

    def _unknown_school(self, value: Any) -> str:
        if value in self.ambiguous:
            return _(ERR_AMBIGUOUS_SCHOOL) % {"name": value}
        return _(ERR_UNKNOWN_SCHOOL) % {"code": value}

    def _people(self, frame: pl.DataFrame, problems: BatchProblems) -> pl.DataFrame:
        """One row per spreadsheet row: the student, the school and the covariates."""
        m = self.m
        people = frame.select(
            pl.col(ROW),
            pl.col(m.student).alias("__student"),
            _code(m.school).alias("__code"),
            (pl.col(m.gender) if m.gender else pl.lit(None, pl.String)).alias("__gender_raw"),
            (pl.col(m.ses) if m.ses else pl.lit(None, pl.String)).alias("__ses_text"),
            (pl.col(m.special_needs) if m.special_needs else pl.lit(None, pl.String)).alias(
                "__special_text"
            ),
        ).with_columns(
            pl.col("__code")
            .replace_strict(self.schools, default=None, return_dtype=pl.Int32)
            .alias("school"),
            pl.col("__gender_raw")
            .str.to_uppercase()
            .replace_strict(GENDERS, default=None, return_dtype=pl.Int8)
            .alias("gender"),
            _finite(pl.col("__ses_text")).alias("ses"),
            pl.col("__special_text")
            .str.to_uppercase()
            .replace_strict(FLAGS, default=None, return_dtype=pl.Int8)
            .alias("special"),
        )
        missing = _(ERR_MISSING)
        problems.add(people, pl.col("__student").is_null(), 0, m.student, lambda e: missing)
        problems.add(people, pl.col("__code").is_null(), 1, m.school, lambda e: missing)
        problems.add_unreadable(people, "__code", "school", 1, m.school, self._unknown_school)
        if m.gender:
            problems.add_unreadable(
                people,
                "__gender_raw",
                "gender",
                2,
                m.gender,
                lambda v: _(ERR_GENDER) % {"value": v},
            )
        if m.ses:
            problems.add_unreadable(
                people, "__ses_text", "ses", 3, m.ses, lambda v: _(ERR_NOT_A_NUMBER) % {"value": v}
            )
        if m.special_needs:
            problems.add_unreadable(
                people,
                "__special_text",
                "special",
                4,
                m.special_needs,
                lambda v: _(ERR_FLAG) % {"value": v},
            )
        return people.select(
            ROW,
            _normalised("__student").alias("__id"),
            "school",
            pl.col("gender").fill_null(0),
            pl.col("ses").fill_null(float("nan")),
            pl.col("special").fill_null(-1),
        )

    def _scores(self, frame: pl.DataFrame, problems: BatchProblems) -> pl.DataFrame:
        """One row per score: long files as they are, wide files one row per subject column."""
        m = self.m
        if m.subject:
            parts = [
                frame.select(
                    pl.col(ROW),
                    pl.col(m.subject).alias("__subject_text"),
                    pl.col(m.score).alias("__score_text"),
                    pl.lit(m.score).alias("__score_column"),
                )
            ]
        else:
            parts = [
                frame.select(
                    pl.col(ROW),
                    pl.lit(subject).alias("__subject_text"),
                    pl.col(column).alias("__score_text"),
                    pl.lit(column).alias("__score_column"),
                )
                for subject, column in self.m.subject_columns.items()
            ]
        scores = pl.concat(parts).with_columns(
            pl.col("__subject_text")
            .replace_strict(self.subjects, default=None, return_dtype=pl.UInt8)
            .alias("subject"),
            _finite(pl.col("__score_text")).alias("score"),
        )
        missing = _(ERR_MISSING)
        if m.subject:
            problems.add(
                scores, pl.col("__subject_text").is_null(), 5, m.subject, lambda e: missing
            )
            problems.add_unreadable(
                scores,
                "__subject_text",
                "subject",
                5,
                m.subject,
                lambda v: _(ERR_UNKNOWN_SUBJECT) % {"subject": v, "subjects": self.subject_list},
            )
        column = pl.col("__score_column")
        problems.add(scores, pl.col("__score_text").is_null(), 6, column, lambda e: missing)
        problems.add_unreadable(
            scores,
            "__score_text",
            "score",
            6,
            column,
            lambda v: _(ERR_NOT_A_NUMBER) % {"value": v},
        )
        low, high = _fmt(self.low), _fmt(self.high)
        problems.add(
            scores,
            (pl.col("score") < self.low) | (pl.col("score") > self.high),
            6,
            column,
            lambda e: _(ERR_SCORE_RANGE) % {"score": _fmt(e["__value"]), "low": low, "high": high},
            pl.col("score"),
        )
        return scores.select(ROW, "subject", "score")

    def _arrays(self, accepted: pl.DataFrame) -> dict[str, np.ndarray]:
        ids = accepted.get_column("__id").to_list()
        digest = self.hasher.digest
        keys = np.frombuffer(b"".join([digest(i) for i in ids]), dtype="S32")
        return {
            "key": keys,
            "school": accepted.get_column("school").to_numpy().astype(np.int32),
            "subject": accepted.get_column("subject").to_numpy().astype(np.uint8),
            "score": accepted.get_column("score").to_numpy().astype(np.float64),
            "gender": accepted.get_column("gender").to_numpy().astype(np.int8),
            "ses": accepted.get_column("ses").to_numpy().astype(np.float64),
            "special": accepted.get_column("special").to_numpy().astype(np.int8),
            "row": accepted.get_column(ROW).to_numpy().astype(np.uint32),
        }


def _finite(text: pl.Expr) -> pl.Expr:
    """Text as a finite number, or null."""
    number = text.cast(pl.Float64, strict=False)
    return pl.when(number.is_finite()).then(number).otherwise(None)


def _fmt(value: float) -> str:
    return f"{value:g}"
