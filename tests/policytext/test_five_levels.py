"""A sample plan of my own in another layout: five numbering levels, 牵头/配合 clauses,
page numbers and a page break inside a sentence, Chinese numerals, a task table."""

from __future__ import annotations

import pytest

from tests.policytext.helpers import DOCUMENTS
from yinling.policytext import PolicyDocument, parse_document


@pytest.fixture(scope="module")
def plan() -> PolicyDocument:
    return parse_document(DOCUMENTS / "five_levels.txt")


def test_it_reads_the_header_of_the_sample_plan(plan: PolicyDocument) -> None:
    assert (plan.doc_number, plan.issuer, plan.date.isoformat()) == (
        "浦教〔2024〕12号",
        "上海市浦东新区教育局",
        "2024-03-02",
    )


def test_chinese_numerals_and_negated_comparators_give_the_right_targets(
    plan: PolicyDocument,
) -> None:
    found = [(t.value, t.unit, t.comparator, t.year) for t in plan.find("一", part="附件1").targets]
    assert found == [(10, "所", "=", 2026), (90, "%", ">=", 2026), (30, "人", "<=", 2026)]


def test_three_years_from_the_document_year_is_the_deadline(plan: PolicyDocument) -> None:
    assert {t.year for t in plan.find("二/（一）/1", part="附件1").targets} == {2027}


def test_a_qiantou_line_after_the_item_gives_its_lead(plan: PolicyDocument) -> None:
    item = plan.find("二/（一）/1", part="附件1")
    assert (item.lead_departments, item.cooperating_departments) == (
        ("区教育局",),
        ("区发改委", "区财政局", "区规划资源局"),
    )


def test_a_sentence_broken_by_a_page_number_is_mended(plan: PolicyDocument) -> None:
    item = plan.find("二/（二）/4", part="附件1")
    assert "学历比例达到95%。" in item.text
    assert (item.departments, item.targets[-1].value) == (("区教育局", "区人社局"), 95)


def test_a_department_clause_after_a_page_number_still_belongs_to_its_item(
    plan: PolicyDocument,
) -> None:
    assert plan.find("二/（二）/3/（2）", part="附件1").departments == (
        "区教育局",
        "各街镇（莘庄工业区）",
    )


def test_an_item_whose_only_sentence_heads_sub_items_has_that_heading(plan: PolicyDocument) -> None:
    assert plan.find("二/（二）/3", part="附件1").heading == "加强课程建设"


def test_circled_numbers_are_the_fifth_level(plan: PolicyDocument) -> None:
    item = plan.find("二/（二）/3/（1）/①", part="附件1")
    assert (item.level, item.heading, item.targets[0].kind) == (5, "组织课程评审", "level")


def test_the_listing_in_the_notice_names_both_attachments(plan: PolicyDocument) -> None:
    assert [(part.label, part.title) for part in plan.attachments] == [
        ("附件1", "浦东新区学前教育优质发展行动计划（2024—2026年）"),
        ("附件2", "重点任务分解表"),
    ]
