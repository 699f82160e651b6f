"""The status rule: where a target stands, computed from its latest accepted value. Never typed in.

The rule, in the order it is applied (the plan page shows the same text, built from these
constants):

1. **done** (已完成): the latest accepted value meets the target. ``>=`` targets are met at or
   above the target value, ``<=`` targets at or below it; ``=`` targets are met once the value
   reaches the target value coming from the baseline; ``~`` (about, 左右/约) targets allow a
   shortfall of ``ABOUT_TOLERANCE`` of the target value.
2. **overdue** (逾期未完成): the due date has passed and the target is not met.
3. **not reported** (未报送): no report on it has been accepted yet.
4. Otherwise the value is compared with a straight trajectory from the baseline (at the plan's
   start) to the target (at the due date). *Expected progress* is the share of that time gone
   by at the end of the period the value reports on (or today, if sooner); *actual progress* is
   the share of the distance from baseline to target covered by the value.
   - **on track** (正常推进): actual progress ≥ expected progress;
   - **at risk** (存在风险): behind, but by no more than ``TOLERANCE`` of the whole distance;
   - **lagging** (进度滞后): behind by more than that.

A task's status is the most serious of its targets' statuses (in ``SEVERITY`` order); a task
is done only when every target is done.

Arithmetic is exact (fractions), so the boundaries behave exactly as written. Only what is shown
is rounded, half up, by one rule: progress as whole percentage points, and a value computed for
a target (the trajectory's) to the decimal places of the target's own figures, so that a target
of 100% from 0% expects 74%, never 73.93%.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from django.db import models
from django.utils.translation import gettext_lazy as _

TOLERANCE = Fraction(1, 10)  # at risk: at most 10 percentage points of the journey behind
ABOUT_TOLERANCE = Fraction(1, 20)  # "about" targets: within 5 % of the target value counts

AT_LEAST = ">="
AT_MOST = "<="
ABOUT = "~"
EXACTLY = "="


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("不低于（≥）")
    AT_MOST = "<=", _("不超过（≤）")
    ABOUT = "~", _("左右（约）")
    EXACTLY = "=", _("达到（=）")


class Status(models.TextChoices):
    DONE = "done", _("已完成")
    ON_TRACK = "on_track", _("正常推进")
    AT_RISK = "at_risk", _("存在风险")
    LAGGING = "lagging", _("进度滞后")
    OVERDUE = "overdue", _("逾期未完成")
    NOT_REPORTED = "not_reported", _("未报送")


# Most serious first: a task shows the first of these that any of its targets has.
SEVERITY = (
    Status.OVERDUE,
    Status.LAGGING,
    Status.AT_RISK,
    Status.NOT_REPORTED,
    Status.ON_TRACK,
    Status.DONE,
)


@dataclass(frozen=True)
class Reading:
    """An accepted value and the day it describes (the end of its period, or today if sooner)."""

    value: Decimal
    as_of: date


@dataclass(frozen=True)
class Assessment:
    status: Status
    expected: Fraction | None = None  # share of the journey the trajectory asks for by as_of
    actual: Fraction | None = None  # share of the journey the value has covered
    expected_value: Decimal | None = (
        None  # the trajectory's value at as_of, as precise as the target
    )

    @property
    def expected_percent(self) -> int | None:
        return None if self.expected is None else percent(self.expected)

    @property
    def actual_percent(self) -> int | None:
        return None if self.actual is None else percent(self.actual)


def percent(share: Fraction) -> int:
    """A share as whole percentage points, rounded half up: 0.7393 -> 74, 0.125 -> 13."""
    return floor(share * 100 + Fraction(1, 2))


def places(*figures: Decimal | None) -> int:
    """The decimal places the figures need once trailing zeros go: (100.0000, 0) -> 0, 95.5 -> 1."""
    return max(
        (max(0, -int(f.normalize().as_tuple().exponent)) for f in figures if f is not None),
        default=0,
    )


def to_places(value: Fraction, decimals: int) -> Decimal:
    """An exact value rounded half up to so many decimal places."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _direction(comparator: str, baseline: Fraction, target: Fraction) -> int:
    if comparator == AT_LEAST:
        return 1
    if comparator == AT_MOST:
        return -1
    return 1 if target >= baseline else -1


