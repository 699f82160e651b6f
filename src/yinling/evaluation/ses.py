"""Statistics for the green indicators (numpy / scipy): the socio-economic impact index, levels
from cut points, and change between test years with its uncertainty."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class SesImpact:
    """Achievement regressed on the socio-economic index, within one school (or district)."""

    n: int
    slope: float
    slope_se: float
    slope_low: float
    slope_high: float
    r2: float
    r2_low: float
    r2_high: float
    r2_se: float

    def to_json(self) -> dict[str, float]:
        return asdict(self)


def ses_impact(score: Sequence[float], ses: Sequence[float]) -> SesImpact:
    """Slope with its t interval, and R² with an interval from Fisher's z of r (squared, and
    clipped at 0 when the interval for r spans 0). Needs at least 4 students and some spread."""
    y, x = np.asarray(score, dtype=float), np.asarray(ses, dtype=float)
    n = int(y.size)
    if n < 4 or np.ptp(x) == 0 or np.ptp(y) == 0:
        raise ValueError("need at least 4 students with varying scores and SES")
    fit = stats.linregress(x, y)
    t = stats.t.ppf(0.975, n - 2)
    r = float(fit.rvalue)
    z, spread = math.atanh(min(max(r, -0.999999), 0.999999)), Z_95 / math.sqrt(n - 3)
    low, high = math.tanh(z - spread), math.tanh(z + spread)
    r2_low = 0.0 if low <= 0 <= high else min(low**2, high**2)
    r2_high = max(low**2, high**2)
    return SesImpact(
        n=n,
        slope=float(fit.slope),
        slope_se=float(fit.stderr),
        slope_low=float(fit.slope - t * fit.stderr),
        slope_high=float(fit.slope + t * fit.stderr),
        r2=r * r,
        r2_low=r2_low,
        r2_high=r2_high,
        r2_se=2 * abs(r) * (1 - r * r) / math.sqrt(n - 3),  # delta method on Fisher's z
    )


def level_for(raw: float, cuts: Sequence[float], *, lower_better: bool = False) -> int:
    """Level 1-9 from eight ascending cut points. Higher is better: each cut at or below the raw
    score adds a level. Lower is better: each cut below the raw score takes one away from 9."""
    if len(cuts) != 8:
        raise ValueError("eight cut points are needed for nine levels")
    if lower_better:
        return 9 - sum(1 for c in cuts if raw > c)
    return 1 + sum(1 for c in cuts if raw >= c)


@dataclass(frozen=True)
class Change:
    """From one test year to another: the level change, and the raw change with its interval
    when both years carry a standard error."""

    from_year: int
    to_year: int
    level_change: int
    raw_change: float | None
    se: float | None
    low: float | None
    high: float | None

    @property
    def steps(self) -> int:
        """How many levels the index moved, either way (what "1 level" or "2 levels" counts)."""
        return abs(self.level_change)

    @property
    def clear(self) -> bool | None:
        """Does the 95% interval exclude no change? None when there is no interval."""
        if self.low is None or self.high is None:
            return None
        return self.low > 0 or self.high < 0


def change(
    from_year: int,
    to_year: int,
    levels: tuple[int, int],
    raws: tuple[float | None, float | None],
    ses: tuple[float | None, float | None],
) -> Change:
    """Independent samples (the tests sample students afresh): the variances add."""
    raw_change = None if None in raws else float(raws[1]) - float(raws[0])  # type: ignore[arg-type]
    se = None
    if raw_change is not None and None not in ses:
        se = math.sqrt(float(ses[0]) ** 2 + float(ses[1]) ** 2)  # type: ignore[arg-type]
    return Change(
        from_year=from_year,
        to_year=to_year,
        level_change=levels[1] - levels[0],
        raw_change=raw_change,
        se=se,
        low=None if se is None else raw_change - Z_95 * se,  # type: ignore[operator]
        high=None if se is None else raw_change + Z_95 * se,  # type: ignore[operator]
    )


def composite(levels: dict[str, int], weights: dict[str, float]) -> float | None:
    """Weighted mean level over the indices that carry a weight and a result; None when no
    index is weighted (the default: indices are reported side by side)."""
    used = {k: w for k, w in weights.items() if w > 0 and k in levels}
    if not used:
        return None
    return sum(levels[k] * w for k, w in used.items()) / sum(used.values())
