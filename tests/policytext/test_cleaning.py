from __future__ import annotations

from yinling.policytext.cleaning import clean_line, clean_lines


def test_it_removes_word_bookmark_artefacts() -> None:
    assert clean_line("[bookmark: _Hlk150110683]3.加强考核激励。") == "3.加强考核激励。"


def test_it_removes_markdown_heading_marks_bold_and_escapes() -> None:
    assert (
        clean_line("#### **1. 构建协同引领机制。**项目名称：\\_\\_")
        == "1. 构建协同引领机制。项目名称：__"
    )


def test_it_drops_page_numbers_as_blank_lines() -> None:
    assert [clean_line(line) for line in ("- 3 -", "— 12 —", "第 4 页 共 9 页")] == ["", "", ""]


def test_it_leaves_a_bare_number_for_the_table_reader_to_judge() -> None:
    assert clean_line("7") == "7"


def test_it_removes_layout_spaces_around_digits_and_punctuation() -> None:
    assert clean_line("到 2026 年，涌现 10 所左右〉 行动") == "到2026年，涌现10所左右〉行动"


def test_it_closes_up_a_letter_spaced_signature() -> None:
    assert clean_line("上 海 市 教 育 委 员 会") == "上海市教育委员会"


def test_it_unifies_full_width_digits_and_percent_signs() -> None:
    assert clean_lines("达到９５％") == ["达到95%"]


def test_it_turns_markdown_table_rows_into_cells_and_drops_the_rule() -> None:
    assert clean_lines("| 序号 | 任务 |\n|---|---|\n| 1 | 建设 |") == ["序号\t任务", "1\t建设"]


def test_it_keeps_empty_leading_cells_of_table_rows() -> None:
    assert clean_line("|  | 区教育局 |") == "\t区教育局"


def test_it_treats_a_form_feed_as_a_page_break() -> None:
    assert clean_lines("甲\f乙") == ["甲", "", "乙"]


def test_it_closes_up_letter_spaced_text_from_a_pdf() -> None:
    assert clean_lines("一 、 指 导 思 想") == ["一、指导思想"]


def test_it_keeps_the_space_between_joint_issuers() -> None:
    assert clean_lines("中共闵行区委 闵行区人民政府 关于推进教育高质量发展的实施意见") == [
        "中共闵行区委 闵行区人民政府 关于推进教育高质量发展的实施意见"
    ]


def test_a_running_header_next_to_page_numbers_goes_and_the_sentence_mends() -> None:
    lines = clean_lines(
        "到2025年，配备专职教师的学校比例达\n\n— 1 —\n\n上海市普陀区教育局\n\n到95%以上。\n"
        "（\n\n— 2 —\n\n上海市普陀区教育局\n\n责任部门：德育科）\n\n上海市普陀区教育局\n2024年3月8日"
    )
    assert "上海市普陀区教育局" not in lines[:-2]
    assert lines[-2:] == ["上海市普陀区教育局", "2024年3月8日"]  # the signature stays


def test_a_line_next_to_one_page_number_only_is_content() -> None:
    assert "区教育局" in clean_lines("甲。\n\n- 3 -\n\n区教育局\n\n乙。")


def test_a_web_pages_navigation_tools_and_footer_go() -> None:
    lines = clean_lines(
        "首页 > 政务公开 > 政策文件\n"
        "关于做好工作的通知\n"
        "【字体：大 中 小】　　打印本页　　关闭窗口\n"
        "一、加强领导。\n"
        "相关文件：\n"
        "关于印发某某方案的通知\n"
        "分享到：\n"
        "扫一扫在手机打开当前页\n"
        "版权所有：上海市某区教育局　　沪ICP备12345678号-1"
    )
    assert lines == ["关于做好工作的通知", "一、加强领导。"]
