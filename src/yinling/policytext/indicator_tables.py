"""Indicator tables (主要指标表), where plans state their targets as a table:

    序号 | 指标                 | 单位 | 2023年 | 2026年目标 | 属性
    1    | 新增中小学和幼儿园学位 | 个   | —      | 5000       | 约束性
    2    | 公办幼儿园等级园占比   | %    | 82     | ≥90        | 预期性

A header with an indicator column (指标, 主要指标, 指标名称 …) and a target column (a header
with 目标, else the latest year) makes one. Each row becomes an item headed by its
indicator, with one target read from its target cell: the value, a range (90—95), a
comparator (≥, 以上, 不低于 …), a change (下降1个百分点), the unit from the cell, else a
unit column, else the indicator's bracket ("学生近视率（%）"), and the year from the
target column's header. Indicators are levels (a stock to reach) unless they add
something (新增, 新建, 培养 …). Columns for baselines (2023年, 现状值) and attributes
(预期性 / 约束性) are not targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinling.policytext.model import (
    ABOUT,
    ADDITION,
    AT_LEAST,
    AT_MOST,
    DECREASE,
    EXACTLY,
    INCREASE,
    LEVEL,
    Target,
)

INDICATOR = "indicator"
UNIT = "unit"
VALUE = "value"  # the target column; its header's year follows after "@": "value@2026"

_INDICATOR_HEADER = re.compile(r"^(?:主要|核心|具体|评价|监测|发展)?指标(?:名称|内容|项|项目)?$")
_UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
_TARGET_HEADER = re.compile(r"目标|预期值|规划值")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_EMPTY_CELL = frozenset({"", "—", "-", "－", "–", "/", "／", "无", "——", "…"})
_VALUE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|％)?\s*(?:[-—–~～至]\s*(?P<num2>\d+(?:\.\d+)?))?"
    r"\s*(?P<unit>%|％|个百分点|百分点|[\u4e00-\u9fff]{1,3})?"
)
_AT_LEAST = re.compile(r"^(?:≥|>=|＞|>|不低于|不少于|至少|超过|高于)|(?:以上|及以上)$")
_AT_MOST = re.compile(r"^(?:≤|<=|＜|<|不高于|不超过|低于|控制在)|(?:以下|以内|及以下)$")
_ABOUT = re.compile(r"^(?:约|近)|左右$")
_DOWN = re.compile(r"下降|降低|减少|压减")
_UP = re.compile(r"提高|增长|提升|增加")
_ADDING = re.compile(r"^(?:累计)?(?:新增|新建|新开|新招|培养|培训|建成|建设|创建|打造|招录)")
_BRACKET_UNIT = re.compile(r"[（(](?P<unit>%|％|[\u4e00-\u9fff]{1,4})[）)]\s*$")
_KNOWN_UNITS = frozenset(
    "% 个百分点 百分点 所 名 个 门 节 项 人 家 场 次 期 批 支 套 条 位 座 间 台 部 篇 册 种 处 户 倍 "
    "元 万元 亿元 千元 万人 人次 万人次 课时 学时 小时 分钟 平方米 万平方米 岁 天 年".split()
)


@dataclass(frozen=True, slots=True)
class IndicatorCells:
    """The cells of one indicator row that make its item."""

    indicator: str
    value: str
    unit: str
    year: int | None


def read_indicator_header(cells: tuple[str, ...]) -> dict[int, str] | None:
    """Column roles of an indicator table's header, or None if it is none."""
    compact = [re.sub(r"\s+", "", cell) for cell in cells]
    indicator = next((i for i, cell in enumerate(compact) if _INDICATOR_HEADER.match(cell)), None)
    if indicator is None:
        return None
    targets = [
        i for i, cell in enumerate(compact) if i != indicator and _TARGET_HEADER.search(cell)
    ]
    if not targets:
        years = [(int(m.group()), i) for i, cell in enumerate(compact) if (m := _YEAR.search(cell))]
        targets = [max(years)[1]] if years else []
    if not targets:
        return None
    target = targets[-1]
    year = _YEAR.search(compact[target])
    roles = {indicator: INDICATOR, target: f"{VALUE}@{year.group() if year else ''}"}
    for index, cell in enumerate(compact):
        if index not in roles and _UNIT_HEADER.match(cell):
            roles[index] = UNIT
    return roles


def indicator_cells(by_role: dict[str, list[str]]) -> IndicatorCells | None:
    """The indicator, target cell, unit and year of a row grouped by column role."""
    indicator = " ".join(by_role.get(INDICATOR, []))
    value_role = next((role for role in by_role if role.startswith(VALUE)), None)
    if not indicator or value_role is None:
        return None
    year = value_role.partition("@")[2]
    return IndicatorCells(
        indicator=indicator,
        value=" ".join(by_role[value_role]),
        unit=" ".join(by_role.get(UNIT, [])),
        year=int(year) if year else None,
    )


def _comparator(cell: str, has_range: bool) -> str:
    if _AT_LEAST.search(cell) or has_range:
        return AT_LEAST
    if _AT_MOST.search(cell):
        return AT_MOST
    if _ABOUT.search(cell):
        return ABOUT
    return EXACTLY


def _unit(cell_unit: str | None, column_unit: str, indicator: str) -> str:
    for unit in (cell_unit, column_unit.strip()):
        if unit:
            unit = unit.replace("％", "%")
            if unit in _KNOWN_UNITS:
                return unit
    bracket = _BRACKET_UNIT.search(indicator)
    return bracket.group("unit").replace("％", "%") if bracket else (column_unit.strip() or "")


def compose(cells: IndicatorCells) -> tuple[str, Target | None]:
    """The item text of an indicator row and the target its cell states (None if none)."""
    value_text = cells.value.strip()
    text = f"{cells.indicator}：{value_text}" if value_text else cells.indicator
    if value_text in _EMPTY_CELL:
        return text, None
    found = _VALUE.search(value_text)
    if found is None:
        return text, None
    unit = _unit(found.group("unit"), cells.unit, cells.indicator)
    if unit and unit not in value_text:
        # The unit of a unit column goes after the number: "45以下" -> "45人以下".
        after_number = found.end("num2") if found.group("num2") else found.end("num")
        value_text = value_text[:after_number] + unit + value_text[after_number:]
        text = f"{cells.indicator}：{value_text}"
    before = value_text[: found.start()]
    change = DECREASE if _DOWN.search(before) else INCREASE if _UP.search(before) else None
    upper = found.group("num2")
    comparator = _comparator(value_text, upper is not None)
    adds = bool(_ADDING.match(cells.indicator)) and comparator != AT_MOST
    start = len(cells.indicator) + 1
    target = Target(
        text=text[start:],
        indicator=_BRACKET_UNIT.sub("", cells.indicator).strip(),
        value=float(found.group("num")),
        unit=unit,
        comparator=comparator,
        year=cells.year,
        kind=ADDITION if adds and unit not in ("%", "个百分点", "百分点") else LEVEL,
        value_max=float(upper) if upper else None,
        start=start,
        end=len(text),
        change=change,
    )
    return text, target
