"""Reads that the plan pages, exports and API share, scoped to what the user may see.

Statuses are computed here, from the status rule in ``yinling.plans.status``, for whole plans
at once: a plan's tree costs a fixed handful of queries however many tasks it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from yinling.core.models import Department, Region, Role
from yinling.core.roles import principal_for
from yinling.core.selectors import districts_for, readable_districts
from yinling.plans.models import (
    Plan,
    PlanItem,
    PlanItemDepartment,
    ProgressReport,
    SupervisionNotice,
    Target,
)
from yinling.plans.models.plans import format_number
from yinling.plans.status import Assessment, Reading, Status, assess, worst

LEAD = PlanItemDepartment.Role.LEAD


def reporter_department_ids(user: Any) -> set[int]:
    return principal_for(user).department_ids(Role.DEPARTMENT_REPORTER)


def visible_plans(user: Any) -> QuerySet[Plan]:
    """Plans of the districts the user reads, and published plans with tasks of their departments."""
    mine = Q(district__in=readable_districts(user))
    departments = reporter_department_ids(user)
    if departments:
        mine |= Q(
            status=Plan.State.PUBLISHED,
            items__assignments__department_id__in=departments,
        )
    return Plan.objects.filter(mine).distinct().select_related("district")


def plan_districts(user: Any) -> QuerySet[Region]:
    """Districts where the user may create plans."""
    return districts_for(user, Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER)


# --- status of targets and tasks ---------------------------------------------------------------


def latest_accepted(targets: Iterable[Target]) -> dict[int, ProgressReport]:
    """Each target's latest accepted report (latest period, then latest review), in one query."""
    ids = [t.pk for t in targets]
    latest: dict[int, ProgressReport] = {}
    reports = (
        ProgressReport.objects.filter(target_id__in=ids, status=ProgressReport.State.ACCEPTED)
        .select_related("department")
        .order_by("target_id", "-period_end", "-reviewed_at", "-id")
    )
    for report in reports:
        latest.setdefault(report.target_id, report)
    return latest


def assess_target(
    target: Target, report: ProgressReport | None, plan: Plan, today: date
) -> Assessment:
    reading = Reading(value=report.value, as_of=min(report.period_end, today)) if report else None
    assert plan.period_start is not None
    return assess(
        comparator=target.comparator,
        baseline=target.baseline if target.baseline is not None else 0,
        target=target.value,
        start=plan.period_start,
        due=target.due_on or plan.period_end or plan.period_start,
        latest=reading,
        today=today,
    )


@dataclass
class TargetLine:
    target: Target
    assessment: Assessment
    latest: ProgressReport | None

    @property
    def status(self) -> Status:
        return self.assessment.status


@dataclass
class Node:
    """One item of a plan as a page shows it: its departments, targets and computed status."""

    item: PlanItem
    leads: list[Department] = field(default_factory=list)
    cooperating: list[Department] = field(default_factory=list)
    lines: list[TargetLine] = field(default_factory=list)
    status: Status | None = None
    counts: dict[str, int] = field(default_factory=dict)  # statuses of the tasks below a heading

    @property
    def department_ids(self) -> set[int]:
        return {d.pk for d in (*self.leads, *self.cooperating)}


@dataclass
class PlanView:
    plan: Plan
    nodes: list[Node]
    today: date

    @property
    def tasks(self) -> list[Node]:
        return [n for n in self.nodes if n.item.is_task]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Status.values, 0)
        for node in self.tasks:
            if node.status:
                counts[node.status] += 1
        return counts


def plan_items(plan: Plan) -> list[PlanItem]:
    """The plan's items in document order with departments and targets, in three queries."""
    assignments = PlanItemDepartment.objects.select_related("department").order_by(
        "role", "position", "id"
    )
    return list(
        plan.items.prefetch_related(
            Prefetch("assignments", queryset=assignments),
            Prefetch("targets", queryset=Target.objects.order_by("position", "id")),
        ).order_by("position")
    )


def plan_view(
    plan: Plan,
    *,
    department_ids: set[int] | None = None,
    department: int | None = None,
    status: str = "",
    year: int | None = None,
    today: date | None = None,
) -> PlanView:
    """The plan as a tree of nodes with statuses.

    ``department_ids`` limits the tasks to those departments' (a department reporter's view);
    ``department``, ``status`` and ``year`` (a target due that year) are the page's filters.
    Headings stay in when a task below them does, so the tree keeps its shape."""
    today = today or timezone.localdate()
    items = plan_items(plan)
    for item in items:
        item.plan = plan  # every item shares the one plan object: no query per item
    targets = [t for item in items for t in item.targets.all()]
    latest = latest_accepted(targets) if plan.status == Plan.State.PUBLISHED else {}
    nodes = {item.pk: _node(item, plan, latest, today) for item in items}
    parents = {item.pk: item.parent_id for item in items}
    keep: set[int] = set()
    for item in items:
        if not (
            item.is_task and _matches(nodes[item.pk], department_ids, department, status, year)
        ):
            continue
        keep.add(item.pk)
        task_status = nodes[item.pk].status
        parent = item.parent_id
        while parent is not None:
            keep.add(parent)
            if task_status:
                counts = nodes[parent].counts
                counts[task_status] = counts.get(task_status, 0) + 1
            parent = parents[parent]
    unfiltered = department_ids is None and not department and not status and not year
    shown = [nodes[i.pk] for i in items if unfiltered or i.pk in keep]
    return PlanView(plan=plan, nodes=shown, today=today)


