"""Every audit action the programmes app writes has a name people read on the audit page."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

import yinling.programmes
from yinling.core.audit import registered_audit_label
from yinling.core.audit_display import audit_action_label

APP = Path(yinling.programmes.__file__).parent


def _codes_written() -> set[str]:
    """The action codes passed to audit_record anywhere in the app, read from the source."""
    codes = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            if name == "audit_record" and action is not None:
                codes |= {
                    c.value
                    for c in ast.walk(action)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
    return codes


def test_every_action_the_app_writes_is_registered_with_a_label() -> None:
    codes = _codes_written()

    assert len(codes) > 40
    assert sorted(code for code in codes if registered_audit_label(code) is None) == []


def test_action_labels_are_read_in_chinese_and_in_english() -> None:
    assert audit_action_label("application.withdraw") == "撤回申报"
    with translation.override("en"):
        assert audit_action_label("application.withdraw") == "Application withdrawn"
