"""Simulated entry and exit scores stored straight into data versions, for value-added tests."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tests.evaluation.factories import AssessmentFactory, DataVersionFactory
from yinling.core.models import School
from yinling.evaluation.models import Assessment, AssessmentResult, DataVersion


@dataclass
class Pair:
    entry: Assessment
    exit: Assessment
    effects: dict[int, float]  # the true school effects, by school pk


def key(index: int) -> str:
    return hashlib.sha256(f"student-{index}".encode()).hexdigest()


def store(version: DataVersion, rows: Sequence[tuple[str, int, str, float, str, float]]) -> None:
    AssessmentResult.objects.bulk_create(
        AssessmentResult(
            version=version,
            student_key=k,
            school_id=school,
            subject=subject,
            score=score,
            gender=gender,
            ses=ses,
        )
        for k, school, subject, score, gender, ses in rows
    )


def simulated_pair(
    schools: Sequence[School],
    *,
    per_school: int = 40,
    seed: int = 1,
    subjects: Sequence[str] = ("数学",),
    with_prior: float = 1.0,
    school_sd: float = 4.0,
    noise: float = 8.0,
    constant: bool = False,
) -> Pair:
    """Exit = 20 + 0.7 prior + 2 ses + school effect + noise; `with_prior` of students have an
    entry score."""
    rng = np.random.default_rng(seed)
    district = schools[0].district
    entry = AssessmentFactory(
        district=district,
        name=f"入口{seed}",
        subjects=list(subjects),
        held_on=datetime.date(2020, 9, 10),
        school_year=2020,
        score_max=1000,
    )
    exit = AssessmentFactory(
        district=district,
        name=f"出口{seed}",
        subjects=list(subjects),
        held_on=datetime.date(2023, 6, 15),
        school_year=2023,
        grade=9,
        kind=Assessment.Kind.ZHONGKAO,
        score_max=1000,
    )
    entry_version = DataVersionFactory(assessment=entry, subjects=list(subjects))
    exit_version = DataVersionFactory(assessment=exit, subjects=list(subjects))
    effects = {s.pk: float(rng.normal(0, school_sd)) for s in schools}
    entry_rows, exit_rows = [], []
    index = 0
    for school in schools:
        for _ in range(per_school):
            index += 1
            gender = "M" if rng.random() < 0.5 else "F"
            ses = float(rng.normal())
            for subject in subjects:
                prior = 60 + rng.normal(0, 12)
                score = 20 + 0.7 * prior + 2 * ses + effects[school.pk] + rng.normal(0, noise)
                if constant:
                    prior, score = 50.0, 60.0
                if rng.random() < with_prior:
                    entry_rows.append(
                        (key(index), school.pk, subject, round(prior, 1), gender, ses)
                    )
                exit_rows.append((key(index), school.pk, subject, round(score, 1), gender, ses))
    store(entry_version, entry_rows)
    store(exit_version, exit_rows)
    return Pair(entry, exit, effects)
