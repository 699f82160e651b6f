"""On data simulated with known school effects the 95% intervals cover the truth ~95%."""

from __future__ import annotations

import numpy as np
import polars as pl

from yinling.stats import fit_value_added
from yinling.stats.simulate import simulate_scores

DRAWS = 60
SCHOOLS = 200
STUDENTS = 6_000


def _coverage(model: str) -> float:
    covered = total = 0
    for draw in range(DRAWS):
        simulation = simulate_scores(STUDENTS, SCHOOLS, seed=1_000 + draw)
        truth = pl.DataFrame(
            {
                "school_id": list(simulation.school_effects),
                "truth": list(simulation.school_effects.values()),
            }
        )
        schools = fit_value_added(
            simulation.frame, model=model, covariates=["gender", "ses"], min_n=1, suppress_below=1
        ).schools.join(truth, on="school_id")
        if model == "ols":
            # OLS measures a school against the student-weighted average school.
            weights = schools.get_column("n").to_numpy()
            centre = np.average(schools.get_column("truth").to_numpy(), weights=weights)
            schools = schools.with_columns(pl.col("truth") - centre)
        inside = (pl.col("ci_low") <= pl.col("truth")) & (pl.col("truth") <= pl.col("ci_high"))
        covered += schools.select(inside.sum()).item()
        total += schools.height
    return covered / total


def test_random_intercept_intervals_cover_the_true_school_effects_95_percent_of_the_time() -> None:
    assert 0.93 <= _coverage("ri") <= 0.97


def test_ols_intervals_cover_the_true_school_effects_95_percent_of_the_time() -> None:
    assert 0.93 <= _coverage("ols") <= 0.97


def test_contextual_intervals_cover_the_true_school_effects_95_percent_of_the_time() -> None:
    assert 0.93 <= _coverage("cva") <= 0.97
