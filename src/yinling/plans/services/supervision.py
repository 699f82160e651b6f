"""Supervision notices (督办): issued on lagging tasks, answered by departments, closed by the office.

Transitions: open -> closed (notice_close). Replies are appended while a notice is open, one per
addressed department; a reply after the deadline is kept and flagged late.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.models import Department
from yinling.plans.models import NoticeReply, Plan, PlanItem, SupervisionNotice
from yinling.plans.selectors import task_status
from yinling.plans.services._common import ERR_REQUIRED, actor_or_none
from yinling.plans.status import Status

SUPERVISED_STATUSES = (Status.LAGGING, Status.OVERDUE)

ERR_NOT_LAGGING = gettext_noop("只能对进度滞后或逾期未完成的任务督办，该任务当前为“%(status)s”")
ERR_NO_DEPARTMENTS = gettext_noop("请至少选择一个")
ERR_NOT_TASK_DEPARTMENT = gettext_noop("“%(department)s”不是该任务的责任部门")
ERR_DEADLINE_PAST = gettext_noop("不能早于今天")
ERR_NOT_ADDRESSED = gettext_noop("该督办通知没有发给“%(department)s”")
ERR_ALREADY_REPLIED = gettext_noop("“%(department)s”已回复过该督办通知")
ERR_CLOSED = gettext_noop("该督办通知已办结")


@transaction.atomic
def notice_issue(
    *,
    actor: Any,
    item: PlanItem,
    departments: Sequence[Department],
    reply_deadline: date,
    body: str,
    today: date | None = None,
    at: datetime | None = None,
) -> SupervisionNotice:
    """Issue a supervision notice on a lagging (or overdue) task to some of its departments.

    ``today`` and ``at`` back-fill a notice issued earlier (the demo's history)."""
    today = today or timezone.localdate()
    if item.plan.status != Plan.State.PUBLISHED or not item.is_task:
        raise ValidationError(_(ERR_NOT_LAGGING) % {"status": "—"})
    status = task_status(item, today=today)
    if status not in SUPERVISED_STATUSES:
        label = Status(status).label if status else "—"
        raise ValidationError(_(ERR_NOT_LAGGING) % {"status": label})
    if not departments:
        raise ValidationError({"departments": _(ERR_NO_DEPARTMENTS)})
    responsible = set(item.assignments.values_list("department_id", flat=True))
    for department in departments:
        if department.pk not in responsible:
            raise ValidationError(
                {"departments": _(ERR_NOT_TASK_DEPARTMENT) % {"department": department.name}}
            )
    if reply_deadline < today:
        raise ValidationError({"reply_deadline": _(ERR_DEADLINE_PAST)})
    if not body.strip():
        raise ValidationError({"body": _(ERR_REQUIRED)})
    notice = SupervisionNotice.objects.create(
        item=item,
        body=body.strip(),
        reply_deadline=reply_deadline,
        issued_by=actor_or_none(actor),
        issued_at=at or timezone.now(),
    )
    notice.departments.set(departments)
    audit_record(
        actor=actor,
        action="notice.issue",
        obj=notice,
        after={
            "task": item.path,
            "status": status,
            "departments": [d.name for d in departments],
            "reply_deadline": reply_deadline.isoformat(),
        },
    )
    return notice


@transaction.atomic
def notice_reply(
    *,
    actor: Any,
    notice: SupervisionNotice,
    department: Department,
    body: str,
    at: datetime | None = None,
) -> NoticeReply:
    """A department answers a notice; a reply after the deadline is accepted and flagged late."""
    if notice.status != SupervisionNotice.State.OPEN:
        raise ValidationError(_(ERR_CLOSED))
    if not notice.departments.filter(pk=department.pk).exists():
        raise ValidationError(_(ERR_NOT_ADDRESSED) % {"department": department.name})
    if notice.replies.filter(department=department).exists():
        raise ValidationError(_(ERR_ALREADY_REPLIED) % {"department": department.name})
    if not body.strip():
        raise ValidationError({"body": _(ERR_REQUIRED)})
    reply = NoticeReply.objects.create(
        notice=notice,
        department=department,
        body=body.strip(),
        author=actor_or_none(actor),
        replied_at=at or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="notice.reply",
        obj=notice,
        after={"department": department.name, "late": reply.is_late},
    )
    return reply


@transaction.atomic
def notice_close(*, actor: Any, notice: SupervisionNotice) -> SupervisionNotice:
    """Close a notice once the office is satisfied with the replies."""
    if notice.status != SupervisionNotice.State.OPEN:
        raise ValidationError(_(ERR_CLOSED))
    notice.status = SupervisionNotice.State.CLOSED
    notice.closed_at = timezone.now()
    notice.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        action="notice.close",
        obj=notice,
        before={"status": SupervisionNotice.State.OPEN},
        after={"status": SupervisionNotice.State.CLOSED},
    )
    return notice
