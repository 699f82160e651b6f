"""A sample of my own in the layout of regulations (办法): 第一章 / 第一条, GB18030-encoded."""

from __future__ import annotations

import pytest

from tests.policytext.helpers import DOCUMENTS, parse_lines
from yinling.policytext import PolicyDocument, parse_document

SAMPLE = DOCUMENTS / "regulations_gb18030.txt"


@pytest.fixture(scope="module")
def measures() -> PolicyDocument:
    return parse_document(SAMPLE)


def test_the_sample_file_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        SAMPLE.read_bytes().decode("utf-8")


def test_it_reads_the_header_of_a_gb18030_file(measures: PolicyDocument) -> None:
    assert (measures.doc_number, measures.date.isoformat()) == ("某教〔2022〕15号", "2022-09-01")


def test_articles_nest_under_chapters_and_run_on(measures: PolicyDocument) -> None:
    assert [item.path for item in measures.items][-3:] == [
        "第三章",
        "第三章/第五条",
        "第三章/第六条",
    ]


def test_articles_have_no_heading_but_chapters_do(measures: PolicyDocument) -> None:
    assert (measures.find("第二章").heading, measures.find("第二章/第三条").heading) == (
        "服务内容",
        "",
    )


def test_lead_and_cooperating_departments_of_an_article(measures: PolicyDocument) -> None:
    item = measures.find("第二章/第四条")
    assert (item.lead_departments, item.cooperating_departments) == (
        ("基础教育科",),
        ("体卫艺科", "教研室"),
    )


def test_targets_of_an_article(measures: PolicyDocument) -> None:
    found = [(t.value, t.unit, t.comparator) for t in measures.find("第三章/第五条").targets]
    assert found == [(800, "万元", "~"), (600, "元", "<=")]


def test_an_article_that_opens_with_a_few_words_of_title_has_that_heading() -> None:
    document = parse_lines(
        "第一条　为规范管理，制定本方案。",
        "第二条　改革目标。到2025年，交流比例不低于10%。",
        "第三条　本方案自印发之日起施行。",
    )
    assert [item.heading for item in document.items] == ["", "改革目标", ""]
