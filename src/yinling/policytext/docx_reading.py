"""Text of a .docx: paragraphs in order (with Word list labels), tables as tab-separated rows."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from yinling.policytext.docx_numbering import NumberingRenderer, W
from yinling.policytext.errors import UNREADABLE_FILE, PolicyParseError

_TERMINAL = tuple("。！？；：.!?;:")


def _paragraph_text(paragraph: Any, numbering: NumberingRenderer) -> str:
    return numbering.label(paragraph) + paragraph.text


def _cell_text(cell: Any, numbering: NumberingRenderer) -> str:
    parts: list[str] = []
    for paragraph in cell.paragraphs:
        text = _paragraph_text(paragraph, numbering)
        text = text.replace("\t", " ").replace("\n", " ").replace("|", "｜").strip()
        if not text:
            continue
        # Units listed one per line in a cell must stay apart: "区教育局" / "区财政局".
        if parts and not parts[-1].endswith(_TERMINAL):
            parts.append("；")
        parts.append(text)
    return "".join(parts)


def _row_cells(row: Any, numbering: NumberingRenderer) -> list[str]:
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        # Horizontally merged cells come back once per grid column: the text once, then
        # empty cells, so that columns stay aligned with a header row of the full width.
        if previous is not None and cell._tc is previous:
            cells.append("")
            continue
        previous = cell._tc
        cells.append(_cell_text(cell, numbering))
    return cells


def _blocks(parent: Any, document: Any) -> Iterator[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == f"{W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{W}tbl":
            yield Table(child, document)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content, document)


def docx_text(data: bytes) -> str:
    """Plain text of a .docx file."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise PolicyParseError(UNREADABLE_FILE, code="unreadable", detail=str(error)) from error
    numbering = NumberingRenderer(document)
    lines: list[str] = []
    for block in _blocks(document.element.body, document):
        if isinstance(block, Table):
            lines.append("")
            # As Markdown rows, which keep empty cells (a leading tab would be stripped).
            lines.extend(f"| {' | '.join(_row_cells(row, numbering))} |" for row in block.rows)
            lines.append("")
        else:
            # Tabs in a Word paragraph are layout (a right-aligned date); tables come apart.
            lines.append(_paragraph_text(block, numbering).replace("\t", " "))
    return "\n".join(lines)
