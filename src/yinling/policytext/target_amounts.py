"""Amounts: a number followed by a countable unit or a percentage, and what it is worth.

A number counts only when a countable unit (所, 名, 个, 门, 节, 项, 人, 万元 …) or % follows
it, which leaves out years, dates, document numbers, durations (3-5年, 岁) and codes. A
range ("2-3所", "95%—98%") is read as its two bounds. 翻一番 / 翻两番 are 2 / 4 倍; 三分之一
is 33.33 %; 百分之九十 is 90 %; "12,000" is twelve thousand; 5万元 keeps 万元 as its unit.
"""

from __future__ import annotations

import re

from yinling.policytext.numerals import chinese_to_int, parse_number

# Multi-character units first, so 万元 wins over 元 and 个百分点 over 个.
_WORD_UNITS = [
    "个百分点", "百分点", "万平方米", "平方米", "万人次", "人次", "万人", "万元", "亿元",
    "千元", "课时", "学时", "小时", "分钟",
]  # fmt: skip
# Single-character units, each with the characters after which it starts a word instead
# (所有, 个人, 名单, 项目, 家长, 期间 …).
_CHAR_UNITS = {
    "所": "有在属谓得长",  # and 以, unless 以上 / 以下 / 以内 follows (see _UNIT_PATTERN)
    "名": "单称义牌次额录",
    "个": "人性体案别子百月工",
    "门": "类槛户口诊",
    "节": "约点日能奏省",
    "项": "目",
    "人": "民才员们格文工口士物均次",
    "家": "长庭园乡门属族",
    "场": "所地景馆域合",
    "次": "性数序要级日月年",
    "期": "间末中刊望待限盼",
    "批": "准次评示复",
    "支": "持撑部付出配",
    "套": "餐",
    "条": "件例款理幅",
    "位": "置于列次",
    "座": "谈位",
    "间": "隔接",
    "台": "阶账风",
    "部": "门署分长队位",
    "篇": "章幅",
    "册": "",
    "种": "类子植",
    "处": "理室置级于长",
    "户": "籍口外",
    "倍": "",
    "元": "",
    "%": "",
}
PERCENT_UNITS = {"%", "个百分点", "百分点"}
_SCALED_UNITS = {"万元", "亿元", "万人", "万人次", "万平方米"}
# "20所以上" counts schools; "所以" (therefore) starts a word.
_UNIT_OVERRIDES = {"所": f"所(?![{_CHAR_UNITS['所']}]|以(?![上下内]))"}
_UNIT_PATTERN = "|".join(
    [
        *_WORD_UNITS,
        *(
            _UNIT_OVERRIDES.get(u) or (f"{u}(?![{stop}])" if stop else u)
            for u, stop in _CHAR_UNITS.items()
        ),
    ]
)
_CN_NUM = "零〇两一二三四五六七八九十百千"
# A cheap look-ahead on the first character spares the engine the long unit alternation
# after most numerals, which are followed by no unit at all.
_UNIT_FIRST_CHARS = re.escape("".join(sorted({unit[0] for unit in [*_WORD_UNITS, *_CHAR_UNITS]})))
_NUM = rf"\d+(?:\.\d+)?|[{_CN_NUM}]+"
_AMOUNT_REST = (
    rf"(?:%?\s*[-－—–~～至到]\s*(?P<num2>{_NUM}))?"
    rf"\s*(?P<approx>余|多)?\s*(?P<scale>万|亿)?\s*(?=[{_UNIT_FIRST_CHARS}])(?P<unit>{_UNIT_PATTERN})"
)
_PERCENT_WORDS = re.compile(rf"百分之(?P<pct>[{_CN_NUM}点]+)")
# Three patterns, each opening on a plain character class or literal so that the regex
# engine skips ahead to candidates; one pattern with the three as alternatives would be
# tried at every character.
_CANDIDATES = (
    # "12,000个": thousands separated by commas, as web copies write them.
    re.compile(rf"(?P<num>\d+(?:,\d{{3}}(?!\d))*(?:\.\d+)?){_AMOUNT_REST}"),
    re.compile(rf"(?P<num>[{_CN_NUM}]+){_AMOUNT_REST}"),
    _PERCENT_WORDS,
)
# 翻一番: twice the start, 翻两番: four times. Rare, so only texts with 番 are scanned for it.
_DOUBLING = re.compile(r"翻(?P<fan>[一两二三四])番")
# 三分之一: a share, given as a percentage (33.33). Only texts with 分之 are scanned for it.
_FRACTION = re.compile(
    r"(?<!百)(?P<den>[一二三四五六七八九十]{1,2})分之(?P<nom>[一二三四五六七八九十]{1,2})"
)


def amount_part(match: re.Match[str], name: str) -> str | None:
    """A named group of an amount, or None where its pattern has no such group (百分之…)."""
    return match.group(name) if name in match.re.groupindex else None


def is_doubling(match: re.Match[str]) -> bool:
    """翻一番 / 翻两番: a multiple of the start."""
    return match.re is _DOUBLING


def find_candidates(text: str) -> list[re.Match[str]]:
    """Numbers followed by a unit, left to right, without overlaps."""
    patterns = _CANDIDATES
    if "番" in text:
        patterns = (*patterns, _DOUBLING)
    if "分之" in text:
        patterns = (*patterns, _FRACTION)
    found = sorted(
        (match for pattern in patterns for match in pattern.finditer(text)),
        key=lambda match: (match.start(), -match.end()),
    )
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def read_amount(match: re.Match[str]) -> tuple[str, float, float | None] | None:
    """(unit, value, upper bound of a range) of an amount, or None when its number is no
    number after all."""
    pattern = match.re
    if pattern is _PERCENT_WORDS:
        value = parse_number(match.group("pct"))
        return None if value is None else ("%", value, None)
    if pattern is _DOUBLING:
        return "倍", float(2 ** (chinese_to_int(match.group("fan")) or 1)), None
    if pattern is _FRACTION:
        den, nom = chinese_to_int(match.group("den")), chinese_to_int(match.group("nom"))
        if not den or not nom or nom > den:
            return None
        return "%", round(100 * nom / den, 2), None
    number = match.group("num")
    value = parse_number(number.replace(",", "") if "," in number else number)
    upper = parse_number(match.group("num2")) if match.group("num2") else None
    if value is None or (match.group("num2") and upper is None):
        return None
    unit, scale = match.group("unit"), match.group("scale")
    if scale and f"{scale}{unit}" in _SCALED_UNITS:
        return f"{scale}{unit}", value, upper
    factor = {"万": 10_000, "亿": 100_000_000}.get(scale or "", 1)
    return unit, value * factor, upper * factor if upper is not None else None
