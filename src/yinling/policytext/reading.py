"""Bytes, files and paths to text: UTF-8 or GB18030 text, .docx, or a PDF's text layer."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from typing import Any

from yinling.policytext.errors import (
    EMPTY_DOCUMENT,
    NO_TEXT_LAYER,
    PICTURES_ONLY,
    UNDECODABLE,
    UNREADABLE_FILE,
    UNSUPPORTED_TYPE,
    PolicyParseError,
)

TEXT = "text"
DOCX = "docx"
PDF = "pdf"

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
_SPREADSHEET = "表格文件请把任务表复制到 .docx 中 / copy a spreadsheet's task table into a .docx"
_UNSUPPORTED_SUFFIXES = {
    ".doc": "旧版 Word 文件请另存为 .docx / save legacy .doc files as .docx",
    ".wps": "WPS 文件请另存为 .docx / save WPS files as .docx",
    ".ofd": "OFD 文件请另存为 PDF / save OFD files as PDF",
    ".rtf": "请另存为 .docx / save as .docx",
    ".xls": _SPREADSHEET,
    ".xlsx": _SPREADSHEET,
    ".et": _SPREADSHEET,
    ".ppt": "演示文稿请另存为 PDF / save presentations as PDF",
    ".dps": "演示文稿请另存为 PDF / save presentations as PDF",
}
# Word 97–2003, WPS, Excel and PowerPoint files all share the OLE container's signature.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_HINT = "旧版 Word / WPS 文件请另存为 .docx / save legacy Word or WPS files as .docx"
# A PDF page of text has hundreds of letters; a scan's text layer at most a page number.
MIN_LETTERS_PER_PAGE = 10
MIN_PAGES_FOR_RUNNING_LINES = 3
MAX_RUNNING_LINE = 30
_CONTROL_ALLOWED = set("\t\n\r\f")
MAX_CONTROL_SHARE = 0.01


def detect_kind(data: bytes, filename: str | None = None) -> str:
    """TEXT, DOCX or PDF, from the content's signature, else the file name."""
    suffix = Path(filename).suffix.lower() if filename else ""
    if data.startswith(b"%PDF"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return DOCX
        detail = _UNSUPPORTED_SUFFIXES.get(suffix, filename or "zip")
        raise PolicyParseError(UNSUPPORTED_TYPE, code="unsupported_type", detail=detail)
    if data.startswith(_OLE_SIGNATURE):
        hint = _UNSUPPORTED_SUFFIXES.get(suffix, _OLE_HINT)
        raise PolicyParseError(UNSUPPORTED_TYPE, code="unsupported_type", detail=hint)
    if suffix in _UNSUPPORTED_SUFFIXES:
        detail = _UNSUPPORTED_SUFFIXES[suffix]
        raise PolicyParseError(UNSUPPORTED_TYPE, code="unsupported_type", detail=detail)
    if suffix in (".docx", ".pdf"):
        raise PolicyParseError(UNREADABLE_FILE, code="unreadable", detail=filename)
    if suffix and suffix not in _TEXT_SUFFIXES and not _looks_textual(data):
        raise PolicyParseError(UNSUPPORTED_TYPE, code="unsupported_type", detail=filename)
    return TEXT


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_textual(data: bytes) -> bool:
    return b"\x00" not in data[:4096]


def _plausible(text: str) -> bool:
    if "\x00" in text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_ALLOWED)
    return controls <= len(text) * MAX_CONTROL_SHARE


def decode_text(data: bytes) -> str:
    """Text of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16", errors="strict"))
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    return _checked(_guess(data))


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise PolicyParseError(UNDECODABLE, code="undecodable")
    return str(best)


def _checked(text: str) -> str:
    if not _plausible(text):
        raise PolicyParseError(UNDECODABLE, code="undecodable")
    return text


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF, pages separated by blank lines (as page breaks)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise PolicyParseError(UNREADABLE_FILE, code="unreadable", detail=str(error)) from error
    text = "\n\n".join(_without_running_lines(pages))
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < MIN_LETTERS_PER_PAGE * max(1, len(pages)):
        # Nothing, or no more than page numbers and a scanner's stamp: the pages are pictures.
        raise PolicyParseError(NO_TEXT_LAYER, code="no_text_layer")
    return text


def _edge_line(page: str, last: bool) -> str:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return (lines[-1] if last else lines[0]) if lines else ""


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without a header or footer line that repeats on most of them (the issuer's
    name, the gazette's title). Page numbers differ from page to page; cleaning drops them."""
    if len(pages) < MIN_PAGES_FOR_RUNNING_LINES:
        return pages
    for last in (False, True):
        edges = [_edge_line(page, last) for page in pages]
        counts: dict[str, int] = {}
        for edge in edges[1:]:  # the first page has the red head instead
            counts[edge] = counts.get(edge, 0) + 1
        running = {
            edge
            for edge, count in counts.items()
            if edge and len(edge) <= MAX_RUNNING_LINE and count * 2 >= len(pages) - 1 and count >= 2
        }
        if not running:
            continue
        pages = [
            _drop_edge(page, last) if edge in running else page
            for page, edge in zip(pages, edges, strict=True)
        ]
    return pages


def _drop_edge(page: str, last: bool) -> str:
    lines = page.splitlines()
    order = range(len(lines) - 1, -1, -1) if last else range(len(lines))
    for index in order:
        if lines[index].strip():
            del lines[index]
            break
    return "\n".join(lines)


def read_docx(data: bytes) -> str:
    from yinling.policytext.docx_reading import docx_text

    text = docx_text(data)
    if not text.strip() and _has_pictures(data):
        raise PolicyParseError(EMPTY_DOCUMENT, code="empty", detail=PICTURES_ONLY)
    return text


def _has_pictures(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(name.startswith("word/media/") for name in archive.namelist())


def read_document(data: bytes | str | Path, *, filename: str | None = None) -> str:
    """The text of a document given as a Path, bytes, or already as text (a ``str``)."""
    if isinstance(data, str):
        return data
    if isinstance(data, Path):
        filename = filename or data.name
        try:
            data = data.read_bytes()
        except OSError as error:
            raise PolicyParseError(UNREADABLE_FILE, code="unreadable", detail=str(error)) from error
    readers: dict[str, Any] = {TEXT: decode_text, DOCX: read_docx, PDF: read_pdf}
    return readers[detect_kind(data, filename)](data)
