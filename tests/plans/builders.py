"""Plans for tests, built directly (the product builds them through the services).

`small_plan` is a published plan of the persona world's district: heading 一 with task 一/1
(lead: the persona department 区体育局, co-operating: 区教育局) and task 一/2 (区教育局 only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.factories import DepartmentFactory
from tests.personas import World
from yinling.core.models import Department, Region
from yinling.plans.models import (
    Plan,
    PlanItem,
    PlanItemDepartment,
    ProgressReport,
    ReportEvidence,
    SupervisionNotice,
    Target,
)
from yinling.plans.periods import period_from_key

LEAD = PlanItemDepartment.Role.LEAD
COOPERATING = PlanItemDepartment.Role.COOPERATING


@dataclass
class SmallPlan:
    plan: Plan
    heading: PlanItem
    sport: PlanItem
    preschool: PlanItem
    fitness: Target  # on 一/1: 学生体质健康优良率 >= 60 % from 50 %, due 2026-12-31
    places: Target  # on 一/2: 新增托额 100 个 from 0
    sport_department: Department
    education: Department


def department(district: Region, name: str) -> Department:
    found = Department.objects.filter(district=district, name=name).first()
    return found or DepartmentFactory(district=district, name=name)


def task(
    plan: Plan,
    parent: PlanItem | None,
    path: str,
    heading: str,
    *,
    lead: list[Department],
    cooperating: list[Department] = (),  # type: ignore[assignment]
) -> PlanItem:
    number = path.rsplit("/", 1)[-1]
    item = PlanItem.objects.create(
        plan=plan,
        parent=parent,
        position=plan.items.count(),
        depth=path.count("/") + 1,
        number=f"{number}.",
        path=path,
        heading=heading,
        text=f"{heading}。具体内容。",
        is_task=True,
    )
    for position, d in enumerate(lead):
        PlanItemDepartment.objects.create(item=item, department=d, role=LEAD, position=position)
    for position, d in enumerate(cooperating):
        PlanItemDepartment.objects.create(
            item=item, department=d, role=COOPERATING, position=position
        )
    return item


def target(item: PlanItem, indicator: str, **fields: Any) -> Target:
    defaults: dict[str, Any] = {
        "kind": Target.Kind.LEVEL,
        "comparator": ">=",
        "baseline": Decimal(0),
        "value": Decimal(100),
        "unit": "%",
        "due_on": item.plan.period_end,
        "frequency": "quarterly",
    }
    defaults.update(fields)
    return Target.objects.create(item=item, indicator=indicator, **defaults)


def small_plan(
    world: World, *, status: str = Plan.State.PUBLISHED, title: str = "宝山区教育发展三年行动计划"
) -> SmallPlan:
    district = world.district
    sport_department = world.department
    education = department(district, "区教育局")
    plan = Plan.objects.create(
        district=district,
        title=title,
        doc_number="宝教〔2024〕1号" if status == Plan.State.PUBLISHED else "",
        issuer="上海市宝山区教育局",
        issued_on=date(2024, 1, 1),
        period_start=date(2024, 1, 1),
        period_end=date(2026, 12, 31),
        status=status,
        source=Plan.Source.MANUAL,
    )
    heading = PlanItem.objects.create(
        plan=plan, position=0, depth=1, number="一、", path="一", heading="促进学生全面发展"
    )
    sport = task(
        plan, heading, "一/1", "深化学校体育改革", lead=[sport_department], cooperating=[education]
    )
    fitness = target(
        sport,
        "学生体质健康优良率",
        baseline=Decimal(50),
        value=Decimal(60),
        due_on=date(2026, 12, 31),
    )
    preschool = task(plan, heading, "一/2", "推进学前教育普惠发展", lead=[education])
    places = target(
        preschool,
        "新增托额",
        kind=Target.Kind.ADDITION,
        comparator="=",
        value=Decimal(100),
        unit="个",
    )
    return SmallPlan(plan, heading, sport, preschool, fitness, places, sport_department, education)


def report(
    target: Target,
    department: Department,
    period: str,
    value: Any,
    *,
    status: str = ProgressReport.State.ACCEPTED,
    submitted: datetime | None = None,
    comment: str = "",
    narrative: str = "",
) -> ProgressReport:
    when = submitted or timezone.now()
    found = period_from_key(period)
    assert found is not None
    return ProgressReport.objects.create(
        target=target,
        department=department,
        period=period,
        period_end=found.end,
        value=Decimal(str(value)),
        narrative=narrative,
        status=status,
        first_submitted_at=when,
        submitted_at=when,
        reviewed_at=when if status != ProgressReport.State.SUBMITTED else None,
        review_comment=comment
        or ("请补充佐证材料" if status == ProgressReport.State.RETURNED else ""),
    )


def evidence(report: ProgressReport, name: str = "access-matrix-evidence.txt") -> ReportEvidence:
    """Evidence pointing at one shared small file (created once under MEDIA_ROOT)."""
    path = f"plans/evidence/{name}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile("佐证材料".encode()))
    return ReportEvidence.objects.create(report=report, file=path, name=name, size=12)


def notice(item: PlanItem, departments: list[Department], deadline: date) -> SupervisionNotice:
    made = SupervisionNotice.objects.create(
        item=item, body="请说明滞后原因和整改措施", reply_deadline=deadline
    )
    made.departments.set(departments)
    return made
