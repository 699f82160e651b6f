"""The engine-level outcome of a fit, shared by the OLS and random-intercept models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EngineFit:
    """Estimates on the centred design scale (see ``design.SufficientStats``).

    Per-school arrays are aligned with ``SufficientStats.school_ids``.
    """

    beta: np.ndarray  # (p,) fixed effects, centred design
    cov_beta: np.ndarray  # (p, p) their covariance
    school_variance: float  # tau^2 (sigma_u^2)
    residual_variance: float  # sigma^2
    effect: np.ndarray  # (J,) the school's value added (score units)
    se: np.ndarray  # (J,) its standard error (see the model modules for which one)
    se_conditional: np.ndarray | None  # (J,) statsmodels' random_effects_cov SE, RI only
    reliability: np.ndarray  # (J,) shrinkage factor lambda_j
    raw_residual: np.ndarray  # (J,) unshrunken mean residual ybar_j - xbar_j' beta
    log_likelihood: float | None  # REML log-likelihood at the optimum (RI only)
    converged: bool
    message: str
