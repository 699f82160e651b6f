"""Model (b): two-level random-intercept model fitted by REML.

    y_ij = x_ij' beta + u_j + e_ij,   u_j ~ N(0, tau^2),   e_ij ~ N(0, sigma^2)

With the variance ratio ``g = tau^2 / sigma^2`` the scaled covariance of school j is
``H_j = I + g 11'`` with ``H_j^-1 = I - g / (1 + n_j g) 11'`` and
``|H_j| = 1 + n_j g``.  Writing ``d_j = n_j / (1 + n_j g)``:

    A(g) = X'H^-1 X = W_xx + sum_j d_j xbar_j xbar_j'
    b(g) = X'H^-1 y = W_xy + sum_j d_j xbar_j ybar_j
    c(g) = y'H^-1 y = W_yy + sum_j d_j ybar_j^2

(``X_j'H_j^-1 X_j = W_j + d_j xbar_j xbar_j'``), so each evaluation costs
O(J p^2) whatever the number of students.  Profiling beta = A^-1 b and
sigma^2 = RSS / (N - p), RSS = c - b'beta, out of the REML log-likelihood
(Harville 1977; Pinheiro & Bates 2000, sec. 2.2) leaves

    -2 l_R(g) = (N - p) log RSS(g) + sum_j log(1 + n_j g) + log|A(g)| + const,

a 1-D function of log g: a coarse grid, then the root of its closed-form
derivative in the best bracket, and a check of the boundary g = 0 (tau^2 = 0 is
a legal REML estimate).

School effects (empirical Bayes / BLUP) and their uncertainty, closed form:

    lambda_j = n_j g / (1 + n_j g)                      (reliability, shrinkage)
    u_j_hat  = lambda_j (ybar_j - xbar_j' beta)
    V_cond_j = tau^2 (1 - lambda_j)                     = Var(u_j | y) at known beta
    PEV_j    = V_cond_j + lambda_j^2 xbar_j' Cov(beta) xbar_j,  Cov(beta) = sigma^2 A^-1

``V_cond`` is exactly what statsmodels' ``MixedLMResults.random_effects_cov``
reports (it treats beta as known).  ``PEV_j = Var(u_j_hat - u_j)`` is Henderson's
prediction error variance, the diagonal of ``G - G Z'PZ G`` with
``P = V^-1 - V^-1 X (X'V^-1 X)^-1 X'V^-1``; it adds the uncertainty of the fixed
effects because ``sigma_u^2 1'V_j^-1 X_j = lambda_j xbar_j'``.  The reported ``se``
is ``sqrt(PEV_j)`` (the comparative SE); ``se_conditional`` is ``sqrt(V_cond_j)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinling.stats.design import SufficientStats
from yinling.stats.effects import EngineFit
from yinling.stats.roots import brentq

LOG_RATIO_MIN = np.log(1e-8)
LOG_RATIO_MAX = np.log(1e4)
GRID_POINTS = 49
XATOL = 1e-10
BOUNDARY_MESSAGE = (
    "学校间方差估计为 0（boundary estimate: the school variance is 0, so every school "
    "effect is shrunk to the average）"
)
UPPER_BOUND_MESSAGE = (
    "方差比达到搜索上界（the variance ratio reached its upper search bound: within-school "
    "variation is negligible next to between-school variation）"
)


@dataclass(frozen=True)
class Profile:
    """The REML profile at one variance ratio."""

    ratio: float
    normal: np.ndarray  # A(g)
    beta: np.ndarray
    rss: float
    objective: float  # -2 l_R(g) without the constant
    slope: float  # d objective / d g


def profile(stats: SufficientStats, ratio: float) -> Profile:
    """Evaluate the profiled REML objective and its derivative at variance ratio ``ratio``.

    With d d_j / d g = -d_j^2 and the school mean residuals r_j = ybar_j - xbar_j' beta:
    d RSS / d g = -sum_j d_j^2 r_j^2 and d log|A| / d g = -sum_j d_j^2 xbar_j' A^-1 xbar_j, so

        d objective / d g = -(N - p) sum_j d_j^2 r_j^2 / RSS + sum_j d_j
                            - sum_j d_j^2 xbar_j' A^-1 xbar_j.
    """
    weight, normal, beta, rss, objective = _objective(stats, ratio)
    dof = stats.n_students - stats.p
    residual = stats.ybar - stats.xbar @ beta
    leverage = np.einsum("jk,kj->j", stats.xbar, np.linalg.solve(normal, stats.xbar.T))
    squared = weight**2
    slope = -dof * (squared @ residual**2) / rss + weight.sum() - squared @ leverage
    return Profile(ratio, normal, beta, rss, float(objective), float(slope))


def _objective(
    stats: SufficientStats, ratio: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """Weights d_j, A(g), beta, RSS and the objective: all the grid search needs."""
    weight = stats.n / (1.0 + stats.n * ratio)
    normal = stats.wxx + (stats.xbar * weight[:, None]).T @ stats.xbar
    rhs = stats.wxy + stats.xbar.T @ (weight * stats.ybar)
    quad = stats.wyy + weight @ stats.ybar**2
    factor = np.linalg.cholesky(normal)
    beta = np.linalg.solve(normal, rhs)
    rss = float(quad - rhs @ beta)
    dof = stats.n_students - stats.p
    objective = (
        dof * np.log(rss) + np.log1p(stats.n * ratio).sum() + 2.0 * np.log(np.diag(factor)).sum()
    )
    return weight, normal, beta, rss, float(objective)


def fit_random_intercept(stats: SufficientStats) -> EngineFit:
    """REML fit, BLUPs and their standard errors."""
    best, converged, message = _optimise(stats)
    return _effects(stats, best, converged, message)


def reml_log_likelihood(stats: SufficientStats, best: Profile) -> float:
    """The full REML log-likelihood, comparable with statsmodels' ``llf``."""
    dof = stats.n_students - stats.p
    return float(-0.5 * (best.objective + dof * (1.0 + np.log(2.0 * np.pi / dof))))


