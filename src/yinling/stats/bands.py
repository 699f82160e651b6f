"""Five-level bands from z = estimate / se.  Bands, never ranks.

With cut-offs (low, high) = (1, 1.96): z >= 1.96 is 显著高于, 1 <= z < 1.96 高于,
-1 < z < 1 持平, -1.96 < z <= -1 低于, z <= -1.96 显著低于.  At |z| >= 1.96 the
95% interval excludes the average school.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from yinling.stats.errors import InvalidOptionError

SIG_ABOVE, ABOVE, AVERAGE, BELOW, SIG_BELOW = (
    "sig_above",
    "above",
    "average",
    "below",
    "sig_below",
)
BAND_CODES: tuple[str, ...] = (SIG_BELOW, BELOW, AVERAGE, ABOVE, SIG_ABOVE)  # low to high
BAND_LABELS: dict[str, str] = {
    SIG_ABOVE: "显著高于",
    ABOVE: "高于",
    AVERAGE: "持平",
    BELOW: "低于",
    SIG_BELOW: "显著低于",
}
DEFAULT_CUTOFFS = (1.0, 1.96)
_CODES_OR_NONE = np.array([*BAND_CODES, None], dtype=object)  # index 5: z is missing


def check_cutoffs(cutoffs: Sequence[float]) -> tuple[float, float]:
    """Two finite cut-offs with 0 < low < high."""
    values = tuple(float(c) for c in cutoffs)
    if len(values) != 2 or not all(np.isfinite(values)) or not 0 < values[0] < values[1]:
        raise InvalidOptionError(f"band cut-offs must be two numbers 0 < low < high, got {cutoffs}")
    return values[0], values[1]


def band_codes(z: np.ndarray, cutoffs: Sequence[float] = DEFAULT_CUTOFFS) -> list[str | None]:
    """The band code of each z; None where z is missing."""
    low, high = check_cutoffs(cutoffs)
    edges = np.array([-high, -low, low, high])
    # A cut-off belongs to the band further from 0 on both sides (z = 1.96 is
    # sig_above, z = -1.96 is sig_below), hence "edges <= z" above zero and
    # "edges < z" below it.
    upper = np.searchsorted(edges, z, side="right")
    lower = np.searchsorted(edges, z, side="left")
    index = np.where(np.isnan(z), len(BAND_CODES), np.where(z < 0, lower, upper))
    return _CODES_OR_NONE[index].tolist()


def band_label(code: str | None) -> str | None:
    """The Chinese label of a band code."""
    return None if code is None else BAND_LABELS[code]
