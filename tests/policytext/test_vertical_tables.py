"""Task tables that arrive one cell per line (copied from a web page)."""

from __future__ import annotations

from tests.policytext.helpers import parse_lines
from yinling.policytext.vertical_tables import fold_vertical_tables

TABLE = (
    "某区教育局2024年重点工作任务分解表",
    "序号",
    "",
    "重点工作任务",
    "",
    "牵头单位",
    "",
    "配合单位",
    "",
    "一、推进学前教育普及普惠",
    "",
    "1",
    "",
    "新增公办幼儿园托额300个。",
    "",
    "区教育局",
    "",
    "区财政局、各街镇。",
    "",
    "二、促进义务教育优质均衡",
    "",
    "4",
    "",
    "新建、改扩建中小学校3所。",
    "",
    "区教育局",
    "",
    "区建管委。",
    "",
    "5",
    "",
    "组建紧密型教育集团2个。",
    "",
    "区教育局",
)


def test_cells_on_their_own_lines_are_folded_into_rows() -> None:
    folded = [line for line in fold_vertical_tables(list(TABLE)) if line]
    assert folded[1:4] == [
        "序号\t重点工作任务\t牵头单位\t配合单位",
        "一、推进学前教育普及普惠",
        "1\t新增公办幼儿园托额300个。\t区教育局\t区财政局、各街镇。",
    ]


def test_a_row_missing_its_last_cells_is_padded() -> None:
    assert [line for line in fold_vertical_tables(list(TABLE)) if line][
        -1
    ] == "5\t组建紧密型教育集团2个。\t区教育局\t"


def test_each_row_becomes_a_task_under_its_heading_row() -> None:
    document = parse_lines(*TABLE)
    assert [item.path for item in document.items] == ["一", "一/1", "二", "二/4", "二/5"]


def test_a_folded_row_gives_lead_cooperating_and_target() -> None:
    item = parse_lines(*TABLE).find("一/1")
    assert (item.lead_departments, item.cooperating_departments) == (
        ("区教育局",),
        ("区财政局", "各街镇"),
    )
    assert (item.targets[0].value, item.targets[0].unit) == (300, "个")


def test_bare_numbers_outside_a_table_are_page_numbers() -> None:
    assert fold_vertical_tables(["一、目标", "3", "到2025年建成。"]) == [
        "一、目标",
        "",
        "到2025年建成。",
    ]


def test_a_cell_a_pdf_wrapped_onto_two_lines_stays_one_cell() -> None:
    document = parse_lines(
        "关于开展校园安全专项整治工作的方案",
        "一、任务分解",
        "序号",
        "工作任务",
        "牵头单位",
        "完成时限",
        "1",
        "新建微型消防站10个，覆盖全",
        "区中小学",
        "区教育局",
        "2024年12月",
        "2",
        "培训安全管理人员300人次",
        "区应急局",
        "2024年9月",
        "二、工作要求",
        "各单位要高度重视。",
    )
    assert [
        (item.path, item.heading, item.departments, item.deadline) for item in document.items
    ] == [
        ("一", "任务分解", (), None),
        ("一/1", "新建微型消防站10个，覆盖全区中小学", ("区教育局",), 2024),
        ("一/2", "培训安全管理人员300人次", ("区应急局",), 2024),
        ("二", "工作要求", (), None),
    ]
