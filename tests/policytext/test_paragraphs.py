from __future__ import annotations

from yinling.policytext.paragraphs import (
    Paragraph,
    assemble_paragraphs,
    detect_wrap_width,
    split_closing,
)

PROSE = "深入贯彻落实党的二十大精神和习近平总书记关于教育的重要"


def texts(lines: list[str], wrap: int | None = None) -> list[str]:
    return [paragraph.text for paragraph in assemble_paragraphs(lines, wrap)]


def test_it_joins_prose_that_a_page_break_cut_mid_sentence() -> None:
    assert texts(
        ["推动学前教育优质普惠发展和义务教育优质均衡发", "", "展，到2025年实现目标。"]
    ) == ["推动学前教育优质普惠发展和义务教育优质均衡发展，到2025年实现目标。"]


def test_it_drops_a_character_that_a_page_break_repeated() -> None:
    assert texts([PROSE, "", "要论述，落实党的教育方针。"]) == [PROSE + "论述，落实党的教育方针。"]


def test_it_keeps_a_character_chinese_really_doubles() -> None:
    joined = texts(["让每一个孩子健康快乐成长，办好家门口的学校，让人", "", "人都享有优质教育。"])
    assert joined == ["让每一个孩子健康快乐成长，办好家门口的学校，让人人都享有优质教育。"]


def test_it_joins_a_department_clause_whose_bracket_a_page_break_left_open() -> None:
    assert texts(["建设闵行航天系列学校。（责", "", "任部门：区发改委、区教育局）"]) == [
        "建设闵行航天系列学校。（责任部门：区发改委、区教育局）"
    ]


def test_it_keeps_a_numbered_heading_apart_from_its_body() -> None:
    lines = [
        "（一）按需集群，聚焦“新优质教育”开展实践",
        "",
        "市级层面将100所学校结成实践研究共同体。",
    ]
    assert len(texts(lines)) == 2


def test_it_mends_a_numbered_heading_broken_into_a_short_fragment() -> None:
    assert (
        texts(["（一）综合施策，关注办学", "", "资源优化", "", "根据文件要求推进。"])[0]
        == "（一）综合施策，关注办学资源优化"
    )


def test_it_keeps_label_lines_apart() -> None:
    lines = [
        "聚焦六项重点：党的领导、育人体系、资源供给、教育质量、人才队伍、教育治理",
        "",
        "实施九大行动：加强领导",
    ]
    assert len(texts(lines)) == 2


def test_it_keeps_the_signature_apart_from_the_last_paragraph() -> None:
    assert texts(["开创教育高质量发展新局面。", "中共闵行区委", "2023年3月2日"]) == [
        "开创教育高质量发展新局面。",
        "中共闵行区委",
        "2023年3月2日",
    ]


def test_it_recognises_hard_wrapped_text_by_its_even_line_length() -> None:
    wrapped = ["为全面落实国家和上海市中长期教育改革和发展规划纲要进一步推"] * 9 + ["短行。"]
    assert detect_wrap_width(wrapped) == len(wrapped[0])
    assert detect_wrap_width(["一行", "很长很长" * 20, "中等长度的一行文字"] * 4) is None


def test_it_joins_full_lines_of_hard_wrapped_text() -> None:
    lines = [
        "1. 带动效果突出或进步明显的区新优质校校长在职级晋升和",
        "评先评优中应予以优先考虑。",
        "2. 加强经费保障。",
    ]
    assert texts(lines, wrap=28) == [lines[0] + lines[1], lines[2]]


def test_it_splits_off_the_closing_block_with_signature_and_date() -> None:
    paragraphs = [
        Paragraph(text) for text in ("4.加强宣传展示。", "上海市闵行区教育局", "2023年12月")
    ]
    content, closing = split_closing(paragraphs)
    assert [p.text for p in content] == ["4.加强宣传展示。"]
    assert [p.text for p in closing] == ["上海市闵行区教育局", "2023年12月"]


def test_it_keeps_a_short_last_line_that_is_not_a_closing_block() -> None:
    paragraphs = [Paragraph("1.加强领导。"), Paragraph("区教育局")]
    assert split_closing(paragraphs) == (paragraphs, [])


def test_it_keeps_a_list_of_school_names_apart() -> None:
    names = [
        "上海市闵行区教育学院附属友爱实验中学",
        "华东理工大学附属闵行梅陇实验学校",
        "上海市闵行区北桥中学",
    ]
    assert texts(names) == names
