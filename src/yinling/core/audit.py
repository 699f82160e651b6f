"""Writing the audit trail. Services call `audit_record` inside their transaction.

Each app names its action codes for people with `register_audit_actions` (once, e.g. in its
AppConfig.ready or nav module); the audit page shows those labels and derives one otherwise.
Keys of the recorded values that are not model fields are named with `register_audit_keys`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from yinling.core.models import AuditEvent


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "yinling_request", default=None
)


def snapshot(obj: Model, fields: Sequence[str]) -> dict[str, Any]:
    """A JSON-safe summary of the named fields, for before/after."""
    summary: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, Model):
            value = value.pk
        elif value is not None and not isinstance(value, str | int | float | bool | list | dict):
            value = str(value)
        summary[name] = value
    return summary


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def audited_update(
    obj: Model,
    fields: Mapping[str, Any],
    *,
    actor: Any,
    action: str,
    tracked: Sequence[str],
    validate: Callable[[Any], None],
    allowed: Collection[str] | None = None,
    object_repr: str | None = None,
) -> dict[str, Any]:
    """The update use case every service shares: set the named fields (text stripped), validate,
    save only what changed and record it. Returns the new values of the changed fields.

    ``tracked`` are the fields the audit compares; ``allowed`` (default: all tracked) those a
    caller may set. Run inside the service's transaction.
    """
    unknown = set(fields) - set(tracked if allowed is None else allowed)
    if unknown:
        raise TypeError(f"unknown {obj._meta.model_name} fields: {sorted(unknown)}")
    before = snapshot(obj, tracked)
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    validate(obj)
    old, new = changed(before, snapshot(obj, tracked))
    if new:
        obj.save(update_fields=list(new))
        audit_record(
            actor=actor, action=action, obj=obj, before=old, after=new, object_repr=object_repr
        )
    return new


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one audit event; the request's IP address comes from the request context."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_name=(str(actor) if authenticated else "")[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(
            object_repr if object_repr is not None else str(obj) if obj is not None else ""
        )[:200],
        before=before,
        after=after,
        ip_address=(current_request.get() or RequestContext()).ip_address,
    )


_ACTION_LABELS: dict[str, Any] = {}


def register_audit_actions(labels: Mapping[str, Any]) -> None:
    """Name action codes for people: `{"school.create": gettext_lazy("新增学校")}`.

    A code means one thing: registering it again with a different label is an error, so two
    apps that write the same code must agree on what it is called.
    """
    for code, label in labels.items():
        known = _ACTION_LABELS.get(code)
        if known is not None and str(known) != str(label):
            raise ValueError(f"audit action {code!r} already registered as {str(known)!r}")
        _ACTION_LABELS[code] = label


def registered_audit_label(code: str) -> Any | None:
    """The registered label of an action code (a lazy translation), or None."""
    return _ACTION_LABELS.get(code)


def registered_audit_actions() -> dict[str, Any]:
    return dict(_ACTION_LABELS)


@dataclass(frozen=True)
class AuditKey:
    """What a recorded value is called; `model` ("app.model") when the value is that model's id."""

    label: Any
    model: str = ""


_KEY_LABELS: dict[str, AuditKey] = {}


def register_audit_keys(labels: Mapping[str, Any]) -> None:
    """Name the keys of recorded values that are not fields of the event's model.

    A key is named for one action (`"plan.create.items"`) or for every action (`"reason"`); the
    label is a lazy translation, or `(label, "app.model")` when the value is an id of that model.
    """
    for path, label in labels.items():
        key = AuditKey(*label) if isinstance(label, tuple) else AuditKey(label)
        known = _KEY_LABELS.get(path)
        if known is not None and (str(known.label), known.model) != (str(key.label), key.model):
            raise ValueError(f"audit key {path!r} already registered as {str(known.label)!r}")
        _KEY_LABELS[path] = key


def registered_audit_key(action: str, key: str) -> AuditKey | None:
    """The registered name of a key: the one for this action first, then the one for all."""
    return _KEY_LABELS.get(f"{action}.{key}") or _KEY_LABELS.get(key)
