"""Green indicators: installing an index set, configuring it, recording and importing results,
and computing the socio-economic impact index from student data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, changed, snapshot
from yinling.core.models import Region, School
from yinling.core.tabular import ImportRejected, RowError, read_xlsx, require_columns
from yinling.evaluation import ses as ses_stats
from yinling.evaluation.green_standards import STANDARD_SETS, IndexSpec
from yinling.evaluation.models import (
    Assessment,
    AssessmentResult,
    GreenIndicator,
    GreenIndicatorRecord,
    GreenIndicatorSet,
)
from yinling.evaluation.services.assessments import school_year_of

ERR_UNKNOWN_VERSION = gettext_noop("没有名为“%(version)s”的标准指标体系")
ERR_SET_EXISTS = gettext_noop("本区已有“%(version)s”版指标体系")
ERR_CUTS = gettext_noop("等级划分点须为 8 个由小到大的数（或留空，表示直接填写等级）")
ERR_WEIGHT = gettext_noop("权重不能为负数")
ERR_LEVEL = gettext_noop("等级须为 1 到 9 的整数")
ERR_LEVEL_OR_RAW = gettext_noop("请填写等级，或填写原始分并先为该指标设置等级划分点")
ERR_LEVEL_MISMATCH = gettext_noop(
    "原始分 %(raw)s 按划分点应为 %(expected)d 级，与填写的 %(level)d 级不符"
)
ERR_SE = gettext_noop("标准误不能为负数")
ERR_SE_WITHOUT_RAW = gettext_noop("填写标准误时须同时填写原始分")
ERR_OTHER_DISTRICT = gettext_noop("学校“%(school)s”不属于该指标体系所在的区")
ERR_YEAR = gettext_noop(
    "测试年度 %(year)d 不合理：须在 %(first)d 到 %(last)d 之间，不能晚于当前学年"
)
ERR_SES_YEAR = gettext_noop(
    "测试年度 %(year)d 与所选测试“%(name)s”的学年（%(school_year)d学年）不一致"
)
FIRST_TEST_YEAR = 2000
ERR_REQUIRED = gettext_noop("必填")
ERR_UNKNOWN_SCHOOL = gettext_noop("学校代码“%(code)s”不是本区的学校")
ERR_UNKNOWN_INDICATOR = gettext_noop("“%(name)s”不是该指标体系中的指标")
ERR_NOT_A_NUMBER = gettext_noop("“%(value)s”不是数字")
ERR_DUPLICATE = gettext_noop("与第 %(row)d 行重复（同一学校、年度和指标）")
ERR_NOT_SES = gettext_noop("“%(name)s”不是由学生数据计算的指标")
ERR_NO_SES_DATA = gettext_noop("“%(name)s”的当前数据中没有学生的家庭社会经济地位指数")
ERR_NO_SCHOOL_BIG_ENOUGH = gettext_noop(
    "没有学校有至少 %(n)d 名同时具有成绩与社会经济地位指数的学生"
)

IMPORT_COLUMNS = ["学校代码", "测试年度", "指标", "等级", "原始分", "标准误"]


@transaction.atomic
def green_set_install(*, actor: Any, district: Region, version: str) -> GreenIndicatorSet:
    """Give a district one of the published index systems, ready to configure."""
    spec = STANDARD_SETS.get(version)
    if spec is None:
        raise ValidationError(_(ERR_UNKNOWN_VERSION) % {"version": version})
    if GreenIndicatorSet.objects.filter(district=district, version=version).exists():
        raise ValidationError(_(ERR_SET_EXISTS) % {"version": version})
    indicator_set = GreenIndicatorSet.objects.create(
        district=district, name=spec.name, version=spec.version, description=spec.description
    )
    order = 0
    for index in spec.indices:
        order = _install_index(indicator_set, index, None, order)
    audit_record(
        actor=actor,
        action="green_set.install",
        obj=indicator_set,
        after={"version": version, "indicators": indicator_set.indicators.count()},
    )
    return indicator_set


def _install_index(
    indicator_set: GreenIndicatorSet, spec: IndexSpec, parent: GreenIndicator | None, order: int
) -> int:
    order += 1
    indicator = GreenIndicator.objects.create(
        indicator_set=indicator_set,
        parent=parent,
        code=spec.code,
        name=spec.name,
        order=order,
        source=spec.source,
        raw_direction=spec.raw_direction,
        level_cuts=list(spec.level_cuts),
        description=spec.description,
    )
    for child in spec.children:
        order = _install_index(indicator_set, child, indicator, order)
    return order


def clean_cuts(cuts: Sequence[float] | None) -> list[float]:
    values = [float(c) for c in cuts or []]
    if values and (
        len(values) != 8 or any(b <= a for a, b in zip(values, values[1:], strict=False))
    ):
        raise ValidationError({"level_cuts": _(ERR_CUTS)})
    return values


@transaction.atomic
def green_indicator_configure(
    *,
    actor: Any,
    indicator: GreenIndicator,
    level_cuts: Sequence[float] | None,
    weight: float,
    raw_direction: str,
) -> GreenIndicator:
    """Change an index's configuration: cut points, direction, composite weight."""
    fields = ("level_cuts", "weight", "raw_direction")
    before = snapshot(indicator, fields)
    if weight < 0:
        raise ValidationError({"weight": _(ERR_WEIGHT)})
    indicator.level_cuts = clean_cuts(level_cuts)
    indicator.weight = float(weight)
    indicator.raw_direction = raw_direction
    indicator.full_clean(validate_unique=False, validate_constraints=False)
    indicator.save(update_fields=list(fields))
    old, new = changed(before, snapshot(indicator, fields))
    if new:
        audit_record(
            actor=actor, action="green_indicator.configure", obj=indicator, before=old, after=new
        )
    return indicator


