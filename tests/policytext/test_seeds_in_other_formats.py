"""The seeds in other guises: hard-wrapped as a PDF text layer gives them, printed to a
PDF, saved as a Word document.

The hand-checked expectations must still hold, which tests the mending of wrapped lines
on real text rather than on made-up snippets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.policytext.builders import DocxBuilder, pdf_with_text
from tests.policytext.helpers import SEEDS
from tests.policytext.quality import expected_files, load_expected, score_document
from yinling.policytext import parse_document, parse_text

WIDTH = 30
# A PDF shows neither Word's bookmark anchors nor Markdown marks.
_NOT_IN_A_PDF = re.compile(r"\[bookmark:[^\]]*\]|\*\*|^#+\s*", re.MULTILINE)


def hard_wrapped(text: str, width: int = WIDTH) -> str:
    lines: list[str] = []
    for line in _NOT_IN_A_PDF.sub("", text).split("\n"):
        lines.extend(line[start : start + width] for start in range(0, max(len(line), 1), width))
    return "\n".join(lines)


@pytest.mark.parametrize("path", expected_files(), ids=lambda path: path.stem[:3])
def test_hard_wrapped_seeds_keep_their_items_departments_and_targets(path: Path) -> None:
    expected = load_expected(path)
    document = parse_text(hard_wrapped((SEEDS / expected["source"]).read_text(encoding="utf-8")))
    scores = score_document(expected, document)
    for field in (
        "paths",
        "headings",
        "departments",
        "lead_departments",
        "targets",
        "target_kinds",
    ):
        assert (scores[field].precision, scores[field].recall) == (1.0, 1.0), field


LINES_PER_PAGE = 40


@pytest.mark.parametrize("path", expected_files(), ids=lambda path: path.stem[:3])
def test_seeds_printed_to_a_multi_page_pdf_parse_as_the_text_does(path: Path) -> None:
    expected = load_expected(path)
    lines = hard_wrapped((SEEDS / expected["source"]).read_text(encoding="utf-8")).split("\n")
    pages = [
        lines[start : start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)
    ]
    scores = score_document(expected, parse_document(pdf_with_text(pages), filename="seed.pdf"))
    for field, score in scores.items():
        assert (score.precision, score.recall) == (1.0, 1.0), field


def test_a_seed_saved_as_a_word_document_parses_as_the_text_does() -> None:
    path = next(path for path in expected_files() if path.stem.startswith("004"))
    expected = load_expected(path)
    builder = DocxBuilder()
    for line in (SEEDS / expected["source"]).read_text(encoding="utf-8").split("\n"):
        builder.paragraph(line)
    scores = score_document(expected, parse_document(builder.to_bytes(), filename="seed.docx"))
    for field, score in scores.items():
        assert (score.precision, score.recall) == (1.0, 1.0), field
