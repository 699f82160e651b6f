"""School value added (增值评估): a pure statistics engine (numpy / scipy / polars).

No Django, pandas or statsmodels imports here; the product stores what
``fit_value_added`` returns and the management command calls ``cli.main``.

    result = fit_value_added(frame, model="ri", subject_col="subject")
    result.schools   # polars: one row per school (and subject), bands but never ranks
    result.models    # one ModelSummary per fit; result.model when there is one (or combined)

Models (each per subject, and combined over subjects):

* ``ols``: student-level OLS on the prior (and covariates); value added is the
  school's mean residual, SE sqrt(within-school residual variance / n) (``ols``).
* ``ri``: two-level random-intercept model by REML from per-school sufficient
  statistics; value added is the empirical-Bayes (BLUP) school effect; ``se`` is
  the comparative SE sqrt(PEV) including fixed-effect uncertainty, and
  ``se_conditional`` is statsmodels' ``random_effects_cov`` (``random_intercept``).
* ``cva``: ``ri`` plus covariates and the school mean prior (``contextual``).

Combined over subjects = the same model on each student's mean within-subject
z-score, so a student's subjects are not counted as independent evidence
(``composite`` explains the choice).  Bands: ``bands``; statuses and columns:
``school_table``; errors with stable codes: ``errors``.
"""

from yinling.stats.api import MODELS, fit_value_added
from yinling.stats.bands import BAND_CODES, BAND_LABELS
from yinling.stats.errors import ValueAddedError
from yinling.stats.loading import read_scores
from yinling.stats.results import COMBINED, FixedEffect, ModelSummary, ValueAddedResult

__all__ = [
    "BAND_CODES",
    "BAND_LABELS",
    "COMBINED",
    "MODELS",
    "FixedEffect",
    "ModelSummary",
    "ValueAddedError",
    "ValueAddedResult",
    "fit_value_added",
    "read_scores",
]
