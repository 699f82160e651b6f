"""Reads of applications and their review, scoped to what the user may see: which programmes and
districts a user reads, a school's applications and open rounds, review assignments, the expert
register and a round's results."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from yinling.core.models import Region, Role, School
from yinling.core.roles import principal_for
from yinling.programmes.aggregate import EMPTY, Aggregate, aggregate
from yinling.programmes.models import (
    REACHED_OFFICE,
    Application,
    ApplicationRound,
    Decision,
    ExpertProfile,
    Programme,
    ProgrammeSchool,
    ReviewAssignment,
)

SCHOOL_ROLES = (Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF)


def programmes_for(user: Any) -> QuerySet[Programme]:
    """Programmes the user reads: their districts' and every city-level programme."""
    programmes = Programme.objects.select_related("district")
    if user.is_superuser:
        return programmes
    regions = principal_for(user).region_ids(
        Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER, Role.LEADER
    )
    return programmes.filter(Q(district_id__in=regions) | Q(district__isnull=True))


def office_districts(user: Any) -> QuerySet[Region]:
    districts = Region.objects.filter(kind=Region.Kind.DISTRICT)
    if user.is_superuser:
        return districts
    return districts.filter(
        pk__in=principal_for(user).region_ids(Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER)
    )


def applications_in_round(
    round_: ApplicationRound,
    *,
    status: str = "",
    domain_id: int | None = None,
    q: str = "",
) -> QuerySet[Application]:
    applications = (
        round_.applications.select_related("school", "domain", "guide_item")
        .annotate(
            assignment_count=Count("assignments", distinct=True),
            scored_count=Count(
                "assignments",
                filter=Q(assignments__status=ReviewAssignment.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("school__code")
    )
    if status:
        applications = applications.filter(status=status)
    if domain_id:
        applications = applications.filter(domain_id=domain_id)
    if q:
        applications = applications.filter(
            Q(project_name__icontains=q)
            | Q(school__name__icontains=q)
            | Q(school__code__icontains=q)
        )
    return applications


def school_ids_of(user: Any) -> set[int]:
    return principal_for(user).school_ids(*SCHOOL_ROLES)


def applications_of_schools(school_ids: set[int]) -> QuerySet[Application]:
    return (
        Application.objects.filter(school_id__in=school_ids)
        .select_related("round__programme", "school", "domain")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(released_at__isnull=False),
                to_attr="released_decisions",
            )
        )
        .order_by("-round__opens_on", "school__code")
    )


def open_rounds_for_schools(
    school_ids: set[int], day: date
) -> list[tuple[ApplicationRound, School]]:
    """(round, school) pairs where a school may still start an application."""
    schools = list(School.objects.filter(pk__in=school_ids))
    rounds = ApplicationRound.objects.filter(
        opens_on__lte=day, closes_on__gte=day, programme__is_active=True
    ).select_related("programme")
    applied = set(
        Application.objects.filter(school_id__in=school_ids)
        .exclude(status=Application.Status.WITHDRAWN)
        .values_list("round_id", "school_id")
    )
    members = _active_members(school_ids)
    return [
        (round_, school)
        for round_ in rounds
        for school in schools
        if round_.programme.school_is_eligible(school)
        and (round_.pk, school.pk) not in applied
        and (round_.admits_project_schools or (round_.programme_id, school.pk) not in members)
    ]


def open_rounds_closed_to_members(
    school_ids: set[int], day: date
) -> list[tuple[ApplicationRound, School]]:
    """(round, school) pairs where an open round turns the school away because it is already
    a project school of the programme (see ApplicationRound.closed_to)."""
    members = _active_members(school_ids)
    rounds = ApplicationRound.objects.filter(
        opens_on__lte=day,
        closes_on__gte=day,
        programme__is_active=True,
        admits_project_schools=False,
    ).select_related("programme")
    schools = {s.pk: s for s in School.objects.filter(pk__in=school_ids)}
    return [
        (round_, school)
        for round_ in rounds
        for school_id, school in schools.items()
        if (round_.programme_id, school_id) in members
    ]


def _active_members(school_ids: set[int]) -> set[tuple[int, int]]:
    """(programme id, school id) for each school that is a project school of a programme."""
    return set(
        ProgrammeSchool.objects.filter(
            school_id__in=school_ids, status__in=ProgrammeSchool.ACTIVE
        ).values_list("programme_id", "school_id")
    )


def assignments_of(user: Any) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(expert=user)
        .select_related("application__school", "application__domain", "application__round")
        .order_by("status", "-assigned_at")
    )


def expert_memberships(user: Any) -> QuerySet[Any]:
    """Expert roles in the districts the user's office runs, with each expert's register entry."""
    from yinling.core.models import RoleMembership

    return (
        RoleMembership.objects.filter(role=Role.EXPERT, region__in=office_districts(user))
        .select_related("user", "region", "user__expert_profile__affiliation_school")
        .order_by("region__code", "user__username")
    )


@dataclass
class AssignmentRow:
    application: Application
    assignments: list[ReviewAssignment]
    conflicted: dict[int, list[str]]  # expert id -> reasons, for every register expert


def round_assignment_rows(
    round_: ApplicationRound,
) -> tuple[list[AssignmentRow], list[ExpertProfile], Counter[int]]:
    """Applications awaiting review, their assignments, and which register experts conflict."""
    from yinling.programmes.conflicts import ConflictIndex
    from yinling.programmes.services.review_setup import round_experts, round_load

    profiles = round_experts(round_)
    index = ConflictIndex.load([p.user_id for p in profiles])
    applications = (
        round_.applications.filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW]
        )
        .select_related("school", "domain")
        .prefetch_related("assignments__expert")
        .order_by("school__code")
    )
    rows = [
        AssignmentRow(
            application=a,
            assignments=list(a.assignments.all()),
            conflicted={
                p.user_id: reasons
                for p in profiles
                if (reasons := index.reasons(p.user_id, a.school))
            },
        )
        for a in applications
    ]
    return rows, profiles, round_load(round_)


# --- results -----------------------------------------------------------------------------------


@dataclass
class ResultRow:
    application: Application
    aggregate: Aggregate
    totals: list[tuple[Any, Decimal | None]] = field(default_factory=list)  # (expert, total)
    pending: Decision | None = None
    released: Decision | None = None


def round_results(round_: ApplicationRound) -> list[ResultRow]:
    """Every application of the round the school sent in (withdrawn ones too, shown as such),
    with its scores aggregated (see aggregate.py)."""
    applications = list(
        round_.applications.filter(REACHED_OFFICE)
        .select_related("school", "domain")
        .prefetch_related("assignments__expert", "decisions")
        .order_by("school__code")
    )
    triples = [
        (a.pk, x.expert_id, float(x.total))
        for a in applications
        for x in a.assignments.all()
        if x.total is not None
    ]
    aggregates = aggregate(triples)
    rows = []
    for application in applications:
        decisions = sorted(application.decisions.all(), key=lambda d: (d.decided_at, d.pk))
        rows.append(
            ResultRow(
                application=application,
                aggregate=aggregates.get(application.pk, EMPTY),
                totals=[(x.expert, x.total) for x in application.assignments.all()],
                pending=next((d for d in decisions if d.released_at is None), None),
                released=next((d for d in reversed(decisions) if d.released_at), None),
            )
        )
    return rows


def released_decisions(application: Application) -> list[Decision]:
    return list(application.decisions.filter(released_at__isnull=False).order_by("released_at"))
