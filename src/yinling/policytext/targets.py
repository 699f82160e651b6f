"""Quantitative targets: a number with a countable unit or a percentage.

An item's text is scanned for amounts (``target_amounts``: a number and its unit). Numbers
that are no quantity are then left out when they are

* inside 《》 (a title) or quotes (a name such as “百名名师”), unless the quoted text is
  itself a target with a verb before the number (“新增5个普惠性托育点”);
* ordinals (第一批) or distributives (每一所);
* the indefinite 一 before 批 / 支 / 个 … (培育一批, 打造一支队伍);
* a Chinese-numeral count that sums up a list or announces one ("新手期、…专家型”四个阶段",
  "构建两个体系：…");
* counts that say which things a target is for: "学生规模超过1000人的学校配备2名以上"
  (followed by 的 and another number in the clause); the target beside them is a level.

Each remaining amount becomes a ``Target`` with its comparator (``target_comparators``),
kind and change (``target_kinds``), indicator (``target_indicators``) and year
(``deadlines``).
An amount that says where the next one starts ("由60%提高到80%") is that target's baseline
(``target_baselines``), not a target of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from yinling.policytext.brackets import enclosed_spans
from yinling.policytext.deadlines import DeadlineResolver
from yinling.policytext.model import LEVEL, Target
from yinling.policytext.target_amounts import (
    PERCENT_UNITS,
    amount_part,
    find_candidates,
    read_amount,
)
from yinling.policytext.target_baselines import Baseline, baseline_opening
from yinling.policytext.target_comparators import comparator, prefix_comparator, suffix_end
from yinling.policytext.target_indicators import (
    ends_on_verb,
    indicator_before,
    indicator_phrase,
    without_leading_noise,
)
from yinling.policytext.target_kinds import CHANGE_REACH, change, kind

# The public names this module has always offered; items.py and the tests import from here.
__all__ = ["CHANGE_REACH", "PERCENT_UNITS", "extract_targets", "find_candidates"]

_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n：:]")
# Characters that make a following 一/二 part of a word (统一, 唯一, 之一, 进一步 …).
_WORD_BEFORE_NUMERAL = set("统唯之同逐划归专单万进星第周")
_VAGUE_BEFORE_NUMERAL = set("数几上")
_ARTICLE_UNITS = set("批支套个种张条片部本处类项座间场期家")
_ADDITION_VERB = re.compile(
    r"新增|增加|新建|新开|建设|建成|创建|培养|培育|打造|完成|开设|配备|招录"
)
_ASCII_QUOTED = re.compile(r'"[^"\n]*"')
_ENUMERATION_GAP = 6
_ANNOUNCED_LIST = 8


def _quote_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(book-title spans, quotation spans) of ``text``."""
    titles = list(enclosed_spans(text, "《〈"))
    quotes = [*enclosed_spans(text, "“「『"), *(m.span() for m in _ASCII_QUOTED.finditer(text))]
    return titles, quotes


