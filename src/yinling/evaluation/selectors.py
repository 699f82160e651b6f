"""Reads that evaluation pages share, scoped to what the user may see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from yinling.core.models import Region, Role, School
from yinling.core.roles import principal_for
from yinling.core.selectors import districts_for, readable_districts
from yinling.evaluation import ses as ses_stats
from yinling.evaluation.models import (
    Assessment,
    Band,
    DataVersion,
    GreenIndicator,
    GreenIndicatorRecord,
    GreenIndicatorSet,
    ImportJob,
    SchoolValueAdded,
    ValueAddedRun,
)


def office_districts(user: Any) -> QuerySet[Region]:
    """Districts where the user runs evaluation (district admin or programme officer)."""
    return districts_for(user, Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER)


def assessment_list(user: Any, *, district_id: int | None = None) -> QuerySet[Assessment]:
    assessments = (
        Assessment.objects.filter(district__in=readable_districts(user))
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DataVersion.objects.filter(status=DataVersion.Status.ACTIVE),
                to_attr="active_versions",
            )
        )
    )
    if district_id:
        assessments = assessments.filter(district_id=district_id)
    return assessments


def assessment_versions(assessment: Assessment) -> QuerySet[DataVersion]:
    return assessment.versions.filter(
        Q(status=DataVersion.Status.ACTIVE) | Q(status=DataVersion.Status.SUPERSEDED)
    ).select_related("created_by")


def import_jobs(assessment: Assessment) -> QuerySet[ImportJob]:
    return assessment.import_jobs.select_related("created_by", "version")[:20]


def assessments_with_scores(district: Region) -> QuerySet[Assessment]:
    """Assessments of a district that have a current data version, for choosing a pair."""
    return (
        Assessment.objects.filter(district=district, versions__status=DataVersion.Status.ACTIVE)
        .annotate(active=Count("versions"))
        .order_by("school_year", "grade", "name")
    )


def run_list(user: Any) -> QuerySet[ValueAddedRun]:
    return ValueAddedRun.objects.filter(district__in=readable_districts(user)).select_related(
        "district", "entry", "exit", "created_by"
    )


def run_estimates(run: ValueAddedRun, subject: str) -> QuerySet[SchoolValueAdded]:
    """A run's rows for one subject, in school-code order: a register, never a league table."""
    return run.schools.filter(subject=subject).select_related("school").order_by("school__code")


def run_subjects(run: ValueAddedRun) -> list[str]:
    """The subjects a run reports, the combination first."""
    subjects = list(run.schools.order_by().values_list("subject", flat=True).distinct())
    subjects.sort(
        key=lambda s: (
            s != SchoolValueAdded.COMBINED,
            run.subjects.index(s) if s in run.subjects else 0,
        )
    )
    return subjects


def run_model_summary(run: ValueAddedRun, subject: str) -> dict[str, Any]:
    """The fitted model behind one subject's estimates (the combined model for 综合): fixed
    effects with their standard errors, variance components, ICC, R², convergence and the
    numbers of students and schools. A run that kept no per-subject summaries gives its main
    model."""
    for summary in run.model_summaries:
        if summary.get("subject") == subject:
            return summary
    return {
        "model": run.model,
        "subject": None,
        "fixed_effects": run.fixed_effects,
        "variance_components": run.variance_components,
        "icc": run.icc,
        "r2": run.r2,
        "converged": run.converged,
        "n_students": run.n_students,
        "n_schools": run.n_schools,
    }


def band_counts(rows: Iterable[SchoolValueAdded]) -> list[dict[str, Any]]:
    """Schools per band, counted on the rows the page shows anyway rather than in a query of
    their own (a queryset passed here is fetched once and keeps its rows)."""
    counts = Counter(row.band for row in rows if row.band)
    return [
        {"band": band, "label": label, "count": counts.get(band, 0)} for band, label in Band.choices
    ]


# --- the school's evaluation profile ----------------------------------------------------------


def programme_status(school: School) -> dict[str, Any] | None:
    """The school's programme memberships and where each stands, from the programmes app;
    None when the school belongs to no programme."""
    from yinling.programmes.school_record_selectors import school_programme_statuses

    items = [
        {**item, "since": date.fromisoformat(item["since"])} if item.get("since") else item
        for item in school_programme_statuses(school)
    ]
    return {"items": items} if items else None


def profile_schools(user: Any) -> QuerySet[School]:
    """Schools whose profile the user may open from a list: a reader's district schools."""
    return School.objects.filter(district__in=readable_districts(user)).select_related("district")


def own_schools(user: Any) -> QuerySet[School]:
    from yinling.evaluation.permissions import SCHOOL_ROLES

    ids = principal_for(user).school_ids(*SCHOOL_ROLES)
    return School.objects.filter(pk__in=ids).select_related("district")


def profile_value_added(school: School) -> list[SchoolValueAdded]:
    """The school's published estimates, oldest exit first: per run the combined estimate when
    there is one, otherwise the one subject's."""
    rows = (
        SchoolValueAdded.objects.filter(school=school, run__status=ValueAddedRun.Status.PUBLISHED)
        .select_related("run", "run__entry", "run__exit", "school")
        .order_by("run__exit__held_on", "run__created_at", "subject")
    )
    by_run: dict[int, list[SchoolValueAdded]] = {}
    for row in rows:
        by_run.setdefault(row.run_id, []).append(row)
    chosen = []
    for run_rows in by_run.values():
        combined = [r for r in run_rows if r.subject == SchoolValueAdded.COMBINED]
        main = combined[0] if combined else run_rows[0]
        main.subject_rows = [r for r in run_rows if r is not main]  # type: ignore[attr-defined]
        chosen.append(main)
    return chosen


