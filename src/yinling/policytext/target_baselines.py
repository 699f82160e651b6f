"""Baselines: "由2023年的60%提高到2026年的80%" states where a target starts, not two targets.

An amount is a baseline when 由 / 从 (and perhaps the year it was measured, "2023年的" or
"2023年底的") stand right before it, and right after it a verb of change reaching a level
("提高到", "降至", or a bare 到 / 至) leads to a second amount of the same unit in the same
clause. The second amount is the target; the first becomes its ``baseline`` and
``baseline_year``. The target's indicator is the phrase before 由 / 从.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年(?:底|末|度)?\s*的?"
_FROM = re.compile(rf"(?P<from>由|从)\s*(?:{_YEAR})?\s*$")
_TO = re.compile(
    r"\s*(?:(?:逐步|进一步|稳步|大幅)?"
    r"(?:提高|提升|增加|增长|扩大|上升|扩容|下降|降低|减少|压减|缩减|调整|发展|增至|降至))?"
    r"\s*(?:到|至)?\s*(?:(?:到|至|截至)?\s*(?:19|20)\d{2}\s*年(?:底|末|度)?\s*的?)?\s*$"
)
_CHANGE = re.compile(r"提高|提升|增加|增长|扩大|上升|扩容|下降|降低|减少|压减|缩减|调整|发展|到|至")


@dataclass(frozen=True, slots=True)
class Baseline:
    value: float
    year: int | None  # when it was measured, where the text says
    indicator_end: int  # where the phrase naming the indicator ends: at 由 / 从


def baseline_opening(
    text: str, clause_start: int, start: int, end: int, following: int
) -> tuple[int | None, int] | None:
    """(year measured, position of 由 / 从) when the amount at ``start`` is the baseline of
    the amount at ``following``, else None. ``end`` is where the amount's suffix words end."""
    opening = _FROM.search(text, clause_start, start)
    if opening is None:
        return None
    between = text[end:following]
    if not _TO.fullmatch(between) or not _CHANGE.search(between):
        return None
    year = opening.group("year")
    return (int(year) if year else None), opening.start()