def _inside(position: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in spans:
        if start < position < end:
            return start, end
    return None


class _Scanner:
    """Finds the targets of one item's text."""

    def __init__(self, text: str, resolver: DeadlineResolver) -> None:
        self.text = text
        self.resolver = resolver
        self.titles, self.quotes = _quote_spans(text)
        self._breaks = [match.start() for match in _CLAUSE_BREAK.finditer(text)]

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the clause (between ，。；： …) around ``start``…``end``."""
        before = bisect_left(self._breaks, start)
        clause_start = self._breaks[before - 1] + 1 if before else 0
        after = bisect_left(self._breaks, end)
        return clause_start, self._breaks[after] if after < len(self._breaks) else len(self.text)

    def _is_chinese(self, match: re.Match[str]) -> bool:
        number = amount_part(match, "num")
        return bool(number) and not number[0].isdigit()

    def _excluded(self, match: re.Match[str]) -> bool:
        start, end = match.span()
        before = self.text[start - 1] if start else " "
        after = self.text[end] if end < len(self.text) else " "
        if before in "第每+." or after == "+" or (before.isascii() and before.isalnum()):
            return True
        if _inside(start, self.titles):
            return True
        quote = _inside(start, self.quotes)
        if quote and not _ADDITION_VERB.search(self.text, quote[0], start):
            return True
        if self._is_chinese(match):
            return self._is_wordlike_numeral(match, before)
        return False

    def _is_wordlike_numeral(self, match: re.Match[str], before: str) -> bool:
        """Chinese numerals that are words, articles or list counts, not quantities."""
        start, end = match.span()
        number, unit = match.group("num"), match.group("unit")
        if before in _WORD_BEFORE_NUMERAL and number[0] in "一二":
            return True
        if before in _VAGUE_BEFORE_NUMERAL:
            return True  # 数十所, 几百名, 上千人: no definite number
        if number == "一" and unit in _ARTICLE_UNITS and not amount_part(match, "num2"):
            return not prefix_comparator(self.text, start)
        if before in '”」』"':
            return True
        clause_start, clause_end = self._clause(start, end)
        last_comma = self.text.rfind("、", clause_start, start)
        if last_comma != -1 and start - last_comma - 1 <= _ENUMERATION_GAP:
            if not _ADDITION_VERB.search(self.text, last_comma, start):
                return True
        follows = self.text[end:clause_end]
        return (
            clause_end < len(self.text)
            and self.text[clause_end] in "：:"
            and len(follows) <= _ANNOUNCED_LIST
        )

    def _phrase_bounds(self, index: int, matches: list[re.Match[str]]) -> tuple[int, int]:
        match = matches[index]
        start, end = self._clause(match.start(), match.end())
        quote = _inside(match.start(), self.quotes)
        if quote:
            start, end = max(start, quote[0] + 1), min(end, quote[1] - 1)
        if index > 0:
            start = max(start, suffix_end(self.text, matches[index - 1].end()))
        if index + 1 < len(matches):
            end = min(end, matches[index + 1].start())
        return start, max(start, end)

    def _qualifiers(self, matches: list[re.Match[str]]) -> set[int]:
        """Counts that describe which things a target is for, not targets: "学生规模超过
        1000人的学校配备2名以上". They are followed by 的 and another number in the clause."""
        found: set[int] = set()
        for index, match in enumerate(matches[:-1]):
            after = suffix_end(self.text, match.end())
            if self.text[after : after + 1] == "的":
                _, clause_end = self._clause(match.start(), match.end())
                if matches[index + 1].start() < clause_end:
                    found.add(index)
        return found

    def _previous_clause(self, clause_start: int) -> str:
        """The clause before the one starting at ``clause_start``, within its sentence."""
        if clause_start < 1 or self.text[clause_start - 1] not in "，,；;":
            return ""
        start, _ = self._clause(clause_start - 1, clause_start - 1)
        return without_leading_noise(self.text[start : clause_start - 1].strip())

    def _elided(self, index: int, matches: list[re.Match[str]], found: list[Target]) -> str:
        """The indicator of an earlier target in the sentence with the same unit, for a count
        whose verb has no object ("每所至少配备1名专职教师，…的学校配备2名以上")."""
        match = matches[index]
        unit = amount_part(match, "unit") or None
        sentence_start = max(
            self.text.rfind(mark, 0, match.start()) for mark in ("。", "\n", "！", "？")
        )
        for target in reversed(found):
            if target.start <= sentence_start:
                break
            if target.unit == unit and target.indicator:
                return target.indicator
        return ""

    def targets(self, candidates: list[re.Match[str]]) -> list[Target]:
        matches = [m for m in candidates if not self._excluded(m)]
        qualifiers = self._qualifiers(matches) if len(matches) > 1 else set()
        qualified = {self._clause(matches[i].start(), matches[i].end()) for i in qualifiers}
        matches = [m for i, m in enumerate(matches) if i not in qualifiers]
        baselines, stated = self._baselines(matches)
        matches = [m for m in matches if m.start() not in stated]
        found: list[Target] = []
        for index in range(len(matches)):
            target = self._target(index, matches, found, qualified)
            if target is not None:
                found.append(self._with_baseline(target, baselines.get(matches[index].start())))
        return found

    def _baselines(self, matches: list[re.Match[str]]) -> tuple[dict[int, Baseline], set[int]]:
        """Amounts that state where the next one starts ("由60%提高到80%"): the baselines by
        the start of the target they belong to, and the starts of the baselines themselves."""
        of: dict[int, Baseline] = {}
        stated_by: set[int] = set()
        for first, second in zip(matches, matches[1:], strict=False):
            clause_start, clause_end = self._clause(first.start(), first.end())
            if second.start() >= clause_end or first.start() in of:
                continue  # another clause, or an amount that is itself a target with a baseline
            after = suffix_end(self.text, first.end())
            opening = baseline_opening(
                self.text, clause_start, first.start(), after, second.start()
            )
            start_amount, target_amount = read_amount(first), read_amount(second)
            if opening is None or start_amount is None or target_amount is None:
                continue
            if start_amount[0] == target_amount[0]:  # the same unit
                of[second.start()] = Baseline(start_amount[1], *opening)
                stated_by.add(first.start())
        return of, stated_by

    def _with_baseline(self, target: Target, baseline: Baseline | None) -> Target:
        """A target that starts from a stated baseline is a level to reach from it."""
        if baseline is None:
            return target
        clause_start, _ = self._clause(baseline.indicator_end, baseline.indicator_end)
        indicator = indicator_before(self.text[clause_start : baseline.indicator_end])
        return replace(
            target,
            indicator=indicator or target.indicator,
            kind=LEVEL,
            change=None,
            baseline=baseline.value,
            baseline_year=baseline.year,
        )

    def _target(
        self,
        index: int,
        matches: list[re.Match[str]],
        found: list[Target],
        qualified: set[tuple[int, int]],
    ) -> Target | None:
        """The target that ``matches[index]`` states, given those ``found`` before it."""
        match = matches[index]
        parsed = read_amount(match)
        if parsed is None:
            return None
        unit, value, upper = parsed
        clause = self._clause(match.start(), match.end())
        raw = self.text[clause[0] : clause[1]]
        start = clause[0] + len(raw) - len(raw.lstrip())
        stated = raw.strip()
        stated_comparator = comparator(self.text, match, clause[0])
        return Target(
            text=stated,
            indicator=self._indicator(index, matches, found, unit, clause[0]),
            value=value,
            unit=unit,
            comparator=stated_comparator,
            year=self.resolver.year_at(match.start()),
            kind=LEVEL
            if clause in qualified
            else kind(self.text, match, unit, clause[0], stated_comparator),
            value_max=upper,
            start=start,
            end=start + len(stated),
            change=change(self.text, match, unit, clause[0]),
        )

    def _indicator(
        self,
        index: int,
        matches: list[re.Match[str]],
        found: list[Target],
        unit: str,
        clause_start: int,
    ) -> str:
        """The amount's own indicator phrase, else the clause before it, else (for a verb
        with no object) an earlier target's."""
        match = matches[index]
        phrase = self._phrase_bounds(index, matches)
        indicator = indicator_phrase(self.text, match, unit, *phrase)
        if not indicator:
            return self._previous_clause(clause_start)
        if ends_on_verb(indicator) and not self.text[match.end() : phrase[1]].strip(
            "以上下内左右及或之约余多。，；"
        ):
            return self._elided(index, matches, found) or indicator
        return indicator


def extract_targets(text: str, resolver: DeadlineResolver) -> list[Target]:
    """The quantitative targets in an item's text, in order."""
    candidates = find_candidates(text)
    if not candidates:
        return []  # most items set no target; spare them the set-up
    return _Scanner(text, resolver).targets(candidates)
