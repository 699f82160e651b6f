"""Model (a): single-level OLS of the current score on the prior (and covariates).

A school's value added is the mean residual of its students,
``rbar_j = ybar_j - xbar_j' beta``, relative to the student-weighted average school
(the residuals sum to zero because the model has an intercept).

Its standard error is ``sqrt(s_w^2 / n_j)`` with ``s_w^2`` the pooled *within-school*
residual mean square: the between-school spread of the residuals is the signal
being estimated, not noise around it.  (England's Progress 8 uses the total
pupil-level SD instead, which is slightly conservative.)  The uncertainty of the
regression coefficients is O(1/N) and is ignored.

Reliability is the shrinkage factor ``tau^2 / (tau^2 + s_w^2 / n_j)`` that a
random-intercept model would apply, with ``tau^2`` the one-way ANOVA (moment)
estimate of the between-school residual variance for unbalanced groups:
``(MSB - MSW) / n0``, ``n0 = (N - sum n_j^2 / N) / (J - 1)``; truncated at 0.
"""

from __future__ import annotations

import numpy as np

from yinling.stats.design import SufficientStats
from yinling.stats.effects import EngineFit


def fit_ols(stats: SufficientStats) -> EngineFit:
    """Ordinary least squares from the sufficient statistics."""
    normal = stats.total_xx()
    beta = np.linalg.solve(normal, stats.total_xy())
    n_total, n_schools = stats.n_students, stats.n_schools
    rss = stats.total_yy() - stats.total_xy() @ beta
    residual_variance = rss / (n_total - stats.p)
    raw = stats.ybar - stats.xbar @ beta
    within_ss = stats.wyy - 2.0 * beta @ stats.wxy + beta @ stats.wxx @ beta
    within_ms = within_ss / (n_total - n_schools)
    tau2 = _anova_school_variance(stats.n, raw, within_ms)
    return EngineFit(
        beta=beta,
        cov_beta=residual_variance * np.linalg.inv(normal),
        school_variance=tau2,
        residual_variance=float(within_ms),
        effect=raw,
        se=np.sqrt(within_ms / stats.n),
        se_conditional=None,
        reliability=tau2 / (tau2 + within_ms / stats.n),
        raw_residual=raw,
        log_likelihood=None,
        converged=True,
        message="OLS 闭式解（OLS closed-form solution）",
    )


def ols_r_squared(stats: SufficientStats, beta: np.ndarray) -> float:
    """The ordinary R^2 = 1 - RSS / TSS of the student-level regression."""
    rss = stats.total_yy() - stats.total_xy() @ beta
    return float(1.0 - rss / stats.total_yy())


def _anova_school_variance(n: np.ndarray, means: np.ndarray, within_ms: float) -> float:
    total = n.sum()
    groups = n.size
    grand = n @ means / total
    between_ms = n @ (means - grand) ** 2 / (groups - 1)
    n0 = (total - (n**2).sum() / total) / (groups - 1)
    return float(max(0.0, (between_ms - within_ms) / n0))
