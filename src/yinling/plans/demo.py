"""Demo plans: seeds 002 (Baoshan, 宝教〔2023〕43号) and 004 (Minhang, 闵委发〔2023〕6号), read by
the policytext engine, corrected as a programme officer would, published, with a history of
progress reports (accepted, one returned, one waiting for review) and a supervision notice on a
lagging task with one late reply.

Everything goes through the services, as the officer's and departments' actions would. What the
documents do not say is invented here and marked as such:

* Seed 002 names no responsible departments: its tasks are assigned below (BAOSHAN_ASSIGNMENTS)
  to the Baoshan bureau sections and units the core demo creates, by subject — 基础教育科 for
  pre-school to high school, 德育科 for moral, health and arts education, 组织人事科 for staff,
  计划财务科 for buildings and money, and so on.
* Level targets (rates, shares) need a baseline, which neither document gives: the demo uses
  80 % of the target value for targets to raise and 120 % for ceilings.
* Reported values and dates are demo figures. Reports are placed in the documents' own periods;
  the most recent ones in the last quarter that has closed before today.

Loading is idempotent: a seed whose plan is already published in its district is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from yinling.core.demo import seed_path
from yinling.core.models import Department, Region, User
from yinling.plans import services
from yinling.plans.models import Plan, PlanItem, ProgressReport, Target
from yinling.plans.parsing import parse_policy
from yinling.plans.periods import Frequency, Period, period_containing, period_from_key

# Task path in seed 002 -> (lead, co-operating) Baoshan units; see the module docstring.
BAOSHAN_ASSIGNMENTS: dict[str, tuple[list[str], list[str]]] = {
    "一/1": (["办公室"], ["组织人事科"]),
    "二/2": (["德育科"], ["区教育学院"]),
    "二/3": (["基础教育科"], ["区青少年活动中心"]),
    "二/4": (["德育科"], ["基础教育科"]),
    "二/5": (["德育科"], ["区教育后勤服务中心"]),
    "三/6": (["区教育信息中心"], []),
    "三/7": (["区未来学习研究与发展中心"], ["区教育学院"]),
    "四/8": (["基础教育科"], ["计划财务科"]),
    "四/9": (["基础教育科"], []),
    "四/10": (["基础教育科"], ["区教育学院"]),
    "四/11": (["基础教育科"], ["区教育学院"]),
    "四/12": (["基础教育科"], ["终身教育科"]),
    "四/13": (["基础教育科"], []),
    "五/14": (["终身教育科"], ["基础教育科"]),
    "五/15": (["终身教育科"], []),
    "六/16": (["区教育学院"], ["组织人事科"]),
    "六/17": (["组织人事科"], ["区教育学院"]),
    "六/18": (["组织人事科"], []),
    "六/19": (["组织人事科"], []),
    "七/20": (["计划财务科"], ["区教育后勤服务中心"]),
    "七/21": (["计划财务科"], []),
    "八/22": (["区教育督导室"], []),
    "八/23": (["办公室"], []),
    "八/24": (["办公室"], ["区教育后勤服务中心"]),
    "八/25": (["基础教育科"], []),
}
UNASSIGNED = (["办公室"], [])

LAST = "last"  # the last quarter closed before today (and not after the target's due date)


@dataclass(frozen=True)
class Step:
    """One report in a target's history: period, value, what the office did with it."""

    period: str
    value: str
    outcome: str = ProgressReport.State.ACCEPTED
    late_days: int = 0  # days after the period's deadline (0: on time)
    comment: str = ""


@dataclass(frozen=True)
class History:
    task: str  # path
    indicator: str  # a phrase of the target's indicator
    department: str
    steps: tuple[Step, ...]


RETURNED = ProgressReport.State.RETURNED
SUBMITTED = ProgressReport.State.SUBMITTED

