from __future__ import annotations

import pytest

from yinling.policytext.numbering import match_cell_number, match_numbering


@pytest.mark.parametrize(
    ("text", "style", "value", "label"),
    [
        ("一、指导思想", "cn", 1, "一"),
        ("十二、保障", "cn", 12, "十二"),
        ("（六）推动建设", "cn_paren", 6, "（六）"),
        ("(八) 构建体系", "cn_paren", 8, "（八）"),
        ("5. 科学规划", "num", 5, "5"),
        ("5．科学规划", "num", 5, "5"),
        ("5、科学规划", "num", 5, "5"),
        ("（3）完善方案", "num_paren", 3, "（3）"),
        ("⑶完善方案", "num_paren", 3, "（3）"),
        ("②推广案例", "circled", 2, "②"),
        ("2）推广案例", "num_half_paren", 2, "2）"),
        ("第三章 保障", "chapter", 3, "第三章"),
        ("第十二条 本办法", "article", 12, "第十二条"),
    ],
)
def test_it_recognises_the_numbering_styles_of_official_documents(
    text: str, style: str, value: int, label: str
) -> None:
    numbering = match_numbering(text)
    assert numbering is not None
    assert (numbering.style, numbering.value, numbering.label) == (style, value, label)


def test_it_keeps_the_text_after_the_token() -> None:
    assert match_numbering("1. 构建协同引领机制。").rest == "构建协同引领机制。"


@pytest.mark.parametrize(
    "text", ["1.5万人参加", "2023年工作", "一、二年级学生", "十八大精神", "（2015—2017年）"]
)
def test_it_does_not_take_decimals_years_or_grade_lists_for_numbering(text: str) -> None:
    assert match_numbering(text) is None


def test_it_reads_bare_numbers_in_a_table_number_cell() -> None:
    assert [match_cell_number(cell).label for cell in ("1", "一", "（二）", "3.")] == [
        "1",
        "一",
        "（二）",
        "3",
    ]


@pytest.mark.parametrize(
    ("text", "style", "label"),
    [
        ("1.1 办学理念", "decimal2", "1.1"),
        ("1.2课程建设", "decimal2", "1.2"),
        ("3.2.1 课程", "decimal3", "3.2.1"),
    ],
)
def test_it_recognises_decimal_outline_numbers(text: str, style: str, label: str) -> None:
    numbering = match_numbering(text)
    assert numbering is not None and (numbering.style, numbering.label) == (style, label)


@pytest.mark.parametrize("text", ["2.5小时的体育活动", "0.5%的学校", "1.2万名教师"])
def test_a_paragraph_opening_with_a_decimal_amount_is_not_numbered(text: str) -> None:
    assert match_numbering(text) is None


def test_a_table_sub_row_may_be_numbered_decimally() -> None:
    assert match_cell_number("1.2").label == "1.2"


@pytest.mark.parametrize(
    ("text", "label"), [("4．2024年底前，全区完成", "4"), ("一、2025年起实施", "一")]
)
def test_an_item_may_open_on_a_year(text: str, label: str) -> None:
    found = match_numbering(text)
    assert found is not None and found.label == label and found.rest.startswith("20")
