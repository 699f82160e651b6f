"""The school calendar (学年): September to August, in two terms. Every deadline reads it.

"2025学年" runs from 2025-09-01 to 2026-08-31; its 第一学期 runs September to January and its
第二学期 February to August (the summer belongs to the year that is ending).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

FIRST_MONTH = 9  # September
SECOND_TERM_MONTH = 2  # February
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, order=True)
class Term:
    school_year: int
    number: int  # 1 = 第一学期, 2 = 第二学期

    @property
    def start(self) -> date:
        if self.number == 1:
            return date(self.school_year, FIRST_MONTH, 1)
        return date(self.school_year + 1, SECOND_TERM_MONTH, 1)

    @property
    def end(self) -> date:
        if self.number == 1:
            return date(self.school_year + 1, SECOND_TERM_MONTH, 1) - _ONE_DAY
        return date(self.school_year + 1, FIRST_MONTH, 1) - _ONE_DAY

    @property
    def label(self) -> str:
        return f"{self.school_year}学年{'第一学期' if self.number == 1 else '第二学期'}"

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @classmethod
    def of(cls, day: date) -> SchoolYear:
        """The school year a day falls in."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH, 1) - _ONE_DAY

    @property
    def label(self) -> str:
        """The short name a Chinese document uses ("2025学年"), stored in titles and the API."""
        return f"{self.start_year}学年"

    @property
    def span_label(self) -> str:
        """Both calendar years, for pages, in the reader's language: "2025—2026学年",
        "2025–2026 school year"."""
        return _("%(start)d—%(end)d学年") % {"start": self.start_year, "end": self.start_year + 1}

    @property
    def terms(self) -> tuple[Term, Term]:
        return Term(self.start_year, 1), Term(self.start_year, 2)

    def term_of(self, day: date) -> Term:
        if day not in self:
            raise ValueError(f"{day} is not in {self.label}")
        first, second = self.terms
        return first if day in first else second

    def days_left(self, day: date) -> int:
        """Days from `day` to the last day of the year, counting that last day as 0."""
        return (self.end - day).days

    def next(self) -> SchoolYear:
        return SchoolYear(self.start_year + 1)

    def previous(self) -> SchoolYear:
        return SchoolYear(self.start_year - 1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def term_of(day: date) -> Term:
    return SchoolYear.of(day).term_of(day)
