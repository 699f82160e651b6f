"""Responsible departments: "（责任部门：…）", "牵头单位：X；配合单位：Y", "X牵头，Y配合".

Only assignment clauses are read, never departments merely mentioned in prose ("区委组织部
牵头抓总" describes a system, it assigns nothing). A clause is

* a bracketed span that opens with a label (责任部门：…) or consists solely of
  "X牵头 / Y配合" chunks;
* a labelled run at the start of a paragraph or sentence (牵头单位：X；配合单位：Y);
* a sentence that consists solely of "X牵头，Y配合" chunks.

Units are split on 、，,；;／ and spaces, outside brackets, so "各街镇（莘庄工业区）" stays
one unit. When a text gives one undivided list, every unit is in ``departments`` and none
is a lead, unless the document says the first listed leads ("列第一位的为牵头单位").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinling.policytext.brackets import enclosed_spans, split_outside_brackets

LEAD = "lead"
COOPERATING = "cooperating"
RESPONSIBLE = "responsible"

_LEAD_LABELS = "牵头单位|牵头部门|牵头处室|牵头科室|主责单位|主责部门|主办单位|牵头"
_COOPERATING_LABELS = "配合单位|配合部门|配合处室|配合科室|协办单位|协作单位|协同单位|协同部门|参与单位|参与部门|协助单位|配合|协办"
_RESPONSIBLE_LABELS = "责任部门|责任单位|责任处室|责任科室|责任主体|负责单位|负责部门|实施单位|实施主体|承办单位|落实单位"
_LABELS = f"{_LEAD_LABELS}|{_COOPERATING_LABELS}|{_RESPONSIBLE_LABELS}"
# "责任单位：X", or "【责任单位】X" whose brackets stand in for the colon.
LABEL = re.compile(rf"[【\[](?P<bracketed>{_LABELS})[】\]]\s*[:：]?|(?P<label>{_LABELS})\s*[:：]")
# Any other "key：" (完成时限：, 工作目标：) ends a list of departments.
_OTHER_KEY = re.compile(r"[；;，,。\s][\u4e00-\u9fff]{2,8}[:：]|[【\[][\u4e00-\u9fff]{2,8}[】\]]")
_ROLE_OF_LABEL = (
    dict.fromkeys(_LEAD_LABELS.split("|"), LEAD)
    | dict.fromkeys(_COOPERATING_LABELS.split("|"), COOPERATING)
    | dict.fromkeys(_RESPONSIBLE_LABELS.split("|"), RESPONSIBLE)
)
# "按职责分工负责", "分别负责", "共同参与": how the units share the work, not a unit.
_MANNER = r"(?:按照?(?:各自)?职责(?:分工)?|依职责|根据职责(?:分工)?|分别|共同|各自)?"
# "负责落实", "协同推进", "牵头组织实施": what the role is taken up for.
_ACTION = r"(?:推进|落实|抓好落实|实施|组织实施|完成|办理|执行)?"
_VERB_CHUNK = re.compile(
    rf"^(?:由)?(?P<units>[^。]+?){_MANNER}(?P<verb>为(?:牵头|配合|协办|责任)(?:单位|部门)|"
    rf"牵头负责|牵头|主责|具体负责|负责|配合|参与|协同|协助|协办|具体实施|组织实施|落实|实施){_ACTION}$"
)
# A verb chunk ends on one of these; other chunks are spared the regex.
_VERB_CHUNK_ENDINGS = (
    "牵头", "主责", "负责", "配合", "参与", "协同", "协助", "协办", "实施", "落实", "推进", "完成",
    "办理", "执行", "单位", "部门",
)  # fmt: skip
# Verbs that assign work only beside one of the others: "（各校要认真落实）" is prose.
_WEAK_VERBS = frozenset({"具体实施", "组织实施", "落实", "实施"})
# A chunk that says when, not who: "（区教育局牵头，区财政局配合，2024年底前完成）".
_TIME_CHUNK = re.compile(r"(?:19|20)\d{2}\s*年|年底|年内|时限|前完成|长期|持续")
_ROLE_OF_VERB = {
    "为牵头单位": LEAD,
    "为牵头部门": LEAD,
    "为配合单位": COOPERATING,
    "为配合部门": COOPERATING,
    "为协办单位": COOPERATING,
    "为协办部门": COOPERATING,
    "为责任单位": RESPONSIBLE,
    "为责任部门": RESPONSIBLE,
    "牵头负责": LEAD,
    "牵头": LEAD,
    "主责": LEAD,
    "具体负责": RESPONSIBLE,
    "负责": RESPONSIBLE,
    "具体实施": RESPONSIBLE,
    "组织实施": RESPONSIBLE,
    "落实": RESPONSIBLE,
    "实施": RESPONSIBLE,
    "配合": COOPERATING,
    "参与": COOPERATING,
    "协同": COOPERATING,
    "协助": COOPERATING,
    "协办": COOPERATING,
}
_ROLE_MARK = re.compile(
    r"^(?P<unit>.+?)[（(〔【\[](?P<verb>牵头|主责|负责|配合|协办|参与)[）)〕】\]]$"
)
_ROLE_MARK_SPAN = re.compile(r"^[（(〔【\[](?:牵头|主责|负责|配合|协办|参与)[）)〕】\]]$")
_CHUNK_SEPARATORS = "；;，,"
_UNIT_SEPARATORS = "、；;，,／/ \u3000\n"
_UNIT_TRIM = re.compile(r"^(?:由|和|及)|等(?:相关|有关|其他)?(?:单位|部门|机构)?$")
_CLOSERS = {"）": "（", ")": "(", "】": "【", "]": "[", "〕": "〔"}
# A department's name has no digits, colons or sentence marks; anything else in a list
# ("完成时限：2024年") is not a department.
_NOT_A_UNIT = re.compile(r"[\d:：。！？]")
FIRST_LISTED_LEADS = re.compile(
    r"(?:列|排)(?:在)?(?:第一|首)位?的?(?:单位|部门)?为牵头|第一(?:个|家)?(?:单位|部门)?为牵头"
)
MAX_UNIT_LENGTH = 40
# Every assignment clause has a label (a colon or 】 follows it) or a role verb.
_ANY_CLAUSE_HINTS = (
    "：",
    ":",
    "】",
    "]",
    "牵头",
    "配合",
    "负责",
    "参与",
    "协办",
    "协同",
    "协助",
    "主责",
)
_CLAUSE_HINTS = ("：", ":", "】", "]", "牵头", "配合")
_SENTENCE_SPLIT = re.compile(r"[。\n]")
_KEY_BREAKS = "；;，, "


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who is responsible for an item."""

    departments: tuple[str, ...] = ()
    lead_departments: tuple[str, ...] = ()


