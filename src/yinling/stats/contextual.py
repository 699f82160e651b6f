"""Model (c): contextual value added (CVA).

The random-intercept model of ``random_intercept`` with the student covariates
and, as a compositional term, the school mean of the prior score (over the
students in the model).  The compositional term is constant within a school,
so it enters the school means ``xbar_j`` only and has no within-school
cross-products.  A CVA school effect is relative to schools with a similar
intake, not to the average school overall.
"""

from __future__ import annotations

from yinling.stats.design import SufficientStats
from yinling.stats.effects import EngineFit
from yinling.stats.inputs import PRIOR
from yinling.stats.random_intercept import fit_random_intercept

COMPOSITIONAL_TERM = "school_mean_prior"


def with_compositional_term(stats: SufficientStats) -> SufficientStats:
    """Add the school mean of the prior score as a school-level fixed effect."""
    column = stats.names.index(PRIOR)
    school_means = stats.xbar[:, column] + stats.x_centre[column]
    return stats.with_school_term(COMPOSITIONAL_TERM, school_means)


def fit_contextual(stats: SufficientStats) -> EngineFit:
    """Fit CVA on statistics that already carry the compositional term."""
    if COMPOSITIONAL_TERM not in stats.names:
        stats = with_compositional_term(stats)
    return fit_random_intercept(stats)
