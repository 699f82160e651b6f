"""Design terms and the per-school sufficient statistics every model is fitted from.

Both the OLS and the random-intercept model depend on the data only through

* ``n_j``: the number of students of school j,
* ``xbar_j``, ``ybar_j``: the school means of the design row and the score,
* ``W``: the pooled within-school cross-product matrix of (x, y),
  ``W = sum_j sum_i (z_ij - zbar_j)(z_ij - zbar_j)'`` with ``z = (x, y)``,

because ``X_j'X_j = W_j + n_j xbar_j xbar_j'`` and the random intercept acts on a
school only through its mean (see ``random_intercept``).  Columns are centred at
their student means before anything is summed, which keeps the cross-products
well conditioned for raw scores in the hundreds; the intercept is moved back to
the raw scale when the results are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from yinling.stats.errors import CollinearDesignError, InvalidOptionError
from yinling.stats.inputs import PRIOR, SCHOOL, SCORE
from yinling.stats.runs import runs_of

INTERCEPT = "(Intercept)"
MAX_LEVELS = 50
_Y = "__y"


@dataclass(frozen=True)
class SufficientStats:
    """Centred per-school means plus pooled within-school cross-products."""

    names: tuple[str, ...]  # fixed-effect names; INTERCEPT first, PRIOR second
    school_ids: tuple[str, ...]
    n: np.ndarray  # (J,) students per school
    xbar: np.ndarray  # (J, p) centred school means of the design row; column 0 is 1
    ybar: np.ndarray  # (J,) centred school means of the score
    wxx: np.ndarray  # (p, p) pooled within-school cross-products
    wxy: np.ndarray  # (p,)
    wyy: float
    x_centre: np.ndarray  # (p,) means subtracted from each column (0 for the intercept)
    y_centre: float

    @property
    def n_students(self) -> int:
        return int(self.n.sum())

    @property
    def n_schools(self) -> int:
        return int(self.n.size)

    @property
    def p(self) -> int:
        return len(self.names)

    def total_xx(self) -> np.ndarray:
        """``X'X`` of the centred design (the OLS normal matrix)."""
        return self.wxx + (self.xbar * self.n[:, None]).T @ self.xbar

    def total_xy(self) -> np.ndarray:
        return self.wxy + self.xbar.T @ (self.n * self.ybar)

    def total_yy(self) -> float:
        return float(self.wyy + self.n @ self.ybar**2)

    def with_school_term(self, name: str, values: np.ndarray) -> SufficientStats:
        """Add a school-level column (constant within school: no within variation)."""
        centre = float(self.n @ values / self.n.sum())
        p = self.p
        wxx = np.zeros((p + 1, p + 1))
        wxx[:p, :p] = self.wxx
        return replace(
            self,
            names=(*self.names, name),
            xbar=np.column_stack([self.xbar, values - centre]),
            wxx=wxx,
            wxy=np.append(self.wxy, 0.0),
            x_centre=np.append(self.x_centre, centre),
        )


def covariate_terms(rows: pl.DataFrame, covariates: Sequence[str]) -> list[tuple[str, pl.Expr]]:
    """Numeric covariates enter as they are; text ones as 0/1 dummies.

    The reference level of a text covariate is its first level in sorted order,
    so the coding is stable between runs and districts.
    """
    terms: list[tuple[str, pl.Expr]] = []
    for name in covariates:
        dtype = rows.schema[name]
        if dtype.is_numeric() or dtype == pl.Boolean:
            terms.append((name, pl.col(name).cast(pl.Float64)))
            continue
        levels = sorted(rows.get_column(name).cast(pl.String).unique().drop_nulls().to_list())
        if len(levels) > MAX_LEVELS:
            raise InvalidOptionError(
                f"covariate {name!r} has {len(levels)} categories (max {MAX_LEVELS})"
            )
        for level in levels[1:]:
            indicator = (pl.col(name).cast(pl.String) == level).cast(pl.Float64)
            terms.append((f"{name}[{level}]", indicator))
    return terms


