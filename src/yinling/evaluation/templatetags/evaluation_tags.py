"""Number formats the evaluation pages share."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def signed(value: Any, digits: int = 0) -> str:
    """A change with its sign: 1 -> +1, -10.2 -> -10.20 (digits=2), 0 -> 0; "" for none."""
    if value is None or value == "":
        return ""
    digits = int(digits)
    text = str(floatformat(value, digits))
    return f"+{text}" if round(float(value), digits) > 0 else text
