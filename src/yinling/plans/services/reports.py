"""Progress reports: departments submit values each period; the programme office accepts or returns.

Transitions (the one table that says which moves exist; ``yinling.plans.permissions`` says who):
    submitted -> accepted   (report_accept, the office)
    submitted -> returned   (report_return, the office, with comments)
    returned  -> submitted  (report_submit again, the department)
    submitted -> submitted  (report_submit again before review: the department amends it)
An accepted report is final.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.models import Department
from yinling.core.uploads import EVIDENCE_EXTENSIONS, check_upload
from yinling.plans.models import Plan, ProgressReport, ReportEvidence, Target
from yinling.plans.periods import Frequency, Period, period_from_key, periods_between
from yinling.plans.services._common import MAX_VALUE, actor_or_none, check_amount

State = ProgressReport.State

REPORT_TRANSITIONS: dict[str, set[str]] = {
    State.SUBMITTED: {State.SUBMITTED, State.ACCEPTED, State.RETURNED},
    State.RETURNED: {State.SUBMITTED},
    State.ACCEPTED: set(),
}

RESUBMITTED_FIELDS = ("value", "narrative", "status", "submitted_by", "submitted_at")

ERR_NOT_PUBLISHED = gettext_noop("规划尚未发布，不能报送进展")
ERR_NOT_RESPONSIBLE = gettext_noop(
    "“%(department)s”不是任务“%(task)s”的责任部门，不能报送该任务的进展"
)
# Errors of one field (keyed by it) are shown after the field's label ("当前值：…"), so they do
# not name the field again.
ERR_VALUE_NOT_NUMBER = gettext_noop("必须是数字，收到的是“%(value)s”")
ERR_VALUE_REQUIRED = gettext_noop("请填写数值")
ERR_VALUE_TOO_LARGE = gettext_noop("%(value)s 超出可记录的范围")
ERR_PERIOD_UNKNOWN = gettext_noop(
    "无法识别“%(period)s”，应写作 2024-Q1（季度）、2024-H2（半年）或 2024-03（月）"
)
ERR_PERIOD_FREQUENCY = gettext_noop("该目标%(frequency)s报送一次，“%(period)s”不是这样的周期")
ERR_PERIOD_OUTSIDE = gettext_noop("“%(period)s”不在规划期（%(start)s 至 %(end)s）内")
ERR_PERIOD_FUTURE = gettext_noop("“%(period)s”尚未开始，不能提前报送")
ERR_ALREADY_ACCEPTED = gettext_noop("“%(department)s”%(period)s的报告已采纳，不能再修改")
ERR_TRANSITION = gettext_noop("报告当前为“%(state)s”，不能%(action)s")
ERR_COMMENT_REQUIRED = gettext_noop("退回时请写明审核意见，说明需要修改什么")


def parse_value(raw: Any, *, unit: str = "") -> Decimal:
    """A reported value: a finite number, written with or without thousands separators, never
    negative when the unit counts things, with no more decimals than are stored (a value is
    refused rather than silently rounded)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError({"value": _(ERR_VALUE_REQUIRED)})
    if isinstance(raw, Decimal | int | float) and not isinstance(raw, bool):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(",", "").replace("，", "").removesuffix("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError({"value": _(ERR_VALUE_NOT_NUMBER) % {"value": raw}}) from None
    if not number.is_finite():
        raise ValidationError({"value": _(ERR_VALUE_NOT_NUMBER) % {"value": raw}})
    if abs(number) >= MAX_VALUE:
        raise ValidationError({"value": _(ERR_VALUE_TOO_LARGE) % {"value": raw}})
    check_amount(number, unit=unit, field="value", raw=raw)
    return number


def reporting_periods(target: Target, *, today: date | None = None) -> list[Period]:
    """The periods a department may report on for a target: those of its frequency within the
    plan's period that have begun by today."""
    plan = target.item.plan
    if plan.period_start is None or plan.period_end is None:
        return []
    today = today or timezone.localdate()
    return [
        p
        for p in periods_between(plan.period_start, plan.period_end, target.frequency)
        if p.start <= today
    ]


def check_period(target: Target, key: str, *, today: date | None = None) -> Period:
    """The period a key names, if a report on this target may be for it; else a clear refusal."""
    plan = target.item.plan
    period = period_from_key(key or "")
    if period is None:
        raise ValidationError({"period": _(ERR_PERIOD_UNKNOWN) % {"period": key}})
    if period.key not in {
        p.key for p in periods_between(period.start, period.end, target.frequency)
    }:
        raise ValidationError(
            {
                "period": _(ERR_PERIOD_FREQUENCY)
                % {"frequency": Frequency(target.frequency).label, "period": key}
            }
        )
    assert plan.period_start is not None and plan.period_end is not None
    if period.end < plan.period_start or period.start > plan.period_end:
        raise ValidationError(
            {
                "period": _(ERR_PERIOD_OUTSIDE)
                % {
                    "period": period.label,
                    "start": date_format(plan.period_start),
                    "end": date_format(plan.period_end),
                }
            }
        )
    if period.start > (today or timezone.localdate()):
        raise ValidationError({"period": _(ERR_PERIOD_FUTURE) % {"period": period.label}})
    return period


def is_responsible(target: Target, department: Department) -> bool:
    return target.item.assignments.filter(department=department).exists()


@transaction.atomic
def report_submit(
    *,
    actor: Any,
    target: Target,
    department: Department,
    period: str,
    value: Any,
    narrative: str = "",
    files: Sequence[Any] = (),
    today: date | None = None,
    at: datetime | None = None,
) -> ProgressReport:
    """A department reports a target's current value for a period, with evidence files.

    Submitting again for the same period amends a report still under review or resubmits a
    returned one; an accepted report is final. Refused, before anything is written, when the
    plan is not published, the department is not responsible for the task, the value is not a
    number, the period is not one of the target's within the plan, or a file is refused.
    ``at`` back-fills a report made earlier elsewhere (the demo's history); it defaults to now."""
    plan: Plan = target.item.plan
    if plan.status != Plan.State.PUBLISHED:
        raise ValidationError(_(ERR_NOT_PUBLISHED))
    if not is_responsible(target, department):
        raise ValidationError(
            _(ERR_NOT_RESPONSIBLE) % {"department": department.name, "task": target.item.title}
        )
    number = parse_value(value, unit=target.unit)
    checked = check_period(target, period, today=today)
    for upload in files:
        check_upload(upload, extensions=EVIDENCE_EXTENSIONS)
    now = at or timezone.now()
    report = (
        ProgressReport.objects.select_for_update()
        .filter(target=target, department=department, period=checked.key)
        .first()
    )
    if report is None:
        report = ProgressReport(
            target=target,
            department=department,
            period=checked.key,
            period_end=checked.end,
            first_submitted_at=now,
        )
        action, before = "report.submit", None
    else:
        if not may_resubmit(report):
            raise ValidationError(
                _(ERR_ALREADY_ACCEPTED) % {"department": department.name, "period": checked.label}
            )
        action = "report.resubmit"
        before = {"status": report.status, "value": str(report.value)}
    report.value = number
    report.narrative = narrative.strip()
    report.status = State.SUBMITTED
    report.submitted_by = actor_or_none(actor)
    report.submitted_at = now
    if report.pk is None:
        report.save()
    else:
        report.save(update_fields=[*RESUBMITTED_FIELDS])
    for upload in files:
        ReportEvidence.objects.create(
            report=report,
            file=upload,
            name=str(upload.name)[:200],
            size=upload.size,
            uploaded_by=actor_or_none(actor),
        )
    audit_record(
        actor=actor,
        action=action,
        obj=report,
        before=before,
        after={
            "status": report.status,
            "value": str(number),
            "period": checked.key,
            "files": len(files),
        },
    )
    return report


def _review(
    *, actor: Any, report: ProgressReport, to: str, comment: str, at: datetime | None
) -> ProgressReport:
    """Record the office's decision on a submitted report (the transition is checked first)."""
    before = report.status
    report.status = to
    report.reviewed_by = actor_or_none(actor)
    report.reviewed_at = at or timezone.now()
    report.review_comment = comment.strip()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
    audit_record(
        actor=actor,
        action="report.accept" if to == State.ACCEPTED else "report.return",
        obj=report,
        before={"status": before},
        after={"status": to, "value": str(report.value), "comment": report.review_comment},
    )
    return report


def may_resubmit(report: ProgressReport) -> bool:
    """Whether the department may submit this report again (amend it, or revise it once returned)."""
    return State.SUBMITTED in REPORT_TRANSITIONS[report.status]


def _transition(report: ProgressReport, to: str, action_label: str) -> None:
    if to not in REPORT_TRANSITIONS[report.status]:
        raise ValidationError(
            _(ERR_TRANSITION) % {"state": report.get_status_display(), "action": action_label}
        )


@transaction.atomic
def report_accept(
    *, actor: Any, report: ProgressReport, comment: str = "", at: datetime | None = None
) -> ProgressReport:
    """The office accepts a submitted report; its value now counts towards the target's status."""
    _transition(report, State.ACCEPTED, _("采纳"))
    return _review(actor=actor, report=report, to=State.ACCEPTED, comment=comment, at=at)


@transaction.atomic
def report_return(
    *, actor: Any, report: ProgressReport, comment: str, at: datetime | None = None
) -> ProgressReport:
    """The office returns a submitted report to its department with comments to act on."""
    _transition(report, State.RETURNED, _("退回"))
    if not comment.strip():
        raise ValidationError({"comment": _(ERR_COMMENT_REQUIRED)})
    return _review(actor=actor, report=report, to=State.RETURNED, comment=comment, at=at)
