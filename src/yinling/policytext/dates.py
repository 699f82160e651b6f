"""Dates as Chinese documents write them: 2023年12月, 2023年3月2日, 二〇二三年三月二日."""

from __future__ import annotations

import re

from yinling.policytext.model import PolicyDate
from yinling.policytext.numerals import chinese_to_int

_YEAR = r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}"
_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE_PATTERN = re.compile(
    rf"(?P<year>{_YEAR})\s*年\s*(?P<month>{_SMALL})\s*月(?:\s*(?P<day>{_SMALL})\s*日)?"
)
# A line that is nothing but a date: a signature date, or a 印发 (printing) date.
DATE_LINE = re.compile(rf"^\s*(?:{DATE_PATTERN.pattern})\s*(?P<printed>印发|发布|印)?\s*$")


def _small_number(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_to_int(text)


def to_policy_date(match: re.Match[str]) -> PolicyDate | None:
    """The PolicyDate of a DATE_PATTERN/DATE_LINE match, or None if it is not a real date."""
    year_text = match.group("year")
    year = int(year_text) if year_text.isdigit() else chinese_to_int(year_text)
    month = _small_number(match.group("month"))
    day_text = match.group("day")
    day = _small_number(day_text) if day_text else None
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    return PolicyDate(year=year, month=month, day=day)


def parse_date(text: str) -> PolicyDate | None:
    """The first date written in ``text``, if any."""
    for match in DATE_PATTERN.finditer(text):
        date = to_policy_date(match)
        if date is not None:
            return date
    return None


def parse_date_line(line: str) -> tuple[PolicyDate, bool] | None:
    """(date, is_printing_date) when the whole line is a date, else None."""
    match = DATE_LINE.match(line) if "年" in line else None
    if match is None:
        return None
    date = to_policy_date(match)
    return None if date is None else (date, bool(match.group("printed")))
