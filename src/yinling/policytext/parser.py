"""parse_text: plain text in, PolicyDocument out. The stages, in order:

clean lines -> split body / attachments -> header (red head, number, title) -> paragraphs
-> closing block off -> outline -> item details (heading, departments, targets).
"""

from __future__ import annotations

import re
from pathlib import Path

from yinling.policytext.cleaning import clean_lines
from yinling.policytext.departments import says_first_listed_leads
from yinling.policytext.errors import EMPTY_DOCUMENT, NO_ITEMS, PolicyParseError
from yinling.policytext.items import ItemContext, finish_item
from yinling.policytext.metadata import (
    find_dating,
    find_issuer,
    period_end_year,
    read_header,
)
from yinling.policytext.model import Part, PolicyDocument
from yinling.policytext.outline import build_outline
from yinling.policytext.paragraphs import assemble_paragraphs, detect_wrap_width, split_closing
from yinling.policytext.parts import RawPart, split_parts, take_title
from yinling.policytext.reading import read_document
from yinling.policytext.vertical_tables import fold_vertical_tables

_NUMBER_YEAR = re.compile(r"〔((?:19|20)\d{2})〕")


def _parse_part(
    raw: RawPart,
    title: str | None,
    lines: list[str],
    wrap_width: int | None,
    context: ItemContext,
) -> Part:
    paragraphs = assemble_paragraphs(fold_vertical_tables(lines), wrap_width)
    content, _closing = split_closing(paragraphs)
    builder = build_outline(content)
    items = tuple(finish_item(draft, context) for draft in builder.items)
    return Part(raw.label, raw.number, title, items)


def parse_text(text: str) -> PolicyDocument:
    """Parse a policy document given as text.

    Raises PolicyParseError (code "empty") for a blank document and (code "no_items") for
    one without numbered items.
    """
    lines = clean_lines(text or "")
    if not any(lines):
        raise PolicyParseError(EMPTY_DOCUMENT, code="empty")
    wrap_width = detect_wrap_width(lines)
    raw_parts = split_parts(lines)
    header = read_header(raw_parts[0].lines)
    dating = find_dating(raw_parts)
    number_year = _NUMBER_YEAR.search(header.doc_number or "")
    document_year = dating.date.year if dating.date else None
    if document_year is None and number_year:
        document_year = int(number_year.group(1))
    first_listed_leads = says_first_listed_leads(text)

    parts: list[Part] = []
    for index, raw in enumerate(raw_parts):
        if index == 0:
            title, body = header.title, header.rest
        else:
            title, body = take_title(raw.lines)
            title = title or raw.title
        fallback = period_end_year(title) or period_end_year(header.title)
        context = ItemContext(raw.label, document_year, fallback, first_listed_leads)
        parts.append(_parse_part(raw, title, body, wrap_width, context))

    if not any(part.items for part in parts):
        raise PolicyParseError(NO_ITEMS, code="no_items")
    title = header.title or next((part.title for part in parts[1:] if part.title), None)
    return PolicyDocument(
        title=title,
        doc_number=header.doc_number,
        issuer=find_issuer(header.title, header.red_head, dating.signature),
        date=dating.date,
        body=parts[0],
        attachments=tuple(parts[1:]),
    )


def parse_document(data: bytes | str | Path, *, filename: str | None = None) -> PolicyDocument:
    """Parse a policy document: a Path, raw bytes (text, .docx or PDF), or text as ``str``.

    A ``str`` is always the document's text, never a file name; pass a Path for a file.
    ``filename`` helps to tell the type of raw bytes. Raises PolicyParseError.
    """
    return parse_text(read_document(data, filename=filename))