def level_from_raw(indicator: GreenIndicator, raw: float) -> int | None:
    if not indicator.level_cuts:
        return None
    lower = indicator.raw_direction == GreenIndicator.Direction.LOWER_BETTER
    return ses_stats.level_for(raw, indicator.level_cuts, lower_better=lower)


def _checked_level(
    indicator: GreenIndicator, level: int | None, raw: float | None, se: float | None
) -> int:
    """The level to store, or a ValidationError naming the field that is wrong."""
    if se is not None and se < 0:
        raise ValidationError({"se": _(ERR_SE)})
    if se is not None and raw is None:
        raise ValidationError({"se": _(ERR_SE_WITHOUT_RAW)})
    if level is not None and (int(level) != level or not 1 <= level <= 9):
        raise ValidationError({"level": _(ERR_LEVEL)})
    expected = level_from_raw(indicator, raw) if raw is not None else None
    if level is None and expected is None:
        raise ValidationError({"level": _(ERR_LEVEL_OR_RAW)})
    if level is not None and expected is not None and level != expected:
        raise ValidationError(
            {
                "level": _(ERR_LEVEL_MISMATCH)
                % {"raw": f"{raw:g}", "expected": expected, "level": level}
            }
        )
    return int(level if level is not None else expected)  # type: ignore[arg-type]


@transaction.atomic
def green_record_save(
    *,
    actor: Any,
    school: School,
    indicator: GreenIndicator,
    test_year: int,
    level: int | None = None,
    raw_score: float | None = None,
    se: float | None = None,
    details: dict[str, Any] | None = None,
    source: str = GreenIndicatorRecord.Source.ENTERED,
) -> GreenIndicatorRecord:
    """Record (or correct) a school's result on one index in one test year."""
    if school.district_id != indicator.indicator_set.district_id:
        raise ValidationError({"school": _(ERR_OTHER_DISTRICT) % {"school": school}})
    check_test_year(test_year)
    stored_level = _checked_level(indicator, level, raw_score, se)
    fields = ("level", "raw_score", "se", "details", "source")
    record = GreenIndicatorRecord.objects.filter(
        indicator=indicator, school=school, test_year=test_year
    ).first()
    before = snapshot(record, fields) if record else {}
    if record is None:
        record = GreenIndicatorRecord(indicator=indicator, school=school, test_year=test_year)
    record.level, record.raw_score, record.se = stored_level, raw_score, se
    record.details, record.source = details or {}, source
    record.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    if record.pk is None:
        record.save()
    else:
        record.save(update_fields=[*fields, "updated_by", "updated_at"])
    old, new = changed(before, snapshot(record, fields))
    if new:
        audit_record(
            actor=actor,
            action="green_record.save",
            obj=record,
            before=old or None,
            after={**new, "school": school.pk, "indicator": indicator.code, "year": test_year},
        )
    return record