def _optimise(stats: SufficientStats) -> tuple[Profile, bool, str]:
    """Grid over log g, then the root of the derivative in the best bracket.

    Solving d objective / d g = 0 (brentq) rather than minimising the objective
    itself pins g down to ~1e-12 instead of ~sqrt(machine epsilon).  The boundary
    g = 0 is the REML estimate when the objective does not fall from it
    (derivative >= 0 at 0, the Kuhn-Tucker condition) and no grid point is lower.
    """
    grid = np.linspace(LOG_RATIO_MIN, LOG_RATIO_MAX, GRID_POINTS)
    values = np.array([_objective(stats, float(np.exp(t)))[-1] for t in grid])
    boundary = profile(stats, 0.0)
    if boundary.slope >= 0.0 and boundary.objective <= values.min():
        return boundary, True, BOUNDARY_MESSAGE
    k = int(np.argmin(values))
    if k == GRID_POINTS - 1:
        return profile(stats, float(np.exp(grid[-1]))), False, UPPER_BOUND_MESSAGE
    t, converged, detail = _solve(stats, grid[max(k - 1, 0)], grid[k + 1])
    interior = profile(stats, float(np.exp(t)))
    if not converged:
        return interior, False, f"REML 未收敛（REML search failed: {detail}）"
    if boundary.objective <= interior.objective:
        return boundary, True, BOUNDARY_MESSAGE
    return interior, True, f"REML 收敛（REML converged; variance ratio {interior.ratio:.6g}）"


def _solve(stats: SufficientStats, low: float, high: float) -> tuple[float, bool, str]:
    """The stationary point in [low, high] (in log g); Brent minimisation as a fallback.

    The root finder is ``roots.brentq`` (scipy's algorithm without importing
    scipy.optimize, which costs more CPU than the whole fit); only the rare
    fallback imports scipy.
    """

    def slope(t: float) -> float:
        ratio = float(np.exp(t))
        return ratio * profile(stats, ratio).slope  # chain rule: d/dt = g d/dg

    if slope(low) < 0.0 < slope(high):
        outcome = brentq(slope, low, high, xtol=1e-14)
        return outcome.root, outcome.converged, outcome.flag
    from scipy.optimize import minimize_scalar

    result = minimize_scalar(
        lambda t: _objective(stats, float(np.exp(t)))[-1],
        bounds=(low, high),
        method="bounded",
        options={"xatol": XATOL, "maxiter": 500},
    )
    return float(result.x), bool(result.success), str(result.message)


def _effects(stats: SufficientStats, best: Profile, converged: bool, message: str) -> EngineFit:
    dof = stats.n_students - stats.p
    sigma2 = best.rss / dof
    tau2 = best.ratio * sigma2
    cov_beta = sigma2 * np.linalg.inv(best.normal)
    reliability = stats.n * best.ratio / (1.0 + stats.n * best.ratio)
    raw = stats.ybar - stats.xbar @ best.beta
    conditional = tau2 * (1.0 - reliability)
    leverage = np.einsum("jk,kl,jl->j", stats.xbar, cov_beta, stats.xbar)
    prediction_error = conditional + reliability**2 * leverage
    return EngineFit(
        beta=best.beta,
        cov_beta=cov_beta,
        school_variance=float(tau2),
        residual_variance=float(sigma2),
        effect=reliability * raw,
        se=np.sqrt(prediction_error),
        se_conditional=np.sqrt(conditional),
        reliability=reliability,
        raw_residual=raw,
        log_likelihood=reml_log_likelihood(stats, best),
        converged=converged,
        message=message,
    )
