"""Finished items: heading, departments, targets and deadline for each outline entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from yinling.policytext.deadlines import DeadlineResolver
from yinling.policytext.departments import (
    LABEL,
    assign,
    extract_departments,
    strip_department_clauses,
)
from yinling.policytext.model import Item, Target
from yinling.policytext.numbering import ARTICLE
from yinling.policytext.outline import DraftItem
from yinling.policytext.targets import extract_targets

MAX_HEADING = 40
MAX_HEADING_LINE = 60
MAX_ARTICLE_HEADING = 10
_INNER_PUNCT = re.compile(r"[，、；：,;:“”《》]")
_LEADING_LABEL = re.compile(
    r"^(?:(?P<colon>[^，。；：:、！？\s（）()“”《》【】]{2,12})[：:]|【(?P<bracket>[^】，。；]{2,20})】)"
)
_SENTENCE_END = re.compile(r"[。！？!?]")
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True, slots=True)
class ItemContext:
    """What item details depend on beyond the item's own text."""

    part: str
    document_year: int | None
    fallback_year: int | None
    first_listed_leads: bool = False


def _says_more(text: str) -> bool:
    """Whether ``text`` holds more than a department clause ("（责任单位：…）")."""
    text = text.strip()
    if not text:
        return False
    return not (text[0] in "（(" and text[-1] in "）)" and LABEL.match(text, 1))


def derive_heading(lines: list[str], has_children: bool = False, style: str = "") -> str:
    """The short title of an item: a heading line, or its first sentence when more follows.

    An item that is one long sentence has no title; its sub-items count as what follows,
    a department clause does not. Articles (第三条) of regulations rarely carry titles:
    their first sentence is already the rule, unless it is a few words with no
    punctuation ("第三条 改革目标。到2025年，…").
    """
    if not lines:
        return ""
    first = lines[0]
    label = _LEADING_LABEL.match(first)
    if label and not LABEL.match(first) and len(first) > label.end():
        # "主要目标：到2025年，…", "【加强领导】成立领导小组…": a label heads the text.
        return label.group("colon") or label.group("bracket")
    end = _SENTENCE_END.search(first)
    if end is None:
        # "一、总体目标：" introduces what follows; the colon is no part of its title.
        return first.rstrip("：:") if len(first) <= MAX_HEADING_LINE else ""
    sentence, rest = first[: end.start()], first[end.end() :]
    limit = MAX_HEADING
    if style == ARTICLE:
        if _INNER_PUNCT.search(sentence):
            return ""
        limit = MAX_ARTICLE_HEADING
    more_follows = _says_more(rest) or any(map(_says_more, lines[1:])) or has_children
    return sentence if more_follows and len(sentence) <= limit else ""


def _row_year(draft: DraftItem) -> int | None:
    if draft.row is None:
        return None
    match = _YEAR.search(draft.row.deadline_text)
    return int(match.group()) if match else None


def _row_targets(draft: DraftItem, year: int | None) -> tuple[Target, ...]:
    """Targets an indicator table's row states in its cells, dated by the column or plan."""
    if draft.row is None or not draft.row.targets:
        return ()
    return tuple(replace(target, year=target.year or year) for target in draft.row.targets)


def finish_item(draft: DraftItem, context: ItemContext) -> Item:
    """The Item for a DraftItem."""
    text = "\n".join(draft.lines).strip()
    row_year = _row_year(draft)
    resolver = DeadlineResolver(text, context.document_year, row_year or context.fallback_year)
    if draft.row is not None and draft.row.departments:
        assignment = assign(draft.row.departments, first_listed_leads=context.first_listed_leads)
    else:
        assignment = extract_departments(text, first_listed_leads=context.first_listed_leads)
    heading = draft.row.heading if draft.row is not None and draft.row.heading else ""
    heading = heading or derive_heading(draft.lines, draft.has_children, draft.numbering.style)
    return Item(
        path=draft.path,
        number=draft.numbering.display,
        level=draft.level,
        # A heading line may end on its department clause: "加强领导（责任单位：区教育局）".
        heading=strip_department_clauses(heading),
        text=text,
        departments=assignment.departments,
        lead_departments=assignment.lead_departments,
        targets=_row_targets(draft, row_year or context.fallback_year)
        or tuple(extract_targets(text, resolver)),
        part=context.part,
        is_leaf=not draft.has_children,
        deadline=resolver.latest or row_year,
    )