@transaction.atomic
def green_school_year_save(
    *,
    actor: Any,
    school: School,
    test_year: int,
    values: dict[GreenIndicator, dict[str, Any]],
) -> list[GreenIndicatorRecord]:
    """A school's results on several indices in one test year, all or nothing. Errors are
    reported per index, as {"<indicator pk>:<field>": [message]}."""
    records, problems = [], {}
    for indicator, entry in values.items():
        try:
            with transaction.atomic():
                records.append(
                    green_record_save(
                        actor=actor,
                        school=school,
                        indicator=indicator,
                        test_year=test_year,
                        **entry,
                    )
                )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                problems[f"{indicator.pk}:{field}"] = messages
    if problems:
        raise ValidationError(problems)
    return records


@dataclass
class GreenImportResult:
    saved: int


def _number(value: Any, row: int, column: str, errors: list[RowError]) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        errors.append(RowError(row, column, _(ERR_NOT_A_NUMBER) % {"value": value}))
        return None


@transaction.atomic
def green_import(
    *, actor: Any, indicator_set: GreenIndicatorSet, stream: IO[bytes]
) -> GreenImportResult:
    """Import results from the XLSX template (one row per school, year and index): every row is
    checked first; one bad row and nothing is written."""
    sheet = read_xlsx(stream)
    require_columns(sheet, IMPORT_COLUMNS[:3])
    schools = {s.code: s for s in School.objects.filter(district=indicator_set.district)}
    indicators = {i.name: i for i in indicator_set.indicators.all()}
    errors: list[RowError] = []
    rows, seen = [], {}
    for number, values in sheet.rows:
        before = len(errors)
        parsed = _import_row(number, values, schools, indicators, errors)
        if parsed is None or len(errors) > before:
            continue
        key = (parsed["school"].pk, parsed["indicator"].pk, parsed["test_year"])
        if key in seen:
            errors.append(RowError(number, "", _(ERR_DUPLICATE) % {"row": seen[key]}))
            continue
        seen[key] = number
        rows.append((number, parsed))
    for number, parsed in rows:
        try:
            with transaction.atomic():
                green_record_save(
                    actor=actor, source=GreenIndicatorRecord.Source.IMPORTED, **parsed
                )
        except ValidationError as error:
            column = {"level": "等级", "se": "标准误", "test_year": "测试年度"}
            for field, messages in error.message_dict.items():
                errors.extend(RowError(number, column.get(field, ""), m) for m in messages)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    return GreenImportResult(saved=len(rows))


def _import_row(
    number: int,
    values: dict[str, Any],
    schools: dict[str, School],
    indicators: dict[str, GreenIndicator],
    errors: list[RowError],
) -> dict[str, Any] | None:
    for column in IMPORT_COLUMNS[:3]:
        if values.get(column) in (None, ""):
            errors.append(RowError(number, column, _(ERR_REQUIRED)))
    code = str(values.get("学校代码") or "").strip()
    school = schools.get(code)
    if code and school is None:
        errors.append(RowError(number, "学校代码", _(ERR_UNKNOWN_SCHOOL) % {"code": code}))
    name = str(values.get("指标") or "").strip()
    indicator = indicators.get(name)
    if name and indicator is None:
        errors.append(RowError(number, "指标", _(ERR_UNKNOWN_INDICATOR) % {"name": name}))
    year = _number(values.get("测试年度"), number, "测试年度", errors)
    level = _number(values.get("等级"), number, "等级", errors)
    raw = _number(values.get("原始分"), number, "原始分", errors)
    se = _number(values.get("标准误"), number, "标准误", errors)
    if school is None or indicator is None or year is None:
        return None
    return {
        "school": school,
        "indicator": indicator,
        "test_year": int(year),
        "level": None if level is None else (int(level) if level.is_integer() else level),
        "raw_score": raw,
        "se": se,
    }


