"""The body of a document and its attachments (附件1, 附件2 …), each a part of its own.

An attachment starts at a line that is only "附件" or "附件2" (its title follows). The
notice itself lists its attachments ("附件：1.某某方案" then "2.某某表"); those listing
lines name the attachments and are taken out of the text, where "2.某某表" would otherwise
look like item 2. A "附件1：标题" line counts as a start only for an attachment listed
before, or once the notice is signed and dated, because until then it is a listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yinling.policytext.brackets import has_open_bracket
from yinling.policytext.cleaning import SEPARATOR_LINE, is_table_row, tidy_spaces
from yinling.policytext.dates import DATE_LINE
from yinling.policytext.model import BODY_LABEL
from yinling.policytext.numbering import match_numbering
from yinling.policytext.numerals import chinese_to_int

_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
ATTACHMENT_HEADING = re.compile(rf"^附\s*件\s*(?P<n>{_NUMBER})?\s*[:：]?$")
ATTACHMENT_LISTING = re.compile(
    rf"^附\s*件\s*(?:[:：]\s*)?(?:(?P<n>{_NUMBER})\s*[:：.．、]?\s*)?(?P<title>[^\d\s：:][^。]{{0,80}})$"
)
_LISTING_CONTINUATION = re.compile(r"^(?P<n>\d{1,2})\s*[.．、:：]\s*(?P<title>[^\d\s][^。]{0,80})$")
# Lines that cannot be part of a title: prose (。；，), "key：value", a column header.
_TITLE_STOP = re.compile(r"[。；;，]|[：:]$|^(?:序号|编号|\d+)$|^[\u4e00-\u9fff]{2,8}\s*[:：]")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|txt)$", re.IGNORECASE)
_BRACKETED = re.compile(r"^[（(][^（()）]*[）)]$")
MAX_TITLE_LINES = 4
MAX_DATE_LINE = 20
# What a title ends on; a title cut off before such a word continues after a blank line.
_TITLE_END = re.compile(
    r"(?:通知|意见|方案|办法|规定|细则|计划|决定|报告|批复|函|纲要|要点|规划|标准|指南|名单|表|"
    r"条例|规则|公告|通告|通报|章程|制度|说明|决议|纪要|清单|目录)[”》）)]*$"
)
MAX_TITLE_LENGTH = 60
# Organisation names end on these; a space after one separates joint issuers
# ("中共闵行区委 闵行区人民政府"), any other space inside a title is layout.
_ORG_FINAL = set("委局府院部厅会办室署司组社团联所校处科")
_TITLE_SPACE = re.compile(r"(?<=(.)) (?=(.{0,2}))")


@dataclass(slots=True)
class RawPart:
    """The cleaned lines of one part, before paragraphs are assembled."""

    label: str
    number: int | None
    lines: list[str] = field(default_factory=list)
    title: str | None = None


def _number(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else chinese_to_int(text)


def is_attachment_line(line: str) -> bool:
    return line.startswith("附") and bool(
        ATTACHMENT_HEADING.match(line) or ATTACHMENT_LISTING.match(line)
    )


def _new_part(parts: list[RawPart], number: int | None, title: str | None) -> None:
    label = "附件" if number is None else f"附件{number}"
    taken = {part.label for part in parts}
    if label in taken:
        label = f"{label}（{sum(part.label.startswith(label) for part in parts) + 1}）"
    parts.append(RawPart(label, number, title=title))


def split_parts(lines: list[str]) -> list[RawPart]:
    """The body and the attachments; attachment listings are kept out of the text."""
    parts = [RawPart(BODY_LABEL, None)]
    listed: dict[int | None, str] = {}
    last_listed: int | None = None
    in_listing = False
    signed = False  # the body's date has passed: what follows are attachments, not listings
    for line in lines:
        maybe = line.startswith("附")
        heading = ATTACHMENT_HEADING.match(line) if maybe else None
        listing = ATTACHMENT_LISTING.match(line) if maybe and not heading else None
        if heading:
            number = _number(heading.group("n"))
            _new_part(parts, number, listed.get(number))
            in_listing = False
        elif listing and (_number(listing.group("n")) in listed or signed and not _is_link(line)):
            _new_part(parts, _number(listing.group("n")), listing.group("title").strip())
            in_listing = False
        elif listing:
            last_listed = _number(listing.group("n"))
            listed[last_listed] = listing.group("title").strip()
            in_listing = True
        elif in_listing and not line:
            continue
        elif in_listing and _continues_listing(line, last_listed):
            last_listed = (last_listed or 0) + 1
            listed[last_listed] = _LISTING_CONTINUATION.match(line).group("title").strip()  # type: ignore[union-attr]
        else:
            in_listing = False
            parts[-1].lines.append(line)
            if not signed and len(parts) == 1 and len(line) <= MAX_DATE_LINE and "年" in line:
                signed = bool(DATE_LINE.match(line))
    return parts


def _is_link(line: str) -> bool:
    """ "附件：一览表.docx" on a web page links to a file whose text is not here."""
    return bool(_FILE_NAME.search(line))


def _continues_listing(line: str, last_listed: int | None) -> bool:
    match = _LISTING_CONTINUATION.match(line)
    return bool(match) and last_listed is not None and int(match.group("n")) == last_listed + 1


def _is_title_line(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE_LENGTH
        and not is_table_row(line)
        and line != SEPARATOR_LINE
        and not _TITLE_STOP.search(line)
        and not DATE_LINE.match(line)
        and not is_attachment_line(line)
        and match_numbering(line) is None
    )


def tidy_title(text: str) -> str:
    """A title without layout spaces, keeping those that separate joint issuers."""
    text = tidy_spaces(" ".join(text.split()))

    def keep_or_drop(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        keep = before in _ORG_FINAL and not after.startswith("关于")
        return " " if keep or (before.isascii() and after[:1].isascii()) else ""

    return _TITLE_SPACE.sub(keep_or_drop, text)


def _is_complete(collected: list[str], line: str) -> bool:
    """Whether the title is whole before ``line``: it ends on 通知 / 方案 … and ``line`` is
    not a bracketed period such as "（2015—2017年）". Text without blank lines (a PDF's)
    runs straight from the title into the first paragraph."""
    so_far = "".join(collected)
    return bool(collected) and bool(_TITLE_END.search(so_far)) and not _BRACKETED.match(line)


def _is_cut_title(text: str) -> bool:
    """A notice title broken off before its end: "…关于印发某某" without 通知/意见 …."""
    return "关于" in text and not _TITLE_END.search(text)


def take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """The title at the head of ``lines`` (one or more short lines) and the lines after it."""
    index = 0
    collected: list[str] = []
    while index < len(lines) and len(collected) < MAX_TITLE_LINES:
        line = lines[index]
        if not line:
            so_far = "".join(collected)
            if collected and not has_open_bracket(so_far) and not _is_cut_title(so_far):
                break
        elif _is_title_line(line) and not _is_complete(collected, line):
            collected.append(line)
        else:
            break
        index += 1
    if not collected:
        return None, lines
    title = collected[0]
    for line in collected[1:]:
        # A line broken inside 《…》 runs straight on; separate lines are separate names.
        title += line if has_open_bracket(title) or _is_cut_title(title) else f" {line}"
    return tidy_title(title), lines[index:]
