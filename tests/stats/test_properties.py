"""Invariances every value-added model must respect (property-based)."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from yinling.stats import fit_value_added
from yinling.stats.bands import BAND_CODES, band_codes
from yinling.stats.simulate import simulate_scores

FRAME = simulate_scores(600, 20, seed=42).frame
MODELS = st.sampled_from(["ols", "ri", "cva"])
FIT_SETTINGS = settings(max_examples=15, deadline=None)


def _fit(frame: pl.DataFrame, model: str) -> pl.DataFrame:
    covariates = ["ses", "gender"] if model == "cva" else []
    return fit_value_added(
        frame, model=model, covariates=covariates, min_n=1, suppress_below=1
    ).schools.sort("school_id")


def _assert_same_effects(left: pl.DataFrame, right: pl.DataFrame) -> None:
    for column in ("estimate", "se", "reliability"):
        np.testing.assert_allclose(
            left.get_column(column), right.get_column(column), rtol=1e-7, atol=1e-9
        )
    assert left.get_column("band").to_list() == right.get_column("band").to_list()


@FIT_SETTINGS
@given(model=MODELS, shift=st.floats(-500, 500, allow_nan=False))
def test_adding_a_constant_to_every_current_score_changes_no_school_effect(
    model: str, shift: float
) -> None:
    shifted = FRAME.with_columns(pl.col("score") + shift)
    _assert_same_effects(_fit(FRAME, model), _fit(shifted, model))


@FIT_SETTINGS
@given(model=MODELS, shift=st.floats(-500, 500, allow_nan=False))
def test_adding_a_constant_to_every_prior_score_changes_no_school_effect(
    model: str, shift: float
) -> None:
    shifted = FRAME.with_columns(pl.col("prior") + shift)
    _assert_same_effects(_fit(FRAME, model), _fit(shifted, model))


@FIT_SETTINGS
@given(model=MODELS, seed=st.integers(0, 2**32 - 1))
def test_permuting_the_rows_changes_nothing(model: str, seed: int) -> None:
    permuted = FRAME.sample(fraction=1.0, shuffle=True, seed=seed)
    _assert_same_effects(_fit(FRAME, model), _fit(permuted, model))


@FIT_SETTINGS
@given(model=MODELS, factor=st.floats(0.01, 100))
def test_rescaling_the_current_score_rescales_effects_and_keeps_z(
    model: str, factor: float
) -> None:
    base, scaled = _fit(FRAME, model), _fit(FRAME.with_columns(pl.col("score") * factor), model)
    np.testing.assert_allclose(
        scaled.get_column("estimate"), factor * base.get_column("estimate"), rtol=1e-7
    )
    np.testing.assert_allclose(scaled.get_column("z"), base.get_column("z"), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(
        scaled.get_column("estimate_sd"), base.get_column("estimate_sd"), rtol=1e-7
    )


@settings(max_examples=200)
@given(
    z=st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=50),
    low=st.floats(0.1, 2.0),
    gap=st.floats(0.01, 2.0),
)
def test_bands_are_monotone_in_z(z: list[float], low: float, gap: float) -> None:
    ordered = np.sort(np.array(z))
    bands = band_codes(ordered, (low, low + gap))
    positions = [BAND_CODES.index(code) for code in bands]
    assert positions == sorted(positions)


@settings(max_examples=200)
@given(z=st.floats(-10, 10, allow_nan=False))
def test_bands_are_symmetric_around_zero(z: float) -> None:
    up, down = band_codes(np.array([z, -z]))
    assert BAND_CODES.index(up) == len(BAND_CODES) - 1 - BAND_CODES.index(down)


def test_band_cutoffs_belong_to_the_outer_band() -> None:
    z = np.array([-1.96, -1.0, -0.999, 0.0, 0.999, 1.0, 1.96, np.nan])
    assert band_codes(z) == [
        "sig_below",
        "below",
        "average",
        "average",
        "average",
        "above",
        "sig_above",
        None,
    ]
