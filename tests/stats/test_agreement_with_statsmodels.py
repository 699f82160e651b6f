"""The engine agrees with statsmodels MixedLM (REML) and OLS to 4+ significant figures.

statsmodels is fitted with BFGS and gtol=1e-10: its default tolerance leaves the
variance components ~1e-4 (relative) short of the REML optimum, which would
blur a 4-significant-figure comparison.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import polars as pl
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

from yinling.stats import fit_value_added

RTOL = 1e-4  # "4 significant figures"


def _statsmodels_mixed(frame: pl.DataFrame, formula: str):
    data = pd.DataFrame(frame.to_dict(as_series=False))  # no pyarrow needed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = smf.mixedlm(formula, data, groups=data["school_id"])
        return model.fit(reml=True, method="bfgs", gtol=1e-10)


@pytest.fixture(scope="module")
def ri_pair(small_frame: pl.DataFrame):
    ours = fit_value_added(small_frame, model="ri", min_n=1, suppress_below=1)
    return ours, _statsmodels_mixed(small_frame, "score ~ prior")


@pytest.fixture(scope="module")
def cva_pair(small_frame: pl.DataFrame):
    frame = small_frame.with_columns(
        pl.col("prior").mean().over("school_id").alias("school_mean_prior"),
        (pl.col("gender") == "M").cast(pl.Float64).alias("male"),
    )
    ours = fit_value_added(
        small_frame, model="cva", covariates=["gender", "ses"], min_n=1, suppress_below=1
    )
    theirs = _statsmodels_mixed(frame, "score ~ prior + male + ses + school_mean_prior")
    return ours, theirs


def _school_column(result, column: str) -> np.ndarray:
    return result.schools.sort("school_id").get_column(column).to_numpy()


def _their_blups(theirs) -> np.ndarray:
    effects = theirs.random_effects
    return np.array([effects[key].iloc[0] for key in sorted(effects)])


def test_ri_fixed_effects_match_statsmodels(ri_pair) -> None:
    ours, theirs = ri_pair
    estimates = [e.estimate for e in ours.model.fixed_effects]
    np.testing.assert_allclose(estimates, theirs.fe_params.to_numpy(), rtol=RTOL)


def test_ri_variance_components_match_statsmodels(ri_pair) -> None:
    ours, theirs = ri_pair
    components = ours.model.variance_components
    np.testing.assert_allclose(components["school"], theirs.cov_re.iloc[0, 0], rtol=RTOL)
    np.testing.assert_allclose(components["residual"], theirs.scale, rtol=RTOL)


def test_ri_reml_log_likelihood_matches_statsmodels(ri_pair) -> None:
    ours, theirs = ri_pair
    np.testing.assert_allclose(ours.model.log_likelihood, theirs.llf, rtol=1e-8)


def test_ri_school_effects_match_statsmodels_blups(ri_pair) -> None:
    ours, theirs = ri_pair
    np.testing.assert_allclose(_school_column(ours, "estimate"), _their_blups(theirs), rtol=RTOL)


def test_ri_conditional_se_matches_statsmodels_random_effects_cov(ri_pair) -> None:
    ours, theirs = ri_pair
    covariances = theirs.random_effects_cov
    reference = np.sqrt([covariances[key].iloc[0, 0] for key in sorted(covariances)])
    np.testing.assert_allclose(_school_column(ours, "se_conditional"), reference, rtol=RTOL)


def _dense_reference(
    frame: pl.DataFrame, exog: np.ndarray, theirs
) -> tuple[np.ndarray, np.ndarray]:
    """From statsmodels' estimates: Cov(beta) = (X'V^-1 X)^-1 and the PEV diagonal.

    PEV = G - G Z'PZ G with P = V^-1 - V^-1 X (X'V^-1 X)^-1 X'V^-1 (Henderson),
    built densely from statsmodels' tau^2 and sigma^2.
    """
    schools = frame.get_column("school_id").to_numpy()
    labels = np.array(sorted(set(schools)))
    z = (schools[:, None] == labels[None, :]).astype(float)
    tau2, sigma2 = theirs.cov_re.iloc[0, 0], theirs.scale
    v = sigma2 * np.eye(len(schools)) + tau2 * z @ z.T
    v_inv = np.linalg.inv(v)
    cov_beta = np.linalg.inv(exog.T @ v_inv @ exog)
    p = v_inv - v_inv @ exog @ cov_beta @ exog.T @ v_inv
    pev = tau2 - tau2**2 * np.einsum("ij,ik,kj->j", z, p, z)
    return cov_beta, pev


@pytest.fixture(scope="module")
def ri_dense_reference(small_frame: pl.DataFrame, ri_pair) -> tuple[np.ndarray, np.ndarray]:
    exog = np.column_stack(
        [np.ones(small_frame.height), small_frame.get_column("prior").to_numpy()]
    )
    return _dense_reference(small_frame, exog, ri_pair[1])


def test_ri_comparative_se_matches_henderson_pev_from_statsmodels_estimates(
    ri_pair, ri_dense_reference
) -> None:
    ours, _ = ri_pair
    _, pev = ri_dense_reference
    np.testing.assert_allclose(_school_column(ours, "se"), np.sqrt(pev), rtol=RTOL)


def test_ri_fixed_effect_se_is_the_gls_se_from_statsmodels_estimates(
    ri_pair, ri_dense_reference
) -> None:
    ours, _ = ri_pair
    cov_beta, _ = ri_dense_reference
    ses = [e.se for e in ours.model.fixed_effects]
    np.testing.assert_allclose(ses, np.sqrt(np.diag(cov_beta)), rtol=RTOL)


def test_ri_fixed_effect_se_is_close_to_statsmodels_bse_fe(ri_pair) -> None:
    # statsmodels inverts the joint observed-information matrix, whose small
    # fixed-by-variance cross block (zero in expectation) moves bse_fe by up to ~0.5%.
    ours, theirs = ri_pair
    ses = [e.se for e in ours.model.fixed_effects]
    np.testing.assert_allclose(ses, theirs.bse_fe.to_numpy(), rtol=1e-2)


def test_cva_fixed_effects_match_statsmodels(cva_pair) -> None:
    ours, theirs = cva_pair
    estimates = [e.estimate for e in ours.model.fixed_effects]
    np.testing.assert_allclose(estimates, theirs.fe_params.to_numpy(), rtol=RTOL)


def test_cva_variance_components_match_statsmodels(cva_pair) -> None:
    ours, theirs = cva_pair
    components = ours.model.variance_components
    np.testing.assert_allclose(components["school"], theirs.cov_re.iloc[0, 0], rtol=RTOL)
    np.testing.assert_allclose(components["residual"], theirs.scale, rtol=RTOL)


def test_cva_school_effects_match_statsmodels_blups(cva_pair) -> None:
    ours, theirs = cva_pair
    np.testing.assert_allclose(_school_column(ours, "estimate"), _their_blups(theirs), rtol=RTOL)


def test_cva_conditional_se_matches_statsmodels_random_effects_cov(cva_pair) -> None:
    ours, theirs = cva_pair
    covariances = theirs.random_effects_cov
    reference = np.sqrt([covariances[key].iloc[0, 0] for key in sorted(covariances)])
    np.testing.assert_allclose(_school_column(ours, "se_conditional"), reference, rtol=RTOL)


def test_ols_coefficients_match_numpy_lstsq(small_frame: pl.DataFrame) -> None:
    ours = fit_value_added(small_frame, model="ols", covariates=["ses"], min_n=1, suppress_below=1)
    exog = np.column_stack(
        [np.ones(small_frame.height), small_frame.select("prior", "ses").to_numpy()]
    )
    reference, *_ = np.linalg.lstsq(exog, small_frame.get_column("score").to_numpy(), rcond=None)
    estimates = [e.estimate for e in ours.model.fixed_effects]
    np.testing.assert_allclose(estimates, reference, rtol=1e-10)


def test_ols_coefficients_ses_and_r2_match_statsmodels_ols(small_frame: pl.DataFrame) -> None:
    ours = fit_value_added(small_frame, model="ols", covariates=["ses"], min_n=1, suppress_below=1)
    exog = sm.add_constant(small_frame.select("prior", "ses").to_numpy())
    theirs = sm.OLS(small_frame.get_column("score").to_numpy(), exog).fit()
    np.testing.assert_allclose([e.se for e in ours.model.fixed_effects], theirs.bse, rtol=1e-8)
    np.testing.assert_allclose(ours.model.r2, theirs.rsquared, rtol=1e-10)


def test_ols_school_effect_is_the_mean_residual_of_its_students(small_frame: pl.DataFrame) -> None:
    ours = fit_value_added(small_frame, model="ols", min_n=1, suppress_below=1)
    exog = sm.add_constant(small_frame.get_column("prior").to_numpy())
    residual = sm.OLS(small_frame.get_column("score").to_numpy(), exog).fit().resid
    reference = (
        small_frame.with_columns(pl.Series("resid", residual))
        .group_by("school_id")
        .agg(pl.col("resid").mean())
        .sort("school_id")
        .get_column("resid")
        .to_numpy()
    )
    np.testing.assert_allclose(_school_column(ours, "estimate"), reference, rtol=1e-8, atol=1e-10)
