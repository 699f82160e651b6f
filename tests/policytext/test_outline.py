"""How numbering becomes a tree of items."""

from __future__ import annotations

import pytest

from tests.policytext.helpers import DOCUMENTS, parse_lines
from yinling.policytext import PolicyParseError, parse_document


def paths(*lines: str) -> list[str]:
    return [item.path for item in parse_lines(*lines).items]


def test_it_nests_five_levels_of_numbering() -> None:
    document = parse_document(DOCUMENTS / "five_levels.txt")
    assert document.find("二/（二）/3/（1）/①", part="附件1") is not None


def test_it_gives_each_item_its_level_and_printed_number() -> None:
    item = parse_document(DOCUMENTS / "five_levels.txt").find("二/（二）/3/（1）")
    assert (item.level, item.number) == (4, "（1）")


def test_it_follows_task_numbers_that_run_on_across_headings() -> None:
    found = paths(
        "一、总体要求",
        "（一）加强领导",
        "1.建立机制。",
        "2.完善制度。",
        "（二）强化保障",
        "3.落实经费。",
    )
    assert found == ["一", "一/（一）", "一/（一）/1", "一/（一）/2", "一/（二）", "一/（二）/3"]


def test_it_restarts_numbering_under_a_new_heading() -> None:
    assert paths("一、目标", "1.甲。", "2.乙。", "二、措施", "1.丙。")[-1] == "二/1"


def test_it_tolerates_one_number_missing_from_a_draft() -> None:
    assert paths("1.建立机制。", "2.完善制度。", "4.落实经费。") == ["1", "2", "4"]


def test_it_treats_a_number_that_jumps_far_ahead_or_back_as_text() -> None:
    document = parse_lines("1.建立机制。", "2.完善制度。", "7.完善制度。", "1.落实经费。")
    assert [item.path for item in document.items] == ["1", "2"]
    assert "7.完善制度。" in document.items[1].text


def test_the_first_style_seen_is_the_top_level() -> None:
    assert paths("1.加强领导。", "（1）建立机制。", "（2）完善制度。", "2.强化保障。") == [
        "1",
        "1/（1）",
        "1/（2）",
        "2",
    ]


def test_it_reads_chapters_with_articles_numbered_through() -> None:
    found = paths(
        "第一章 总则",
        "第一条 为规范管理。",
        "第二条 本办法适用。",
        "第二章 职责",
        "第三条 区教育局负责。",
    )
    assert found == ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]


def test_it_keeps_an_items_text_and_leaves_out_its_sub_items() -> None:
    document = parse_lines("一、指导思想", "坚持立德树人。", "（一）目标", "到2025年实现。")
    assert document.find("一").text == "指导思想\n坚持立德树人。"


def test_it_marks_leaves() -> None:
    document = parse_lines("一、目标", "1.甲。", "二、措施")
    assert [(item.path, item.is_leaf) for item in document.items] == [
        ("一", False),
        ("一/1", True),
        ("二", True),
    ]


def test_it_reads_a_numbered_item_marked_up_in_bold() -> None:
    item = parse_lines("一、工作要求", "**1. 构建协同引领机制。**区教育局统筹专业力量。").find(
        "一/1"
    )
    assert item.heading == "构建协同引领机制"


def test_the_heading_is_the_first_sentence_only_when_more_follows() -> None:
    document = parse_lines(
        "1.加强组织领导。成立领导小组。",
        "2.区教育局安排专项经费支持新优质学校高质量发展引领计划的实施。",
    )
    assert [item.heading for item in document.items] == ["加强组织领导", ""]


def test_a_document_without_numbering_is_refused() -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_lines("关于做好工作的通知", "请各单位认真贯彻执行。")
    assert error.value.code == "no_items"


def test_decimal_outline_numbers_nest_under_their_heading() -> None:
    document = parse_lines(
        "关于印发学校评估指标的通知",
        "一、评估指标",
        "1.1 办学理念。学校有明确的办学理念。",
        "1.2 课程建设。开设校本课程不少于10门。",
        "二、评估方式",
        "2.1 自评。学校每年自评1次。",
    )
    assert [item.path for item in document.items] == ["一", "一/1.1", "一/1.2", "二", "二/2.1"]
    assert document.find("一/1.2").heading == "课程建设"


@pytest.mark.parametrize(
    ("lines", "headings"),
    [
        (("一、主要目标：到2025年，覆盖率达到95%。",), ["主要目标"]),
        (("1.【加强领导】成立领导小组，统筹推进。",), ["加强领导"]),
        (("一、总体目标：", "到2025年，覆盖率达到95%。"), ["总体目标"]),
    ],
)
def test_a_label_before_a_colon_or_in_brackets_is_the_heading(
    lines: tuple[str, ...], headings: list[str]
) -> None:
    document = parse_lines("关于做好工作的通知", *lines)
    assert [item.heading for item in document.items] == headings
