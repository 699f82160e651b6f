"""Comparators: whether an amount is a floor, a cap, an estimate or exact.

以上 / 不少于 / 不低于 / 至少 / 超过 / 余 -> ">="; 以下 / 不超过 / 以内 / 控制在 -> "<=";
左右 / 约 / 近 -> "~"; otherwise "=". A range ("2-3所") is ">=" its lower bound.
"""

from __future__ import annotations

import re

from yinling.policytext.model import ABOUT, AT_LEAST, AT_MOST, EXACTLY
from yinling.policytext.target_amounts import amount_part

# "不超过" ends in "超过" and "不少于" in "少于": the negated forms must not read as their opposites.
_PREFIX_AT_LEAST = re.compile(
    r"(?:不少于|不低于|不小于|至少|(?<!不)超过|(?<!不)多于|(?<!不)高于|(?<!不)大于|最少|最低|逾|≥|>=)\s*$"
    r"|(?:至少|最少)[\u4e00-\u9fff]{1,3}$"
)
_PREFIX_AT_MOST = re.compile(
    r"(?:不超过|不高于|不多于|不大于|(?<!不)低于|(?<!不)少于|控制在|最多|最高|不到|≤|<=)\s*$"
)
_PREFIX_ABOUT = re.compile(r"(?:约|近|大约|接近|将近)\s*$")
_SUFFIX_AT_LEAST = re.compile(r"^\s*(?:及以上|或以上|以上)")
_SUFFIX_AT_MOST = re.compile(r"^\s*(?:及以下|或以下|以下|以内|之内)")
_SUFFIX_ABOUT = re.compile(r"^\s*(?:左右|上下)")
_CLAUSE_AT_MOST = re.compile(r"控制|严控|压减|压降|不超过")
# Any of the suffixes above, to step over when looking past an amount.
_SUFFIX_WORDS = re.compile(r"\s*(?:及以上|或以上|以上|及以下|或以下|以下|以内|之内|左右|上下)?")


def prefix_comparator(text: str, start: int) -> str | None:
    """The comparator that the words just before ``start`` state, if any."""
    window = text[max(0, start - 6) : start]
    if _PREFIX_AT_LEAST.search(window):
        return AT_LEAST
    if _PREFIX_AT_MOST.search(window):
        return AT_MOST
    if _PREFIX_ABOUT.search(window):
        return ABOUT
    return None


def comparator(text: str, amount: re.Match[str], clause_start: int) -> str:
    """The amount's comparator: words before it, then after it, then its clause (控制…)."""
    suffix = text[amount.end() : amount.end() + 4]
    stated = prefix_comparator(text, amount.start())
    if stated:
        return stated
    if _SUFFIX_AT_LEAST.match(suffix) or amount_part(amount, "approx"):
        return AT_LEAST
    if _SUFFIX_AT_MOST.match(suffix):
        return AT_MOST
    if _SUFFIX_ABOUT.match(suffix):
        return ABOUT
    if amount_part(amount, "num2"):
        return AT_LEAST
    if _CLAUSE_AT_MOST.search(text, clause_start, amount.start()):
        return AT_MOST
    return EXACTLY


def suffix_end(text: str, position: int) -> int:
    """Where the comparator words after an amount ending at ``position`` (以上, 左右 …) end."""
    return _SUFFIX_WORDS.match(text, position).end()  # type: ignore[union-attr]
