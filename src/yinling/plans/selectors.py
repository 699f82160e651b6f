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
from yinling.plans.periods import Period, periods_between
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


# --- department scorecards ---------------------------------------------------------------------


@dataclass
class ScoreTask:
    node: Node
    role: str


@dataclass
class Scorecard:
    """A department's tasks, the share of its due reports that came on time, the share on track.

    A report is due from each lead department of a task, for each target, for every reporting
    period that has ended (and whose grace days have run out) up to the target's due date; it is
    on time when first submitted by the period's deadline. On track counts tasks that are on
    track or done, among all the department's tasks (lead or co-operating)."""

    department: Department
    tasks: list[ScoreTask] = field(default_factory=list)
    due_reports: int = 0
    on_time_reports: int = 0

    @property
    def on_time_share(self) -> float | None:
        return self.on_time_reports / self.due_reports if self.due_reports else None

    @property
    def on_track_count(self) -> int:
        return sum(1 for t in self.tasks if t.node.status in (Status.ON_TRACK, Status.DONE))

    @property
    def on_track_share(self) -> float | None:
        return self.on_track_count / len(self.tasks) if self.tasks else None

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Status.values, 0)
        for task in self.tasks:
            if task.node.status:
                counts[task.node.status] += 1
        return counts


def due_periods(target: Target, plan: Plan, today: date) -> list[Period]:
    """Periods whose report was due by today: ended, grace days run out, before the due date."""
    if plan.period_start is None or target.due_on is None:
        return []
    return [
        p
        for p in periods_between(plan.period_start, target.due_on, target.frequency)
        if p.deadline < today
    ]


def scorecards(
    district: Region, *, department_ids: set[int] | None = None, today: date | None = None
) -> list[Scorecard]:
    """Scorecards of the district's departments that have tasks in published plans."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(district=district, status=Plan.State.PUBLISHED)
    cards: dict[int, Scorecard] = {}
    first_reports = _first_submissions(plans)
    for plan in plans:
        view = plan_view(plan, today=today)
        for node in view.tasks:
            roles = [(d, LEAD) for d in node.leads] + [
                (d, PlanItemDepartment.Role.COOPERATING) for d in node.cooperating
            ]
            for department, role in roles:
                if department_ids is not None and department.pk not in department_ids:
                    continue
                card = cards.setdefault(department.pk, Scorecard(department))
                card.tasks.append(ScoreTask(node, role))
                if role == LEAD:
                    _count_reports(card, node, plan, first_reports, today)
    return sorted(cards.values(), key=lambda c: c.department.name)


def _first_submissions(plans: QuerySet[Plan]) -> dict[tuple[int, int, str], date]:
    rows = ProgressReport.objects.filter(target__item__plan__in=plans).values_list(
        "target_id", "department_id", "period", "first_submitted_at"
    )
    return {(t, d, p): timezone.localdate(at) for t, d, p, at in rows}


def _count_reports(
    card: Scorecard,
    node: Node,
    plan: Plan,
    first_reports: dict[tuple[int, int, str], date],
    today: date,
) -> None:
    for line in node.lines:
        for period in due_periods(line.target, plan, today):
            card.due_reports += 1
            submitted = first_reports.get((line.target.pk, card.department.pk, period.key))
            if submitted is not None and submitted <= period.deadline:
                card.on_time_reports += 1


# --- home panels -------------------------------------------------------------------------------

BEHIND = (Status.LAGGING, Status.OVERDUE)


@dataclass
class PlanSummary:
    plan: Plan
    counts: dict[str, int]
    behind: list[Node]  # its lagging and overdue tasks, in document order


@dataclass
class Overview:
    """What a district reader (leader, inspectorate, office) reads first: each published plan's
    statuses and the tasks behind, open notices with late or missing replies, scorecards."""

    plans: list[PlanSummary]
    notices: list[NoticeState]
    scorecards: list[Scorecard]

    @property
    def behind(self) -> list[tuple[Plan, Node]]:
        return [(s.plan, node) for s in self.plans for node in s.behind]

    @property
    def weakest_cards(self) -> list[Scorecard]:
        """Departments least on track first, then least on time (nothing to count: last)."""
        return sorted(
            self.scorecards,
            key=lambda c: (
                c.on_track_share if c.on_track_share is not None else 2,
                c.on_time_share if c.on_time_share is not None else 2,
                c.department.name,
            ),
        )


def reader_overview(user: Any, *, today: date | None = None) -> Overview:
    today = today or timezone.localdate()
    districts = list(readable_districts(user))
    plans = Plan.objects.filter(district__in=districts, status=Plan.State.PUBLISHED).order_by(
        "-issued_on", "-id"
    )
    summaries = []
    for plan in plans:
        view = plan_view(plan, today=today)
        summaries.append(
            PlanSummary(plan, view.counts, [n for n in view.tasks if n.status in BEHIND])
        )
    notices = [
        notice_state(n, today=today)
        for n in SupervisionNotice.objects.filter(
            item__plan__district__in=districts, status=SupervisionNotice.State.OPEN
        )
        .select_related("item__plan")
        .prefetch_related("departments", "replies")
        .order_by("reply_deadline", "id")
    ]
    cards = [card for district in districts for card in scorecards(district, today=today)]
    return Overview(summaries, notices, cards)


@dataclass
class DueReport:
    """A report a department owes on a target for the period now being reported."""

    target: Target
    department: Department
    period: Period


def reporting_period_now(target: Target, plan: Plan, today: date) -> Period | None:
    """The period whose report a target now asks for: the period just ended while its grace
    days run (每季度结束后10日内), otherwise the period under way; None once the target's last
    period is past its deadline, or before the plan starts."""
    if plan.period_start is None:
        return None
    end = target.due_on or plan.period_end or plan.period_start
    begun = [
        p for p in periods_between(plan.period_start, end, target.frequency) if p.start <= today
    ]
    if not begun:
        return None
    current = begun[-1]
    if current.end < today:  # the target's periods are all over
        return current if current.deadline >= today else None
    if len(begun) > 1 and begun[-2].deadline >= today:
        return begun[-2]
    return current


def reports_due(department_ids: set[int], *, today: date | None = None) -> list[DueReport]:
    """Targets of published plans whose lead departments (those a report is due from, as the
    scorecard counts them) have not yet reported for the period now being reported."""
    today = today or timezone.localdate()
    assignments = (
        PlanItemDepartment.objects.filter(
            department_id__in=department_ids,
            role=LEAD,
            item__is_task=True,
            item__plan__status=Plan.State.PUBLISHED,
        )
        .select_related("item__plan", "department")
        .prefetch_related(Prefetch("item__targets", queryset=Target.objects.order_by("position")))
        .order_by("item__plan_id", "item__position")
    )
    owed = []
    for assignment in assignments:
        for target in assignment.item.targets.all():
            target.item = assignment.item
            period = reporting_period_now(target, assignment.item.plan, today)
            if period is not None:
                owed.append(DueReport(target, assignment.department, period))
    reported = set(
        ProgressReport.objects.filter(
            department_id__in=department_ids, target__in=[d.target for d in owed]
        ).values_list("target_id", "department_id", "period")
    )
    return [d for d in owed if (d.target.pk, d.department.pk, d.period.key) not in reported]
