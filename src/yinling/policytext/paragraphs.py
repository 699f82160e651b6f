"""Lines into paragraphs, mending sentences that page breaks and line wraps cut apart.

A line joins the next when the text plainly runs on: a bracket or quote is still open,
the line stops on a comma, or it is a long stretch of prose with no closing mark. A
numbered heading ("（一）按需集群") ends without punctuation by nature, so it only takes a
short broken-off fragment. Hard-wrapped text (PDF) is recognised by its uniform line
length, and a full-width line always runs on.

Page breaks sometimes repeat a character across the break ("重要" / "要论述"); when a
join crosses a blank line and both sides share a character that Chinese never doubles,
one copy goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinling.policytext.brackets import has_open_bracket
from yinling.policytext.cleaning import CJK, SEPARATOR_LINE, is_table_row
from yinling.policytext.closing import is_closing_line, is_issue_note
from yinling.policytext.numbering import match_numbering
from yinling.policytext.parts import is_attachment_line

# A paragraph ends on one of these, perhaps followed by closing quotes or brackets.
_TERMINAL_MARKS = frozenset("。！？；：!?;:…")
_CLOSING_MARKS = "”’\"'）)】》」』"
_SOFT_END_MARKS = frozenset("，、,")
_LABEL_START = re.compile(r"^[^\s，。；：、（）()“”]{2,10}[：:]")
_INNER_PUNCT = re.compile(r"[，。；：！？、,;:!?]")
_CJK_CHAR = re.compile(f"[{CJK}]")
# Characters Chinese legitimately doubles (人人, 校校通, 方方面面); any other doubled
# character across a page break is a layout artefact.
REDUPLICABLE = set(
    "人天年月日时处事个家户层步点一多刚仅往常渐稍默切实明纷深久好频大微匆形方条样件种项"
    "校班村县乡代世生面些"
)
LONG_LINE = 20
SHORT_FRAGMENT = 15


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of text, or a table row (``cells``)."""

    text: str
    cells: tuple[str, ...] | None = None

    @property
    def is_table_row(self) -> bool:
        return self.cells is not None


def _ends_with_closed_clause(text: str) -> bool:
    """'…学校。（责任部门：…）' ends a paragraph even though its last mark is a bracket."""
    if not text or text[-1] not in "）)":
        return False
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        ch = text[index]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                before = text[:index].rstrip()
                return not before or _ends_on_mark(before)
    return False


def _ends_on_mark(text: str) -> bool:
    stripped = text.rstrip(_CLOSING_MARKS)
    return bool(stripped) and stripped[-1] in _TERMINAL_MARKS


def _is_terminated(text: str) -> bool:
    return _ends_on_mark(text) or _ends_with_closed_clause(text)


def _stops_joining(line: str) -> bool:
    """Lines that always begin something new."""
    return (
        line == SEPARATOR_LINE
        or match_numbering(line) is not None
        or is_attachment_line(line)
        or is_closing_line(line)
    )


def _is_short_fragment(line: str) -> bool:
    return len(line) <= SHORT_FRAGMENT and not _INNER_PUNCT.search(line)


def should_join(
    previous: str, line: str, wrap_width: int | None = None, last_line_length: int = 0
) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` (whose last line was so long)."""
    # Most paragraphs end on 。, so that is checked first: it is the cheapest answer.
    if _is_terminated(previous) or is_attachment_line(previous) or _stops_joining(line):
        return False
    if has_open_bracket(previous):
        return True
    if _LABEL_START.match(line):
        return False
    if previous[-1] in _SOFT_END_MARKS:
        return True
    if wrap_width and (last_line_length or len(previous)) >= wrap_width * 0.9:
        return True
    numbering = match_numbering(previous)
    if numbering is not None and "。" not in numbering.rest:
        # A heading: only an empty token or a broken-off fragment continues it.
        return not numbering.rest or _is_short_fragment(line)
    return len(previous) >= LONG_LINE


def join_text(previous: str, line: str, across_gap: bool) -> str:
    """``previous`` and ``line`` as one run of text."""
    if (
        across_gap
        and previous[-1] == line[0]
        and _CJK_CHAR.match(line[0])
        and line[0] not in REDUPLICABLE
    ):
        line = line[1:]
    if (
        previous[-1].isascii()
        and previous[-1].isalpha()
        and line[:1].isascii()
        and line[:1].isalpha()
    ):
        return f"{previous} {line}"  # a Latin word broke off; a number never does
    return previous + line


def detect_wrap_width(lines: list[str]) -> int | None:
    """The line width of hard-wrapped text (as PDFs give), or None for one line per paragraph."""
    lengths = sorted(len(line) for line in lines if line and not is_table_row(line))
    if len(lengths) < 8:
        return None
    median = lengths[len(lengths) // 2]
    high = lengths[int(len(lengths) * 0.9)]
    if median >= 15 and high <= median * 1.3:
        return high
    return None


def assemble_paragraphs(lines: list[str], wrap_width: int | None = None) -> list[Paragraph]:
    """Paragraphs (and table rows) from cleaned lines."""
    paragraphs: list[Paragraph] = []
    pending: str | None = None
    last_length = 0
    gap = False
    for line in lines:
        if not line:
            gap = True
            continue
        if is_table_row(line):
            if pending is not None:
                paragraphs.append(Paragraph(pending))
                pending = None
            paragraphs.append(Paragraph(line.replace("\t", " "), tuple(line.split("\t"))))
        elif pending is not None and should_join(pending, line, wrap_width, last_length):
            pending = join_text(pending, line, gap)
        else:
            if pending is not None:
                paragraphs.append(Paragraph(pending))
            pending = line
        last_length = len(line)
        gap = False
    if pending is not None:
        paragraphs.append(Paragraph(pending))
    return paragraphs


def split_closing(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """(content, closing block) of a part's paragraphs.

    The trailing run of closing-like paragraphs counts as a closing block only when it holds
    a date or a 版记 note, so that a short last line of content is never taken for one.
    """
    start = len(paragraphs)
    while (
        start > 0
        and not paragraphs[start - 1].is_table_row
        and is_closing_line(paragraphs[start - 1].text)
    ):
        start -= 1
    block = paragraphs[start:]
    if any(is_issue_note(paragraph.text) for paragraph in block):
        return paragraphs[:start], block
    return paragraphs, []
