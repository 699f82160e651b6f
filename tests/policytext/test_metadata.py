"""Document number, title, issuer and date."""

from __future__ import annotations

import pytest

from tests.policytext.helpers import parse_lines
from yinling.policytext.dates import parse_date
from yinling.policytext.metadata import period_end_year, read_doc_number
from yinling.policytext.parts import tidy_title

BODY = ("一、目标", "1.加强领导。")


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("闵委发〔2023〕6号", "闵委发〔2023〕6号"),
        ("宝教[2023]70号", "宝教〔2023〕70号"),
        ("沪教委基（2015）77号", "沪教委基〔2015〕77号"),
        ("浦教〔 2024 〕 12 号", "浦教〔2024〕12号"),
        ("京教【2022】第3号", "京教〔2022〕3号"),
        ("宝教〔2023〕70号          签发人：张三", "宝教〔2023〕70号"),
    ],
)
def test_it_reads_document_numbers_in_any_bracket_style(line: str, number: str) -> None:
    assert read_doc_number(line) == number


def test_it_reads_the_number_under_the_red_head() -> None:
    document = parse_lines(
        "上海市宝山区教育局文件", "宝教〔2023〕70号", "关于做好工作的通知", *BODY
    )
    assert (document.doc_number, document.title) == ("宝教〔2023〕70号", "关于做好工作的通知")


def test_a_red_head_without_wenjian_above_the_number_is_no_part_of_the_title() -> None:
    document = parse_lines("宝山区教育局", "宝教〔2025〕8号", "关于做好工作的通知", *BODY)
    assert (document.doc_number, document.title, document.issuer) == (
        "宝教〔2025〕8号",
        "关于做好工作的通知",
        "宝山区教育局",
    )


def test_an_organisation_line_with_no_number_below_it_stays_in_the_title() -> None:
    document = parse_lines("上海市宝山区教育局", "关于做好工作的通知", *BODY)
    assert document.doc_number is None and "关于做好工作的通知" in (document.title or "")


def test_it_does_not_take_a_cited_number_for_the_documents_own() -> None:
    document = parse_lines("某某实施方案", "根据《某意见》（教基〔2023〕4号）制定本方案。", *BODY)
    assert document.doc_number is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年12月", "2023-12"),
        ("2023年3月2日", "2023-03-02"),
        ("二〇二三年三月二日", "2023-03-02"),
        ("2023 年 12 月", "2023-12"),
    ],
)
def test_it_reads_chinese_dates(text: str, iso: str) -> None:
    assert parse_date(text).isoformat() == iso


def test_the_date_is_the_signature_date_of_the_body() -> None:
    document = parse_lines(
        "关于做好工作的通知",
        *BODY,
        "上海市教育委员会",
        "2015年11月9日",
        "上海市教育委员会办公室",
        "2015年11月17日印发",
    )
    assert document.date.isoformat() == "2015-11-09"


def test_without_a_signature_date_the_printing_date_is_the_date() -> None:
    document = parse_lines(
        "关于做好工作的通知", *BODY, "上海市宝山区教育局办公室", "2023年12月28日印发"
    )
    assert document.date.isoformat() == "2023-12-28"


def test_it_joins_a_title_broken_inside_its_book_title_marks() -> None:
    document = parse_lines(
        "上海市教育委员会关于印发《上海市新优质学校",
        "集群发展三年行动计划（2015—2017年）》的通知",
        "",
        *BODY,
    )
    assert (
        document.title
        == "上海市教育委员会关于印发《上海市新优质学校集群发展三年行动计划（2015—2017年）》的通知"
    )


def test_joint_issuers_in_the_title_are_all_issuers() -> None:
    document = parse_lines("中共闵行区委 闵行区人民政府 关于推进教育高质量发展的实施意见", *BODY)
    assert document.issuer == "中共闵行区委、闵行区人民政府"
    assert document.title == "中共闵行区委 闵行区人民政府关于推进教育高质量发展的实施意见"


def test_without_a_title_prefix_the_red_head_is_the_issuer() -> None:
    assert (
        parse_lines("上海市教育委员会文件", "关于做好工作的通知", *BODY).issuer
        == "上海市教育委员会"
    )


def test_without_title_or_red_head_the_signature_is_the_issuer() -> None:
    document = parse_lines("某某区强校工程实施方案", *BODY, "上海市闵行区教育局", "2023年12月")
    assert (document.issuer, document.date.isoformat()) == ("上海市闵行区教育局", "2023-12")


def test_it_closes_up_layout_spaces_in_a_title() -> None:
    assert (
        tidy_title("关于印发《宝山区 落实〈引领计划〉 行动方案》的通知")
        == "关于印发《宝山区落实〈引领计划〉行动方案》的通知"
    )


def test_the_plan_period_comes_from_the_title() -> None:
    assert [
        period_end_year(t)
        for t in ("行动计划（2015—2017年）", "2023年下半年工作补充意见", "实施意见")
    ] == [2017, 2023, None]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("2024年闵行区教育领域为民办实事项目实施方案", 2024),
        ("关于做好2024年中小学招生入学工作的通知", 2024),
        ("关于2023年12月开展检查的通知", None),
        ("某区教育发展“十四五”规划", 2025),
    ],
)
def test_a_year_in_a_plans_title_names_its_year(title: str, year: int | None) -> None:
    assert period_end_year(title) == year


def test_a_title_cut_off_before_its_last_word_continues_after_blank_lines() -> None:
    document = parse_lines(
        "某市人民政府办公室关于印发某市推进",
        "",
        "义务教育优质均衡发展",
        "",
        "实施细则的通知",
        "",
        *BODY,
    )
    assert document.title == "某市人民政府办公室关于印发某市推进义务教育优质均衡发展实施细则的通知"


def test_it_reads_number_and_date_from_a_websites_key_value_lines() -> None:
    document = parse_lines(
        "索引号：11340000/2023-00012",
        "发布机构：某区教育局",
        "文号：某教〔2023〕9号",
        "发文日期：2023-06-13",
        "某区教育局关于做好暑期工作的通知",
        *BODY,
    )
    assert (document.doc_number, document.date.isoformat(), document.title) == (
        "某教〔2023〕9号",
        "2023-06-13",
        "某区教育局关于做好暑期工作的通知",
    )


def test_a_joint_red_head_names_every_issuer() -> None:
    document = parse_lines(
        "上海市教育委员会",
        "上海市财政局文件",
        "沪教委财〔2023〕5号",
        "关于做好经费保障工作的通知",
        *BODY,
    )
    assert (document.issuer, document.doc_number, document.title) == (
        "上海市教育委员会、上海市财政局",
        "沪教委财〔2023〕5号",
        "关于做好经费保障工作的通知",
    )


def test_a_title_ends_at_its_last_word_when_no_blank_line_follows() -> None:
    document = parse_lines(
        "关于推进教育高质量发展的实施意见", "为贯彻落实党的二十大精神（略）", *BODY
    )
    assert document.title == "关于推进教育高质量发展的实施意见"


def test_the_number_comes_from_a_websites_field_on_a_line_of_fields() -> None:
    document = parse_lines(
        "上海市静安区教育局关于做好工作的通知",
        "发布日期：2023-05-16　　来源：静安区教育局",
        "索引号：SY0012345202300045　　文号：静教〔2023〕21号",
        "一、加强领导。",
    )
    assert (document.title, document.doc_number) == (
        "上海市静安区教育局关于做好工作的通知",
        "静教〔2023〕21号",
    )