def split_units(text: str) -> list[str]:
    """Department names in a list, split outside brackets: "各街镇、莘庄工业区" -> 2 units."""
    units: list[str] = []
    for piece in split_outside_brackets(text, _UNIT_SEPARATORS):
        unit = _UNIT_TRIM.sub("", _drop_stray_closer(piece.strip(" 。\u3000")))
        if 2 <= len(unit) <= MAX_UNIT_LENGTH and not _NOT_A_UNIT.search(unit):
            units.append(unit)
    return units


def _drop_stray_closer(unit: str) -> str:
    """ "区财政局]" of "[责任单位：区教育局、区财政局]" loses the bracket closing the clause;
    "各街道（镇）" keeps its own."""
    opener = _CLOSERS.get(unit[-1:])
    return unit[:-1] if opener and opener not in unit else unit


def _split_chunks(text: str) -> list[str]:
    chunks = (chunk.strip(" 。") for chunk in split_outside_brackets(text, _CHUNK_SEPARATORS))
    return [chunk for chunk in chunks if chunk]


def _verb_chunk(chunk: str) -> re.Match[str] | None:
    return _VERB_CHUNK.match(chunk) if chunk.endswith(_VERB_CHUNK_ENDINGS) else None


def _roles_in_list(text: str, role: str) -> list[tuple[str, str]]:
    """(role, unit) pairs of a list whose chunks may carry 牵头 / 配合 verbs or markers."""
    pairs: list[tuple[str, str]] = []
    for chunk in _split_chunks(text):
        verb = _verb_chunk(chunk)
        if verb is None and _TIME_CHUNK.search(chunk):
            continue
        chunk_role = _ROLE_OF_VERB[verb.group("verb")] if verb else role
        units = verb.group("units") if verb else chunk
        if verb and "会同" in units and chunk_role in (LEAD, RESPONSIBLE):
            # "区教育局会同区财政局负责": the first leads, those it acts with co-operate.
            leading, _, joined = units.partition("会同")
            pairs.extend((LEAD, unit) for unit in split_units(leading))
            pairs.extend((COOPERATING, unit) for unit in split_units(joined))
            continue
        for unit in split_units(units):
            marked = _ROLE_MARK.match(unit)
            if marked:
                # "区教育局（牵头）": the bracket marks the unit's role.
                pairs.append((_ROLE_OF_VERB[marked.group("verb")], marked.group("unit")))
            else:
                pairs.append((chunk_role, unit))
    return pairs


def _is_verb_list(text: str) -> bool:
    """Whether ``text`` is nothing but "X牵头 / Y配合" chunks (and perhaps a deadline)."""
    strong = False
    for chunk in _split_chunks(text):
        match = _verb_chunk(chunk)
        if match is None:
            if _TIME_CHUNK.search(chunk):
                continue
            return False
        if not split_units(match.group("units")):
            return False
        strong = strong or match.group("verb") not in _WEAK_VERBS
    return strong


