"""A model that does not converge says so and reports no estimates."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats import fit_value_added
from yinling.stats.errors import NotConvergedError
from yinling.stats.simulate import simulate_scores


@pytest.fixture(scope="module")
def no_within_school_noise() -> pl.DataFrame:
    """School effects of SD 10 and student noise of SD 0.01: variance ratio ~1e6."""
    rng = np.random.default_rng(11)
    frame = simulate_scores(600, 20, seed=11).frame
    effects = {f"S{j:05d}": value for j, value in enumerate(rng.normal(0, 10, 20))}
    return frame.with_columns(
        (
            pl.col("prior")
            + pl.col("school_id").replace_strict(effects, return_dtype=pl.Float64)
            + pl.Series(rng.normal(0, 0.01, frame.height))
        ).alias("score")
    )


def test_it_reports_non_convergence_when_the_variance_ratio_runs_off(
    no_within_school_noise,
) -> None:
    result = fit_value_added(no_within_school_noise, model="ri")
    assert not result.converged
    assert not result.model.converged
    assert "upper search bound" in result.model.message


def test_a_model_that_did_not_converge_prints_no_estimates(no_within_school_noise) -> None:
    schools = fit_value_added(no_within_school_noise, model="ri").schools
    assert schools.get_column("status").unique().to_list() == ["not_converged"]
    for column in ("estimate", "se", "ci_low", "ci_high", "band", "z", "reliability"):
        assert schools.get_column(column).null_count() == schools.height


def test_require_converged_raises_for_a_failed_fit(no_within_school_noise) -> None:
    with pytest.raises(NotConvergedError, match="VA030"):
        fit_value_added(no_within_school_noise, model="ri").require_converged()


def test_zero_school_variance_is_a_converged_boundary_estimate() -> None:
    # Student noise centred within each school: the school means carry less
    # spread than sampling alone would give, so the REML optimum is tau^2 = 0.
    rng = np.random.default_rng(5)
    frame = (
        simulate_scores(2_000, 40, seed=5)
        .frame.with_columns(pl.Series("noise", rng.normal(0, 10, 2_000)))
        .with_columns(
            (
                20
                + 0.7 * pl.col("prior")
                + pl.col("noise")
                - pl.col("noise").mean().over("school_id")
            ).alias("score")
        )
    )
    result = fit_value_added(frame, model="ri")
    assert result.model.converged
    assert result.model.variance_components["school"] == 0.0
    assert "boundary" in result.model.message
    assert result.schools.get_column("band").unique().to_list() == ["average"]
