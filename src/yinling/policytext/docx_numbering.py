"""Word's automatic numbering, rendered back into the text.

python-docx gives a paragraph's typed text only; "一、" or "（1）" produced by a Word list
lives in numbering.xml. Documents drafted in Word often number their items that way, so
the labels are rebuilt here from the list definitions and per-list counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yinling.policytext.numerals import int_to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
MAX_LEVELS = 9


def _roman(value: int) -> str:
    out = ""
    for amount, letters in _ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def format_counter(value: int, fmt: str) -> str:
    """One counter in a Word number format (decimal, chineseCounting, …)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographDigital",
        "japaneseCounting",
    ):
        return int_to_chinese(value) if value < 10_000 else str(value)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(value) if fmt == "lowerRoman" else _roman(value).upper()
    return str(value)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


class NumberingRenderer:
    """Gives each numbered paragraph of a document its list label, in document order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._abstract_of: dict[str, str] = {}
        self._overrides: dict[tuple[str, int], int] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._restarted: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            # python-docx raises NotImplementedError for a document without a numbering part:
            # such a document simply has no list labels to render.
            return
        for abstract in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                start = _val(lvl, "start", "1") or "1"
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    _val(lvl, "numFmt", "decimal") or "decimal",
                    _val(lvl, "lvlText", "") or "",
                    int(start) if start.isdigit() else 1,
                )
            self._levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            self._abstract_of[num_id] = _val(num, "abstractNumId", "") or ""
            for override in num.findall(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start and start.isdigit():
                    self._overrides[(num_id, int(override.get(f"{W}ilvl", "0")))] = int(start)

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            style_p_pr = style.element.pPr
            num_pr = style_p_pr.numPr if style_p_pr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(level)

    def label(self, paragraph: Any) -> str:
        """The list label Word would show before ``paragraph`` ("" if none)."""
        found = self._num_pr(paragraph)
        if found is None or found[0] not in self._abstract_of:
            return ""
        num_id, level = found
        abstract = self._abstract_of[num_id]
        levels = self._levels.get(abstract, {})
        definition = levels.get(level)
        if definition is None or definition.fmt in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(abstract, [None] * MAX_LEVELS)
        override = self._overrides.get((num_id, level))
        if override is not None and (num_id, level) not in self._restarted:
            self._restarted.add((num_id, level))
            counters[level] = override
        else:
            current = counters[level]
            counters[level] = definition.start if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVELS):
            counters[deeper] = None
        text = definition.text
        for index in range(level, -1, -1):
            level_def = levels.get(index, definition)
            value = counters[index] if counters[index] is not None else level_def.start
            text = text.replace(f"%{index + 1}", format_counter(value, level_def.fmt))
        return text
