"""Precision and recall of the policy parser, field by field, on the five seeds and on
samples of my own in other layouts.

Run ``python tests/policytext/quality.py``. The expected files in ``expected/`` (seeds)
and ``expected/samples/`` (the documents in ``documents/``, or built in code when the
file names a ``builder``) were written by reading each document, not by saving the
parser's output.

Every field is scored as a multiset of facts: an item's path, its heading, each of its
departments and leads, and each target as (value, unit, comparator, year, value_max,
change) or (value, unit, kind). Indicators are matched leniently: the expected key phrase must occur
in the extracted indicator.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "src/yinling/core/demo/seeds"
EXPECTED = Path(__file__).resolve().parent / "expected"
SAMPLES_EXPECTED = EXPECTED / "samples"
DOCUMENTS = Path(__file__).resolve().parent / "documents"

try:
    from yinling.policytext import Item, PolicyDocument, parse_document
except ImportError:  # run as a script without the project installed
    sys.path.insert(0, str(REPO / "src"))
    from yinling.policytext import Item, PolicyDocument, parse_document

FIELDS = (
    "paths",
    "headings",
    "departments",
    "lead_departments",
    "targets",
    "target_kinds",
    "target_indicators",
)
METADATA = ("title", "doc_number", "issuer", "date")


@dataclass(frozen=True, slots=True)
class Score:
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def load_expected(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def parse_seed(expected: dict[str, Any]) -> PolicyDocument:
    return parse_document(SEEDS / expected["source"])


def sample_files() -> list[Path]:
    return sorted(SAMPLES_EXPECTED.glob("*.json"))


def parse_sample(expected: dict[str, Any]) -> PolicyDocument:
    """A sample document of my own: a file in ``documents/``, or bytes from a builder."""
    builder = expected.get("builder")
    if builder is None:
        return parse_document(DOCUMENTS / expected["source"])
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    module_name, _, function = builder.partition(":")
    build = getattr(importlib.import_module(module_name), function)
    return parse_document(build(), filename=expected["source"])


def expected_pairs(
    expected: dict[str, Any], document: PolicyDocument
) -> list[tuple[dict[str, Any], Item]]:
    """Each expected item with the parsed item at its part and path (which must exist)."""
    pairs = []
    for wanted in expected["items"]:
        item = document.find(wanted["path"], part=wanted["part"])
        assert item is not None, f"missing {wanted['part']} {wanted['path']}"
        pairs.append((wanted, item))
    return pairs


def assert_paths_as_expected(expected: dict[str, Any], document: PolicyDocument) -> None:
    """The document has exactly the expected items, at their parts and paths, in order."""
    wanted = [(item["part"], item["path"]) for item in expected["items"]]
    assert [(item.part, item.path) for item in document.items] == wanted


def assert_headings_as_expected(expected: dict[str, Any], document: PolicyDocument) -> None:
    """Each item's heading equals the expected one."""
    for wanted, item in expected_pairs(expected, document):
        assert item.heading == wanted["heading"], item.path


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def target_facts(targets: list[dict[str, Any]], *, with_change: bool) -> list[tuple[Any, ...]]:
    """Targets (as dicts) as comparable tuples; ``with_change`` also compares ``change``."""
    return [
        (float(t["value"]), t.get("value_max"), t["unit"], t["comparator"], t["year"], t["kind"])
        + (_number(t.get("baseline")),)
        + ((t.get("change"),) if with_change else ())
        for t in targets
    ]


def assert_targets_as_expected(
    expected: dict[str, Any], document: PolicyDocument, *, with_change: bool
) -> None:
    """Every item's targets equal the expected ones, in order."""
    for wanted, item in expected_pairs(expected, document):
        found = target_facts([target.to_dict() for target in item.targets], with_change=with_change)
        assert found == target_facts(wanted.get("targets", []), with_change=with_change), item.path


def assert_indicators_as_expected(expected: dict[str, Any], document: PolicyDocument) -> None:
    """Each target's indicator holds the expected key phrase."""
    for wanted, item in expected_pairs(expected, document):
        for target, found in zip(wanted.get("targets", []), item.targets, strict=True):
            assert target["indicator"] in found.indicator, (item.path, found.indicator)


def assert_metadata_as_expected(expected: dict[str, Any], document: PolicyDocument) -> None:
    """Title, document number, issuer and date equal the expected ones."""
    actual = document.to_dict()
    for name in METADATA:
        assert actual[name] == expected[name], name


def assert_attachments_as_expected(expected: dict[str, Any], document: PolicyDocument) -> None:
    """The attachments, as label and title, equal the expected ones."""
    found = [{"label": part.label, "title": part.title} for part in document.attachments]
    assert found == expected["attachments"]


def _target_key(item: dict[str, Any], target: dict[str, Any]) -> tuple[Any, ...]:
    return (item["part"], item["path"], float(target["value"]), target["unit"])


