"""What a value-added run returns: per-model summaries and the per-school table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np
import polars as pl

from yinling.stats.design import INTERCEPT, SufficientStats
from yinling.stats.effects import EngineFit
from yinling.stats.errors import InvalidOptionError, NotConvergedError
from yinling.stats.ols import ols_r_squared

R2_OLS = "ordinary R² of the student-level OLS regression"
R2_MIXED = (
    "marginal R² of Nakagawa & Schielzeth (2013): variance of the fitted fixed part over "
    "(that + school variance + residual variance); r2_conditional adds the school variance "
    "to the numerator"
)
SE_OLS = (
    "sqrt(within-school residual mean square / n): sampling error of the school's mean residual"
)
SE_MIXED = (
    "sqrt of the prediction error variance Var(u_hat - u) including fixed-effect uncertainty "
    "(Henderson); se_conditional is statsmodels' random_effects_cov (fixed effects known)"
)


@dataclass(frozen=True)
class FixedEffect:
    name: str
    estimate: float
    se: float


@dataclass(frozen=True)
class ModelSummary:
    """One fitted model: what the product stores next to the school table."""

    model: str  # "ols" | "ri" | "cva"
    subject: str | None
    cohort: str | None
    fixed_effects: tuple[FixedEffect, ...]
    variance_components: Mapping[str, float]  # {"school": tau^2, "residual": sigma^2}
    icc: float  # school / (school + residual), conditional on the fixed effects
    r2: float
    r2_conditional: float | None
    r2_definition: str
    se_definition: str
    converged: bool
    message: str
    n_students: int
    n_schools: int
    score_sd: float  # the score unit in which estimate_sd is expressed
    log_likelihood: float | None = None

    def fixed_effect(self, name: str) -> FixedEffect:
        for effect in self.fixed_effects:
            if effect.name == name:
                return effect
        raise KeyError(name)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["variance_components"] = dict(self.variance_components)
        return data


@dataclass(frozen=True)
class ValueAddedResult:
    """``schools``: one row per school (and subject); ``models``: one summary per fit."""

    schools: pl.DataFrame
    models: tuple[ModelSummary, ...] = field(default_factory=tuple)

    @property
    def model(self) -> ModelSummary:
        """The only model, or the combined model when subjects were analysed."""
        if len(self.models) == 1:
            return self.models[0]
        combined = [m for m in self.models if m.subject == COMBINED]
        if len(combined) == 1:
            return combined[0]
        raise InvalidOptionError("several models were fitted; use .models")

    @property
    def converged(self) -> bool:
        return all(m.converged for m in self.models)

    def require_converged(self) -> ValueAddedResult:
        """Return self, or raise NotConvergedError naming the failed fits."""
        failed = [m for m in self.models if not m.converged]
        if failed:
            raise NotConvergedError("; ".join(_label(m) + ": " + m.message for m in failed))
        return self


COMBINED = "combined"


def _label(model: ModelSummary) -> str:
    parts = [p for p in (model.cohort, model.subject) if p is not None]
    return "/".join(parts) or model.model


def summarise(
    stats: SufficientStats,
    fit: EngineFit,
    *,
    model: str,
    subject: str | None,
    cohort: str | None,
    score_sd: float,
) -> ModelSummary:
    """Fixed effects on the raw scale, variance components, ICC and R²."""
    beta, cov = raw_scale_fixed_effects(stats, fit)
    se = np.sqrt(np.diag(cov))
    effects = tuple(
        FixedEffect(name, float(b), float(s))
        for name, b, s in zip(stats.names, beta, se, strict=True)
    )
    tau2, sigma2 = fit.school_variance, fit.residual_variance
    r2, r2_conditional = _r_squared(stats, fit, model)
    return ModelSummary(
        model=model,
        subject=subject,
        cohort=cohort,
        fixed_effects=effects,
        variance_components={"school": tau2, "residual": sigma2},
        icc=float(tau2 / (tau2 + sigma2)),
        r2=r2,
        r2_conditional=r2_conditional,
        r2_definition=R2_OLS if model == "ols" else R2_MIXED,
        se_definition=SE_OLS if model == "ols" else SE_MIXED,
        converged=fit.converged,
        message=fit.message,
        n_students=stats.n_students,
        n_schools=stats.n_schools,
        score_sd=float(score_sd),
        log_likelihood=fit.log_likelihood,
    )


def raw_scale_fixed_effects(
    stats: SufficientStats, fit: EngineFit
) -> tuple[np.ndarray, np.ndarray]:
    """Undo the centring: only the intercept changes, by ybar - xbar' beta."""
    assert stats.names[0] == INTERCEPT
    transform = np.eye(stats.p)
    transform[0, 1:] = -stats.x_centre[1:]
    beta = transform @ fit.beta
    beta[0] += stats.y_centre
    return beta, transform @ fit.cov_beta @ transform.T


def _r_squared(stats: SufficientStats, fit: EngineFit, model: str) -> tuple[float, float | None]:
    if model == "ols":
        return ols_r_squared(stats, fit.beta), None
    slopes = fit.beta[1:]
    fixed_var = slopes @ stats.total_xx()[1:, 1:] @ slopes / (stats.n_students - 1)
    total = fixed_var + fit.school_variance + fit.residual_variance
    return float(fixed_var / total), float((fixed_var + fit.school_variance) / total)
