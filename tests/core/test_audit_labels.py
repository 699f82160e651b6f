"""Every action code a service writes to the audit trail has a label for people."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yinling
from yinling.core.audit import registered_audit_actions

SOURCE = Path(yinling.__file__).parent
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Permission actions share the shape of audit codes; they are named after the app.
APP_PREFIXES = ("core.", "plans.", "programmes.", "evaluation.")
FILE_SUFFIXES = (".txt", ".csv", ".xlsx", ".docx", ".pdf", ".zip", ".json")


def _written_codes() -> set[str]:
    """String constants shaped like action codes in the modules that write audit events."""
    modules = [*SOURCE.glob("*/services/*.py"), *SOURCE.glob("*/signals.py")]
    codes = set()
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if CODE.match(value) and not value.startswith(APP_PREFIXES):
                    if not value.endswith(FILE_SUFFIXES):
                        codes.add(value)
    return codes


def test_the_scan_finds_the_codes_of_every_app() -> None:
    codes = _written_codes()
    assert {"school.create", "plan.publish", "application.submit", "import_job.start"} <= codes


def test_every_written_action_code_has_a_registered_label() -> None:
    assert sorted(_written_codes() - set(registered_audit_actions())) == []
