"""Shared paths and small builders for the policytext tests."""

from __future__ import annotations

from pathlib import Path

from yinling.policytext import Item, PolicyDocument, parse_text

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "src/yinling/core/demo/seeds"
DOCUMENTS = Path(__file__).resolve().parent / "documents"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("004")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def parse_lines(*lines: str) -> PolicyDocument:
    """Parse a document written as lines."""
    return parse_text("\n".join(lines))


def only_item(document: PolicyDocument, path: str = "1") -> Item:
    item = document.find(path)
    assert item is not None, f"no item {path}; have {[i.path for i in document.items]}"
    return item
