"""Correcting a draft task's targets: indicator, baseline, value, comparator, due date, period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, snapshot
from yinling.plans.models import PlanItem, Target
from yinling.plans.periods import Frequency
from yinling.plans.services._common import (
    ERR_REQUIRED,
    TARGET_FIELDS,
    check_amount,
    require_draft,
)
from yinling.plans.status import Comparator

ERR_RANGE_ORDER = gettext_noop("不能小于目标值")  # the upper bound field's own error
ERR_NOT_A_TASK = gettext_noop("只有任务才能设置目标，请先勾选“作为任务跟踪”")
ERR_LAST_TARGET = gettext_noop("每项任务至少保留一个目标")


def _validate(target: Target) -> None:
    if not target.indicator.strip():
        raise ValidationError({"indicator": _(ERR_REQUIRED)})
    if target.value_max is not None and target.value_max < target.value:
        raise ValidationError({"value_max": _(ERR_RANGE_ORDER)})
    for name in ("baseline", "value", "value_max"):
        check_amount(getattr(target, name), unit=target.unit, field=name)
    target.full_clean(exclude=["item"], validate_unique=False, validate_constraints=False)


def _repr(target: Target) -> str:
    return f"{target.item.plan.title} · {target.item.path} · {target.indicator}"


@transaction.atomic
def target_create(
    *,
    actor: Any,
    item: PlanItem,
    indicator: str,
    value: Decimal,
    comparator: str = Comparator.AT_LEAST,
    kind: str = Target.Kind.LEVEL,
    unit: str = "",
    baseline: Decimal | None = None,
    value_max: Decimal | None = None,
    due_on: date | None = None,
    frequency: str = Frequency.QUARTERLY,
) -> Target:
    """Add a target to a draft task."""
    require_draft(item.plan)
    if not item.is_task:
        raise ValidationError(_(ERR_NOT_A_TASK))
    target = Target(
        item=item,
        position=item.targets.count(),
        indicator=indicator.strip(),
        value=value,
        comparator=comparator,
        kind=kind,
        unit=unit.strip(),
        baseline=baseline if baseline is not None or kind == Target.Kind.LEVEL else Decimal(0),
        value_max=value_max,
        due_on=due_on or item.plan.period_end,
        frequency=frequency,
    )
    _validate(target)
    target.save()
    audit_record(
        actor=actor,
        action="target.create",
        obj=target,
        object_repr=_repr(target),
        after=snapshot(target, TARGET_FIELDS),
    )
    return target


@transaction.atomic
def target_update(*, actor: Any, target: Target, **fields: Any) -> Target:
    """Correct a draft target; only the named fields are written."""
    require_draft(target.item.plan)
    audited_update(
        target,
        fields,
        actor=actor,
        action="target.update",
        tracked=TARGET_FIELDS,
        validate=_validate,
        object_repr=_repr(target),
    )
    return target


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    """Remove a target from a draft task (a task keeps at least one)."""
    require_draft(target.item.plan)
    if target.item.targets.count() <= 1:
        raise ValidationError(_(ERR_LAST_TARGET))
    audit_record(
        actor=actor,
        action="target.delete",
        obj=target,
        object_repr=_repr(target),
        before=snapshot(target, TARGET_FIELDS),
    )
    target.delete()


@transaction.atomic
def target_set_baselines(*, actor: Any, baselines: dict[Target, Decimal]) -> int:
    """Fill several baselines at once (the publishing checklist's form); returns how many."""
    for target, baseline in baselines.items():
        target_update(actor=actor, target=target, baseline=baseline)
    return len(baselines)
