"""The five seed documents against their hand-checked expected files, field by field."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.policytext.quality import (
    assert_attachments_as_expected,
    assert_headings_as_expected,
    assert_indicators_as_expected,
    assert_metadata_as_expected,
    assert_paths_as_expected,
    assert_targets_as_expected,
    expected_files,
    expected_pairs,
    load_expected,
    parse_seed,
    report_quality,
)
from yinling.policytext import PolicyDocument

CASES = [load_expected(path) for path in expected_files()]


@pytest.fixture(scope="module", params=CASES, ids=[case["source"][:3] for case in CASES])
def seed(request: pytest.FixtureRequest) -> tuple[dict[str, Any], PolicyDocument]:
    return request.param, parse_seed(request.param)


def test_five_expected_files_cover_the_five_seeds() -> None:
    assert len(CASES) == 5


def test_it_finds_exactly_the_numbered_items_of_each_seed_at_their_paths(seed) -> None:
    assert_paths_as_expected(*seed)


def test_it_reads_the_heading_of_each_item(seed) -> None:
    assert_headings_as_expected(*seed)


def test_it_reads_every_department_of_each_task(seed) -> None:
    expected, document = seed
    for wanted, item in expected_pairs(expected, document):
        assert list(item.departments) == wanted.get("departments", []), item.path


def test_it_marks_lead_departments_only_where_the_text_does(seed) -> None:
    expected, document = seed
    for wanted, item in expected_pairs(expected, document):
        assert list(item.lead_departments) == wanted.get("lead_departments", []), item.path


def test_it_extracts_every_target_with_value_unit_comparator_year_and_kind(seed) -> None:
    assert_targets_as_expected(*seed, with_change=False)


def test_it_names_what_each_target_counts(seed) -> None:
    assert_indicators_as_expected(*seed)


def test_it_reads_title_number_issuer_and_date(seed) -> None:
    assert_metadata_as_expected(*seed)


def test_it_reads_each_attachment_as_a_part_with_its_title(seed) -> None:
    assert_attachments_as_expected(*seed)


def test_the_quality_report_shows_full_precision_and_recall_on_the_seeds() -> None:
    stream = io.StringIO()
    results = report_quality(stream)
    assert "precision" in stream.getvalue()
    for seed_name, scores in results.items():
        for field, score in scores.items():
            assert (score.precision, score.recall) == (1.0, 1.0), (seed_name, field)