BAOSHAN_HISTORY = (
    History(
        "四/8", "普惠性幼儿园覆盖率", "基础教育科", (Step("2023-Q3", "89"), Step("2023-Q4", "93.5"))
    ),
    History("四/8", "托幼一体园占比", "基础教育科", (Step("2023-Q4", "72", late_days=12),)),
    History("四/8", "公办二级园", "基础教育科", (Step("2023-Q3", "6"), Step("2023-Q4", "16"))),
    History("四/8", "公办幼儿园托班托额", "基础教育科", (Step("2023-Q4", "100"),)),
    History("二/3", "科技教育联合体", "基础教育科", (Step("2023-Q4", "18"),)),
    History(
        "二/3",
        "STEM",
        "基础教育科",
        (
            Step(
                "2023-Q4",
                "30",
                RETURNED,
                comment="请附 33 所试点校名单及建设进度，数字与名单不一致",
            ),
        ),
    ),
    History("四/12", "民办学生", "基础教育科", (Step("2023-Q4", "4.8"),)),
    History("七/20", "不动产权证", "计划财务科", (Step("2023-Q4", "86", late_days=20),)),
)

MINHANG_HISTORY = (
    History(
        "四/（九）/16",
        "普惠性幼儿园覆盖率",
        "区教育局",
        (Step("2023-Q4", "82"), Step("2024-Q4", "90"), Step("2025-Q4", "96")),
    ),
    History(
        "四/（九）/16",
        "公办幼儿园在园幼儿占比",
        "区教育局",
        (Step("2024-Q4", "70"), Step("2025-Q4", "77", late_days=15)),
    ),
    History(
        "四/（八）/11",
        "德育课程",
        "区教育局",
        (Step("2023-Q4", "200"), Step("2024-Q4", "600"), Step("2025-Q4", "1000")),
    ),
    History("四/（八）/11", "思政课", "区教育局", (Step("2024-Q4", "40"), Step("2025-Q4", "85"))),
    # The lagging task: far behind its trajectory; it gets the supervision notice below.
    History(
        "三/（七）/9",
        "骨干教师",
        "区教育局",
        (Step("2024-Q4", "200"), Step("2025-Q4", "380"), Step(LAST, "520")),
    ),
    History("三/（七）/9", "教育新秀", "区教育局", (Step("2025-Q4", "700"), Step(LAST, "950"))),
    History(
        "五/（十）/19",
        "完成进度",
        "区教育局",
        (Step("2024-Q2", "30"), Step("2025-Q2", "60"), Step(LAST, "85")),
    ),
    History(
        "五/（十）/20",
        "完成进度",
        "区教育局",
        (Step("2025-Q4", "80"), Step(LAST, "96", SUBMITTED)),
    ),
    History(
        "五/（十一）/23",
        "完成进度",
        "区体育局",
        (
            Step("2025-Q4", "70"),
            Step(
                LAST,
                "75",
                RETURNED,
                comment="请补充青少年科创教育基地的活动记录和资源共享的佐证材料",
            ),
        ),
    ),
)

LAGGING_TASK = "三/（七）/9"


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _parse(prefix: str) -> tuple[dict[str, Any], bytes, str]:
    path = seed_path(prefix)
    data = path.read_bytes()
    return parse_policy(data, filename=path.name), data, path.name


def _baselines(plan: Plan, officer: User | None) -> None:
    """Demo baselines for level targets: 80 % of a value to raise, 120 % of a ceiling."""
    missing = Target.objects.filter(item__plan=plan, baseline=None)
    services.target_set_baselines(
        actor=officer,
        baselines={
            t: (
                t.value * Decimal("1.2") if t.comparator == "<=" else t.value * Decimal("0.8")
            ).quantize(Decimal("0.01"))
            for t in missing
        },
    )


def _last_quarter(due: date, today: date) -> Period:
    period = period_containing(min(due, today), Frequency.QUARTERLY)
    while period.deadline >= today:
        period = period_containing(period.start - timedelta(days=1), Frequency.QUARTERLY)
    return period


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone())


def _find_target(plan: Plan, history: History) -> Target | None:
    return Target.objects.filter(
        item__plan=plan, item__path=history.task, indicator__contains=history.indicator
    ).first()


