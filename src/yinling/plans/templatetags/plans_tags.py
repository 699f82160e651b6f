from __future__ import annotations

from typing import Any

from django import template

from yinling.plans.models.plans import format_number
from yinling.plans.status import Status

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A decimal as people write it: 95.0000 -> 95; nothing (None, or a missing report) -> —."""
    return "—" if value is None or value == "" else format_number(value)


@register.filter
def share(value: float | None) -> str:
    """0.856 -> 86%; None (nothing to count) -> —."""
    return "—" if value is None else f"{round(value * 100)}%"


@register.filter
def status_label(value: str | None) -> str:
    return str(Status(value).label) if value else "—"


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, 0) if mapping else 0
