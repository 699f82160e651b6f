"""Figures of a programme: its dashboard, targets against where they stand, applications by
status, the leader's overview, communities and their district exhibitions of the school year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from yinling.programmes.models import (
    ACTIVE_APPLICATION,
    REACHED_OFFICE,
    Application,
    ApplicationRound,
    Event,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
    ProgrammeTarget,
)
from yinling.programmes.schoolyear import SchoolYear


@dataclass
class ExhibitionGap:
    community: PracticeCommunity
    held: int
    required: int


@dataclass
class ExhibitionCheck:
    school_year: SchoolYear
    days_left: int
    warn: bool  # within the warning window before the year ends
    gaps: list[ExhibitionGap]


def exhibition_check(programme: Programme, day: date) -> ExhibitionCheck:
    """Every district community short of its district exhibitions (交流展示) this school year."""
    year = SchoolYear.of(day)
    communities = PracticeCommunity.objects.filter(
        programme=programme, level=PracticeCommunity.Level.DISTRICT
    ).annotate(
        held=Count(
            "events",
            filter=Q(
                events__kind=Event.Kind.EXHIBITION,
                events__level=Event.Level.DISTRICT,
                events__held_on__gte=year.start,
                events__held_on__lte=year.end,
            ),
        )
    )
    required = programme.exhibitions_per_year
    gaps = [ExhibitionGap(c, c.held, required) for c in communities if c.held < required]
    days_left = year.days_left(day)
    return ExhibitionCheck(
        school_year=year,
        days_left=days_left,
        warn=bool(gaps) and days_left <= programme.exhibition_warning_days,
        gaps=gaps,
    )


def communities_of(programme: Programme) -> QuerySet[PracticeCommunity]:
    return (
        programme.communities.select_related("domain", "lead_school")
        .annotate(
            member_count=Count("members", distinct=True), event_count=Count("events", distinct=True)
        )
        .order_by("level", "name")
    )


@dataclass
class TargetProgress:
    target: ProgrammeTarget
    current: Decimal | None

    @property
    def percent(self) -> int | None:
        if self.current is None or not self.target.value:
            return None
        return min(int(self.current * 100 / self.target.value), 999)


def target_progress(programme: Programme) -> list[TargetProgress]:
    active = ProgrammeSchool.objects.filter(programme=programme, status__in=ProgrammeSchool.ACTIVE)
    project_schools = active.count()
    values: dict[str, Decimal | None] = {
        ProgrammeTarget.Metric.PROJECT_SCHOOLS: Decimal(project_schools),
        ProgrammeTarget.Metric.CERTIFIED_SCHOOLS: Decimal(
            active.filter(status=ProgrammeSchool.Status.CERTIFIED).count()
        ),
        ProgrammeTarget.Metric.APPROVED_PROJECTS: Decimal(
            Application.objects.filter(
                round__programme=programme, status=Application.Status.APPROVED
            ).count()
        ),
        ProgrammeTarget.Metric.COMMUNITIES: Decimal(programme.communities.count()),
    }
    eligible = programme.eligible_schools().count()
    values[ProgrammeTarget.Metric.COVERAGE_PERCENT] = (
        (Decimal(project_schools) * 100 / eligible).quantize(Decimal("0.1")) if eligible else None
    )
    return [
        TargetProgress(
            t,
            t.manual_value if t.metric == ProgrammeTarget.Metric.MANUAL else values.get(t.metric),
        )
        for t in programme.targets.all()
    ]


def application_counts(programme: Programme) -> dict[str, Any]:
    """The programme's applications by status (withdrawn ones in a row of their own), and how
    many are active: sent in and not withdrawn."""
    applications = Application.objects.filter(round__programme=programme)
    by_status = Counter(dict(applications.values_list("status").annotate(n=Count("pk"))))
    return {
        "by_status": [
            {"code": code, "label": str(label), "count": by_status.get(code, 0)}
            for code, label in Application.Status.choices
        ],
        "active": sum(
            n
            for code, n in by_status.items()
            if code not in {Application.Status.DRAFT, Application.Status.WITHDRAWN}
        ),
        "withdrawn": by_status.get(Application.Status.WITHDRAWN, 0),
    }


@dataclass
class ProgrammeOverview:
    """What a leader reads of a programme at a glance: targets against where they stand, the
    applications by status, and the latest round that has results to read."""

    programme: Programme
    targets: list[TargetProgress]
    statuses: list[dict[str, Any]]  # the statuses that have applications, in workflow order
    active: int
    results_round: ApplicationRound | None


def programme_overview(programme: Programme) -> ProgrammeOverview:
    counts = application_counts(programme)
    sent_in = Application.objects.filter(REACHED_OFFICE, round__programme=programme)
    return ProgrammeOverview(
        programme=programme,
        targets=target_progress(programme),
        statuses=[row for row in counts["by_status"] if row["count"]],
        active=counts["active"],
        results_round=programme.rounds.filter(pk__in=sent_in.values("round_id")).first(),
    )


def dashboard(programme: Programme, day: date) -> dict[str, Any]:
    """Counts for the programme dashboard: applications by status and domain (only active ones:
    drafts and withdrawn applications are not counted), schools by status, targets, and the
    communities' events of the current school year by day. The totals tell the page when a
    chart would be empty."""
    applications = Application.objects.filter(round__programme=programme)
    counts = application_counts(programme)
    by_domain = list(
        applications.filter(ACTIVE_APPLICATION)
        .values("domain__name")
        .annotate(n=Count("pk"))
        .order_by("domain__order")
    )
    schools = Counter(
        dict(
            ProgrammeSchool.objects.filter(programme=programme)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    year = SchoolYear.of(day)
    events = (
        Event.objects.filter(programme=programme, held_on__gte=year.start, held_on__lte=year.end)
        .values("held_on")
        .annotate(n=Count("pk"))
        .order_by("held_on")
    )
    return {
        "applications_by_status": counts["by_status"],
        "applications_total": sum(row["count"] for row in counts["by_status"]),
        "applications_active": counts["active"],
        "applications_withdrawn": counts["withdrawn"],
        "applications_by_domain": [
            {"label": row["domain__name"] or "—", "count": row["n"]} for row in by_domain
        ],
        "schools_by_status": [
            {"code": code, "label": str(label), "count": schools.get(code, 0)}
            for code, label in ProgrammeSchool.Status.choices
        ],
        "schools_total": sum(schools.values()),
        "targets": target_progress(programme),
        "school_year": year,
        "calendar": [[e["held_on"].isoformat(), e["n"]] for e in events],
        "exhibitions": exhibition_check(programme, day),
    }
