"""Department scorecards and the home panels' summaries: how departments and plans stand at a
glance, built on the statuses that ``yinling.plans.selectors`` computes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from yinling.core.models import Department, Region
from yinling.core.selectors import readable_districts
from yinling.plans.models import (
    Plan,
    PlanItemDepartment,
    ProgressReport,
    SupervisionNotice,
    Target,
)
from yinling.plans.periods import Period, periods_between
from yinling.plans.selectors import LEAD, Node, NoticeState, notice_state, plan_view
from yinling.plans.status import Status

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
