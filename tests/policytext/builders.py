"""Test documents built in code: .docx files with python-docx and PDFs by hand."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

LIST_ID = 90
MERGE_LEFT = "←"
# One Word list: 一、 / （一） / 1.
_ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ID}">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {nsdecls("w")} w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>'


class DocxBuilder:
    """A .docx document assembled paragraph by paragraph."""

    def __init__(self) -> None:
        self.document = Document()
        numbering = self.document.part.numbering_part.element
        numbering.insert(0, parse_xml(_ABSTRACT_NUM))
        numbering.append(parse_xml(_NUM))

    def paragraph(self, text: str) -> DocxBuilder:
        self.document.add_paragraph(text)
        return self

    def listed(self, level: int, text: str) -> DocxBuilder:
        """A paragraph numbered by the Word list at ``level`` (0 = 一、)."""
        paragraph = self.document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = LIST_ID
        return self

    def table(self, rows: list[list[str | None]]) -> DocxBuilder:
        """A Word table. A row of one value is merged across the table (a heading row);
        ``None`` merges a cell with the one above it, MERGE_LEFT with the one to its left;
        "\n" separates a cell's paragraphs."""
        width = max(len(values) for values in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for index, values in enumerate(rows):
            cells = table.rows[index].cells
            if len(values) == 1 and width > 1:
                cells[0].merge(cells[-1])
            for column, value in enumerate(values):
                cell = table.cell(index, column)
                if value is None:
                    table.cell(index - 1, column).merge(cell)
                    continue
                if value == MERGE_LEFT:
                    table.cell(index, column - 1).merge(cell)
                    continue
                lines = value.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        return self

    def to_bytes(self) -> bytes:
        stream = io.BytesIO()
        self.document.save(stream)
        return stream.getvalue()


def _pdf_object(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n" % number + body + b"\nendobj\n"


def _content_stream(lines: list[str]) -> bytes:
    shown = b" T* ".join(
        b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj" for line in lines
    )
    commands = b"BT /F1 12 Tf 14 TL 40 800 Td " + shown + b" ET"
    return b"<< /Length %d >>\nstream\n" % len(commands) + commands + b"\nendstream"


def pdf_with_text(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose text layer holds ``pages`` of lines, Chinese included.

    The font is STSong-Light, one of the standard CJK fonts every PDF reader knows, with
    the predefined UniGB-UCS2-H encoding, so text is simply UTF-16 code units.
    """
    page_ids = [5 + 2 * index for index in range(len(pages))]
    objects = [
        _pdf_object(1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        _pdf_object(
            2,
            b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % page for page in page_ids), len(pages)),
        ),
        _pdf_object(
            3,
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [4 0 R] >>",
        ),
        _pdf_object(
            4,
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>",
        ),
    ]
    for page_id, lines in zip(page_ids, pages, strict=True):
        objects.append(
            _pdf_object(
                page_id,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1),
            )
        )
        objects.append(_pdf_object(page_id + 1, _content_stream(lines)))
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for obj in objects:
        offsets.append(len(output))
        output += obj
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in sorted(offsets):
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
