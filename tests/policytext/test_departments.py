"""Who is responsible: clauses, lists and lead / co-operating roles."""

from __future__ import annotations

import pytest

from tests.policytext.helpers import parse_lines
from yinling.policytext.departments import extract_departments, says_first_listed_leads, split_units


def test_it_reads_the_lead_department_from_a_qiantou_clause() -> None:
    found = extract_departments("推进建设。牵头单位：区教育局；配合单位：区发改委、区财政局")
    assert found.lead_departments == ("区教育局",)
    assert found.departments == ("区教育局", "区发改委", "区财政局")


def test_it_tells_lead_from_cooperating_in_a_qiantou_peihe_bracket() -> None:
    found = extract_departments("推进托幼一体化。（区教育局牵头，区卫健委、各街镇配合）")
    assert (found.lead_departments, found.departments) == (
        ("区教育局",),
        ("区教育局", "区卫健委", "各街镇"),
    )


def test_it_leaves_leads_empty_for_an_undivided_list() -> None:
    found = extract_departments("（责任部门：区委办、区府办、区教育局，各街镇、莘庄工业区）")
    assert found.lead_departments == ()
    assert found.departments == ("区委办", "区府办", "区教育局", "各街镇", "莘庄工业区")


def test_it_keeps_a_unit_with_a_bracketed_part_whole() -> None:
    assert split_units("区教育局、各街镇（莘庄工业区）") == ["区教育局", "各街镇（莘庄工业区）"]


def test_it_reads_a_clause_whose_brackets_mix_widths() -> None:
    assert extract_departments("建设学校。(责任部门：区发改委、区教育局）").departments == (
        "区发改委",
        "区教育局",
    )


def test_it_reads_a_labelled_line_outside_brackets() -> None:
    assert extract_departments("落实整改。\n责任单位：区教育局、区财政局").departments == (
        "区教育局",
        "区财政局",
    )


def test_it_ignores_departments_merely_mentioned_in_prose() -> None:
    text = (
        "完善区委统一领导、区委组织部牵头抓总、区教育党工委具体负责、有关部门协调配合的领导体制。"
    )
    assert extract_departments(text).departments == ()


def test_the_one_responsible_alongside_cooperating_units_leads() -> None:
    assert extract_departments("（区教育局负责，区财政局配合）").lead_departments == ("区教育局",)


def test_it_strips_a_trailing_deng() -> None:
    assert extract_departments("（责任单位：区教育局、区财政局等）").departments == (
        "区教育局",
        "区财政局",
    )


def test_it_takes_the_first_listed_unit_as_lead_when_the_document_says_so() -> None:
    document = parse_lines(
        "（各项任务列第一位的为牵头单位）",
        "1.加强领导。（责任单位：区教育局、区财政局）",
    )
    assert says_first_listed_leads("列第一位的为牵头单位")
    assert document.find("1").lead_departments == ("区教育局",)


def test_an_item_gets_only_the_departments_of_its_own_text() -> None:
    document = parse_lines(
        "一、目标", "1.甲。（责任部门：区教育局）", "2.乙。（责任部门：区财政局）"
    )
    assert [item.departments for item in document.items] == [(), ("区教育局",), ("区财政局",)]


def test_it_reads_a_label_in_square_brackets_without_a_colon() -> None:
    assert extract_departments("推进建设。\n【责任单位】区教育局、区财政局").departments == (
        "区教育局",
        "区财政局",
    )


def test_a_list_of_departments_ends_at_the_next_key() -> None:
    found = extract_departments("（责任单位：区教育局、区财政局；完成时限：2024年12月）")
    assert found.departments == ("区教育局", "区财政局")


def test_it_reads_lead_and_cooperating_units_named_as_such() -> None:
    found = extract_departments("区教育局为牵头单位，区财政局、区人社局为配合单位。")
    assert (found.lead_departments, found.departments) == (
        ("区教育局",),
        ("区教育局", "区财政局", "区人社局"),
    )


