"""Line-level clean-up: what converters and page layout leave behind.

Word/Markdown converters leave ``[bookmark: _Hlk…]`` anchors, ``**bold**`` and ``#``
markers and escaped underscores; PDFs leave page numbers ("- 3 -") and stray spaces
("2023 年"). None of it is content, and all of it defeats the numbering patterns, so it
goes before anything else looks at the text. Blank lines are kept (as "") because they
tell paragraphs apart.
"""

from __future__ import annotations

import re

from yinling.policytext.furniture import drop_running_heads, drop_web_chrome, might_be_web_page

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation plus the curly quotes and half-width brackets that sit next to it.
PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014()"
)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WIDTH = str.maketrans(
    "０１２３４５６７８９％ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ\u3000\u00a0",
    "0123456789%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz  ",
)
# str.translate visits every character; these runs are rare, so only they are translated.
_WIDE_RUN = re.compile("[０-９％Ａ-Ｚａ-ｚ\u3000\u00a0]+")

_ARTEFACT = re.compile(
    r"\[(?:bookmark|image|anchor|footnote|comment)\b[^\]\n]*\]|\{[#.][^}\n]*\}"
    r"|</?(?:br|u|b|i|strong|em|span|p|div|sup|sub)\b[^>\n]*>",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD = re.compile(r"\*\*")
_MD_UNDERSCORE_BOLD = re.compile(r"__([^_\n]+)__")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_SEPARATOR = re.compile(r"^(?:[-*_=—－─━]\s*){3,}$")
_PIPE_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_PAGE_NUMBER = re.compile(
    r"^[-—–－~～·•\s]*(?:第\s*)?\d{1,3}\s*页?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–－~～·•\s]*$"
)
_SPACES = re.compile(r"[ \u2002-\u200a]+")
# Letter-spaced text (signatures, some PDF text layers): "上 海 市 教 育 委 员 会".
_SPACE_IN_CJK = re.compile(rf"(?<=[{CJK}{PUNCT}]) (?=[{CJK}{PUNCT}])")
_CJK_CHAR = re.compile(f"[{CJK}]")
MIN_LETTER_GAPS = 3
# "1.\tText": a tab after a numbering token is layout, not a table cell boundary.
_NUMBER_THEN_TAB = re.compile(r"^((?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑳]))\t+")

SEPARATOR_LINE = "---"
_SHORT_LINE = 40


def normalise_characters(text: str) -> str:
    """Unify line ends, widths and invisible characters; page breaks become blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    return _WIDE_RUN.sub(lambda match: match.group().translate(_WIDTH), text)


def _pipe_row(line: str) -> str | None:
    """A Markdown table row as tab-separated cells; None for its |---| rule."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if all(_PIPE_SEPARATOR_CELL.match(cell) for cell in cells if cell):
        return None
    return "\t".join(cells)


_SPACE_RUN = re.compile(" +")
_PUNCT_CHARS = frozenset(
    chr(code)
    for low, high in (
        (0x3000, 0x303F),
        (0xFF01, 0xFF0F),
        (0xFF1A, 0xFF20),
        (0xFF3B, 0xFF40),
        (0xFF5B, 0xFF65),
        (0x2018, 0x201F),
    )
    for code in range(low, high + 1)
) | frozenset("\u2026\u2014()")


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _keep_or_drop_space(match: re.Match[str]) -> str:
    """Drop a space between a digit and CJK text, or next to full-width punctuation.

    Decided only where spaces are: scanning a whole document with look-behind patterns
    is slow, and spaces are few.
    """
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return match.group()
    before, after = text[start - 1], text[end]
    if (
        (before.isdigit() or before == "%")
        and _is_cjk(after)
        or _is_cjk(before)
        and after.isdigit()
    ):
        return ""
    if before in _PUNCT_CHARS and (_is_cjk(after) or after in _PUNCT_CHARS or after.isdigit()):
        return ""
    if after in _PUNCT_CHARS and (_is_cjk(before) or before.isdigit()):
        return ""
    return match.group()


def tidy_spaces(line: str) -> str:
    """Drop the spaces that layout puts between CJK text, digits and punctuation."""
    return _close_letter_spacing(_SPACE_RUN.sub(_keep_or_drop_space, _SPACES.sub(" ", line)))


def _close_letter_spacing(line: str) -> str:
    """Close up a line whose CJK characters are mostly spaced apart; keep word spaces."""
    gaps = len(_SPACE_IN_CJK.findall(line))
    if gaps >= MIN_LETTER_GAPS and gaps * 2 >= len(_CJK_CHAR.findall(line)):
        return _SPACE_IN_CJK.sub("", line)
    return line


def _inline_markup(text: str) -> str:
    if "*" in text or "_" in text:
        text = _MD_UNDERSCORE_BOLD.sub(r"\1", _MD_BOLD.sub("", text))
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def clean_line(line: str) -> str | None:
    """The content of one line, "" for a blank one, None for a line to drop entirely.

    ``clean_lines`` has already tidied spaces across the whole text; a line cleaned on
    its own gets that here.
    """
    return _clean_tidied(tidy_spaces(_ARTEFACT.sub("", line)))


def _clean_tidied(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return ""
    if stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1:
        # Table rows keep their empty cells, so that columns stay aligned.
        row = _pipe_row(stripped)
        if row is None:
            return None
        cells = [tidy_spaces(_inline_markup(cell)) for cell in row.split("\t")]
        return "\t".join(cells) if any(cells) else ""
    if stripped[0] == "#":
        stripped = _MD_HEADING.sub("", stripped)
    line = _inline_markup(stripped)
    if "\t" in line:
        line = _NUMBER_THEN_TAB.sub(r"\1", line)
        line = "\t".join(cell.strip() for cell in line.split("\t")).strip("\t ")
    if len(line) <= _SHORT_LINE:
        if _SEPARATOR.match(line):
            return SEPARATOR_LINE
        if _PAGE_NUMBER.match(line) and any(ch.isdigit() for ch in line) and not line.isdigit():
            # A bare number may be a table row's 序号; vertical_tables decides.
            return ""
    return _close_letter_spacing(line) if " " in line else line


def clean_lines(text: str) -> list[str]:
    """Cleaned lines of ``text``; blank lines (and page numbers) are kept as "".

    Running headers next to page numbers and a web page's chrome go (see ``furniture``).

    Spaces are tidied over the whole text in one pass each (much faster than per line);
    the patterns never cross a line end.
    """
    text = _ARTEFACT.sub("", normalise_characters(text))
    text = _SPACE_RUN.sub(_keep_or_drop_space, _SPACES.sub(" ", text))
    lines: list[str] = []
    page_breaks: list[int] = []
    for raw in text.split("\n"):
        line = _clean_tidied(raw)
        if line is None:
            continue
        if not line and raw.strip():
            page_breaks.append(len(lines))  # a page number (or a line of markup only)
        lines.append(line)
    lines = drop_running_heads(lines, page_breaks)
    return drop_web_chrome(lines) if might_be_web_page(text) else lines


def is_table_row(line: str) -> bool:
    return "\t" in line
