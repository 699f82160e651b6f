"""Policy text engine: a Chinese policy document in, a structured task breakdown out.

Pure Python (no Django). Entry points::

    parse_document(data, filename=None) -> PolicyDocument   # Path, bytes or text
    parse_text(text) -> PolicyDocument
    to_json(document) / to_markdown(document) / write_xlsx(document, target)

and the command line ``parse_policy FILE [--format json|xlsx|md] [-o OUT]``
(``yinling.policytext.cli.main``).
"""

from __future__ import annotations

from yinling.policytext.errors import NO_ITEMS, PolicyParseError
from yinling.policytext.export import to_json, to_markdown
from yinling.policytext.model import Item, Part, PolicyDate, PolicyDocument, Target
from yinling.policytext.parser import parse_document, parse_text
from yinling.policytext.xlsx_export import write_xlsx

__all__ = [
    "NO_ITEMS",
    "Item",
    "Part",
    "PolicyDate",
    "PolicyDocument",
    "PolicyParseError",
    "Target",
    "parse_document",
    "parse_text",
    "to_json",
    "to_markdown",
    "write_xlsx",
]