@dataclass(frozen=True)
class SchoolSummary:
    """One pass over the students: per-school counts and sums, pooled cross-products.

    The per-school counts and sums come from one group-by (or, for a file that
    lists its students school by school, from numpy segment sums over the runs
    of rows); the centred cross-products from one dot product per pair of
    columns, centred in place at the means those sums give.
    """

    listing: pl.DataFrame  # every listed school, by code: school_id, n_listed, coverage
    school_ids: tuple[str, ...]  # schools with students in the model, by code
    n: np.ndarray  # (J,) their students in the model
    sums: np.ndarray  # (J, k + 1) sums of the design columns, then of the score
    names: tuple[str, ...]  # the design columns (PRIOR first); the score follows
    centre: np.ndarray  # (k + 1,) means over the model rows
    cross: np.ndarray  # (k + 1, k + 1) centred cross-products over the model rows
    flat: tuple[bool, ...]  # (k + 1,) no variation over the model rows (or no rows)

    @property
    def n_students(self) -> int:
        return int(self.n.sum())

    def constant_columns(self) -> list[str]:
        """Columns (score included, as SCORE) without any variation in the model rows."""
        return [
            name for name, is_flat in zip((*self.names, SCORE), self.flat, strict=True) if is_flat
        ]


_VALID, _HAS_PRIOR, _LISTED, _N = "__valid", "__has_prior", "__listed", "__n"


def summarise_schools(
    frame: pl.DataFrame,
    terms: Sequence[tuple[str, pl.Expr]],
    *,
    valid: pl.Expr,
    has_prior: pl.Expr,
) -> SchoolSummary:
    """Listing counts for every school and model-row sums for the modelled ones.

    Each model column is null outside the model rows, so the group-by computes
    every count and sum without filtering inside the aggregation.
    """
    named = [(PRIOR, pl.col(PRIOR)), *terms, (_Y, pl.col(SCORE))]
    columns = [name for name, _ in named]
    values = (
        frame.lazy()
        .select(
            pl.col(SCHOOL),
            valid.alias(_VALID),
            has_prior.alias(_HAS_PRIOR),
            *[expr.alias(name) for name, expr in named],
        )
        .with_columns(pl.when(pl.col(_VALID)).then(pl.col(c)).alias(c) for c in columns)
        .collect()
    )
    # The model columns in numpy, zero outside the model rows: one copy at most.
    everyone = bool(values.get_column(_VALID).all())
    arrays = [
        (values.get_column(c) if everyone else values.get_column(c).fill_null(0.0))
        .to_numpy()
        .astype(np.float64, copy=False)
        for c in columns
    ]
    runs = runs_of(values.get_column(SCHOOL))
    if runs is None:
        grouped = _group_by_school(values, columns)
    else:
        grouped = _sum_runs(values, runs, arrays, columns)
    modelled = grouped.filter(pl.col(_N) > 0)
    n = modelled.get_column(_N).to_numpy().astype(np.float64)
    sums = modelled.select(columns).to_numpy().astype(np.float64, copy=False)
    if everyone:
        flat = tuple(_is_flat(x) for x in arrays)
    else:
        spread = values.select(pl.col(c).max() - pl.col(c).min() for c in columns).row(0)
        flat = tuple(value is None or value == 0 for value in spread)
    inside = None if everyone else values.get_column(_VALID).to_numpy()
    centre, cross = _cross_products(arrays, inside, n, sums)  # centres ``arrays`` in place
    return SchoolSummary(
        listing=grouped.select(
            SCHOOL,
            pl.col(_LISTED).alias("n_listed"),
            (pl.col(_HAS_PRIOR) / pl.col(_LISTED)).alias("coverage"),
        ),
        school_ids=tuple(modelled.get_column(SCHOOL).to_list()),
        n=n,
        sums=sums,
        names=tuple(columns[:-1]),
        centre=centre,
        cross=cross,
        flat=flat,
    )


def _is_flat(values: np.ndarray) -> bool:
    """No variation; two differing values among the first few settle it without a pass."""
    if values.size == 0:
        return True
    if (values[:64] != values[0]).any():
        return False
    return bool(values.max() == values.min())


