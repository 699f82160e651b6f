"""Bad input is refused with a clear, bilingual message and a stable code."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from tests.policytext.builders import DocxBuilder, pdf_with_text
from yinling.policytext import NO_ITEMS, PolicyParseError, parse_document, parse_text
from yinling.policytext.cli import main
from yinling.policytext.errors import EMPTY_DOCUMENT, NO_TEXT_LAYER, PICTURES_ONLY, UNSUPPORTED_TYPE


@pytest.mark.parametrize("text", ["", "   \n\n\t  ", "- 1 -\n\n- 2 -"])
def test_an_empty_document_is_refused_with_the_empty_message(text: str) -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_text(text)
    assert (error.value.code, str(error.value)) == ("empty", EMPTY_DOCUMENT)


def test_a_document_without_numbering_is_refused_with_the_stable_message() -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_text("关于放假的通知\n\n请各单位做好安排。")
    assert str(error.value) == NO_ITEMS == "未找到编号条目 / no numbered items found"


def test_the_error_is_a_value_error_so_callers_can_catch_it_broadly() -> None:
    assert issubclass(PolicyParseError, ValueError)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100


@pytest.mark.parametrize(
    ("filename", "hint"),
    [
        ("plan.doc", "save legacy .doc files as .docx"),
        ("plan.wps", "save WPS files as .docx"),
        ("tasks.et", "copy a spreadsheet's task table into a .docx"),
        (None, "save legacy Word or WPS files as .docx"),
    ],
)
def test_a_legacy_office_or_wps_file_is_refused_saying_what_to_save_it_as(
    filename: str | None, hint: str
) -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(OLE, filename=filename)
    assert error.value.code == "unsupported_type"
    assert str(error.value) == f"{UNSUPPORTED_TYPE}: {error.value.detail}"
    assert hint in str(error.value) and "不支持的文件类型" in str(error.value)


@pytest.mark.parametrize("pages", [[[], []], [["- 1 -"], ["- 2 -"]], [["扫描全能王"]]])
def test_a_scanned_pdf_is_refused_as_having_no_text_layer(pages: list[list[str]]) -> None:
    with pytest.raises(PolicyParseError) as error:
        parse_document(pdf_with_text(pages), filename="scan.pdf")
    assert (error.value.code, str(error.value)) == ("no_text_layer", NO_TEXT_LAYER)


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_a_word_document_of_scanned_pictures_is_refused_saying_so() -> None:
    builder = DocxBuilder()
    builder.document.add_picture(io.BytesIO(_png()))
    with pytest.raises(PolicyParseError) as error:
        parse_document(builder.to_bytes(), filename="scan.docx")
    assert error.value.code == "empty"
    assert PICTURES_ONLY in str(error.value)


def test_a_word_document_without_numbering_gets_the_no_items_message() -> None:
    data = DocxBuilder().paragraph("关于放假的通知").paragraph("请各单位做好安排。").to_bytes()
    with pytest.raises(PolicyParseError) as error:
        parse_document(data, filename="notice.docx")
    assert (error.value.code, str(error.value)) == ("no_items", NO_ITEMS)


def test_the_command_line_prints_the_reason_and_fails(tmp_path: Path, capsys) -> None:
    path = tmp_path / "plan.wps"
    path.write_bytes(OLE)
    assert main([str(path)]) == 1
    assert "save WPS files as .docx" in capsys.readouterr().err
