"""Plan supervision in the JSON API: plans, their tasks with computed statuses, target histories.

Read-only; each endpoint asks the same permission gate as the pages, and a department reporter
sees only the tasks of their own departments.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from yinling.core.permissions import can, get_object_for_user
from yinling.plans import selectors
from yinling.plans.models import Plan, Target

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    district: str
    status: str
    issued_on: date | None
    period_start: date | None
    period_end: date | None


class TargetOut(Schema):
    id: int
    indicator: str
    kind: str
    comparator: str
    baseline: float | None
    value: float
    unit: str
    due_on: date | None
    frequency: str
    latest_value: float | None
    latest_period: str | None
    status: str | None
    expected_progress: float | None
    actual_progress: float | None


class ItemOut(Schema):
    id: int
    path: str
    number: str
    heading: str
    text: str
    is_task: bool
    status: str | None
    lead_departments: list[str]
    cooperating_departments: list[str]
    targets: list[TargetOut]


class PlanDetailOut(PlanOut):
    items: list[ItemOut]


class ReportOut(Schema):
    department: str
    period: str
    period_end: date
    value: float
    status: str
    submitted_at: str
    review_comment: str


def _plan(plan: Plan) -> dict[str, object]:
    return {
        "id": plan.pk,
        "title": plan.title,
        "doc_number": plan.doc_number,
        "issuer": plan.issuer,
        "district": plan.district.name,
        "status": plan.status,
        "issued_on": plan.issued_on,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
    }


def _share(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _node(node: selectors.Node) -> dict[str, object]:
    item = node.item
    return {
        "id": item.pk,
        "path": item.path,
        "number": item.number,
        "heading": item.heading,
        "text": item.text,
        "is_task": item.is_task,
        "status": node.status,
        "lead_departments": [d.name for d in node.leads],
        "cooperating_departments": [d.name for d in node.cooperating],
        "targets": [
            {
                "id": line.target.pk,
                "indicator": line.target.indicator,
                "kind": line.target.kind,
                "comparator": line.target.comparator,
                "baseline": _share(line.target.baseline),
                "value": float(line.target.value),
                "unit": line.target.unit,
                "due_on": line.target.due_on,
                "frequency": line.target.frequency,
                "latest_value": _share(line.latest.value) if line.latest else None,
                "latest_period": line.latest.period if line.latest else None,
                "status": line.status if node.status else None,
                "expected_progress": _share(line.assessment.expected),
                "actual_progress": _share(line.assessment.actual),
            }
            for line in node.lines
        ],
    }


@router.get(
    "/plans", response=list[PlanOut], url_name="plans_list", summary="Plans the user may read"
)
def plans_list(request: HttpRequest) -> list[dict[str, object]]:
    if not can(request.user, "plans.view"):
        raise PermissionDenied
    return [_plan(p) for p in selectors.visible_plans(request.user)]


@router.get(
    "/plans/{plan_id}",
    response=PlanDetailOut,
    url_name="plans_detail",
    summary="A plan's items with departments, targets and computed statuses",
)
def plans_detail(request: HttpRequest, plan_id: int) -> dict[str, object]:
    plan = get_object_for_user(
        request.user, Plan.objects.select_related("district"), plan_id, "plans.plan_view"
    )
    scope = (
        None
        if can(request.user, "plans.plan_export", plan)
        else selectors.reporter_department_ids(request.user)
    )
    view = selectors.plan_view(plan, department_ids=scope)
    return {**_plan(plan), "items": [_node(n) for n in view.nodes]}


@router.get(
    "/targets/{target_id}/reports",
    response=list[ReportOut],
    url_name="plans_target_reports",
    summary="A target's progress reports, latest first",
)
def plans_target_reports(request: HttpRequest, target_id: int) -> list[dict[str, object]]:
    target = get_object_for_user(
        request.user, Target.objects.select_related("item__plan"), target_id, "plans.task_view"
    )
    reports = selectors.target_reports(target)
    if not can(request.user, "plans.plan_export", target.item.plan):
        reports = reports.filter(department_id__in=selectors.reporter_department_ids(request.user))
    return [
        {
            "department": r.department.name,
            "period": r.period,
            "period_end": r.period_end,
            "value": float(r.value),
            "status": r.status,
            "submitted_at": r.submitted_at.isoformat(),
            "review_comment": r.review_comment,
        }
        for r in reports
    ]