def effective_target(comparator: str, baseline: Decimal, target: Decimal) -> Fraction:
    """The value that counts as meeting the target (lowered by the tolerance for ~ targets)."""
    b, t = Fraction(baseline), Fraction(target)
    if comparator == ABOUT:
        return t - _direction(comparator, b, t) * ABOUT_TOLERANCE * abs(t)
    return t


def is_met(comparator: str, baseline: Decimal, target: Decimal, value: Decimal) -> bool:
    b, t = Fraction(baseline), Fraction(target)
    goal = effective_target(comparator, baseline, target)
    return _direction(comparator, b, t) * (Fraction(value) - goal) >= 0


def expected_progress(start: date, due: date, as_of: date) -> Fraction:
    """Share of the time from start to due that has passed on as_of, between 0 and 1."""
    if as_of <= start:
        return Fraction(0) if start < due else Fraction(1)
    if as_of >= due:
        return Fraction(1)
    return Fraction((as_of - start).days, (due - start).days)


def assess(
    *,
    comparator: str,
    baseline: Decimal,
    target: Decimal,
    start: date,
    due: date,
    latest: Reading | None,
    today: date,
) -> Assessment:
    """Where one target stands today (see the module docstring for the rule)."""
    if latest is not None and is_met(comparator, baseline, target, latest.value):
        return Assessment(Status.DONE, actual=Fraction(1))
    if today > due:
        return Assessment(Status.OVERDUE)
    if latest is None:
        return Assessment(Status.NOT_REPORTED)
    b = Fraction(baseline)
    goal = effective_target(comparator, baseline, target)
    expected = expected_progress(start, due, min(latest.as_of, today))
    direction = _direction(comparator, b, Fraction(target))
    if direction * (goal - b) <= 0:
        # The baseline already met the target and the value has fallen back: no progress.
        actual = Fraction(0)
    else:
        actual = (Fraction(latest.value) - b) / (goal - b)
    trajectory = b + expected * (goal - b)
    expected_value = to_places(trajectory, places(baseline, target))
    if actual >= expected:
        status = Status.ON_TRACK
    elif actual >= expected - TOLERANCE:
        status = Status.AT_RISK
    else:
        status = Status.LAGGING
    return Assessment(status, expected=expected, actual=actual, expected_value=expected_value)


def worst(statuses: Iterable[str]) -> Status | None:
    """The most serious status among them, or None when there are none."""
    present = set(statuses)
    for status in SEVERITY:
        if status in present:
            return status
    return None


def rule_text() -> list[str]:
    """The rule as the plan page shows it, one sentence per status, from the constants above."""
    tolerance = round(TOLERANCE * 100)
    about = round(ABOUT_TOLERANCE * 100)
    return [
        str(
            _(
                "已完成：最近一次审核通过的数值达到目标（≥ 目标不低于目标值，≤ 目标不高于目标值，"
                "“约”目标与目标值相差不超过 %(about)d%%）。"
            )
            % {"about": about}
        ),
        str(_("逾期未完成：已过完成时限，目标仍未达到。")),
        str(_("未报送：尚无审核通过的进展报告。")),
        str(
            _(
                "其余按“基线—目标”直线轨迹比较：期望进度为报告期末（或今天）已过时间占计划起点到完成时限的比例，"
                "实际进度为数值已走完的“基线→目标”距离的比例。"
            )
        ),
        str(_("正常推进：实际进度 ≥ 期望进度。")),
        str(_("存在风险：实际进度落后期望进度，但不超过 %(t)d 个百分点。") % {"t": tolerance}),
        str(_("进度滞后：实际进度落后期望进度超过 %(t)d 个百分点。") % {"t": tolerance}),
        str(_("任务状态取其各项目标中最严重的一项；全部目标完成，任务才算完成。")),
    ]
