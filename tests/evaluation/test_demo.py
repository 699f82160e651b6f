from __future__ import annotations

from io import StringIO

import pytest

from yinling.core.demo import load_core
from yinling.evaluation import demo
from yinling.evaluation.models import (
    AssessmentResult,
    GreenIndicatorRecord,
    SchoolValueAdded,
    ValueAddedRun,
)

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, object]:
    return {
        "results": AssessmentResult.objects.count(),
        "runs": list(ValueAddedRun.objects.values_list("status", "model")),
        "estimates": sorted(
            SchoolValueAdded.objects.values_list("school__code", "subject", "estimate")
        ),
        "green": sorted(
            GreenIndicatorRecord.objects.values_list(
                "school__code", "indicator__code", "test_year", "level"
            )
        ),
    }


def test_the_demo_loads_minhang_evaluation_data_once_whatever_the_runs() -> None:
    load_core(StringIO().write)
    demo.load(StringIO().write)
    first = _snapshot()
    demo.load(StringIO().write)
    assert _snapshot() == first
    assert 4000 < first["results"] < 6000
    assert first["runs"] == [("published", "ri")]
    experimental = {code for code, *_ in first["green"] if code.startswith("MH-QX")}
    assert len(experimental) == 8
    assert {year for *_, year, _level in first["green"]} == {2021, 2023}
    assert not AssessmentResult.objects.filter(student_key__startswith="MH2009").exists()
