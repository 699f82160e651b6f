"""The combined analysis over subjects: one composite row per student.

Why a student composite rather than the two alternatives in the issue:

* Pooling every student-subject row in one model treats a student's subjects as
  independent observations.  They are strongly correlated, so the school means
  would look up to (number of subjects) times more precise than they are.
* Fitting each subject and combining the school effects with inverse-variance
  weights makes the same mistake (the per-subject estimates share their
  students, so their errors are correlated, not independent), shrinks twice and
  lets the weights - hence what is being estimated - differ from school to school.

Instead every score is standardised within its subject (z over the students with
both a prior and a current score in that subject), and each student's composite
current score is the mean z over their subjects, with the mean prior z over the
same subjects as the composite prior.  The usual two-level model is then fitted
to one row per student, so students are the independent units, every subject
counts equally, and the school effect is in subject-SD units, like England's
Progress 8 which also averages over subjects before comparing with prior
attainment.  Student covariates must agree between a student's rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from yinling.stats.errors import InconsistentStudentError
from yinling.stats.inputs import PRIOR, SCHOOL, SCORE, STUDENT, SUBJECT

HAS_PRIOR = "__has_prior"


def student_composite(frame: pl.DataFrame, covariates: Sequence[str]) -> pl.DataFrame:
    """Collapse student x subject rows to one standardised composite row per student."""
    both = pl.col(PRIOR).is_not_null() & pl.col(SCORE).is_not_null()
    moments = (
        frame.filter(both)
        .group_by(SUBJECT)
        .agg(
            pl.col(PRIOR).mean().alias("__pm"),
            pl.col(PRIOR).std().alias("__ps"),
            pl.col(SCORE).mean().alias("__sm"),
            pl.col(SCORE).std().alias("__ss"),
        )
    )
    scored = frame.join(moments, on=SUBJECT, how="left").with_columns(
        ((pl.col(PRIOR) - pl.col("__pm")) / pl.col("__ps")).alias("__zp"),
        ((pl.col(SCORE) - pl.col("__sm")) / pl.col("__ss")).alias("__zs"),
        both.alias("__both"),
    )
    students = scored.group_by(STUDENT).agg(
        pl.col(SCHOOL).n_unique().alias("__schools"),
        pl.col(SCHOOL).first(),
        pl.col("__zp").filter(pl.col("__both")).mean().alias(PRIOR),
        pl.col("__zs").filter(pl.col("__both")).mean().alias(SCORE),
        pl.col(PRIOR).is_not_null().any().alias(HAS_PRIOR),
        *[pl.col(c).drop_nulls().n_unique().alias(f"__values_{c}") for c in covariates],
        *[pl.col(c).drop_nulls().first().alias(c) for c in covariates],
    )
    _check_consistent(students, covariates)
    return students.select(STUDENT, SCHOOL, PRIOR, SCORE, HAS_PRIOR, *covariates)


def _check_consistent(students: pl.DataFrame, covariates: Sequence[str]) -> None:
    several_schools = students.filter(pl.col("__schools") > 1).height
    if several_schools:
        raise InconsistentStudentError(
            f"{several_schools} students are listed in more than one school"
        )
    for name in covariates:
        differing = students.filter(pl.col(f"__values_{name}") > 1).height
        if differing:
            raise InconsistentStudentError(f"{differing} students have differing {name!r} values")
