"""Checks and names the plan services share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.plans.models import Plan, PlanItemDepartment

ERR_NOT_DRAFT = gettext_noop("规划“%(title)s”已发布，不能再修改；如需调整请联系区管理员")
ERR_NOT_PUBLISHED = gettext_noop("规划“%(title)s”尚未发布")
# A field's own error, shown after its label ("督办意见：不能为空"); such errors never repeat it.
ERR_REQUIRED = gettext_noop("不能为空")

MAX_VALUE = 10**12  # values are stored with 16 digits, 4 of them decimals

PLAN_FIELDS = (
    "title",
    "doc_number",
    "issuer",
    "issued_on",
    "period_start",
    "period_end",
    "status",
)
ITEM_FIELDS = ("number", "heading", "text", "is_task", "parent", "position")
TARGET_FIELDS = (
    "indicator",
    "kind",
    "comparator",
    "baseline",
    "value",
    "value_max",
    "unit",
    "due_on",
    "frequency",
)

LEAD = PlanItemDepartment.Role.LEAD
COOPERATING = PlanItemDepartment.Role.COOPERATING


def require_draft(plan: Plan) -> None:
    if plan.status != Plan.State.DRAFT:
        raise ValidationError(_(ERR_NOT_DRAFT) % {"title": plan.title})


def require_published(plan: Plan) -> None:
    if plan.status != Plan.State.PUBLISHED:
        raise ValidationError(_(ERR_NOT_PUBLISHED) % {"title": plan.title})


def year_end(year: int) -> date:
    return date(year, 12, 31)


def actor_or_none(actor: Any) -> Any:
    """The actor to store on a row: None for scripts and the demo loader."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None