@dataclass
class SesComputation:
    records: list[GreenIndicatorRecord]
    skipped: dict[str, int]  # school name -> students (too few)


def latest_test_year(today: date | None = None) -> int:
    """The current school year: no test year may lie beyond it."""
    return school_year_of(today or timezone.localdate())


def check_test_year(test_year: int) -> None:
    last = latest_test_year()
    if not FIRST_TEST_YEAR <= test_year <= last:
        raise ValidationError(
            {"test_year": _(ERR_YEAR) % {"year": test_year, "first": FIRST_TEST_YEAR, "last": last}}
        )


@transaction.atomic
def green_ses_compute(
    *,
    actor: Any,
    indicator: GreenIndicator,
    assessment: Assessment,
    test_year: int,
    min_n: int = 30,
) -> SesComputation:
    """The socio-economic impact index of every school with enough students: R² (in per cent)
    of achievement on the family SES index, with the slope and both intervals in the details."""
    if indicator.source != GreenIndicator.Source.SES_IMPACT:
        raise ValidationError({"indicator": _(ERR_NOT_SES) % {"name": indicator.name}})
    check_test_year(test_year)
    if test_year != assessment.school_year:
        raise ValidationError(
            {
                "test_year": _(ERR_SES_YEAR)
                % {
                    "year": test_year,
                    "name": assessment.name,
                    "school_year": assessment.school_year,
                }
            }
        )
    version = assessment.current_version
    students = _student_achievement(version) if version else pl.DataFrame()
    if students.is_empty():
        raise ValidationError({"assessment": _(ERR_NO_SES_DATA) % {"name": assessment.name}})
    schools = School.objects.in_bulk(students.get_column("school").unique().to_list())
    records, skipped = [], {}
    for (school_id,), group in students.group_by("school", maintain_order=True):
        school = schools[school_id]
        if group.height < min_n:
            skipped[str(school)] = group.height
            continue
        impact = ses_stats.ses_impact(group.get_column("score"), group.get_column("ses"))
        records.append(
            green_record_save(
                actor=actor,
                school=school,
                indicator=indicator,
                test_year=test_year,
                raw_score=round(impact.r2 * 100, 4),
                se=round(impact.r2_se * 100, 4),
                details={**impact.to_json(), "assessment": assessment.pk, "version": version.pk},
                source=GreenIndicatorRecord.Source.COMPUTED,
            )
        )
    if not records:
        raise ValidationError({"assessment": _(ERR_NO_SCHOOL_BIG_ENOUGH) % {"n": min_n}})
    return SesComputation(records=records, skipped=skipped)


def _student_achievement(version: Any) -> pl.DataFrame:
    """Each student's achievement (mean z-score over subjects) with their SES index."""
    rows = list(
        AssessmentResult.objects.filter(version=version, ses__isnull=False).values_list(
            "student_key", "school_id", "subject", "score", "ses"
        )
    )
    if not rows:
        return pl.DataFrame()
    frame = pl.DataFrame(
        rows,
        schema={
            "student": pl.String,
            "school": pl.Int64,
            "subject": pl.String,
            "score": pl.Float64,
            "ses": pl.Float64,
        },
        orient="row",
    )
    z = (pl.col("score") - pl.col("score").mean()) / pl.col("score").std()
    return (
        frame.with_columns(z.over("subject").alias("z"))
        .group_by("student", "school")
        .agg(pl.col("z").mean().alias("score"), pl.col("ses").first())
        .sort("school", "student")
        .drop_nulls()
    )
