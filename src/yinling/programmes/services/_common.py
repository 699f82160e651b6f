"""Helpers the programme services share."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()


def clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def require_text(errors: dict[str, list[str]], field: str, value: str, message: str) -> None:
    if not (value or "").strip():
        errors.setdefault(field, []).append(message)


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
