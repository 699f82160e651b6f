"""Indicator tables (主要指标表): the targets of a plan stated as a table."""

from __future__ import annotations

import pytest

from tests.policytext.builders import DocxBuilder
from tests.policytext.helpers import parse_lines
from yinling.policytext import parse_document

HEADER = "序号\t指标\t单位\t2023年\t2026年目标\t属性"


def indicator_rows(*rows: str):
    return parse_lines("关于印发行动计划的通知", "一、主要目标", "表1　主要指标", HEADER, *rows)


@pytest.mark.parametrize(
    ("row", "fact"),
    [
        (
            "1\t新增中小学和幼儿园学位\t个\t—\t5000\t约束性",
            (5000, None, "个", "=", "addition", None),
        ),
        ("1\t公办幼儿园等级园占比\t%\t82\t≥90\t预期性", (90, None, "%", ">=", "level", None)),
        ("1\t区级精品课程\t门\t120\t200\t预期性", (200, None, "门", "=", "level", None)),
        ("1\t义务教育阶段学校班额\t人\t—\t45以下\t约束性", (45, None, "人", "<=", "level", None)),
        ("1\t体质健康优良率\t%\t50\t55—60\t预期性", (55, 60, "%", ">=", "level", None)),
        (
            "1\t学生近视率（%）\t\t55\t下降1个百分点\t约束性",
            (1, None, "个百分点", "=", "level", "decrease"),
        ),
    ],
)
def test_each_row_states_one_target_with_the_target_columns_year(row: str, fact: tuple) -> None:
    item = indicator_rows(row).find("一/1")
    target = item.targets[0]
    assert (
        target.value,
        target.value_max,
        target.unit,
        target.comparator,
        target.kind,
        target.change,
    ) == fact
    assert target.year == 2026
    assert item.text[target.start : target.end] == target.text


def test_the_indicator_is_the_items_heading_and_the_targets_indicator() -> None:
    item = indicator_rows("1\t学生近视率（%）\t\t55\t下降1个百分点\t约束性").find("一/1")
    assert (item.heading, item.targets[0].indicator) == ("学生近视率（%）", "学生近视率")


def test_a_row_without_a_target_value_has_no_target() -> None:
    assert indicator_rows("1\t家长满意度\t%\t90\t—\t预期性").find("一/1").targets == ()


def test_without_a_target_header_the_latest_year_is_the_target() -> None:
    document = parse_lines(
        "关于印发规划的通知",
        "一、主要指标",
        "序号\t主要指标\t2020年\t2025年\t属性",
        "1\t学前教育毛入园率（%）\t97\t99以上\t预期性",
    )
    target = document.find("一/1").targets[0]
    assert (target.value, target.unit, target.comparator, target.year) == (99, "%", ">=", 2025)


def test_a_name_list_is_no_indicator_table() -> None:
    document = parse_lines("一、名单", "序号\t学校名称\t所属区", "1\t某某中学\t闵行区")
    assert [item.path for item in document.items] == ["一"]


def test_an_indicator_table_in_a_word_document() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于印发行动计划的通知")
        .paragraph("一、主要目标")
        .table(
            [
                ["序号", "指标名称", "计量单位", "基期值", "目标值", "责任单位"],
                ["1", "普惠性幼儿园覆盖率", "%", "90", "≥95", "区教育局"],
            ]
        )
        .to_bytes()
    )
    item = parse_document(data).find("一/1")
    target = item.targets[0]
    assert (target.value, target.unit, target.comparator, item.departments) == (
        95,
        "%",
        ">=",
        ("区教育局",),
    )
