"""The profiled REML objective and its closed-form derivative."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats.design import sufficient_stats
from yinling.stats.random_intercept import fit_random_intercept, profile


@pytest.fixture(scope="module")
def stats(small_frame: pl.DataFrame):
    return sufficient_stats(small_frame, [])


@pytest.mark.parametrize("ratio", [0.0, 0.01, 0.1, 1.0, 10.0])
def test_the_derivative_matches_a_finite_difference(stats, ratio: float) -> None:
    step = 1e-6 * max(ratio, 1e-3)
    numeric = (
        profile(stats, ratio + step).objective - profile(stats, max(ratio - step, 0.0)).objective
    ) / (ratio + step - max(ratio - step, 0.0))
    assert profile(stats, ratio).slope == pytest.approx(numeric, rel=1e-5)


def test_the_estimate_is_a_stationary_point_of_the_reml_objective(stats) -> None:
    fit = fit_random_intercept(stats)
    ratio = fit.school_variance / fit.residual_variance
    assert abs(profile(stats, ratio).slope) < 1e-8 * stats.n_students


def test_the_sufficient_statistics_reproduce_the_within_school_cross_products(
    small_frame: pl.DataFrame, stats
) -> None:
    centred = small_frame.with_columns(
        (pl.col(c) - pl.col(c).mean().over("school_id")).alias(c) for c in ("prior", "score")
    )
    prior, score = centred.get_column("prior").to_numpy(), centred.get_column("score").to_numpy()
    np.testing.assert_allclose(stats.wxx[1, 1], prior @ prior, rtol=1e-10)
    np.testing.assert_allclose(stats.wxy[1], prior @ score, rtol=1e-10)
    np.testing.assert_allclose(stats.wyy, score @ score, rtol=1e-10)
