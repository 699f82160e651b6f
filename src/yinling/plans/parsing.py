"""The one place that talks to the policytext engine.

Everything else in the app works on the engine's JSON shape (a plain dict):
``{"title", "doc_number", "issuer", "date", "items": [{"path", "heading", "text", "departments",
"lead_departments", "targets": [{"text", "indicator", "value", "unit", "comparator", "year"}]}]}``
(items may carry more keys, such as "number", "level", "is_leaf", "part", "deadline"; targets
"kind" and "value_max"). Tests hand the services such dicts directly.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ERR_NO_ITEMS = gettext_noop(
    "未找到编号条目（no numbered items found）：请上传带有“一、”“（一）”“1.”等编号条目的政策文件"
)
ERR_UNREADABLE = gettext_noop("无法读取文件：%(reason)s")

Breakdown = dict[str, Any]


class DocumentRejected(Exception):
    """The document cannot become a task breakdown; the message says why, for the person."""

    def __init__(self, message: str) -> None:
        self.errors = [message]
        super().__init__(message)


def parse_policy(data: bytes, *, filename: str) -> Breakdown:
    """The breakdown of an uploaded policy document (.txt, .docx or .pdf with a text layer)."""
    from yinling.policytext import parse_document
    from yinling.policytext.errors import PolicyParseError

    try:
        breakdown = parse_document(data, filename=filename).to_dict()
    except PolicyParseError as error:
        if getattr(error, "code", "") in {"empty", "no_items"}:
            raise DocumentRejected(_(ERR_NO_ITEMS)) from error
        raise DocumentRejected(_(ERR_UNREADABLE) % {"reason": error}) from error
    if not breakdown.get("items"):
        raise DocumentRejected(_(ERR_NO_ITEMS))
    return breakdown


def run_cli(argv: list[str]) -> int:
    """The engine's own command line (``yinling parse_policy``)."""
    from yinling.policytext.cli import main

    return main(argv)
