"""Kinds of target: a level to reach or keep, or an addition; and a change by an amount.

Percentages, shares, multiples, caps ("<="), standards per school or per year and
"reach N" are levels; everything else is an addition. A change by an amount (减少30%,
降低1个百分点, 减少校外培训机构30家, 增长50%) says which way in ``change`` ("decrease" /
"increase"; rises only for rates and multiples, since a count that grows is an addition
anyway). Reaching a level downwards (降至10%以下, 控制在15%以内) is no change but a "<=" level.
"""

from __future__ import annotations

import re

from yinling.policytext.model import ADDITION, AT_MOST, DECREASE, INCREASE, LEVEL
from yinling.policytext.target_amounts import PERCENT_UNITS, is_doubling

# Ending the words before an amount, these make it a level to reach or keep.
_LEVEL_VERB = re.compile(
    r"(?:达到|达|至|到|为|覆盖|占|保持在?|稳定在|控制在|扩容到|扩大到|扩大至|增至|增加到|"
    r"提高到|提高至|提升到|提升至|都有|均有)\s*$"
)
# Stripped first, so that "达到不少于" still ends on 达到.
_COMPARATOR_WORDS = re.compile(
    r"(?:不少于|不低于|不小于|至少|超过|多于|高于|大于|不超过|不高于|不多于|低于|少于|"
    r"控制在|约|近|大约|接近)\s*$"
)
# "三年内至少一次": a count of 次 within a period is a frequency to keep.
_WITHIN_PERIOD = re.compile(r"(?:年|学年|学期|月|周)(?:里|内|中)")
# "减少30%", "每年降低1个百分点以上", "增长50%": a change by an amount. "降至" / "提高到"
# end on 至 / 到 and so name a level instead.
_CHANGE_VERB = re.compile(
    r"(?P<down>减少|降低|下降|压减|压降|缩减|减轻|削减|缩小)|(?P<up>增长|提高|提升|增加|上升|扩大)"
)
# Between the verb and the amount, these make it the level to reach: 降至, 提高到, 控制在.
_TO_A_LEVEL = frozenset("到至为在于")
CHANGE_REACH = 16  # characters before an amount searched for its change verb
_RELATIVE_UNITS = {"%", "个百分点", "百分点", "倍"}
_CHANGE_CHARS = frozenset("减降压缩削增提升扩幅")


def kind(text: str, amount: re.Match[str], unit: str, clause_start: int, comparator: str) -> str:
    """LEVEL or ADDITION for an amount whose clause starts at ``clause_start``."""
    if unit in PERCENT_UNITS or is_doubling(amount) or comparator == AT_MOST:
        # Rates, multiples of the start and caps ("不超过60分钟") are levels to keep.
        return LEVEL
    before = text[clause_start : amount.start()]
    if "每" in before or (unit == "次" and _WITHIN_PERIOD.search(before)):
        # Per school, per year, once every two or three years: a standard to keep.
        return LEVEL
    before = _COMPARATOR_WORDS.sub("", before)
    return LEVEL if _LEVEL_VERB.search(before) else ADDITION


def change(text: str, amount: re.Match[str], unit: str, clause_start: int) -> str | None:
    """DECREASE or INCREASE for a change by an amount ("减少30%", "减少校外培训机构30家",
    "提高优良率5个百分点"), else None. Rises are only told for rates and multiples:
    "增加学位500个" is already an addition."""
    if is_doubling(amount):
        return None
    start = amount.start()
    window = text[max(clause_start, start - CHANGE_REACH) : start]
    if _CHANGE_CHARS.isdisjoint(window):
        return None
    verbs = list(_CHANGE_VERB.finditer(window))
    verb = verbs[-1] if verbs else None
    if verb is None or not _TO_A_LEVEL.isdisjoint(window[verb.end() :]):
        return None
    if verb.group("down"):
        return DECREASE
    return INCREASE if unit in _RELATIVE_UNITS else None
