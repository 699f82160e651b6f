"""Checks and names the plan services share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
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
STORED_PLACES = 4

# Units that count things (schools, people, courses ...): a count is never negative.
COUNT_UNITS = frozenset(
    "所 名 个 人 项 门 节 次 场 篇 本 家 支 间 套 台 位 批 件 份 期 届 班 校 园 户 课时 人次 万人".split()
)
# A field's own errors (shown after its label, "当前值：…").
ERR_NEGATIVE_COUNT = gettext_noop("单位“%(unit)s”是计数，不能为负数，收到的是“%(value)s”")
ERR_TOO_MANY_PLACES = gettext_noop(
    "最多保留 %(places)d 位小数，收到的是“%(value)s”；请按需要的精度填写，系统不会替您四舍五入"
)


def is_count(unit: str) -> bool:
    return unit.strip() in COUNT_UNITS


def decimal_places(number: Decimal) -> int:
    """How many decimals a number needs (12.50 needs 1, 100 needs 0)."""
    exponent = number.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def check_amount(number: Decimal | None, *, unit: str, field: str, raw: Any = None) -> None:
    """Refuse, naming the field, a negative count and more decimals than the field stores."""
    if number is None:
        return
    shown = raw if raw is not None else f"{number:f}"
    if number < 0 and is_count(unit):
        raise ValidationError({field: _(ERR_NEGATIVE_COUNT) % {"unit": unit, "value": shown}})
    if decimal_places(number) > STORED_PLACES:
        raise ValidationError(
            {field: _(ERR_TOO_MANY_PLACES) % {"places": STORED_PLACES, "value": shown}}
        )


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
