"""Reporting periods (month, quarter, half-year) and school years, as plain values.

A period is named by a key that reads the same in every language and sorts by time:
``2024-03`` (March 2024), ``2024-Q1`` (first quarter), ``2024-H2`` (second half-year).
Departments report once per period of a target's reporting frequency; a report is due within
``REPORT_GRACE_DAYS`` days of the period's end (the usual 每季度结束后10日内报送).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

REPORT_GRACE_DAYS = 10

_KEY = re.compile(r"^(?P<year>\d{4})-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12]))$")
_QUARTER_NAMES = {
    1: gettext_noop("一"),
    2: gettext_noop("二"),
    3: gettext_noop("三"),
    4: gettext_noop("四"),
}


class Frequency(models.TextChoices):
    MONTHLY = "monthly", gettext_lazy("每月")
    QUARTERLY = "quarterly", gettext_lazy("每季度")
    HALF_YEARLY = "half_yearly", gettext_lazy("每半年")


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    key: str

    @property
    def label(self) -> str:
        match = _KEY.match(self.key)
        assert match is not None
        year = int(match["year"])
        if match["month"]:
            return _("%(y)d年%(m)d月") % {"y": year, "m": int(match["month"])}
        if match["quarter"]:
            return _("%(y)d年第%(q)s季度") % {
                "y": year,
                "q": _(_QUARTER_NAMES[int(match["quarter"])]),
            }
        return (_("%(y)d年上半年") if match["half"] == "1" else _("%(y)d年下半年")) % {"y": year}

    @property
    def deadline(self) -> date:
        """The last day a report for this period counts as on time."""
        return self.end + timedelta(days=REPORT_GRACE_DAYS)

    def __str__(self) -> str:
        return self.label


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def period_from_key(key: str) -> Period | None:
    """The period a key names, or None when the key is not one."""
    match = _KEY.match(key.strip())
    if match is None:
        return None
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            return None
        first, last = month, month
    elif match["quarter"]:
        quarter = int(match["quarter"])
        first, last = 3 * quarter - 2, 3 * quarter
    else:
        first, last = (1, 6) if match["half"] == "1" else (7, 12)
    return Period(date(year, first, 1), _month_end(year, last), key.strip())


def period_containing(day: date, frequency: str) -> Period:
    if frequency == Frequency.MONTHLY:
        key = f"{day.year}-{day.month:02d}"
    elif frequency == Frequency.QUARTERLY:
        key = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    elif frequency == Frequency.HALF_YEARLY:
        key = f"{day.year}-H{1 if day.month <= 6 else 2}"
    else:
        raise ValueError(f"unknown reporting frequency {frequency!r}")
    period = period_from_key(key)
    assert period is not None
    return period


def periods_between(start: date, end: date, frequency: str) -> list[Period]:
    """Every period of the frequency that overlaps [start, end], in order."""
    periods: list[Period] = []
    if end < start:
        return periods
    period = period_containing(start, frequency)
    while period.start <= end:
        periods.append(period)
        period = period_containing(period.end + timedelta(days=1), frequency)
    return periods


def school_year_of(day: date) -> int:
    """The school year (学年) a day falls in: 2023学年 runs from 1 September 2023 to 31 August 2024."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(year: int) -> str:
    return _("%(y)d学年") % {"y": year}
