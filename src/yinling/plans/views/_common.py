"""What the plan views share: fetching objects through the permission gate, service errors."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from yinling.core.permissions import can, require
from yinling.plans.models import Plan, PlanItem, ProgressReport, SupervisionNotice, Target

M = TypeVar("M", bound=Model)


def _fetch(queryset: QuerySet[M], pk: Any) -> M:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def require_seen(request: HttpRequest, action: str, obj: Any, *, visible: str) -> None:
    """403 when the user may see the object but not do this; 404 when they may not even see it."""
    require(request.user, action, obj, hide=not can(request.user, visible, obj))


def get_plan(request: HttpRequest, pk: int, action: str) -> Plan:
    plan = _fetch(Plan.objects.select_related("district"), pk)
    require_seen(request, action, plan, visible="plans.plan_view")
    return plan


def get_item(request: HttpRequest, pk: int, action: str) -> PlanItem:
    """An item; plan actions (plans.plan_*) are asked of its plan, task actions of the item."""
    item = _fetch(PlanItem.objects.select_related("plan__district", "parent"), pk)
    if action.startswith("plans.plan_"):
        require_seen(request, action, item.plan, visible="plans.plan_view")
    else:
        require_seen(request, action, item, visible="plans.task_view")
    return item


def get_target(request: HttpRequest, pk: int, action: str) -> Target:
    target = _fetch(Target.objects.select_related("item__plan__district"), pk)
    if action.startswith("plans.plan_"):
        require_seen(request, action, target.item.plan, visible="plans.plan_view")
    else:
        require_seen(request, action, target, visible="plans.task_view")
    return target


def get_report(request: HttpRequest, pk: int, action: str) -> ProgressReport:
    queryset = ProgressReport.objects.select_related("department", "target__item__plan")
    report = _fetch(queryset, pk)
    require_seen(request, action, report, visible="plans.report_view")
    return report


def get_notice(request: HttpRequest, pk: int, action: str) -> SupervisionNotice:
    queryset = SupervisionNotice.objects.select_related("item__plan__district", "issued_by")
    notice = _fetch(queryset, pk)
    require_seen(request, action, notice, visible="plans.notice_view")
    return notice


def error_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