def _play(plan: Plan, history: History, officer: User | None, reporters: dict[str, User]) -> int:
    target = _find_target(plan, history)
    department = Department.objects.filter(district=plan.district, name=history.department).first()
    if target is None or department is None:
        return 0
    today = timezone.localdate()
    assert target.due_on is not None
    for step in history.steps:
        period = (
            _last_quarter(target.due_on, today)
            if step.period == LAST
            else period_from_key(step.period)
        )
        assert period is not None
        submitted = _moment(period.deadline - timedelta(days=4) + timedelta(days=step.late_days))
        report = services.report_submit(
            actor=reporters.get(history.department),
            target=target,
            department=department,
            period=period.key,
            value=step.value,
            narrative=f"{history.indicator}：截至{period.label}，完成 {step.value}{target.unit}。（演示数据）",
            today=today,
            at=submitted,
        )
        reviewed = submitted + timedelta(days=3)
        if step.outcome == ProgressReport.State.ACCEPTED:
            services.report_accept(actor=officer, report=report, at=reviewed)
        elif step.outcome == RETURNED:
            services.report_return(actor=officer, report=report, comment=step.comment, at=reviewed)
    return len(history.steps)


def _supervise(plan: Plan, leader: User | None, reporters: dict[str, User]) -> None:
    """A notice on the lagging task, issued 12 days ago with a 7-day deadline: 区人社局 replied
    late, 区教育局 has not replied."""
    item = PlanItem.objects.filter(plan=plan, path=LAGGING_TASK).first()
    if item is None:
        return
    departments = list(
        Department.objects.filter(district=plan.district, name__in=["区教育局", "区人社局"])
    )
    issued = timezone.localdate() - timedelta(days=12)
    notice = services.notice_issue(
        actor=leader,
        item=item,
        departments=departments,
        reply_deadline=issued + timedelta(days=7),
        body="“三年内培养1000名学科带头人和骨干教师”进度明显滞后于计划轨迹。请牵头部门说明原因，"
        "提出年底前的整改措施和分月进度安排，书面回复。（演示数据）",
        today=issued,
        at=_moment(issued),
    )
    hr = next((d for d in departments if d.name == "区人社局"), None)
    if hr is not None:
        services.notice_reply(
            actor=reporters.get("区人社局"),
            notice=notice,
            department=hr,
            body="已会同区教育局梳理骨干教师评审计划，拟于本学期增设一次区级骨干教师评审。（演示数据）",
            at=_moment(issued + timedelta(days=9)),
        )


def _load_seed(
    say: Callable[[str], None],
    *,
    prefix: str,
    district: Region,
    officer: str,
    leader: str,
    reporters: dict[str, str],
    assignments: dict[str, tuple[list[str], list[str]]] | None,
    history: tuple[History, ...],
    supervise: bool,
) -> None:
    breakdown, data, filename = _parse(prefix)
    doc_number = breakdown.get("doc_number") or ""
    if Plan.objects.filter(
        district=district, doc_number=doc_number, status=Plan.State.PUBLISHED
    ).exists():
        return
    office = _user(officer)
    plan = services.plan_create_from_breakdown(
        actor=office,
        district=district,
        breakdown=breakdown,
        source=Plan.Source.DOCUMENT,
        source_file=ContentFile(data),
        filename=filename,
    )
    if assignments is not None:
        for item in plan.items.filter(is_task=True):
            lead, cooperating = assignments.get(item.path, UNASSIGNED)
            services.item_set_departments(
                actor=office, item=item, lead=lead, cooperating=cooperating
            )
    _baselines(plan, office)
    services.plan_publish(actor=office, plan=plan)
    people = {name: user for name, username in reporters.items() if (user := _user(username))}
    reports = sum(_play(plan, h, office, people) for h in history)
    if supervise:
        _supervise(plan, _user(leader), people)
    say(
        f"规划“{plan.title}”（{doc_number}）：任务 {plan.items.filter(is_task=True).count()} 项，进展报告 {reports} 份"
    )


def load(say: Callable[[str], None]) -> None:
    baoshan = Region.objects.get(code="310113")
    minhang = Region.objects.get(code="310112")
    _load_seed(
        say,
        prefix="002",
        district=baoshan,
        officer="bs_office",
        leader="bs_leader",
        reporters={"基础教育科": "bs_dept"},
        assignments=BAOSHAN_ASSIGNMENTS,
        history=BAOSHAN_HISTORY,
        supervise=False,
    )
    _load_seed(
        say,
        prefix="004",
        district=minhang,
        officer="mh_office",
        leader="mh_leader",
        reporters={"区教育局": "mh_dept_edu", "区体育局": "mh_dept"},
        assignments=None,
        history=MINHANG_HISTORY,
        supervise=True,
    )
