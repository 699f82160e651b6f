"""Deadlines: the year by which a target is due.

Rules, in order, for a number at some position of an item's text:

1. A deadline phrase in the same sentence: the nearest one before the number, else the
   first one after it ("…15%的比例配置托额，3年内全面完成" -> document year + 3).
   Phrases: 到/至/截至 2025年, 2025年(底)前, 2025年底, 2023年下半年, 2023—2025年 (its
   end; not when it closes a bracket, as a cited plan's period does), 2024—2025学年
   (2025), a year opening a sentence ("2024年，新增…") or a clause before its action
   ("其中2024年新开设…", "于2024年完成…"), N年内 / 三年内 / 用三年时间 (document
   year + N), 年内 / 今年 / 本年度 (document year), 明年 (+1), "十四五"期间 / 末 (2025).
2. A deadline phrase opening the paragraph ("到2026年，涌现…。本区…扩容到60所左右。"),
   which governs the whole paragraph.
3. A deadline the item states for itself ("完成时限：2024年12月", or a 完成时限 column).
4. The period the plan itself covers, from its title: "（2015—2017年）" -> 2017,
   "2023年下半年工作补充意见" -> 2023, "2024年闵行区…实施方案" -> 2024, "“十四五”规划"
   -> 2025. The caller passes that as the fallback.
5. Otherwise None. A bare year ("为2024年…做好准备") is a date, not a deadline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from yinling.policytext.numerals import chinese_to_int

# Each pattern opens on a digit or a literal, so the regex engine can skip ahead quickly;
# a single pattern opening on 年 or 一…十 would be tried at most characters of a text.
_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?"
    r"(?P<after>年?底前|年?末前|以前|之前|前|年?底|年?末|内|上半年|下半年)?"
)
_WORD_BEFORE_YEAR = re.compile(r"(?:到|至|截至|截止到?|力争|争取)\s*$")
# "2023—2025年新建15所": a period ends at its last year.
_PERIOD_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–－~～]\s*$")
_PERIOD_IN_TITLE = ("）", ")", "》", "〉")
# "2024—2025学年完成…": a school year ends in the year it names last.
_SCHOOL_YEARS = re.compile(r"(?:19|20)\d{2}\s*[-—–－~～至]\s*((?:19|20)\d{2})\s*学年(?:度)?")
_SENTENCE_OPENERS = "。！？；;\n"
_CLAUSE_OPENERS = "。！？；;\n，,：:"
_ACTION_AFTER_YEAR = re.compile(
    r"(?:新增|新建|新开设|开设|完成|建成|实现|达到|培训|培养|启动|创建|招收|投入|覆盖|组建|改造)"
)
_WITHIN_YEARS = re.compile(r"年(?:之?内|时间)")
_COUNT_BEFORE = re.compile(r"(?:\d{1,2}|[一二两三四五六七八九十]{1,2})\s*$")
_THIS_OR_NEXT_YEAR = re.compile(r"今年|本年度|明年")
_FIVE_YEAR_PLAN = re.compile(r"(?P<plan>十四五|十五五)[”\"]?(?:期间|末|时期)")
_PLAN_END = {"十四五": 2025, "十五五": 2030}
# "完成时限：2024年12月" states the deadline of the whole item.
_DEADLINE_LABEL = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限要求|截止时间|完成期限)\s*[:：]\s*[^\n]{0,6}?((?:19|20)\d{2})"
)
_NEWLINE = re.compile("\n")
_SENTENCE_BREAK = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True, slots=True)
class Deadline:
    start: int
    end: int
    year: int


def _opens_sentence(text: str, match: re.Match[str]) -> bool:
    """ "2024年，全区新增学位4000个": a year (no month) opening a sentence, then a comma;
    "，其中2024年新开设托班15个" / "于2024年完成": a year opening a clause, then the action."""
    start, end = match.start(), match.end()
    if "月" in match.group():
        return False
    if (start == 0 or text[start - 1] in _SENTENCE_OPENERS) and text[end : end + 1] in ("，", ","):
        return True
    opens_clause = start == 0 or text[start - 1] in _CLAUSE_OPENERS or text[start - 1] == "于"
    opens_clause = opens_clause or text[max(0, start - 2) : start] == "其中"
    return opens_clause and bool(_ACTION_AFTER_YEAR.match(text, end))


def _years(text: str) -> list[Deadline]:
    found: list[Deadline] = []
    for match in _YEAR.finditer(text):
        start = match.start()
        before = _WORD_BEFORE_YEAR.search(text, max(0, start - 4), start)
        period = None if before else _PERIOD_BEFORE.search(text, max(0, start - 8), start)
        if period and text[match.end() : match.end() + 1] in _PERIOD_IN_TITLE:
            period = None  # "《…计划（2023—2025年）》" names a document, it sets no deadline
        opening = before or period
        if opening or match.group("after") or _opens_sentence(text, match):
            found.append(
                Deadline(
                    opening.start() if opening else start,
                    match.end(),
                    int(text[start : start + 4]),
                )
            )
    return found


def _relative(text: str, document_year: int) -> list[Deadline]:
    found: list[Deadline] = []
    for match in _WITHIN_YEARS.finditer(text):
        count = _COUNT_BEFORE.search(text, max(0, match.start() - 3), match.start())
        if count is not None:
            n = count.group().strip()
            years = int(n) if n.isdigit() else chinese_to_int(n)
            if years:
                found.append(Deadline(count.start(), match.end(), document_year + years))
        elif match.group() == "年内":
            # 年内 on its own: within this year.
            found.append(Deadline(match.start(), match.end(), document_year))
    for match in _THIS_OR_NEXT_YEAR.finditer(text):
        offset = 1 if match.group() == "明年" else 0
        found.append(Deadline(match.start(), match.end(), document_year + offset))
    return found


def find_deadlines(text: str, document_year: int | None) -> list[Deadline]:
    """Every deadline phrase in ``text``, in text order."""
    found = _years(text)
    if "学年" in text:
        found += [
            Deadline(m.start(), m.end(), int(m.group(1))) for m in _SCHOOL_YEARS.finditer(text)
        ]
    if document_year is not None:
        found += _relative(text, document_year)
    found += [
        Deadline(m.start(), m.end(), _PLAN_END[m.group("plan")])
        for m in _FIVE_YEAR_PLAN.finditer(text)
    ]
    return sorted(found, key=lambda deadline: deadline.start)


def _bounds(breaks: list[int], position: int, length: int) -> tuple[int, int]:
    """(start, end) of the stretch between breaks (positions of break characters) around ``position``."""
    index = bisect_left(breaks, position)
    start = breaks[index - 1] + 1 if index else 0
    return start, breaks[index] if index < len(breaks) else length


class DeadlineResolver:
    """Answers "by which year?" for positions in one item's text."""

    def __init__(self, text: str, document_year: int | None, fallback: int | None) -> None:
        self._text = text
        # Every deadline phrase holds 年 or is a five-year plan (十四五); most texts have neither.
        dated = "年" in text or "五" in text
        self._deadlines = find_deadlines(text, document_year) if dated else []
        labelled = _DEADLINE_LABEL.search(text) if dated else None
        self._item_deadline = int(labelled.group(1)) if labelled else None
        self._fallback = self._item_deadline or fallback
        self._sentence_breaks = (
            [m.start() for m in _SENTENCE_BREAK.finditer(text)] if self._deadlines else []
        )
        self._paragraph_breaks = (
            [m.start() for m in _NEWLINE.finditer(text)] if self._deadlines else []
        )

    @property
    def latest(self) -> int | None:
        """The latest deadline the text names, if any."""
        return max((d.year for d in self._deadlines), default=self._item_deadline)

    def year_at(self, position: int) -> int | None:
        if not self._deadlines:
            return self._fallback
        start, end = _bounds(self._sentence_breaks, position, len(self._text))
        in_sentence = [d for d in self._deadlines if start <= d.start < end]
        before = [d for d in in_sentence if d.end <= position]
        if before:
            return before[-1].year
        after = [d for d in in_sentence if d.start >= position]
        if after:
            return after[0].year
        paragraph_start, _ = _bounds(self._paragraph_breaks, position, len(self._text))
        for deadline in self._deadlines:
            if deadline.start == paragraph_start and deadline.end <= position:
                return deadline.year
        return self._fallback
