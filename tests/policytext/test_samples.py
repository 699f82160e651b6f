"""Samples of my own in layouts the seeds do not use, against their hand-written expected
files (``expected/samples``), field by field. See ``quality.py`` for the report."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from tests.policytext.builders import pdf_with_text
from tests.policytext.helpers import DOCUMENTS
from tests.policytext.quality import (
    SAMPLES_EXPECTED,
    assert_attachments_as_expected,
    assert_headings_as_expected,
    assert_indicators_as_expected,
    assert_metadata_as_expected,
    assert_paths_as_expected,
    assert_targets_as_expected,
    expected_pairs,
    load_expected,
    parse_sample,
    report_samples,
    sample_files,
    score_document,
)
from tests.policytext.word_sample import build_word_task_table
from yinling.policytext import PolicyDocument, parse_document

CASES = [load_expected(path) for path in sample_files()]


@pytest.fixture(scope="module", params=CASES, ids=[path.stem for path in sample_files()])
def sample(request: pytest.FixtureRequest) -> tuple[dict[str, Any], PolicyDocument]:
    return request.param, parse_sample(request.param)


def test_there_are_twelve_samples_each_of_another_genre() -> None:
    assert len(CASES) == 12
    assert len({case["genre"] for case in CASES}) == 12


def test_it_finds_exactly_the_numbered_items_at_their_paths(sample) -> None:
    assert_paths_as_expected(*sample)


def test_it_reads_the_heading_of_each_item(sample) -> None:
    assert_headings_as_expected(*sample)


def test_it_reads_departments_and_leads(sample) -> None:
    expected, document = sample
    for wanted, item in expected_pairs(expected, document):
        assert list(item.departments) == wanted.get("departments", []), item.path
        assert list(item.lead_departments) == wanted.get("lead_departments", []), item.path


def test_it_extracts_every_target(sample) -> None:
    assert_targets_as_expected(*sample, with_change=True)


def test_it_names_what_each_target_counts(sample) -> None:
    assert_indicators_as_expected(*sample)


def test_it_reads_title_number_issuer_date_and_attachments(sample) -> None:
    assert_metadata_as_expected(*sample)
    assert_attachments_as_expected(*sample)


def test_the_quality_report_shows_full_precision_and_recall_on_the_samples() -> None:
    for name, scores in report_samples(io.StringIO()).items():
        for field, score in scores.items():
            assert (score.precision, score.recall) == (1.0, 1.0), (name, field)


def test_the_gb18030_sample_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        (DOCUMENTS / "articles_scheme_gb18030.txt").read_bytes().decode("utf-8")


def test_the_word_sample_holds_a_real_table_with_merged_cells() -> None:
    with zipfile.ZipFile(io.BytesIO(build_word_task_table())) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:tbl>" in xml and "w:gridSpan" in xml and "w:vMerge" in xml


def test_the_paged_sample_printed_to_pdf_parses_as_its_text_does() -> None:
    text = (DOCUMENTS / "paged_pdf_text.txt").read_text(encoding="utf-8")
    pages: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("— "):
            pages[-1].append(line)  # the page number ends the page
            pages.append([])
        elif line.strip():
            pages[-1].append(line)
    pdf = pdf_with_text([page for page in pages if page])
    expected = load_expected(SAMPLES_EXPECTED / "paged_pdf_text.json")
    assert report_for(expected, parse_document(pdf, filename="paged.pdf")) == dict.fromkeys(
        report_for(expected, parse_sample(expected)), (1.0, 1.0)
    )


def report_for(
    expected: dict[str, Any], document: PolicyDocument
) -> dict[str, tuple[float, float]]:
    return {
        field: (score.precision, score.recall)
        for field, score in score_document(expected, document).items()
    }
