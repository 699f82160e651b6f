"""Counting characters as a Chinese reader counts them (字数), and checking reference limits.

The rule, the one offices apply when they check a Word form (Word's 字数统计 counts the same way):
- whitespace (spaces, tabs, line breaks, the full-width space) is not counted;
- every Chinese character counts one, and so does every punctuation mark, full-width or not;
- a run of Latin letters and digits counts one, as a word: "STEM" is 1, "2024" is 1, "3.5" is 1,
  "K-12" is 1 (a dot, hyphen, apostrophe or underscore inside a run joins it);
- any other visible character (a symbol, a full-width letter or digit) counts one.

static/programmes/charcount.js implements the same rule for the live counter; the tests hold
both to the same examples.

A limit is a reference (参考字数): above it the form warns; above the office's tolerance (by
default 20%, so 360 for a 300-character limit) it refuses to submit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

WORD = re.compile(r"[A-Za-z0-9]+(?:[.'\-_][A-Za-z0-9]+)*")
SPACE = re.compile(r"\s+", re.UNICODE)
DEFAULT_TOLERANCE_PERCENT = 20


def count_chars(text: str | None) -> int:
    """How many 字 a Chinese reader counts in the text (see the module's rule)."""
    if not text:
        return 0
    words = len(WORD.findall(text))
    rest = SPACE.sub("", WORD.sub("", text))
    return words + len(rest)


class Verdict(StrEnum):
    OK = "ok"
    OVER = "over"  # above the reference limit, within the tolerance: a warning
    REFUSED = "refused"  # above the tolerance: cannot be submitted


def hard_limit(limit: int, tolerance_percent: int = DEFAULT_TOLERANCE_PERCENT) -> int:
    """The most characters accepted: the limit plus the tolerance, rounded down."""
    return math.floor(limit * (100 + tolerance_percent) / 100)


@dataclass(frozen=True)
class LengthCheck:
    count: int
    limit: int
    hard: int

    @property
    def verdict(self) -> Verdict:
        if self.count > self.hard:
            return Verdict.REFUSED
        if self.count > self.limit:
            return Verdict.OVER
        return Verdict.OK


def check_length(
    text: str | None, limit: int, tolerance_percent: int = DEFAULT_TOLERANCE_PERCENT
) -> LengthCheck:
    return LengthCheck(
        count=count_chars(text), limit=limit, hard=hard_limit(limit, tolerance_percent)
    )
