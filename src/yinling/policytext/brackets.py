"""Brackets, book-title marks and quotes: which are open, and which spans they enclose.

Documents mix full- and half-width round brackets ("（责任部门：…)"), so the two count
as the same kind. Only the bracket characters are visited (found by one regex scan), which
keeps this cheap on long items.
"""

from __future__ import annotations

import re
from functools import lru_cache

PAIRS = {
    "（": "）",
    "《": "》",
    "〈": "〉",
    "“": "”",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
}
_HALF_WIDTH = {"(": "（", ")": "）"}
_OPENER_OF = {closer: opener for opener, closer in PAIRS.items()}
_BRACKET = re.compile(r"[（）()《》〈〉“”【】〔〕「」『』\[\]]")


# Small caches: departments and targets look at the same item text in turn, and a small
# size keeps a benchmark that parses one document again and again from hitting them.
@lru_cache(maxsize=16)
def _marks(text: str) -> tuple[tuple[int, str], ...]:
    # Cached: departments and targets both look at the brackets of the same item text.
    marks = [(m.start(), m.group()) for m in _BRACKET.finditer(text)]
    if "(" in text or ")" in text:
        marks = [(index, _HALF_WIDTH.get(ch, ch)) for index, ch in marks]
    return tuple(marks)


def has_open_bracket(text: str) -> bool:
    """Whether a bracket, book-title mark or quote opened in ``text`` is still open."""
    depth: dict[str, int] = {}
    for _, ch in _marks(text):
        if ch in PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _OPENER_OF and depth.get(_OPENER_OF[ch], 0) > 0:
            depth[_OPENER_OF[ch]] -= 1
    return any(depth.values())


@lru_cache(maxsize=16)
def enclosed_spans(text: str, openers: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the outermost spans opened by any of ``openers``, brackets included.

    An unclosed span runs to the end of the text.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, ch in _marks(text):
        if ch in openers and ch in PAIRS:
            stack.append((ch, index))
        elif ch in _OPENER_OF and stack and stack[-1][0] == _OPENER_OF[ch]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, index + 1))
    if stack:
        spans.append((stack[0][1], len(text)))
    return tuple(spans)


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """``text`` split at ``separators`` that are not inside round or square brackets."""
    pattern = _SPLITTERS.get(separators)
    if pattern is None:
        pattern = re.compile(f"[（）()〔〕【】\\[\\]{re.escape(separators)}]")
        _SPLITTERS[separators] = pattern
    pieces: list[str] = []
    depth = start = 0
    for match in pattern.finditer(text):
        ch = match.group()
        if ch in "（(〔【[":
            depth += 1
        elif ch in "）)〕】]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


_SPLITTERS: dict[str, re.Pattern[str]] = {}
