"""Input formats: GB18030 and UTF-8 text, .docx (typed and Word-numbered), PDF text layers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.policytext.builders import DocxBuilder, pdf_with_text
from tests.policytext.helpers import seed_path
from yinling.policytext import PolicyParseError, parse_document
from yinling.policytext.errors import UNDECODABLE

PLAN = "关于做好学前教育工作的通知\n一、总体目标\n到2025年，普惠性幼儿园覆盖率达到95%以上。\n二、保障措施\n1.加强领导。（责任部门：区教育局）\n"


def test_it_reads_gb18030_text() -> None:
    document = parse_document(PLAN.encode("gb18030"), filename="plan.txt")
    assert document.find("一").targets[0].value == 95


def test_it_reads_utf8_text_with_a_byte_order_mark() -> None:
    assert parse_document(b"\xef\xbb\xbf" + PLAN.encode()).title == "关于做好学前教育工作的通知"


def test_it_reads_utf16_text_with_a_byte_order_mark() -> None:
    assert parse_document(PLAN.encode("utf-16")).find("二/1").departments == ("区教育局",)


def test_it_reads_a_seed_given_as_a_path() -> None:
    assert parse_document(seed_path("004")).doc_number == "闵委发〔2023〕6号"


def test_a_str_is_the_documents_text_not_a_file_name() -> None:
    assert parse_document(PLAN).title == "关于做好学前教育工作的通知"


def test_bytes_that_are_no_text_are_refused_as_undecodable() -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(b"\x81\x00\xff\xfe\x00\x01" * 50)
    assert (error.value.code, str(error.value)) == ("undecodable", UNDECODABLE)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc"),
        (b"{\\rtf1 text}", "plan.rtf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "scan.png"),
    ],
)
def test_it_refuses_unsupported_file_types(data: bytes, filename: str) -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(data, filename=filename)
    assert error.value.code == "unsupported_type"


def test_it_refuses_a_zip_that_is_not_a_word_document() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(PolicyParseError) as error:
        parse_document(stream.getvalue(), filename="sheet.xlsx")
    assert error.value.code == "unsupported_type"


def test_it_refuses_a_damaged_pdf() -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(b"%PDF-1.4\n garbage", filename="plan.pdf")
    assert error.value.code == "unreadable"


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(tmp_path / "missing.txt")
    assert error.value.code == "unreadable"


def test_it_reads_a_docx_with_typed_numbering() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于做好工作的通知")
        .paragraph("一、总体目标")
        .paragraph("1.新建幼儿园12所。")
        .to_bytes()
    )
    assert parse_document(data, filename="plan.docx").find("一/1").targets[0].value == 12


def test_it_reads_the_numbers_of_a_word_list() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于做好工作的通知")
        .listed(0, "总体目标")
        .listed(1, "扩大资源")
        .listed(2, "新建幼儿园12所。")
        .listed(2, "加强管理。")
        .listed(1, "提升质量")
        .listed(2, "加强课程。")
        .listed(0, "保障措施")
        .to_bytes()
    )
    paths = [item.path for item in parse_document(data).items]
    assert paths == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/2",
        "一/（二）",
        "一/（二）/1",
        "二",
    ]


def test_it_reads_a_task_table_in_a_docx() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于印发任务分解表的通知")
        .paragraph("一、重点任务")
        .table(
            [
                ["序号", "工作任务", "具体内容", "牵头单位", "配合单位", "完成时限"],
                ["1", "建设学校", "新建学校5所", "区教育局", "区财政局\n各街镇", "2025年底"],
                ["2", "培训教师", "培训教师1000名", "区教育学院", "", "2024年"],
            ]
        )
        .to_bytes()
    )
    item = parse_document(data).find("一/1")
    assert (item.heading, item.lead_departments, item.cooperating_departments) == (
        "建设学校",
        ("区教育局",),
        ("区财政局", "各街镇"),
    )
    assert (item.targets[0].value, item.targets[0].year) == (5, 2025)


def test_it_reads_the_text_layer_of_a_pdf() -> None:
    pdf = pdf_with_text(
        [
            ["关于做好工作的通知", "一、总体目标", "到2025年，普惠性幼儿园覆盖率达到95%以上。"],
            ["二、保障措施", "1.加强领导。（责任部门：区教育局）"],
        ]
    )
    document = parse_document(pdf, filename="plan.pdf")
    assert [item.path for item in document.items] == ["一", "二", "二/1"]
    assert document.find("二/1").departments == ("区教育局",)


def test_it_mends_a_sentence_split_across_pdf_pages() -> None:
    pdf = pdf_with_text(
        [
            ["关于做好工作的通知", "一、总体目标", "推动学前教育优质普惠发展和义务教育优质均衡发"],
            ["展，到2025年，普惠性幼儿园覆盖率达到95%以上。"],
        ]
    )
    target = parse_document(pdf).find("一").targets[0]
    assert (target.value, target.year) == (95, 2025)


def test_a_pdf_without_a_text_layer_is_refused() -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(pdf_with_text([[]]), filename="scan.pdf")
    assert error.value.code == "no_text_layer"


def test_a_tab_inside_a_word_paragraph_is_not_a_table() -> None:
    data = (
        DocxBuilder()
        .paragraph("关于做好工作的通知")
        .paragraph("一、总体目标\t（2024年）")
        .paragraph("1.加强领导。")
        .to_bytes()
    )
    assert [item.path for item in parse_document(data).items] == ["一", "一/1"]


def test_a_header_repeated_at_the_top_of_pdf_pages_is_not_text() -> None:
    pdf = pdf_with_text(
        [
            [
                "上海市普陀区教育局文件",
                "关于做好工作的通知",
                "一、总体目标",
                "到2025年，全区中小学配备专职心理健康教师的学校比例达",
            ],
            ["上海市普陀区教育局", "到95%以上。", "二、保障措施", "1.加强领导。（责任部门：区"],
            ["上海市普陀区教育局", "教育局）", "2.加强督导。"],
        ]
    )
    document = parse_document(pdf, filename="plan.pdf")
    assert "普陀区" not in document.find("一").text
    assert (document.find("一").targets[0].year, document.find("二/1").departments) == (
        2025,
        ("区教育局",),
    )