def _cross_products(
    arrays: list[np.ndarray], inside: np.ndarray | None, n: np.ndarray, sums: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Means and centred cross-products of the model rows (``inside``; None: every row).

    Centred at the model-row means, as the docstring of this module explains;
    the means come from the school sums, so centring costs no extra pass.  The
    ``arrays`` are centred in place where they are private copies.
    """
    k = len(arrays)
    total = n.sum()
    if total == 0:
        return np.zeros(k), np.zeros((k, k))
    centre = sums.sum(axis=0) / total
    centred = []
    for values, mean in zip(arrays, centre, strict=True):
        if values.flags.writeable:  # polars copied it for us (chunks or nulls): reuse it
            values -= mean
        else:  # a read-only view of polars' own buffer
            values = values - mean
        if inside is not None:
            values[~inside] = 0.0
        centred.append(values)
    cross = np.empty((k, k))
    for a in range(k):
        for b in range(a, k):
            # einsum, not ``@``: a BLAS dot this long runs on OpenBLAS threads
            # that then spin for tens of milliseconds of CPU after returning.
            cross[a, b] = cross[b, a] = np.einsum("i,i->", centred[a], centred[b])
    return centre, cross


def _group_by_school(values: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """The hash group-by, run lazily: polars' eager group-by builds every
    group's row list first, which costs three times as much when the rows of a
    school are scattered over the file."""
    return (
        values.lazy()
        .group_by(SCHOOL)
        .agg(
            pl.len().cast(pl.Int64).alias(_LISTED),
            pl.col(_HAS_PRIOR).sum().cast(pl.Int64),
            pl.col(_VALID).sum().cast(pl.Int64).alias(_N),
            *[pl.col(c).sum() for c in columns],
        )
        .sort(SCHOOL)
        .collect()
    )


def _sum_runs(
    values: pl.DataFrame, runs: pl.Series, arrays: list[np.ndarray], columns: list[str]
) -> pl.DataFrame:
    """Counts and sums per run of rows (numpy segment sums), then per school."""
    lengths = runs.struct.field("len").to_numpy().astype(np.int64)
    starts = np.zeros(lengths.size, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])

    def counts(name: str) -> np.ndarray:
        flags = values.get_column(name)
        if flags.all():
            return lengths
        return np.add.reduceat(flags.to_numpy().view(np.uint8), starts, dtype=np.int64)

    per_run = pl.DataFrame(
        {
            SCHOOL: runs.struct.field("value"),
            _LISTED: lengths,
            _HAS_PRIOR: counts(_HAS_PRIOR),
            _N: counts(_VALID),
            **{c: np.add.reduceat(x, starts) for c, x in zip(columns, arrays, strict=True)},
        }
    )
    return per_run.group_by(SCHOOL).agg(pl.all().sum()).sort(SCHOOL)


def stats_from_summary(summary: SchoolSummary) -> SufficientStats:
    """Centre, then ``W`` = total minus between cross-products (one matrix product)."""
    n = summary.n
    means = summary.sums / n[:, None] - summary.centre
    within = summary.cross - (means * n[:, None]).T @ means
    p = len(summary.names) + 1  # intercept + design columns (the score column is dropped below)
    wxx = np.zeros((p, p))
    wxx[1:, 1:] = within[:-1, :-1]
    return SufficientStats(
        names=(INTERCEPT, *summary.names),
        school_ids=summary.school_ids,
        n=n,
        xbar=np.hstack([np.ones((n.size, 1)), means[:, :-1]]),
        ybar=means[:, -1],
        wxx=wxx,
        wxy=np.concatenate([[0.0], within[:-1, -1]]),
        wyy=float(within[-1, -1]),
        x_centre=np.concatenate([[0.0], summary.centre[:-1]]),
        y_centre=float(summary.centre[-1]),
    )


def sufficient_stats(rows: pl.DataFrame, terms: Sequence[tuple[str, pl.Expr]]) -> SufficientStats:
    """Sufficient statistics of rows that are all in the model."""
    everyone = pl.lit(True)
    summary = summarise_schools(rows, terms, valid=everyone, has_prior=everyone)
    constant = [name for name in summary.constant_columns() if name in {n for n, _ in terms}]
    if constant:
        raise CollinearDesignError(f"constant among the students analysed: {constant}")
    return stats_from_summary(summary)


def check_full_rank(stats: SufficientStats) -> None:
    """Refuse a design whose columns are (nearly) linearly dependent."""
    total = stats.total_xx()
    diagonal = np.diag(total)
    flat = [
        name for name, ss in zip(stats.names, diagonal, strict=True) if ss <= 1e-12 * total[0, 0]
    ]
    if flat:
        raise CollinearDesignError(f"no variation: {flat}")
    scale = 1.0 / np.sqrt(diagonal)
    correlation = total * np.outer(scale, scale)
    eigenvalues, eigenvectors = np.linalg.eigh(correlation)
    if eigenvalues[0] > 1e-10 * eigenvalues[-1]:
        return
    loading = np.abs(eigenvectors[:, 0])
    involved = [name for name, weight in zip(stats.names, loading, strict=True) if weight > 0.1]
    raise CollinearDesignError(f"linearly dependent terms: {involved}")