def item_facts(items: Iterable[dict[str, Any]]) -> dict[str, Counter[tuple[Any, ...]]]:
    """The facts of items given as dicts (the expected file's shape, or ``Item.to_dict()``)."""
    facts: dict[str, Counter[tuple[Any, ...]]] = {field: Counter() for field in FIELDS}
    for item in items:
        where = (item["part"], item["path"])
        facts["paths"][where] += 1
        facts["headings"][(*where, item.get("heading", ""))] += 1
        for department in item.get("departments", []):
            facts["departments"][(*where, department)] += 1
        for department in item.get("lead_departments", []):
            facts["lead_departments"][(*where, department)] += 1
        for target in item.get("targets", []):
            key = _target_key(item, target)
            facts["targets"][
                (
                    *key,
                    target["comparator"],
                    target["year"],
                    target.get("value_max"),
                    target.get("change"),
                )
            ] += 1
            facts["target_kinds"][(*key, target["kind"])] += 1
    return facts


def _indicator_score(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> Score:
    def by_key(items: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[str]]:
        grouped: dict[tuple[Any, ...], list[str]] = {}
        for item in items:
            for target in item.get("targets", []):
                grouped.setdefault(_target_key(item, target), []).append(
                    target.get("indicator", "")
                )
        return grouped

    wanted, got = by_key(expected), by_key(found)
    correct = 0
    for key, phrases in wanted.items():
        candidates = list(got.get(key, []))
        for phrase in phrases:
            match = next((c for c in candidates if phrase and phrase in c), None)
            if match is not None:
                candidates.remove(match)
                correct += 1
    return Score(sum(map(len, wanted.values())), sum(map(len, got.values())), correct)


def score_document(expected: dict[str, Any], document: PolicyDocument) -> dict[str, Score]:
    """Score per field of one parsed document against its expected file."""
    found_items = [item.to_dict() for item in document.items]
    wanted, got = item_facts(expected["items"]), item_facts(found_items)
    scores = {
        field: Score(
            sum(wanted[field].values()),
            sum(got[field].values()),
            sum((wanted[field] & got[field]).values()),
        )
        for field in FIELDS
        if field != "target_indicators"
    }
    scores["target_indicators"] = _indicator_score(expected["items"], found_items)
    actual = document.to_dict()
    correct = sum(actual[name] == expected[name] for name in METADATA)
    scores["metadata"] = Score(len(METADATA), len(METADATA), correct)
    return scores


def _print_scores(
    name: str, scores: dict[str, Score], stream: TextIO, *, only_failing: bool = False
) -> None:
    for field, score in scores.items():
        if only_failing and score.precision == score.recall == 1.0:
            continue
        print(
            f"{name[:23]:<24}{field:<20}{score.expected:>9}{score.found:>7}{score.correct:>8}"
            f"{score.precision:>11.3f}{score.recall:>8.3f}",
            file=stream,
        )


_HEADER = f"{'document':<24}{'field':<20}{'expected':>9}{'found':>7}{'correct':>8}{'precision':>11}{'recall':>8}"


def report_quality(stream: TextIO = sys.stdout) -> dict[str, dict[str, Score]]:
    """Print precision/recall per seed and field; return the scores."""
    results: dict[str, dict[str, Score]] = {}
    print(_HEADER.replace("document", "seed    "), file=stream)
    print("-" * len(_HEADER), file=stream)
    for path in expected_files():
        expected = load_expected(path)
        scores = score_document(expected, parse_seed(expected))
        results[path.stem] = scores
        _print_scores(path.stem, scores, stream)
    return results


def report_samples(
    stream: TextIO = sys.stdout, *, only_failing: bool = False
) -> dict[str, dict[str, Score]]:
    """Print precision/recall per sample document of my own and field; return the scores."""
    results: dict[str, dict[str, Score]] = {}
    print(_HEADER, file=stream)
    print("-" * len(_HEADER), file=stream)
    for path in sample_files():
        expected = load_expected(path)
        scores = score_document(expected, parse_sample(expected))
        results[path.stem] = scores
        _print_scores(path.stem, scores, stream, only_failing=only_failing)
    return results


def total(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    """Scores per field summed over documents."""
    fields = next(iter(results.values())).keys() if results else ()
    return {
        field: Score(
            sum(scores[field].expected for scores in results.values()),
            sum(scores[field].found for scores in results.values()),
            sum(scores[field].correct for scores in results.values()),
        )
        for field in fields
    }


if __name__ == "__main__":
    failing = "--failing" in sys.argv[1:]
    seeds = report_quality()
    print()
    samples = report_samples(only_failing=failing)
    print()
    for name, results in (("seeds (total)", seeds), ("samples (total)", samples)):
        _print_scores(name, total(results), sys.stdout)
