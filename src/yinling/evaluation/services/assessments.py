"""Creating and editing assessments (the tests whose scores are imported)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, changed, snapshot
from yinling.core.models import Region
from yinling.evaluation.models import Assessment

ERR_NAME_TAKEN = gettext_noop("本区已有名为“%(name)s”的测试")
ERR_NO_SUBJECTS = gettext_noop("请至少填写一个科目")
ERR_SUBJECT_TOO_LONG = gettext_noop("科目“%(subject)s”超过 20 个字符")
ERR_SUBJECT_REPEATED = gettext_noop("科目“%(subject)s”重复")
ERR_SCORE_RANGE = gettext_noop("满分必须高于最低分")
ERR_NOT_A_DISTRICT = gettext_noop("“%(name)s”不是区级行政区域")
ERR_SUBJECTS_IN_USE = gettext_noop("已导入成绩的科目不能删除：%(subjects)s")
ERR_HELD_OUTSIDE_YEAR = gettext_noop(
    "考试日期 %(date)s 属于 %(its)d学年，不在所填的 %(year)d学年（%(year)d年9月至次年8月）内"
)


def school_year_of(day: date) -> int:
    """The school year (学年) a day falls in: 2023学年 runs from 1 September 2023 to 31 August
    2024."""
    return day.year if day.month >= 9 else day.year - 1


FIELDS = (
    "name",
    "kind",
    "grade",
    "subjects",
    "school_year",
    "held_on",
    "score_min",
    "score_max",
)


def clean_subjects(subjects: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for subject in (s.strip() for s in subjects):
        if not subject:
            continue
        if len(subject) > 20:
            raise ValidationError({"subjects": _(ERR_SUBJECT_TOO_LONG) % {"subject": subject}})
        if subject in cleaned:
            raise ValidationError({"subjects": _(ERR_SUBJECT_REPEATED) % {"subject": subject}})
        cleaned.append(subject)
    if not cleaned:
        raise ValidationError({"subjects": _(ERR_NO_SUBJECTS)})
    return cleaned


def _validate(assessment: Assessment) -> None:
    if assessment.district.kind != Region.Kind.DISTRICT:
        raise ValidationError(
            {"district": _(ERR_NOT_A_DISTRICT) % {"name": assessment.district.name}}
        )
    if assessment.score_max <= assessment.score_min:
        raise ValidationError({"score_max": _(ERR_SCORE_RANGE)})
    held, year = assessment.held_on, assessment.school_year
    if isinstance(held, date) and year and school_year_of(held) != year:
        raise ValidationError(
            {
                "held_on": _(ERR_HELD_OUTSIDE_YEAR)
                % {
                    "date": date_format(held),
                    "its": school_year_of(held),
                    "year": year,
                }
            }
        )
    clash = Assessment.objects.filter(district=assessment.district, name=assessment.name)
    if clash.exclude(pk=assessment.pk).exists():
        raise ValidationError({"name": _(ERR_NAME_TAKEN) % {"name": assessment.name}})
    assessment.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def assessment_create(
    *,
    actor: Any,
    district: Region,
    name: str,
    kind: str,
    grade: int,
    subjects: Sequence[str],
    school_year: int,
    held_on: date,
    score_min: float = 0,
    score_max: float = 100,
) -> Assessment:
    """Register a test whose scores will be imported."""
    assessment = Assessment(
        district=district,
        name=name.strip(),
        kind=kind,
        grade=grade,
        subjects=clean_subjects(subjects),
        school_year=school_year,
        held_on=held_on,
        score_min=float(score_min),
        score_max=float(score_max),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate(assessment)
    assessment.save()
    audit_record(
        actor=actor,
        action="assessment.create",
        obj=assessment,
        after=snapshot(assessment, ("district", *FIELDS)),
    )
    return assessment


@transaction.atomic
def assessment_update(*, actor: Any, assessment: Assessment, **values: Any) -> Assessment:
    """Change an assessment's description; subjects that already hold scores stay."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(assessment, FIELDS)
    if "subjects" in values:
        values["subjects"] = clean_subjects(values["subjects"])
        used = _subjects_with_scores(assessment) - set(values["subjects"])
        if used:
            raise ValidationError(
                {"subjects": _(ERR_SUBJECTS_IN_USE) % {"subjects": "、".join(sorted(used))}}
            )
    if "name" in values:
        values["name"] = values["name"].strip()
    for name, value in values.items():
        setattr(assessment, name, value)
    _validate(assessment)
    assessment.save(update_fields=list(values))
    old, new = changed(before, snapshot(assessment, FIELDS))
    if new:
        audit_record(actor=actor, action="assessment.update", obj=assessment, before=old, after=new)
    return assessment


def _subjects_with_scores(assessment: Assessment) -> set[str]:
    subjects: set[str] = set()
    for version in assessment.versions.all():
        subjects.update(version.subjects)
    return subjects
