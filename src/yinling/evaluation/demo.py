"""Demo data for school evaluation in Minhang: a grade-6 entrance test and the grade-9 中考 of
the same (simulated, pseudonymised) students in the eight experimental schools of the
strengthening project and the district's other junior schools, a published random-intercept
value-added run, and green-indicator results for the test years 2021 and 2023.

Everything is created through the services (the import runs the real pipeline on a generated
CSV), from a fixed seed, and only when missing: loading twice gives the same data.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from django.core.files import File

from yinling.core.models import Region, School, User
from yinling.evaluation.column_mapping import ColumnMapping
from yinling.evaluation.models import (
    Assessment,
    GreenIndicator,
    GreenIndicatorRecord,
    GreenIndicatorSet,
    ImportJob,
    ValueAddedRun,
)
from yinling.evaluation.services import (
    assessment_create,
    green_indicator_configure,
    green_record_save,
    green_ses_compute,
    green_set_install,
    value_added_run_create,
    value_added_run_publish,
)
from yinling.evaluation.services.imports import import_job_map, import_job_upload, run_import_job

MINHANG = "310112"
SUBJECTS = ["语文", "数学", "英语"]
ENTRY = "2020学年六年级入学测试"
EXIT = "2023学年九年级中考"
SEED = 20231201
STUDENTS_PER_SCHOOL = 45
# Two schools stay small so the pages show how small groups are flagged and suppressed.
SMALL_SCHOOLS = {"MH-DEMO-035": 14, "MH-DEMO-036": 8}
ACADEMIC_CUTS = [420.0, 450.0, 475.0, 495.0, 515.0, 535.0, 560.0, 590.0]
TEST_YEARS = (2021, 2023)


def load(say: Callable[[str], None]) -> None:
    district = Region.objects.filter(code=MINHANG).first()
    if district is None:
        say("评价演示数据：未找到闵行区，跳过")
        return
    actor = User.objects.filter(username="mh_admin").first()
    schools = _schools(district)
    rng = np.random.default_rng(SEED)
    students = _students(schools, rng)
    entry = _assessment(actor, district, ENTRY, 6, 2020, datetime.date(2020, 9, 16), 100)
    exit = _assessment(actor, district, EXIT, 9, 2023, datetime.date(2024, 6, 16), 150)
    _import(actor, entry, _entry_rows(students, rng))
    _import(actor, exit, _exit_rows(students, rng))
    run = _run(actor, entry, exit)
    indicator_set = _green(
        actor, district, [s for s in schools if s.code.startswith("MH-QX")], exit
    )
    say(
        f"评价演示数据：测试 2 次（{entry.current_version.row_count} + "
        f"{exit.current_version.row_count} 条成绩），增值评估 {run.get_status_display()}，"
        f"绿色指标 {GreenIndicatorRecord.objects.filter(indicator__indicator_set=indicator_set).count()} 条"
    )


def _schools(district: Region) -> list[School]:
    junior = [School.Stage.JUNIOR, School.Stage.NINE_YEAR, School.Stage.COMPLETE_SECONDARY]
    experimental = School.objects.filter(district=district, code__startswith="MH-QX")
    others = School.objects.filter(district=district, code__startswith="MH-DEMO", stage__in=junior)
    return list(experimental.order_by("code")) + list(others.order_by("code"))


def _students(schools: list[School], rng: np.random.Generator) -> list[dict[str, Any]]:
    """Simulated pupils: an intake level and a true value added per school, a family SES."""
    students = []
    for index, school in enumerate(schools):
        intake = rng.normal(0, 6)
        effect = rng.normal(1.0 if school.code.startswith("MH-QX") else 0.0, 2.5)
        for number in range(SMALL_SCHOOLS.get(school.code, STUDENTS_PER_SCHOOL)):
            ses = float(rng.normal(intake / 12, 1))
            students.append(
                {
                    "id": f"MH2009{index:03d}{number:04d}",
                    "school": school.code,
                    "gender": "男" if rng.random() < 0.51 else "女",
                    "ses": round(ses, 3),
                    "ability": float(rng.normal(intake, 12) + 3 * ses),
                    "effect": effect,
                    "moved_in": rng.random() < 0.05,  # no entrance score
                }
            )
    return students


def _entry_rows(students: list[dict[str, Any]], rng: np.random.Generator) -> list[list[Any]]:
    rows = []
    for student in students:
        if student["moved_in"]:
            continue
        for subject in SUBJECTS:
            score = 72 + student["ability"] * 0.9 + rng.normal(0, 6)
            rows.append([student["id"], student["school"], subject, _clip(score, 100)])
    return rows


def _exit_rows(students: list[dict[str, Any]], rng: np.random.Generator) -> list[list[Any]]:
    rows = []
    for student in students:
        for subject in SUBJECTS:
            score = 105 + student["ability"] * 1.2 + student["effect"] + rng.normal(0, 12)
            rows.append(
                [
                    student["id"],
                    student["school"],
                    subject,
                    _clip(score, 150),
                    student["gender"],
                    student["ses"],
                ]
            )
    return rows


def _clip(score: float, top: float) -> float:
    return round(min(max(score, 0.0), top), 1)


def _assessment(
    actor: Any, district: Region, name: str, grade: int, year: int, held: datetime.date, top: int
) -> Assessment:
    existing = Assessment.objects.filter(district=district, name=name).first()
    if existing is not None:
        return existing
    return assessment_create(
        actor=actor,
        district=district,
        name=name,
        kind=Assessment.Kind.DISTRICT_TEST if grade == 6 else Assessment.Kind.ZHONGKAO,
        grade=grade,
        subjects=SUBJECTS,
        school_year=year,
        held_on=held,
        score_min=0,
        score_max=top,
    )


def _import(actor: Any, assessment: Assessment, rows: list[list[Any]]) -> None:
    """Through the real pipeline: a CSV as the office would upload it."""
    if assessment.current_version is not None:
        return
    headers = ["学籍号", "学校代码", "科目", "成绩", "性别", "家庭社会经济地位指数"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{assessment.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(headers[: len(rows[0])])
            writer.writerows(rows)
        with path.open("rb") as stream:
            job = import_job_upload(
                actor=actor, assessment=assessment, upload=File(stream, name=path.name)
            )
    has_covariates = len(rows[0]) > 4
    mapping = ColumnMapping(
        student="学籍号",
        school="学校代码",
        subject="科目",
        score="成绩",
        gender="性别" if has_covariates else "",
        ses="家庭社会经济地位指数" if has_covariates else "",
    )
    job = run_import_job(import_job_map(actor=actor, job=job, mapping=mapping).pk)
    if job.status != ImportJob.Status.SUCCEEDED:
        raise RuntimeError(f"demo import failed: {job.errors[:3]}")


def _run(actor: Any, entry: Assessment, exit: Assessment) -> ValueAddedRun:
    existing = ValueAddedRun.objects.filter(entry=entry, exit=exit, model="ri").first()
    if existing is not None:
        return existing
    run = value_added_run_create(
        actor=actor,
        entry=entry,
        exit=exit,
        model="ri",
        covariates=["gender", "ses"],
        min_n=30,
        suppress_below=10,
    )
    if run.status == ValueAddedRun.Status.DRAFT and actor is not None:
        value_added_run_publish(actor=actor, run=run)
    return run


def _green(
    actor: Any, district: Region, schools: list[School], assessment: Assessment
) -> GreenIndicatorSet:
    indicator_set = GreenIndicatorSet.objects.filter(district=district, version="1.0").first()
    if indicator_set is None:
        indicator_set = green_set_install(actor=actor, district=district, version="1.0")
        green_indicator_configure(
            actor=actor,
            indicator=indicator_set.indicators.get(code="academic_level"),
            level_cuts=ACADEMIC_CUTS,
            weight=0,
            raw_direction=GreenIndicator.Direction.HIGHER_BETTER,
        )
    if GreenIndicatorRecord.objects.filter(indicator__indicator_set=indicator_set).exists():
        return indicator_set
    rng = np.random.default_rng(SEED + 1)
    ses_index = indicator_set.indicators.get(source=GreenIndicator.Source.SES_IMPACT)
    for school in schools:
        base = rng.integers(4, 7)
        for year in TEST_YEARS:
            lift = 1 if year == TEST_YEARS[-1] and rng.random() < 0.6 else 0
            for indicator in indicator_set.indicators.all():
                if indicator == ses_index and year == TEST_YEARS[-1]:
                    continue  # computed below from the students' scores and SES
                _record(actor, school, indicator, year, int(base), lift, rng)
    green_ses_compute(
        actor=actor, indicator=ses_index, assessment=assessment, test_year=TEST_YEARS[-1]
    )
    return indicator_set


def _record(
    actor: Any,
    school: School,
    indicator: GreenIndicator,
    year: int,
    base: int,
    lift: int,
    rng: np.random.Generator,
) -> None:
    if indicator.code == "academic_level":
        raw = float(round(500 + 25 * (base - 5) + 15 * lift + rng.normal(0, 8), 1))
        green_record_save(
            actor=actor, school=school, indicator=indicator, test_year=year, raw_score=raw, se=6.5
        )
        return
    if indicator.source == GreenIndicator.Source.SES_IMPACT:
        raw = float(round(abs(rng.normal(9, 3)), 2))
        green_record_save(
            actor=actor, school=school, indicator=indicator, test_year=year, raw_score=raw, se=2.0
        )
        return
    level = int(min(9, max(1, base + lift + rng.integers(-1, 2))))
    green_record_save(actor=actor, school=school, indicator=indicator, test_year=year, level=level)
