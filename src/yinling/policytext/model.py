"""The parsed document: plain frozen dataclasses with ``to_dict()`` for JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BODY_LABEL = "正文"

# Comparators a target can carry.
AT_LEAST = ">="
AT_MOST = "<="
ABOUT = "~"
EXACTLY = "="

# Kinds of target: something to add or build, or a level (rate, share, standard) to reach.
ADDITION = "addition"
LEVEL = "level"

# A target that asks for a change by an amount (减少30%, 降低1个百分点, 增长50%) rather than
# for a level or a count says which way; ``value`` is the amount, always positive.
DECREASE = "decrease"
INCREASE = "increase"


@dataclass(frozen=True, slots=True)
class PolicyDate:
    """A date that may lack its day (2023年12月) and is shown as ISO text (2023-12)."""

    year: int
    month: int | None = None
    day: int | None = None

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target: 普惠性幼儿园覆盖率达到95%以上 -> 95.0, "%", ">=", 2025.

    ``text`` is the clause that states it, at ``start``:``end`` of the item's text.

    ``change`` is None for a level or a count, DECREASE for a reduction by ``value``
    (作业总量减少30% -> 30.0, "%", change="decrease"; 近视率每年降低1个百分点以上 -> 1.0,
    "个百分点", ">=", change="decrease") and INCREASE for a relative rise (生均经费增长50%,
    提高5个百分点). A level to reach downwards is no change: 控制在15%以内 and 降至50名以下
    are ``"<="`` levels. 翻一番 / 翻两番 are 2 / 4 "倍": a level relative to the start.
    """

    text: str
    indicator: str
    value: float
    unit: str
    comparator: str
    year: int | None
    kind: str
    value_max: float | None = None
    start: int = 0
    end: int = 0
    change: str | None = None
    baseline: float | None = None  # 由2023年的60%提高到… -> 60.0, baseline_year 2023
    baseline_year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
            "year": self.year,
            "kind": self.kind,
            "value_max": self.value_max,
            "start": self.start,
            "end": self.end,
            "change": self.change,
            "baseline": self.baseline,
            "baseline_year": self.baseline_year,
        }

    def describe(self) -> str:
        """Short human form, e.g. "普惠性幼儿园覆盖率 ≥95%（2025年）"."""
        symbol = {AT_LEAST: "≥", AT_MOST: "≤", ABOUT: "约", EXACTLY: ""}[self.comparator]
        amount = _format_number(self.value)
        if self.value_max is not None:
            # A range speaks for itself: "1-2所", not "≥1-2所".
            symbol, amount = "", f"{amount}-{_format_number(self.value_max)}"
        when = f"（{self.year}年）" if self.year else ""
        way = {DECREASE: "减少", INCREASE: "增加"}.get(self.change or "", "")
        return f"{self.indicator} {way}{symbol}{amount}{self.unit}{when}".strip()


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@dataclass(frozen=True, slots=True)
class Item:
    """One numbered item (heading, measure or task) with what it asks for.

    ``path`` joins the numbering labels from the top ("三/（六）/5"); ``number`` is the
    label as printed ("5."). ``text`` is the item's own text, its heading included and its
    sub-items excluded. ``departments`` lists every unit named responsible;
    ``lead_departments`` only those the text marks as leading.
    """

    path: str
    number: str
    level: int
    heading: str
    text: str
    departments: tuple[str, ...] = ()
    lead_departments: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    part: str = BODY_LABEL
    is_leaf: bool = True
    deadline: int | None = None

    @property
    def parent_path(self) -> str | None:
        head, sep, _ = self.path.rpartition("/")
        return head if sep else None

    @property
    def cooperating_departments(self) -> tuple[str, ...]:
        """Departments other than the leads, when the text names leads at all."""
        if not self.lead_departments:
            return ()
        return tuple(d for d in self.departments if d not in self.lead_departments)

    @property
    def is_task(self) -> bool:
        """What a task breakdown lists: a leaf, or an item that assigns work or sets targets."""
        return self.is_leaf or bool(self.departments) or bool(self.targets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "number": self.number,
            "level": self.level,
            "part": self.part,
            "heading": self.heading,
            "text": self.text,
            "departments": list(self.departments),
            "lead_departments": list(self.lead_departments),
            "targets": [target.to_dict() for target in self.targets],
            "deadline": self.deadline,
            "is_leaf": self.is_leaf,
        }


@dataclass(frozen=True, slots=True)
class Part:
    """The body of the document or one attachment (附件1 ...), with its own items."""

    label: str
    number: int | None = None
    title: str | None = None
    items: tuple[Item, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "number": self.number,
            "title": self.title,
            "item_count": len(self.items),
        }


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    """A policy document broken down into numbered items."""

    title: str | None
    doc_number: str | None
    issuer: str | None
    date: PolicyDate | None
    body: Part
    attachments: tuple[Part, ...] = ()

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self.body, *self.attachments)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the body and the attachments, in document order."""
        return tuple(item for part in self.parts for item in part.items)

    @property
    def tasks(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_task)

    def find(self, path: str, part: str | None = None) -> Item | None:
        """The item at ``path`` (in ``part`` if given), or None."""
        for item in self.items:
            if item.path == path and (part is None or item.part == part):
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "date": self.date.isoformat() if self.date else None,
            "attachments": [part.to_dict() for part in self.attachments],
            "items": [item.to_dict() for item in self.items],
        }