def _node(item: PlanItem, plan: Plan, latest: dict[int, ProgressReport], today: date) -> Node:
    node = Node(item=item)
    for assignment in item.assignments.all():
        (node.leads if assignment.role == LEAD else node.cooperating).append(assignment.department)
    if item.is_task and plan.period_start is not None:
        for target in item.targets.all():
            report = latest.get(target.pk)
            node.lines.append(
                TargetLine(target, assess_target(target, report, plan, today), report)
            )
        if plan.status == Plan.State.PUBLISHED:
            node.status = worst(line.status for line in node.lines)
    return node


def _matches(
    node: Node,
    department_ids: set[int] | None,
    department: int | None,
    status: str,
    year: int | None,
) -> bool:
    if department_ids is not None and not node.department_ids & department_ids:
        return False
    if department and department not in node.department_ids:
        return False
    if status and node.status != status:
        return False
    if year and not any(
        line.target.due_on and line.target.due_on.year == year for line in node.lines
    ):
        return False
    return True


def plan_years(plan: Plan) -> list[int]:
    """The years in which the plan's targets fall due (the page's year filter)."""
    dates = Target.objects.filter(item__plan=plan).exclude(due_on=None).dates("due_on", "year")
    return [d.year for d in dates]


def task_node(item: PlanItem, *, today: date | None = None) -> Node:
    """One task with its targets' statuses."""
    today = today or timezone.localdate()
    plan = item.plan
    targets = list(item.targets.order_by("position", "id"))
    latest = latest_accepted(targets) if plan.status == Plan.State.PUBLISHED else {}
    item = (
        PlanItem.objects.prefetch_related(
            Prefetch(
                "assignments",
                queryset=PlanItemDepartment.objects.select_related("department").order_by(
                    "role", "position"
                ),
            ),
            Prefetch("targets", queryset=Target.objects.order_by("position", "id")),
        )
        .select_related("plan")
        .get(pk=item.pk)
    )
    return _node(item, item.plan, latest, today)


def task_status(item: PlanItem, *, today: date | None = None) -> Status | None:
    return task_node(item, today=today).status


# --- reports, history, notices -----------------------------------------------------------------


def target_reports(target: Target) -> QuerySet[ProgressReport]:
    return (
        target.reports.select_related("department", "submitted_by", "reviewed_by")
        .prefetch_related("evidence")
        .order_by("-period_end", "department__name")
    )


def own_reports(target: Target, departments: Iterable[Department]) -> list[ProgressReport]:
    """The departments' reports on a target, latest period first (the report form's context)."""
    return list(
        target.reports.filter(department__in=list(departments))
        .select_related("department", "reviewed_by")
        .prefetch_related("evidence")
        .order_by("-period_end", "department__name")
    )


def target_chart(target: Target, plan: Plan) -> dict[str, Any]:
    """What the target's ECharts chart draws: accepted values, other reports, the trajectory."""
    accepted, pending = [], []
    for report in target.reports.order_by("period_end", "id"):
        point = [report.period_end.isoformat(), float(report.value)]
        (accepted if report.status == ProgressReport.State.ACCEPTED else pending).append(point)
    trajectory = []
    if plan.period_start and target.due_on and target.baseline is not None:
        trajectory = [
            [plan.period_start.isoformat(), float(target.baseline)],
            [target.due_on.isoformat(), float(target.value)],
        ]
    return {
        "indicator": target.indicator_label,
        "unit": target.unit,
        "target": float(target.value),
        "target_text": format_number(target.value) + target.unit,
        "accepted": accepted,
        "pending": pending,
        "trajectory": trajectory,
    }


def reports_to_review(user: Any) -> QuerySet[ProgressReport]:
    """Submitted reports waiting for the office of the user's districts."""
    return (
        ProgressReport.objects.filter(
            status=ProgressReport.State.SUBMITTED, department__district__in=plan_districts(user)
        )
        .select_related("target__item__plan", "department", "submitted_by")
        .prefetch_related("evidence")
        .order_by("submitted_at")
    )


def department_reports(department_ids: set[int]) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(department_id__in=department_ids)
        .select_related("target__item__plan", "department")
        .order_by("-submitted_at")
    )


def district_reports(user: Any) -> QuerySet[ProgressReport]:
    """Every department's reports in the districts the user reads (leaders read, never review)."""
    return (
        ProgressReport.objects.filter(department__district__in=readable_districts(user))
        .select_related("target__item__plan", "department", "reviewed_by")
        .order_by("-submitted_at", "-id")
    )


def visible_notices(user: Any) -> QuerySet[SupervisionNotice]:
    mine = Q(item__plan__district__in=readable_districts(user))
    departments = reporter_department_ids(user)
    if departments:
        mine |= Q(departments__in=departments)
    return (
        SupervisionNotice.objects.filter(mine)
        .distinct()
        .select_related("item__plan", "issued_by")
        .prefetch_related("departments", "replies__department")
        .order_by("status", "reply_deadline", "-id")
    )


@dataclass
class NoticeState:
    """A notice with its departments' replies: on time, late, or still owed."""

    notice: SupervisionNotice
    replies: dict[int, Any]
    today: date

    @property
    def rows(self) -> list[tuple[Department, Any]]:
        return [(d, self.replies.get(d.pk)) for d in self.notice.departments.all()]

    @property
    def late_replies(self) -> int:
        return sum(1 for r in self.replies.values() if r.is_late)

    @property
    def overdue_departments(self) -> list[Department]:
        """Addressed departments with no reply once the deadline has passed."""
        if self.today <= self.notice.reply_deadline:
            return []
        return [d for d, reply in self.rows if reply is None]


def notice_state(notice: SupervisionNotice, *, today: date | None = None) -> NoticeState:
    replies = {r.department_id: r for r in notice.replies.all()}
    return NoticeState(notice, replies, today or timezone.localdate())
