"""Programmes in the JSON API: programmes and their dashboards, a round's applications, one
application (scores only once the caller may see them), and an expert's assignments.

Read-only; every endpoint asks the same permission gate as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from yinling.core.permissions import can
from yinling.programmes import application_selectors, dashboard_selectors
from yinling.programmes.aggregate import EMPTY
from yinling.programmes.models import TEXT_FIELDS, Application, ApplicationRound, Programme
from yinling.programmes.services import access_denied_record

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    district: str | None
    document_number: str
    period_start: date
    period_end: date
    is_active: bool


class CountOut(Schema):
    code: str = ""
    label: str
    count: int


class TargetOut(Schema):
    name: str
    metric: str
    value: float
    unit: str
    due_on: date
    current: float | None
    percent: int | None


class DashboardOut(Schema):
    school_year: str
    applications_by_status: list[CountOut]
    applications_by_domain: list[CountOut]
    schools_by_status: list[CountOut]
    targets: list[TargetOut]
    communities_without_exhibition: list[str]


class ApplicationSummaryOut(Schema):
    id: int
    display_id: str
    school_code: str
    school: str
    project_name: str
    domain: str | None
    status: str
    submitted_at: datetime | None


class ScoresOut(Schema):
    count: int
    mean: float | None
    spread: float | None
    calibrated: float | None


class ApplicationOut(ApplicationSummaryOut):
    round: str
    leader_name: str
    liaison_name: str
    phone: str
    applied_on: date | None
    source: str
    guide_item: str | None
    texts: dict[str, str]
    scores: ScoresOut | None


class AssignmentOut(Schema):
    id: int
    application_id: int
    project_name: str
    school: str
    status: str
    total: float | None


def _get(queryset: Any, pk: int) -> Any:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def _summary(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "display_id": a.display_id,
        "school_code": a.school.code,
        "school": a.school.name,
        "project_name": a.project_name,
        "domain": a.domain.name if a.domain_id else None,
        "status": a.status,
        "submitted_at": a.submitted_at,
    }


@router.get(
    "/programmes",
    response=list[ProgrammeOut],
    url_name="programmes_list",
    summary="Programmes the user reads",
)
def programme_list(request: HttpRequest) -> list[dict[str, Any]]:
    if not can(request.user, "programmes.view"):
        raise PermissionDenied
    return [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "level": p.level,
            "district": p.district.name if p.district else None,
            "document_number": p.document_number,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "is_active": p.is_active,
        }
        for p in application_selectors.programmes_for(request.user)
    ]


@router.get(
    "/programmes/{programme_id}/dashboard",
    response=DashboardOut,
    url_name="programmes_dashboard",
    summary="Counts by status and domain, targets, communities short of exhibitions",
)
def programme_dashboard(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    programme = _get(Programme.objects.select_related("district"), programme_id)
    if not can(request.user, "programmes.view", programme):
        raise Http404
    data = dashboard_selectors.dashboard(programme, timezone.localdate())
    return {
        "school_year": data["school_year"].label,
        "applications_by_status": data["applications_by_status"],
        "applications_by_domain": data["applications_by_domain"],
        "schools_by_status": data["schools_by_status"],
        "targets": [
            {
                "name": t.target.name,
                "metric": t.target.metric,
                "value": float(t.target.value),
                "unit": t.target.unit,
                "due_on": t.target.due_on,
                "current": float(t.current) if t.current is not None else None,
                "percent": t.percent,
            }
            for t in data["targets"]
        ],
        "communities_without_exhibition": [g.community.name for g in data["exhibitions"].gaps],
    }


@router.get(
    "/rounds/{round_id}/applications",
    response=list[ApplicationSummaryOut],
    url_name="programmes_round_applications",
    summary="A round's applications (the office and leaders)",
)
def round_applications(
    request: HttpRequest, round_id: int, status: str = ""
) -> list[dict[str, Any]]:
    round_ = _get(ApplicationRound.objects.select_related("programme__district"), round_id)
    if not can(request.user, "programmes.view", round_):
        raise Http404
    return [_summary(a) for a in application_selectors.applications_in_round(round_, status=status)]


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    url_name="programmes_application",
    summary="One application; scores only where the caller may see them",
)
def application_detail(request: HttpRequest, application_id: int) -> dict[str, Any]:
    application = _get(
        Application.objects.select_related(
            "round__programme__district", "school", "domain", "guide_item"
        ),
        application_id,
    )
    if not can(request.user, "programmes.application_view", application):
        access_denied_record(
            actor=request.user, obj=application, action="programmes.application_view"
        )
        raise Http404
    scores = None
    if can(request.user, "programmes.scores_view", application):
        result = next(
            (
                r
                for r in application_selectors.round_results(application.round)
                if r.application.pk == application.pk
            ),
            None,
        )
        aggregate = result.aggregate if result else EMPTY
        scores = {
            "count": aggregate.count,
            "mean": aggregate.mean,
            "spread": aggregate.spread,
            "calibrated": aggregate.calibrated,
        }
    return {
        **_summary(application),
        "round": application.round.name,
        "leader_name": application.leader_name,
        "liaison_name": application.liaison_name,
        "phone": application.phone,
        "applied_on": application.applied_on,
        "source": application.source,
        "guide_item": application.guide_item.title if application.guide_item_id else None,
        "texts": {name: getattr(application, name) for name, _label, _limit in TEXT_FIELDS},
        "scores": scores,
    }


@router.get(
    "/reviews",
    response=list[AssignmentOut],
    url_name="programmes_reviews",
    summary="The calling expert's assignments",
)
def reviews(request: HttpRequest) -> list[dict[str, Any]]:
    if not can(request.user, "programmes.review_home"):
        raise PermissionDenied
    return [
        {
            "id": a.pk,
            "application_id": a.application_id,
            "project_name": a.application.project_name,
            "school": a.application.school.name,
            "status": a.status,
            "total": float(a.total) if a.total is not None else None,
        }
        for a in application_selectors.assignments_of(request.user)
    ]
