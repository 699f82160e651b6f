"""The closing block of a document: signature, date, and the 版记 (抄送 / 印发 / 共印).

It follows the last item, so unless it is recognised it would end up in that item's text.
"""

from __future__ import annotations

import re

from yinling.policytext.cleaning import SEPARATOR_LINE
from yinling.policytext.dates import DATE_LINE
from yinling.policytext.numbering import match_numbering

ORG_SUFFIX = re.compile(
    r"(?:委员会|人民政府|办公室|办公厅|领导小组|工作小组|小组|中心|学院|学校|中学|小学|幼儿园|大学|分校|校区|"
    r"委|局|府|厅|部|院|会|办|室|组|处|科|司|署|所)$"
)
_PUNCT = re.compile(r"[，。；：、！？,.;:!?“”\"]")
_ISSUE_NOTE = re.compile(
    r"^(?:抄送|抄报|主送|主题词|关键词|联系人|联系电话|签发人)|印发$|^[（(]?(?:此件|本件)|共印\s*\d+\s*份"
)


def is_organisation_line(line: str) -> bool:
    """A short line naming an organisation, as a signature does: 上海市闵行区教育局."""
    return (
        2 <= len(line) <= 30
        and not _PUNCT.search(line)
        and bool(ORG_SUFFIX.search(line))
        and match_numbering(line) is None
    )


def is_issue_note(line: str) -> bool:
    return bool(_ISSUE_NOTE.search(line)) or bool(DATE_LINE.match(line))


def is_closing_line(line: str) -> bool:
    """Signature, date, separator or 版记 line."""
    return line == SEPARATOR_LINE or is_issue_note(line) or is_organisation_line(line)
