"""factory_boy factories for school evaluation."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.factories import RegionFactory
from yinling.evaluation.models import (
    Assessment,
    AssessmentResult,
    DataVersion,
    Grade,
    SchoolValueAdded,
    ValueAddedRun,
)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    district = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"2023学年六年级入学测试{n}")
    kind = Assessment.Kind.DISTRICT_TEST
    grade = Grade.G6
    subjects = factory.LazyFunction(lambda: ["语文", "数学", "英语"])
    school_year = 2023
    held_on = datetime.date(2023, 9, 15)
    score_min = 0
    score_max = 100


class DataVersionFactory(DjangoModelFactory):
    class Meta:
        model = DataVersion

    assessment = factory.SubFactory(AssessmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = DataVersion.Status.ACTIVE
    digest = factory.Sequence(lambda n: f"{n:064x}")
    subjects = factory.LazyAttribute(lambda v: list(v.assessment.subjects))


class AssessmentResultFactory(DjangoModelFactory):
    class Meta:
        model = AssessmentResult

    version = factory.SubFactory(DataVersionFactory)
    student_key = factory.Sequence(lambda n: f"{n:064x}")
    subject = "数学"
    score = 80.0


class ValueAddedRunFactory(DjangoModelFactory):
    class Meta:
        model = ValueAddedRun

    district = factory.SubFactory(RegionFactory)
    entry = factory.LazyAttribute(lambda r: AssessmentFactory(district=r.district))
    exit = factory.LazyAttribute(
        lambda r: AssessmentFactory(
            district=r.district, grade=Grade.G9, held_on=datetime.date(2026, 6, 15)
        )
    )
    entry_version = factory.LazyAttribute(lambda r: DataVersionFactory(assessment=r.entry))
    exit_version = factory.LazyAttribute(lambda r: DataVersionFactory(assessment=r.exit))
    model = "ri"
    settings = factory.LazyFunction(lambda: {"model": "ri", "band_cutoffs": [1.0, 1.96]})
    engine_version = "test"
    status = ValueAddedRun.Status.DRAFT
    subjects = factory.LazyFunction(lambda: ["数学"])


class SchoolValueAddedFactory(DjangoModelFactory):
    class Meta:
        model = SchoolValueAdded

    run = factory.SubFactory(ValueAddedRunFactory)
    subject = "数学"
    status = "ok"
    n = 120
    n_listed = 124
    coverage = 0.97
    estimate = 1.2
    se = 0.8
    ci_low = factory.LazyAttribute(lambda r: r.estimate - 1.96 * r.se)
    ci_high = factory.LazyAttribute(lambda r: r.estimate + 1.96 * r.se)
    z = factory.LazyAttribute(lambda r: r.estimate / r.se)
    band = "above"
    reliability = 0.8
