"""Task tables written as text: tab-separated or Markdown rows."""

from __future__ import annotations

from tests.policytext.builders import MERGE_LEFT, DocxBuilder
from tests.policytext.helpers import DOCUMENTS, parse_lines
from yinling.policytext import PolicyDocument, parse_document

HEADER = "序号\t工作任务\t具体内容\t目标\t牵头单位\t配合单位\t完成时限"


def table_document(*rows: str) -> PolicyDocument:
    return parse_lines("关于印发重点任务分解表的通知", "一、重点任务", HEADER, *rows)


def test_each_row_of_a_task_table_is_an_item_under_the_current_heading() -> None:
    document = table_document(
        "1\t建设学校\t新建学校\t\t区教育局\t区财政局\t2025年",
        "2\t培训教师\t开展培训\t\t区教育学院\t\t2024年",
    )
    assert [item.path for item in document.items] == ["一", "一/1", "一/2"]


def test_the_task_column_is_the_heading_and_the_lead_column_the_lead() -> None:
    item = table_document("1\t建设学校\t新建学校\t\t区教育局\t区财政局、各街镇\t2025年").find(
        "一/1"
    )
    assert (item.heading, item.lead_departments, item.departments) == (
        "建设学校",
        ("区教育局",),
        ("区教育局", "区财政局", "各街镇"),
    )


def test_targets_in_the_target_column_take_the_rows_deadline() -> None:
    item = table_document(
        "1\t建设学校\t新建学校\t新建学校5所，覆盖率达到90%以上\t区教育局\t\t2025年底前"
    ).find("一/1")
    assert [(t.value, t.unit, t.comparator, t.year) for t in item.targets] == [
        (5, "所", "=", 2025),
        (90, "%", ">=", 2025),
    ]


def test_rows_without_a_number_column_are_numbered_by_position() -> None:
    document = parse_lines(
        "一、重点任务", "工作任务\t责任单位", "建设学校\t区教育局", "培训教师\t区教育学院"
    )
    assert [(item.path, item.departments) for item in document.items[1:]] == [
        ("一/1", ("区教育局",)),
        ("一/2", ("区教育学院",)),
    ]


def test_a_markdown_table_is_read_like_a_tab_separated_one() -> None:
    document = parse_lines(
        "一、重点任务",
        "| 序号 | 重点任务 | 责任单位 |",
        "| --- | --- | --- |",
        "| 1 | 建设学校5所 | 区教育局牵头，区财政局配合 |",
    )
    item = document.find("一/1")
    assert (item.lead_departments, item.departments, item.targets[0].value) == (
        ("区教育局",),
        ("区教育局", "区财政局"),
        5,
    )


def test_rows_of_a_form_stay_text() -> None:
    document = parse_lines(
        "一、申报要求", "项目名称\t", "项目来源\t1. 项目指南; 2. 自选", "二、其他"
    )
    assert [item.path for item in document.items] == ["一", "二"]
    assert "项目指南" in document.find("一").text


def test_a_merged_heading_row_opens_a_heading() -> None:
    document = parse_lines(
        "关于印发分解表的通知",
        "序号\t工作任务\t牵头单位",
        "一、组织保障\t\t",
        "1\t成立领导小组\t区教育局",
    )
    assert [item.path for item in document.items] == ["一", "一/1"]


def test_the_sample_plan_with_a_task_table_attachment_is_read_whole() -> None:
    document = parse_document(DOCUMENTS / "five_levels.txt")
    row = document.find("2", part="附件2")
    assert (row.heading, row.cooperating_departments, row.deadline) == (
        "推进托幼一体",
        ("区卫健委", "各街镇"),
        2025,
    )


def test_a_row_cut_by_a_line_break_inside_a_cell_is_mended() -> None:
    document = parse_lines(
        "一、任务分解",
        "序号\t重点任务\t责任单位\t完成时间",
        "1\t新建学校5所\t区教育局",
        "区财政局\t2024年底",
        "2\t培训教师1000名\t区教育学院\t2024年6月",
    )
    item = document.find("一/1")
    assert (item.departments, item.deadline) == (("区教育局", "区财政局"), 2024)
    assert [i.path for i in document.items] == ["一", "一/1", "一/2"]


def test_a_second_header_row_says_which_responsible_column_leads() -> None:
    document = parse_lines(
        "关于印发任务分解表的通知",
        "序号\t主要任务\t责任单位\t\t完成时间",
        "\t\t牵头单位\t配合单位\t",
        "1\t新建学校5所\t区教育局\t区财政局\t2024年底",
    )
    item = document.find("1")
    assert (item.lead_departments, item.cooperating_departments) == (("区教育局",), ("区财政局",))


def test_a_table_numbered_afresh_right_after_items_does_not_repeat_their_paths() -> None:
    document = parse_lines(
        "一、任务",
        "1.加强安全教育。",
        "序号\t任务\t责任单位",
        "1\t安全演练\t区教育局",
    )
    paths = [item.path for item in document.items]
    assert len(paths) == len(set(paths)) and document.find("一/1/1").departments == ("区教育局",)


def test_a_word_table_with_a_two_row_header_of_merged_cells() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于印发任务分解表的通知")
        .paragraph("一、重点任务")
        .table(
            [
                ["序号", "主要任务", "责任单位", MERGE_LEFT, "完成时间"],
                [None, None, "牵头单位", "配合单位", None],
                ["1", "新建学校", "区教育局", "区财政局\n各街镇", "2025年底"],
            ]
        )
        .to_bytes()
    )
    item = parse_document(data).find("一/1")
    assert (item.heading, item.lead_departments, item.cooperating_departments) == (
        "新建学校",
        ("区教育局",),
        ("区财政局", "各街镇"),
    )
