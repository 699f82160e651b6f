from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.evaluation.factories import AssessmentFactory, DataVersionFactory
from tests.personas import World
from yinling.core.models import AuditEvent
from yinling.evaluation.models import Assessment, Grade
from yinling.evaluation.services import assessment_create, assessment_update
from yinling.evaluation.services.assessments import (
    ERR_HELD_OUTSIDE_YEAR,
    ERR_NAME_TAKEN,
    ERR_NO_SUBJECTS,
    ERR_SCORE_RANGE,
    ERR_SUBJECTS_IN_USE,
)

pytestmark = pytest.mark.django_db


def _create(world: World, **overrides: object) -> Assessment:
    values: dict[str, object] = {
        "actor": world.district_admin,
        "district": world.district,
        "name": "2023学年六年级入学测试",
        "kind": Assessment.Kind.DISTRICT_TEST,
        "grade": Grade.G6,
        "subjects": ["语文", " 数学 ", ""],
        "school_year": 2023,
        "held_on": datetime.date(2023, 9, 15),
        "score_min": 0,
        "score_max": 150,
    }
    values.update(overrides)
    return assessment_create(**values)  # type: ignore[arg-type]


def test_creating_an_assessment_cleans_its_subjects_and_is_audited(world: World) -> None:
    assessment = _create(world)
    assert assessment.subjects == ["语文", "数学"]
    assert assessment.school_year_label == "2023学年"
    assert AuditEvent.objects.filter(action="assessment.create", object_id=assessment.pk).exists()


def test_an_assessment_needs_a_subject(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        _create(world, subjects=[" "])
    assert error.value.message_dict["subjects"] == [ERR_NO_SUBJECTS]


def test_the_full_mark_must_lie_above_the_minimum(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        _create(world, score_min=100, score_max=100)
    assert error.value.message_dict["score_max"] == [ERR_SCORE_RANGE]


def test_two_assessments_of_a_district_cannot_share_a_name(world: World) -> None:
    _create(world)
    with pytest.raises(ValidationError) as error:
        _create(world)
    assert error.value.message_dict["name"] == [ERR_NAME_TAKEN % {"name": "2023学年六年级入学测试"}]


def test_a_subject_that_holds_scores_cannot_be_removed(world: World) -> None:
    assessment = AssessmentFactory(district=world.district, subjects=["语文", "数学"])
    DataVersionFactory(assessment=assessment, subjects=["语文", "数学"])
    with pytest.raises(ValidationError) as error:
        assessment_update(actor=world.district_admin, assessment=assessment, subjects=["语文"])
    assert error.value.message_dict["subjects"] == [ERR_SUBJECTS_IN_USE % {"subjects": "数学"}]


@pytest.mark.parametrize(
    ("held_on", "its_year"),
    [(datetime.date(2023, 6, 15), 2022), (datetime.date(2024, 9, 1), 2024)],
    ids=["June before", "September after"],
)
def test_a_test_date_outside_the_school_year_is_refused_naming_its_year(
    world: World, held_on: datetime.date, its_year: int
) -> None:
    with pytest.raises(ValidationError) as error:
        _create(world, school_year=2023, held_on=held_on)
    assert error.value.message_dict["held_on"] == [
        ERR_HELD_OUTSIDE_YEAR
        % {
            "date": f"{held_on.year}年{held_on.month}月{held_on.day}日",
            "its": its_year,
            "year": 2023,
        }
    ]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "held_on", [datetime.date(2023, 9, 1), datetime.date(2024, 8, 31)], ids=["first", "last"]
)
def test_the_school_year_runs_from_september_to_august(
    world: World, held_on: datetime.date
) -> None:
    assert _create(world, school_year=2023, held_on=held_on).pk
