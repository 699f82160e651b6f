"""Who may do what in plan supervision, registered with the one gate (yinling.core.permissions).

District readers (admin, programme officer, leader) read every plan of their district; the
office (admin, programme officer) writes them and reviews reports; leaders and the office issue
supervision notices. A department reporter sees only the published tasks their department is
responsible for, reports on those, and replies to notices addressed to their department.
"""

from __future__ import annotations

from typing import Any

from yinling.core.models import Department, Role
from yinling.core.permissions import is_office, is_reader, rule
from yinling.core.roles import Principal
from yinling.plans.models import (
    Plan,
    PlanItem,
    PlanItemDepartment,
    ProgressReport,
    SupervisionNotice,
    Target,
)


def reporter_departments(p: Principal) -> set[int]:
    return p.department_ids(Role.DEPARTMENT_REPORTER)


def _task_of(obj: Any) -> PlanItem | None:
    if isinstance(obj, Target):
        return obj.item
    if isinstance(obj, PlanItem):
        return obj
    return None


def _responsible(p: Principal, item: PlanItem) -> bool:
    """Is one of the user's departments responsible for this task of a published plan?"""
    departments = reporter_departments(p)
    if not departments or item.plan.status != Plan.State.PUBLISHED:
        return False
    return PlanItemDepartment.objects.filter(item=item, department_id__in=departments).exists()


@rule("plans.view")
def _view(p: Principal, obj: Any) -> bool:
    """The plans section: district readers and department reporters."""
    return is_reader(p) or bool(reporter_departments(p))


@rule("plans.manage")
def _manage(p: Principal, obj: Any) -> bool:
    """Create plans (upload, type in, import) in a district; obj is the district, if known."""
    return is_office(p, obj)


@rule("plans.plan_view")
def _plan_view(p: Principal, obj: Any) -> bool:
    if not isinstance(obj, Plan):
        return False
    if is_reader(p, obj):
        return True
    departments = reporter_departments(p)
    return (
        bool(departments)
        and obj.status == Plan.State.PUBLISHED
        and PlanItemDepartment.objects.filter(
            item__plan=obj, department_id__in=departments
        ).exists()
    )


@rule("plans.plan_edit")
def _plan_edit(p: Principal, obj: Any) -> bool:
    """Correct a draft (its items, departments, targets) and publish it."""
    return isinstance(obj, Plan) and is_office(p, obj)


@rule("plans.plan_export")
def _plan_export(p: Principal, obj: Any) -> bool:
    return isinstance(obj, Plan) and is_reader(p, obj)


@rule("plans.task_view")
def _task_view(p: Principal, obj: Any) -> bool:
    item = _task_of(obj)
    return item is not None and (is_reader(p, item) or _responsible(p, item))


@rule("plans.report_submit")
def _report_submit(p: Principal, obj: Any) -> bool:
    if obj is None:
        return bool(reporter_departments(p))
    item = _task_of(obj)
    return item is not None and _responsible(p, item)


@rule("plans.report_view")
def _report_view(p: Principal, obj: Any) -> bool:
    if not isinstance(obj, ProgressReport):
        return False
    return is_reader(p, obj) or obj.department_id in reporter_departments(p)


@rule("plans.report_review")
def _report_review(p: Principal, obj: Any) -> bool:
    return is_office(p, obj)


@rule("plans.notice_issue")
def _notice_issue(p: Principal, obj: Any) -> bool:
    """The office and the leaders (督导室) issue supervision notices."""
    item = _task_of(obj)
    return is_reader(p, item) if obj is not None else is_reader(p)


def _addressed(p: Principal, notice: SupervisionNotice) -> bool:
    departments = reporter_departments(p)
    return bool(departments) and notice.departments.filter(pk__in=departments).exists()


@rule("plans.notice_view")
def _notice_view(p: Principal, obj: Any) -> bool:
    if obj is None:
        return is_reader(p) or bool(reporter_departments(p))
    return isinstance(obj, SupervisionNotice) and (is_reader(p, obj) or _addressed(p, obj))


@rule("plans.notice_reply")
def _notice_reply(p: Principal, obj: Any) -> bool:
    return isinstance(obj, SupervisionNotice) and _addressed(p, obj)


@rule("plans.notice_close")
def _notice_close(p: Principal, obj: Any) -> bool:
    return isinstance(obj, SupervisionNotice) and is_reader(p, obj)


@rule("plans.scorecard_view")
def _scorecard_view(p: Principal, obj: Any) -> bool:
    """District readers see every department's scorecard; a department sees its own."""
    if obj is None:
        return is_reader(p) or bool(reporter_departments(p))
    return isinstance(obj, Department) and (is_reader(p, obj) or obj.pk in reporter_departments(p))
