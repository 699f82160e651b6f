"""Attachments: listed in the notice, each parsed as a part of its own."""

from __future__ import annotations

from tests.policytext.helpers import DOCUMENTS, parse_lines
from yinling.policytext import parse_document

NOTICE = ("关于印发方案的通知", "各学校：", "现印发给你们。")


def test_the_attachment_listing_of_the_notice_yields_no_items() -> None:
    document = parse_lines(
        *NOTICE, "附件：1.实施方案", "2.任务分解表", "", "附件1", "实施方案", "一、目标"
    )
    assert [(item.part, item.path) for item in document.items] == [("附件1", "一")]


def test_each_attachment_has_its_own_numbering() -> None:
    document = parse_lines(
        *NOTICE, "附件1", "方案", "一、目标", "附件2", "说明", "1.字数作为参考。", "2.采用仿宋。"
    )
    assert [(item.part, item.path) for item in document.items] == [
        ("附件1", "一"),
        ("附件2", "1"),
        ("附件2", "2"),
    ]


def test_an_attachment_takes_its_title_from_the_lines_after_its_heading() -> None:
    document = parse_lines(
        *NOTICE,
        "附件",
        "上海市新优质学校集群发展三年行动计划",
        "（2015—2017年）",
        "为贯彻实施，特制定本计划。",
        "一、指导思想",
    )
    assert document.attachments[0].title == "上海市新优质学校集群发展三年行动计划（2015—2017年）"


def test_a_listed_attachment_may_start_with_its_number_and_title_on_one_line() -> None:
    document = parse_lines(*NOTICE, "附件：1.实施方案", "附件1：实施方案", "一、目标")
    assert (document.attachments[0].label, document.attachments[0].title) == ("附件1", "实施方案")


def test_a_document_that_is_only_an_attachment_takes_its_title() -> None:
    document = parse_lines("附件1", "闵行区强校工程实施方案", "一、指导思想")
    assert document.title == "闵行区强校工程实施方案"


def test_the_closing_block_stays_out_of_the_last_item() -> None:
    last = parse_document(DOCUMENTS / "five_levels.txt").items[-1]
    assert "办公室" not in last.text
    assert "印发" not in last.text


def test_after_the_notices_date_an_attachment_may_open_with_number_and_title_unlisted() -> None:
    document = parse_lines(
        *NOTICE,
        "上海市某区教育局",
        "2024年1月5日",
        "附件1：学校安全工作方案",
        "一、工作目标",
        "附件2：任务清单",
        "序号\t任务\t责任单位",
        "1\t安全演练\t区教育局",
    )
    assert [(part.label, part.title) for part in document.attachments] == [
        ("附件1", "学校安全工作方案"),
        ("附件2", "任务清单"),
    ]
    assert [(item.part, item.path) for item in document.items] == [("附件1", "一"), ("附件2", "1")]
