"""Every key a service records in an audit event is named for people on the audit page."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist

import yinling
from yinling.core.audit import registered_audit_key
from yinling.core.audit_display import _model_named

SOURCE = Path(yinling.__file__).parent


def _recorded_keys() -> Iterator[tuple[str, str, str]]:
    """(app, action, key) for each literal key of a `before`/`after` dict in an audit_record call."""
    for module in SOURCE.glob("*/services/*.py"):
        app = module.parent.parent.name
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit_record"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            action = keywords.get("action")
            if not (isinstance(action, ast.Constant) and isinstance(action.value, str)):
                continue
            for name in ("before", "after"):
                value = keywords.get(name)
                if isinstance(value, ast.Dict):
                    for key in value.keys:
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            yield app, action.value, key.value


def _is_field(app: str, action: str, key: str) -> bool:
    model = _model_named(action.rpartition(".")[0], f"{app}.")
    if model is None:
        return False
    try:
        model._meta.get_field(key)
    except FieldDoesNotExist:
        return False
    return True


def test_the_scan_finds_recorded_keys_of_every_app() -> None:
    apps = {app for app, _action, _key in _recorded_keys()}
    assert {"core", "plans", "programmes", "evaluation"} <= apps


def test_every_recorded_key_is_a_model_field_or_has_a_registered_label() -> None:
    unnamed = sorted(
        f"{action}: {key}"
        for app, action, key in set(_recorded_keys())
        if not _is_field(app, action, key) and registered_audit_key(action, key) is None
    )
    assert unnamed == []
