"""Recording refused access to programme objects, so the office can see who tried what."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from yinling.core.audit import audit_record


def access_denied_record(*, actor: Any, obj: Model, action: str) -> None:
    """Log a refused attempt to open an object (e.g. an expert opening an application that is
    not assigned to them). Runs outside the refused request's transaction on purpose."""
    audit_record(actor=actor, action="access.denied", obj=obj, after={"attempted": action})
