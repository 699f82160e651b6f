"""The per-school output table.  One row per school, ordered by school code, no ranks.

``n`` counts the school's students in the model (valid prior, current score and
covariates); ``n_listed`` every student listed for the school; ``coverage`` the
share of listed students with a valid prior.  ``estimate`` is in score units
relative to the average school, ``estimate_sd`` in standard deviations of the
current score (for the combined analysis the units are already subject SDs).

Status: ``suppressed`` (fewer than ``suppress_below`` students in the model: no
numbers beyond the counts), ``small`` (fewer than ``min_n``: estimates shown but
flagged), ``ok``, or ``not_converged`` (the model failed: no estimates at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from yinling.stats.bands import BAND_LABELS, band_codes
from yinling.stats.design import SufficientStats
from yinling.stats.effects import EngineFit
from yinling.stats.inputs import PRIOR, SCHOOL

OK, SMALL, SUPPRESSED, NOT_CONVERGED = "ok", "small", "suppressed", "not_converged"
Z_95 = 1.959963984540054

LEADING_COLUMNS = (SCHOOL, "n", "estimate", "se", "ci_low", "ci_high", "band")
ESTIMATE_COLUMNS = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "band",
    "band_label",
    "z",
    "estimate_sd",
    "se_sd",
    "reliability",
    "raw_residual",
    "entry_exit_change",
    "se_conditional",
)


@dataclass(frozen=True)
class TableOptions:
    min_n: int
    suppress_below: int
    band_cutoffs: tuple[float, float]


def school_table(
    stats: SufficientStats,
    fit: EngineFit,
    listing: pl.DataFrame,
    options: TableOptions,
    *,
    score_sd: float,
    standardised: bool,
) -> pl.DataFrame:
    """Join the fitted effects to the listing (school_id, n_listed, coverage)."""
    se = fit.se
    safe_se = np.where(se > 0, se, 1.0)
    z = np.where(se > 0, fit.effect / safe_se, 0.0)  # se == 0 only when tau^2 == 0
    fitted = pl.DataFrame(
        {
            SCHOOL: list(stats.school_ids),
            "n": stats.n.astype(np.int64),
            "estimate": fit.effect,
            "se": se,
            "ci_low": fit.effect - Z_95 * se,
            "ci_high": fit.effect + Z_95 * se,
            "band": band_codes(z, options.band_cutoffs),
            "z": z,
            "estimate_sd": fit.effect / score_sd,
            "se_sd": se / score_sd,
            "reliability": fit.reliability,
            "raw_residual": fit.raw_residual,
            "entry_exit_change": entry_exit_change(stats, standardised),
            "se_conditional": fit.se_conditional
            if fit.se_conditional is not None
            else np.full(stats.n_schools, np.nan),
        },
        schema_overrides={SCHOOL: pl.String, "band": pl.String},
    )
    fitted = fitted.with_columns(
        pl.col("band").replace_strict(BAND_LABELS, default=None).alias("band_label")
    )
    table = (
        listing.join(fitted, on=SCHOOL, how="left")
        .with_columns(pl.col("n").fill_null(0))
        .sort(SCHOOL)  # by code, never by estimate: the table carries no positions
    )
    return _apply_status(table, options, fit.converged).select(_column_order(table.columns))


def entry_exit_change(stats: SufficientStats, standardised: bool) -> np.ndarray:
    """School mean of z(current) - z(prior), the companion districts use today.

    z is taken over the students in the model; the means are relative to the
    average student, so the companion is 0 for an average school.  For the
    combined analysis the scores are already standardised (``standardised``).
    """
    column = stats.names.index(PRIOR)
    prior_means = stats.xbar[:, column]
    if standardised:
        return stats.ybar - prior_means
    dof = stats.n_students - 1
    score_sd = np.sqrt(stats.total_yy() / dof)
    prior_sd = np.sqrt(stats.total_xx()[column, column] / dof)
    return stats.ybar / score_sd - prior_means / prior_sd


def _apply_status(table: pl.DataFrame, options: TableOptions, converged: bool) -> pl.DataFrame:
    status = (
        pl.when(pl.lit(not converged))
        .then(pl.lit(NOT_CONVERGED))
        .when(pl.col("n") < options.suppress_below)
        .then(pl.lit(SUPPRESSED))
        .when(pl.col("n") < options.min_n)
        .then(pl.lit(SMALL))
        .otherwise(pl.lit(OK))
    )
    table = table.with_columns(status.alias("status"))
    hidden = pl.col("status").is_in([SUPPRESSED, NOT_CONVERGED])
    return table.with_columns(
        [pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in ESTIMATE_COLUMNS]
    ).with_columns(
        pl.when(pl.col("se_conditional").is_nan())
        .then(None)
        .otherwise(pl.col("se_conditional"))
        .alias("se_conditional")
    )


def _column_order(columns: Sequence[str]) -> list[str]:
    rest = [
        "band_label",
        "status",
        "z",
        "estimate_sd",
        "se_sd",
        "reliability",
        "raw_residual",
        "entry_exit_change",
        "coverage",
        "n_listed",
        "se_conditional",
    ]
    ordered = [*LEADING_COLUMNS, *rest]
    return ordered + [c for c in columns if c not in ordered]