def _label_role(match: re.Match[str]) -> str:
    return _ROLE_OF_LABEL[match.group("bracketed") or match.group("label")]


def _labelled(text: str) -> list[tuple[str, str]]:
    """(role, unit) pairs of "牵头单位：X；配合单位：Y" (text starts at the first label)."""
    labels = list(LABEL.finditer(text))
    pairs: list[tuple[str, str]] = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        other_key = _OTHER_KEY.search(text, label.end(), end)
        segment = text[label.end() : other_key.start() if other_key else end]
        pairs.extend(_roles_in_list(segment, _label_role(label)))
    return pairs


def _bracket_clauses(text: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for start, end in enclosed_spans(text, "（〔【"):
        inner = text[start + 1 : end - 1 if text[end - 1] in "）)〕】" else end].strip()
        label = LABEL.search(inner)
        if label and (label.start() == 0 or inner[label.start() - 1] in _KEY_BREAKS):
            # "（责任单位：…）", or a label after another key: "（完成时限：2024年；责任单位：…）"
            pairs.extend(_labelled(inner[label.start() :]))
        elif _is_verb_list(inner):
            pairs.extend(_roles_in_list(inner, RESPONSIBLE))
    return pairs


def _outside_brackets(text: str) -> str:
    """``text`` with bracketed spans blanked out, so offsets stay valid."""
    # 【】 may hold a label ("【责任单位】区教育局"), so only round brackets are blanked.
    spans = enclosed_spans(text, "（〔")
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        if _ROLE_MARK_SPAN.match(text[start:end]):
            continue  # "区教育局（牵头）" marks a role; it stays with its unit
        pieces.extend((text[last:start], " " * (end - start)))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _sentence_clauses(text: str) -> list[tuple[str, str]]:
    outside = _outside_brackets(text)
    if not any(hint in outside for hint in _CLAUSE_HINTS):
        return []  # no label (a colon or 】 follows one) and no 牵头/配合 chunk
    pairs: list[tuple[str, str]] = []
    for sentence in _SENTENCE_SPLIT.split(outside):
        sentence = sentence.strip()
        label = LABEL.search(sentence)
        if label and not sentence[: label.start()].strip(" ；;[【"):
            pairs.extend(_labelled(sentence[label.start() :]))
        elif label:
            # A label after a clause break: "…落实整改。责任单位：区教育局" split on 。 already;
            # here the break is a semicolon.
            before = sentence[: label.start()].rstrip()
            if before.endswith(("；", ";")):
                pairs.extend(_labelled(sentence[label.start() :]))
        elif "牵头" in sentence and _is_verb_list(sentence):
            pairs.extend(_roles_in_list(sentence, RESPONSIBLE))
    return pairs


def _dedupe(units: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(units))


def assign(pairs: list[tuple[str, str]], *, first_listed_leads: bool = False) -> Assignment:
    """An Assignment from (role, unit) pairs in text order."""
    if not pairs:
        return Assignment()
    roles = {role for role, _ in pairs}
    leads = [unit for role, unit in pairs if role == LEAD]
    if not leads and RESPONSIBLE in roles and COOPERATING in roles:
        # "X负责，Y配合": whoever is responsible, with others cooperating, leads.
        leads = [unit for role, unit in pairs if role == RESPONSIBLE]
    departments = _dedupe([unit for _, unit in pairs])
    if not leads and first_listed_leads:
        leads = [departments[0]]
    return Assignment(departments, _dedupe(leads))


def extract_departments(text: str, *, first_listed_leads: bool = False) -> Assignment:
    """The departments an item's text assigns, leads told apart where the text does."""
    if not any(hint in text for hint in _ANY_CLAUSE_HINTS):
        return Assignment()  # most items assign nothing; spare them the scanning
    pairs = _bracket_clauses(text) + _sentence_clauses(text)
    return assign(pairs, first_listed_leads=first_listed_leads)


def cell_assignment(role: str, cell: str) -> list[tuple[str, str]]:
    """(role, unit) pairs from a table cell under a 牵头 / 配合 / 责任 column."""
    return _roles_in_list(cell, role)


def says_first_listed_leads(text: str) -> bool:
    """Whether the document states that the first unit of each list is the lead."""
    return bool(FIRST_LISTED_LEADS.search(text))


def strip_department_clauses(text: str) -> str:
    """``text`` without its "（责任部门：…）" clauses."""
    for start, end in reversed(enclosed_spans(text, "（【")):
        if LABEL.match(text[start + 1 : end].strip()):
            text = text[:start] + text[end:]
    return text.strip()