def test_a_bracketed_qiantou_after_a_unit_marks_the_lead() -> None:
    found = extract_departments("（责任单位：区教育局（牵头）、区财政局、各街镇）")
    assert (found.lead_departments, found.departments) == (
        ("区教育局",),
        ("区教育局", "区财政局", "各街镇"),
    )


def test_a_department_clause_on_a_heading_line_stays_out_of_the_heading() -> None:
    item = parse_lines(
        "一、任务", "（一）加强组织领导（责任单位：区教育局）", "成立领导小组。"
    ).find("一/（一）")
    assert (item.heading, item.departments) == ("加强组织领导", ("区教育局",))


def test_a_single_sentence_followed_only_by_its_department_clause_is_no_heading() -> None:
    document = parse_lines(
        "一、保障",
        "（一）区财政每年安排专项资金约500万元。（责任单位：区财政局）",
        "（二）加强领导。成立领导小组。（责任单位：区教育局）",
    )
    assert [item.heading for item in document.items[1:]] == ["", "加强领导"]


def test_units_sharing_the_work_by_their_duties_are_all_responsible_and_none_leads() -> None:
    found = extract_departments(
        "保育员持证上岗率达到100%。（区教育局、区人社局、区编办按职责分工负责）"
    )
    assert (found.departments, found.lead_departments) == (("区教育局", "区人社局", "区编办"), ())


@pytest.mark.parametrize(
    ("text", "departments", "leads"),
    [
        (
            "（牵头：区教育局；配合：区财政局、区人社局）",
            ("区教育局", "区财政局", "区人社局"),
            ("区教育局",),
        ),
        ("（责任单位：区教育局〔牵头〕、区财政局）", ("区教育局", "区财政局"), ("区教育局",)),
        ("推进建设。责任单位：区教育局（牵头），区财政局", ("区教育局", "区财政局"), ("区教育局",)),
        ("（完成时限：2024年12月；责任单位：区教育局、区财政局）", ("区教育局", "区财政局"), ()),
        ("建设学校。[责任单位：区教育局、区财政局]", ("区教育局", "区财政局"), ()),
        ("（责任单位：市教委、市财政局等相关部门）", ("市教委", "市财政局"), ()),
        ("（责任部门：区教育局、各街道（镇））", ("区教育局", "各街道（镇）"), ()),
    ],
)
def test_more_ways_of_writing_who_is_responsible(
    text: str, departments: tuple[str, ...], leads: tuple[str, ...]
) -> None:
    found = extract_departments(text)
    assert (found.departments, found.lead_departments) == (departments, leads)


@pytest.mark.parametrize(
    ("text", "departments", "leads"),
    [
        (
            "（市教委基教处牵头，各区教育局负责落实）",
            ("市教委基教处", "各区教育局"),
            ("市教委基教处",),
        ),
        (
            "（区教育局牵头，区财政局、区人社局协同推进）",
            ("区教育局", "区财政局", "区人社局"),
            ("区教育局",),
        ),
        ("（区教育局牵头，各街镇具体实施）", ("区教育局", "各街镇"), ("区教育局",)),
        ("（区教育局牵头组织实施，区财政局配合）", ("区教育局", "区财政局"), ("区教育局",)),
        ("（区教育局会同区财政局负责）", ("区教育局", "区财政局"), ("区教育局",)),
        ("（区教育局牵头，区财政局配合，2024年底前完成）", ("区教育局", "区财政局"), ("区教育局",)),
        ("【责任部门】区教育局、区财政局【完成时限】2024年12月", ("区教育局", "区财政局"), ()),
    ],
)
def test_role_verbs_with_what_the_units_do(
    text: str, departments: tuple[str, ...], leads: tuple[str, ...]
) -> None:
    found = extract_departments(text)
    assert (found.departments, found.lead_departments) == (departments, leads)


@pytest.mark.parametrize(
    "text", ["（各校要认真落实）", "（由各校组织实施）", "（详见附件，2024年底前完成）"]
)
def test_doing_without_a_role_is_prose(text: str) -> None:
    assert extract_departments(text).departments == ()
