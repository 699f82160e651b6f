"""The Python API: ``fit_value_added(frame, model=...) -> ValueAddedResult``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from yinling.stats.bands import DEFAULT_CUTOFFS, check_cutoffs
from yinling.stats.composite import HAS_PRIOR, student_composite
from yinling.stats.contextual import fit_contextual, with_compositional_term
from yinling.stats.design import (
    SchoolSummary,
    SufficientStats,
    check_full_rank,
    covariate_terms,
    stats_from_summary,
    summarise_schools,
)
from yinling.stats.effects import EngineFit
from yinling.stats.errors import (
    CollinearDesignError,
    ConstantScoresError,
    DegenerateFitError,
    GroupsTooSmallError,
    InvalidOptionError,
    NoPriorScoresError,
    SingleSchoolError,
    ValueAddedError,
)
from yinling.stats.inputs import COHORT, PRIOR, SCHOOL, SCORE, SUBJECT, ColumnNames, prepare_scores
from yinling.stats.ols import fit_ols
from yinling.stats.random_intercept import fit_random_intercept
from yinling.stats.results import COMBINED, ModelSummary, ValueAddedResult, summarise
from yinling.stats.school_table import TableOptions, school_table

MODELS = ("ols", "ri", "cva")


@dataclass(frozen=True)
class _Unit:
    """One analysis: a cohort (or everyone) and a subject (or the composite)."""

    cohort: str | None
    subject: str | None
    frame: pl.DataFrame
    standardised: bool

    @property
    def label(self) -> str:
        return "/".join(p for p in (self.cohort, self.subject) if p is not None)


def fit_value_added(
    df: pl.DataFrame,
    *,
    model: str,
    covariates: Sequence[str] = (),
    min_n: int = 30,
    suppress_below: int = 10,
    band_cutoffs: Sequence[float] = DEFAULT_CUTOFFS,
    subject_col: str | None = None,
    cohort_col: str | None = None,
    student_col: str = "student_id",
    school_col: str = "school_id",
    prior_col: str = "prior",
    score_col: str = "score",
    min_prior_coverage: float = 0.5,
) -> ValueAddedResult:
    """School value added for each subject (and combined) and each cohort.

    ``model``: ``ols`` (mean OLS residual), ``ri`` (REML random intercept, shrunken
    school effect) or ``cva`` (``ri`` plus covariates and the school mean prior).
    ``ols`` and ``ri`` also adjust for ``covariates`` when given.  Raises a
    ``ValueAddedError`` subclass when the data cannot support an estimate.
    """
    options = _options(model, min_n, suppress_below, band_cutoffs, min_prior_coverage)
    names = ColumnNames(student_col, school_col, prior_col, score_col, subject_col, cohort_col)
    frame = prepare_scores(df, names, tuple(covariates))
    tables: list[pl.DataFrame] = []
    models: list[ModelSummary] = []
    for unit in _units(frame, tuple(covariates)):
        try:
            table, summary = _fit_unit(unit, model, tuple(covariates), options, min_prior_coverage)
        except ValueAddedError as exc:
            if not unit.label:
                raise
            raise type(exc)(f"{unit.label}: {exc.detail}") from exc
        tables.append(table)
        models.append(summary)
    return ValueAddedResult(schools=pl.concat(tables, how="diagonal"), models=tuple(models))


def _options(
    model: str, min_n: int, suppress_below: int, cutoffs: Sequence[float], coverage: float
) -> TableOptions:
    if model not in MODELS:
        raise InvalidOptionError(f"model must be one of {MODELS}, got {model!r}")
    if not 1 <= suppress_below <= min_n:
        raise InvalidOptionError(f"need 1 <= suppress_below ({suppress_below}) <= min_n ({min_n})")
    if not 0.0 <= coverage <= 1.0:
        raise InvalidOptionError(f"min_prior_coverage must lie in [0, 1], got {coverage}")
    return TableOptions(int(min_n), int(suppress_below), check_cutoffs(cutoffs))


def _units(frame: pl.DataFrame, covariates: tuple[str, ...]) -> Iterator[_Unit]:
    cohorts = _split(frame, COHORT)
    for cohort, cohort_frame in cohorts:
        if SUBJECT not in frame.columns:
            yield _Unit(cohort, None, cohort_frame, standardised=False)
            continue
        subjects = _split(cohort_frame, SUBJECT)
        if any(name == COMBINED for name, _ in subjects):
            raise InvalidOptionError(f"a subject may not be called {COMBINED!r}")
        for subject, subject_frame in subjects:
            yield _Unit(cohort, subject, subject_frame, standardised=False)
        if len(subjects) > 1:
            composite = student_composite(cohort_frame, covariates)
            yield _Unit(cohort, COMBINED, composite, standardised=True)


def _split(frame: pl.DataFrame, column: str) -> list[tuple[str | None, pl.DataFrame]]:
    if column not in frame.columns:
        return [(None, frame)]
    parts = frame.partition_by(column, as_dict=True, maintain_order=False)
    return sorted(((key[0], part) for key, part in parts.items()), key=lambda item: item[0])


def _fit_unit(
    unit: _Unit,
    model: str,
    covariates: tuple[str, ...],
    options: TableOptions,
    min_prior_coverage: float,
) -> tuple[pl.DataFrame, ModelSummary]:
    valid = pl.all_horizontal(pl.col(c).is_not_null() for c in (PRIOR, SCORE, *covariates))
    terms = covariate_terms(unit.frame.filter(valid), covariates) if covariates else []
    summary = summarise_schools(unit.frame, terms, valid=valid, has_prior=_has_prior(unit.frame))
    _check_summary(summary, min_prior_coverage, [name for name, _ in terms])
    stats = stats_from_summary(summary)
    if model == "cva":
        stats = with_compositional_term(stats)
    _check_design(stats, options)
    fit = _fit(stats, model)
    score_sd = (
        1.0 if unit.standardised else float(np.sqrt(stats.total_yy() / (stats.n_students - 1)))
    )
    result = summarise(
        stats, fit, model=model, subject=unit.subject, cohort=unit.cohort, score_sd=score_sd
    )
    table = school_table(
        stats, fit, summary.listing, options, score_sd=score_sd, standardised=unit.standardised
    )
    return _label_table(table, unit, model), result


def _fit(stats: SufficientStats, model: str) -> EngineFit:
    if model == "ols":
        return fit_ols(stats)
    if model == "cva":
        return fit_contextual(stats)
    return fit_random_intercept(stats)


def _has_prior(frame: pl.DataFrame) -> pl.Expr:
    """Whether a listed student has a prior (the composite carries its own flag)."""
    return pl.col(HAS_PRIOR) if HAS_PRIOR in frame.columns else pl.col(PRIOR).is_not_null()


def _check_summary(summary: SchoolSummary, min_prior_coverage: float, terms: list[str]) -> None:
    listing = summary.listing
    if listing.height < 2:
        raise SingleSchoolError(f"only school {listing.get_column(SCHOOL).to_list()}")
    counts = listing.get_column("n_listed").to_numpy()
    share = float(counts @ listing.get_column("coverage").to_numpy() / counts.sum())
    if share < min_prior_coverage:
        raise NoPriorScoresError(
            f"{share:.1%} of students have a prior score; at least {min_prior_coverage:.0%} needed"
        )
    schools = len(summary.school_ids)
    if schools < 2:
        raise SingleSchoolError(
            f"{schools} school(s) have students with valid prior and current scores"
        )
    constant = summary.constant_columns()
    for name in (SCORE, PRIOR):
        if name in constant:
            raise ConstantScoresError(f"every student has the same {name}")
    flat_terms = [name for name in constant if name in terms]
    if flat_terms:
        raise CollinearDesignError(f"constant among the students analysed: {flat_terms}")


def _check_design(stats: SufficientStats, options: TableOptions) -> None:
    largest = int(stats.n.max())
    if largest < options.suppress_below:
        raise GroupsTooSmallError(
            f"the largest school has {largest} students; at least {options.suppress_below} needed"
        )
    if stats.n_students - stats.n_schools < stats.p:
        raise GroupsTooSmallError("too few students within schools to separate the variances")
    check_full_rank(stats)
    explained = stats.total_xy() @ np.linalg.solve(stats.total_xx(), stats.total_xy())
    if stats.total_yy() - explained <= 1e-12 * stats.total_yy():
        raise DegenerateFitError("the OLS residual variance is zero")


def _label_table(table: pl.DataFrame, unit: _Unit, model: str) -> pl.DataFrame:
    extra = [pl.lit(model).alias("model")]
    if unit.subject is not None:
        extra.append(pl.lit(unit.subject, dtype=pl.String).alias(SUBJECT))
    if unit.cohort is not None:
        extra.append(pl.lit(unit.cohort, dtype=pl.String).alias(COHORT))
    return table.with_columns(extra)