def value_added_trend(rows: list[SchoolValueAdded]) -> list[dict[str, Any]]:
    """Chart points in standard-deviation units, so that runs on different tests compare."""
    points = []
    for row in rows:
        if row.estimate_sd is None or row.se_sd is None:
            continue
        points.append(
            {
                "label": row.run.exit.name,
                "estimate": row.estimate_sd,
                "low": row.estimate_sd - ses_stats.Z_95 * row.se_sd,
                "high": row.estimate_sd + ses_stats.Z_95 * row.se_sd,
                "band": row.band,
                "band_label": row.get_band_display(),
            }
        )
    return points


RADAR_MIN_POINTS = 3  # fewer levels in a year draw a spoke, not a shape


def _radar_years(years: list[int], leaves: list[Any], by_key: dict[Any, Any]) -> list[int]:
    """The latest two test years with a shape on the radar: a year holding only one or two
    levels (say the socio-economic index, computed before the rest was imported) would draw a
    stray spoke over the comparison; it stays in the table and the trend. A school with fewer
    indices than that in all needs only as many; with no year full enough, the latest year."""
    need = min(RADAR_MIN_POINTS, len(leaves))
    full = [y for y in years if sum((i.pk, y) in by_key for i in leaves) >= need]
    return full[-2:] or years[-1:]


def profile_green(school: School) -> dict[str, Any] | None:
    """The school's green-indicator results in the index set it was last recorded in: levels by
    year, the change between consecutive test years with its interval, radar and trend data."""
    latest = (
        GreenIndicatorRecord.objects.filter(school=school)
        .select_related("indicator__indicator_set")
        .order_by("-test_year", "-updated_at")
        .first()
    )
    if latest is None:
        return None
    indicator_set = latest.indicator.indicator_set
    indicators = list(indicator_set.indicators.prefetch_related("children"))
    records = GreenIndicatorRecord.objects.filter(
        school=school, indicator__indicator_set=indicator_set
    )
    by_key = {(r.indicator_id, r.test_year): r for r in records}
    years = sorted({year for _, year in by_key})
    shown = [i for i in indicators if any((i.pk, y) in by_key for y in years)]
    leaves = [i for i in shown if not i.children.all()]
    table = [
        {
            "indicator": i,
            "cells": [by_key.get((i.pk, y)) for y in years],
            "changes": _changes(i, years, by_key),
        }
        for i in shown
    ]
    weights = {str(i.pk): i.weight for i in indicators}
    composites = [
        ses_stats.composite(
            {str(i.pk): by_key[(i.pk, y)].level for i in indicators if (i.pk, y) in by_key}, weights
        )
        for y in years
    ]
    return {
        "set": indicator_set,
        "years": years,
        "table": table,
        "composites": composites if any(c is not None for c in composites) else None,
        "radar": {
            "indicators": [i.name for i in leaves],
            "series": [
                {
                    "name": str(y),
                    "values": [
                        by_key[(i.pk, y)].level if (i.pk, y) in by_key else None for i in leaves
                    ],
                }
                for y in _radar_years(years, leaves, by_key)
            ],
        },
        "trend": {
            "years": [str(y) for y in years],
            "series": [
                {
                    "name": i.name,
                    "values": [
                        by_key[(i.pk, y)].level if (i.pk, y) in by_key else None for y in years
                    ],
                }
                for i in shown
            ],
        },
    }


def _changes(
    indicator: GreenIndicator, years: list[int], by_key: dict[tuple[int, int], GreenIndicatorRecord]
) -> list[ses_stats.Change]:
    present = [y for y in years if (indicator.pk, y) in by_key]
    changes = []
    for first, second in zip(present, present[1:], strict=False):
        a, b = by_key[(indicator.pk, first)], by_key[(indicator.pk, second)]
        changes.append(
            ses_stats.change(
                first, second, (a.level, b.level), (a.raw_score, b.raw_score), (a.se, b.se)
            )
        )
    return changes


# --- green indicators ---------------------------------------------------------------------------


def green_sets(user: Any) -> QuerySet[GreenIndicatorSet]:
    return GreenIndicatorSet.objects.filter(district__in=readable_districts(user)).select_related(
        "district"
    )


def green_years(indicator_set: GreenIndicatorSet) -> list[int]:
    years = GreenIndicatorRecord.objects.filter(indicator__indicator_set=indicator_set)
    return sorted(set(years.values_list("test_year", flat=True)), reverse=True)


def green_register(indicator_set: GreenIndicatorSet, year: int | None) -> dict[str, Any]:
    """Every school of the district with its levels in one test year, in school-code order."""
    indicators = list(indicator_set.indicators.all())
    records = GreenIndicatorRecord.objects.filter(
        indicator__indicator_set=indicator_set, test_year=year
    )
    levels = {(r.school_id, r.indicator_id): r.level for r in records}
    schools = School.objects.filter(pk__in={school for school, _ in levels}).order_by("code")
    return {
        "indicators": indicators,
        "rows": [
            {"school": s, "levels": [levels.get((s.pk, i.pk)) for i in indicators]} for s in schools
        ],
    }


def green_records(school: School) -> QuerySet[GreenIndicatorRecord]:
    return (
        GreenIndicatorRecord.objects.filter(school=school)
        .select_related("indicator")
        .order_by("test_year", "indicator__indicator_set", "indicator__order")
    )
