"""Aggregating expert scores: mean, spread, and a score calibrated for each expert's leniency.

Pure functions over (application, expert, total) triples, no Django.

Calibration (documented for the office): some experts score everything high, others low. Across
one review campaign, an expert's leniency is the mean of their totals minus the grand mean of all
totals. The calibrated score of an application is the mean of its totals after each expert's
leniency is subtracted. An expert with fewer than MIN_SCORED_FOR_LENIENCY scored applications is
treated as neutral (leniency 0): two or three scores say more about the applications than about
the expert. Calibration only makes sense when experts read a mix of applications, which is why
the assignment balances domains.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MIN_SCORED_FOR_LENIENCY = 3


@dataclass(frozen=True)
class Aggregate:
    count: int
    mean: float | None
    spread: float | None  # sample standard deviation; 0 with one score, None with none
    low: float | None
    high: float | None
    calibrated: float | None


def leniency(
    scores: Iterable[tuple[int, int, float]], *, minimum: int = MIN_SCORED_FOR_LENIENCY
) -> dict[int, float]:
    """Each expert's mean deviation from the grand mean (0 for experts with too few scores)."""
    triples = list(scores)
    if not triples:
        return {}
    grand = statistics.fmean(t for _, _, t in triples)
    by_expert: dict[int, list[float]] = defaultdict(list)
    for _, expert, total in triples:
        by_expert[expert].append(total)
    return {
        expert: (statistics.fmean(totals) - grand) if len(totals) >= minimum else 0.0
        for expert, totals in by_expert.items()
    }


def aggregate(
    scores: Iterable[tuple[int, int, float]], *, minimum: int = MIN_SCORED_FOR_LENIENCY
) -> dict[int, Aggregate]:
    """Aggregates per application from (application id, expert id, total) triples."""
    triples = list(scores)
    bias = leniency(triples, minimum=minimum)
    by_item: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for item, expert, total in triples:
        by_item[item].append((expert, total))
    result: dict[int, Aggregate] = {}
    for item, rows in by_item.items():
        totals = [t for _, t in rows]
        result[item] = Aggregate(
            count=len(totals),
            mean=statistics.fmean(totals),
            spread=statistics.stdev(totals) if len(totals) > 1 else 0.0,
            low=min(totals),
            high=max(totals),
            calibrated=statistics.fmean(t - bias[e] for e, t in rows),
        )
    return result


EMPTY = Aggregate(count=0, mean=None, spread=None, low=None, high=None, calibrated=None)
