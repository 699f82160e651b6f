"""Creating plans (from a parsed document, by hand), editing their details, publishing them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, snapshot
from yinling.core.models import Region
from yinling.core.uploads import check_upload
from yinling.plans.models import Plan, PlanItem, Target
from yinling.plans.models.plans import COMPLETION_INDICATOR
from yinling.plans.parsing import ERR_NO_ITEMS, Breakdown, parse_policy
from yinling.plans.periods import Frequency
from yinling.plans.services import _tree
from yinling.plans.services._common import (
    ERR_REQUIRED,
    LEAD,
    MAX_VALUE,
    PLAN_FIELDS,
    actor_or_none,
    require_draft,
    year_end,
)
from yinling.plans.services.matching import DepartmentIndex, assign_names
from yinling.plans.status import Comparator

DOCUMENT_EXTENSIONS = {".txt", ".docx", ".pdf"}

ERR_TITLE_REQUIRED = gettext_noop("请填写规划标题")
ERR_PERIOD_ORDER = gettext_noop("截止日期不能早于起始日期")
ERR_END_BEFORE_START = gettext_noop("不能早于起始日期")  # the end date field's own error
ERR_PERIOD_REQUIRED = gettext_noop("请填写规划的起始日期和截止日期")
ERR_NO_TASKS = gettext_noop("规划中还没有任何任务（勾选“作为任务跟踪”的条目）")
ERR_NO_LEAD = gettext_noop("%(path)s“%(title)s”：还没有牵头部门")
ERR_UNMATCHED = gettext_noop(
    "%(path)s“%(title)s”：部门“%(names)s”尚未对应到本区的责任部门，请新建或改为已有部门"
)
ERR_NO_TARGET = gettext_noop("%(path)s“%(title)s”：至少需要一个目标（可用“完成进度 100%%”）")
ERR_NO_BASELINE = gettext_noop("%(path)s“%(indicator)s”：达到水平类目标需要填写基线值")
ERR_NO_DUE = gettext_noop("%(path)s“%(indicator)s”：缺少完成时限")
ERR_DUE_OUTSIDE = gettext_noop(
    "%(path)s“%(indicator)s”：完成时限 %(due)s 不在规划期（%(start)s 至 %(end)s）内"
)
ERR_DOC_NUMBER_TAKEN = gettext_noop("本区已发布文号为“%(number)s”的规划")

_COMPARATORS = {c.value for c in Comparator}


# --- from a parsed breakdown -------------------------------------------------------------------


def _parse_date(text: Any) -> date | None:
    """The engine's ISO text, which may lack its day or month: 2023-03-02, 2023-12, 2023."""
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", str(text or "").strip())
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        return None
    return number.quantize(Decimal("0.0001"))


@dataclass
class _Draft:
    """An item read from the breakdown, before it is saved."""

    key: tuple[str, str]
    parent_key: tuple[str, str] | None
    raw: dict[str, Any]
    depth: int
    item: PlanItem | None = None
    targets: list[Target] = field(default_factory=list)


def _drafts(items: list[dict[str, Any]]) -> list[_Draft]:
    parts = list(dict.fromkeys(str(raw.get("part") or "") for raw in items))
    several_parts = len(parts) > 1
    drafts: list[_Draft] = []
    if several_parts:
        # Each part (正文, 附件1, 附件2 ...) becomes a top-level item holding its own numbering.
        for part in parts:
            drafts.append(_Draft((part, ""), None, {"number": part, "heading": part}, 0))
    known = {d.key for d in drafts}
    for raw in items:
        part = str(raw.get("part") or "") if several_parts else ""
        path = str(raw.get("path") or "").strip("/")
        segments = [s for s in path.split("/") if s]
        parent_key: tuple[str, str] | None = (part, "") if several_parts else None
        for cut in range(len(segments) - 1, 0, -1):
            candidate = (part, "/".join(segments[:cut]))
            if candidate in known:
                parent_key = candidate
                break
        key = (part, path)
        known.add(key)
        drafts.append(_Draft(key, parent_key, raw, len(segments)))
    return drafts


def _is_task(draft: _Draft, deepest: int, parents: set[tuple[str, str]]) -> bool:
    """Items that assign work or set targets, and the leaves of the deepest numbering level."""
    raw = draft.raw
    if raw.get("departments") or raw.get("lead_departments") or raw.get("targets"):
        return True
    is_leaf = raw.get("is_leaf", draft.key not in parents)
    return bool(is_leaf) and draft.depth == deepest and draft.depth > 0


def _target_from(raw: dict[str, Any], item_deadline: int | None) -> Target | None:
    value = _decimal(raw.get("value"))
    if value is None:
        return None
    unit = str(raw.get("unit") or "")[:20]
    kind = raw.get("kind") or (Target.Kind.LEVEL if unit == "%" else Target.Kind.ADDITION)
    if kind not in Target.Kind.values:
        kind = Target.Kind.LEVEL
    comparator = raw.get("comparator") if raw.get("comparator") in _COMPARATORS else "="
    value_max = _decimal(raw.get("value_max"))
    year = raw.get("year") or item_deadline
    stated = _decimal(raw.get("baseline"))  # "由60%提高到80%" states where it starts
    return Target(
        indicator=str(raw.get("indicator") or raw.get("text") or "")[:200],
        source_text=str(raw.get("text") or "")[:500],
        kind=kind,
        comparator=comparator,
        # Additions count what is new, so they start from zero; levels need a measured baseline.
        baseline=stated
        if stated is not None
        else Decimal(0)
        if kind == Target.Kind.ADDITION
        else None,
        value=value,
        value_max=value_max if value_max is not None and value_max >= value else None,
        unit=unit,
        due_on=year_end(int(year)) if year else None,
        frequency=Frequency.QUARTERLY,
    )


def completion_target(due_on: date | None) -> Target:
    """The target of a task whose text sets no number: its completion, from 0 to 100 %."""
    return Target(
        indicator=COMPLETION_INDICATOR,
        kind=Target.Kind.LEVEL,
        comparator=Comparator.AT_LEAST,
        baseline=Decimal(0),
        value=Decimal(100),
        unit="%",
        due_on=due_on,
        frequency=Frequency.QUARTERLY,
    )


def _assign(item: PlanItem, raw: dict[str, Any], index: DepartmentIndex) -> None:
    names = [str(n) for n in raw.get("departments") or []]
    # When the text does not tell leads from co-operating units, all named units are responsible.
    leads = [str(n) for n in raw.get("lead_departments") or []] or names
    assign_names(item, index, leads, [n for n in names if n not in leads])


def _plan_title(breakdown: Breakdown, items: list[dict[str, Any]], filename: str) -> str:
    """The document's title; when every item sits in one attachment (a notice that 印发 a plan),
    the attachment's own title, which is the plan's."""
    parts = {raw.get("part") for raw in items}
    if len(parts) == 1:
        part = parts.pop()
        for attachment in breakdown.get("attachments") or []:
            if attachment.get("label") == part and attachment.get("title"):
                return str(attachment["title"])
    return str(breakdown.get("title") or Path(filename).stem or _("未命名规划"))


@transaction.atomic
def plan_create_from_breakdown(
    *,
    actor: Any,
    district: Region,
    breakdown: Breakdown,
    source: str = Plan.Source.DOCUMENT,
    source_file: ContentFile | None = None,
    filename: str = "",
) -> Plan:
    """Save a parsed breakdown as a draft plan: items in their tree, departments matched by
    name (unknown names kept for the officer), targets with default due dates, baselines and
    reporting periods, and a completion target on each task that sets no number."""
    items = list(breakdown.get("items") or [])
    if not items:
        raise ValidationError(_(ERR_NO_ITEMS))
    issued_on = _parse_date(breakdown.get("date"))
    plan = Plan(
        district=district,
        title=_plan_title(breakdown, items, filename)[:200],
        doc_number=str(breakdown.get("doc_number") or "")[:60],
        issuer=str(breakdown.get("issuer") or "")[:200],
        issued_on=issued_on,
        period_start=issued_on or timezone.localdate(),
        source=source,
        source_filename=filename[:200],
        created_by=actor_or_none(actor),
    )
    drafts = _drafts(items)
    parents = {d.parent_key for d in drafts if d.parent_key is not None}
    deepest = max(d.depth for d in drafts)
    for draft in drafts:
        deadline = draft.raw.get("deadline")
        draft.targets = [
            t for t in (_target_from(raw, deadline) for raw in draft.raw.get("targets") or []) if t
        ]
    dues = [t.due_on for d in drafts for t in d.targets if t.due_on]
    dues += [year_end(int(d.raw["deadline"])) for d in drafts if d.raw.get("deadline")]
    plan.period_end = max([*dues, year_end(plan.period_start.year)])
    if source_file is not None:
        plan.source_file.save(Path(filename or "document.txt").name, source_file, save=False)
    plan.save()
    _save_items(plan, drafts, deepest, parents)
    audit_record(
        actor=actor,
        action="plan.create",
        obj=plan,
        after={**snapshot(plan, PLAN_FIELDS), "source": source, "items": len(drafts)},
    )
    return plan


def _save_items(
    plan: Plan, drafts: list[_Draft], deepest: int, parents: set[tuple[str, str]]
) -> None:
    index = DepartmentIndex(plan.district)
    by_key: dict[tuple[str, str], _Draft] = {}
    children: _tree.Children = {}
    for draft in drafts:
        raw = draft.raw
        path = draft.key[1]
        parent = by_key[draft.parent_key].item if draft.parent_key in by_key else None
        item = PlanItem.objects.create(
            plan=plan,
            parent=parent,
            number=str(raw.get("number") or path.rsplit("/", 1)[-1])[:20],
            heading=str(raw.get("heading") or "")[:300],
            text=str(raw.get("text") or ""),
            is_task=_is_task(draft, deepest, parents),
        )
        draft.item = item
        by_key[draft.key] = draft
        children.setdefault(parent.pk if parent else None, []).append(item)
        _assign(item, raw, index)
        targets = draft.targets
        if item.is_task and not targets:
            deadline = raw.get("deadline")
            targets = [completion_target(year_end(int(deadline)) if deadline else None)]
        for position, target in enumerate(targets):
            target.item = item
            target.position = position
            target.due_on = target.due_on or plan.period_end
        Target.objects.bulk_create(targets)
    _tree.reindex(children)


def plan_create_from_document(*, actor: Any, district: Region, upload: Any) -> Plan:
    """Check an uploaded document (type, size), parse it with the engine, save it as a draft.

    Raises ``UploadRejected`` or ``DocumentRejected`` (each with ``errors``) before writing."""
    check_upload(upload, extensions=DOCUMENT_EXTENSIONS)
    data = upload.read()
    name = Path(str(upload.name)).name
    breakdown = parse_policy(data, filename=name)
    return plan_create_from_breakdown(
        actor=actor,
        district=district,
        breakdown=breakdown,
        source=Plan.Source.DOCUMENT,
        source_file=ContentFile(data),
        filename=name,
    )


# --- by hand and editing -----------------------------------------------------------------------


def _validate_details(plan: Plan) -> None:
    if not plan.title.strip():
        raise ValidationError({"title": _(ERR_REQUIRED)})
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ValidationError({"period_end": _(ERR_END_BEFORE_START)})


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    district: Region,
    title: str,
    doc_number: str = "",
    issuer: str = "",
    issued_on: date | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    source: str = Plan.Source.MANUAL,
) -> Plan:
    """Start an empty draft plan to be typed in item by item."""
    plan = Plan(
        district=district,
        title=title.strip(),
        doc_number=doc_number.strip(),
        issuer=issuer.strip(),
        issued_on=issued_on,
        period_start=period_start,
        period_end=period_end,
        source=source,
        created_by=actor_or_none(actor),
    )
    _validate_details(plan)
    plan.save()
    audit_record(actor=actor, action="plan.create", obj=plan, after=snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, **fields: Any) -> Plan:
    """Change a draft's details (title, document number, issuer, dates)."""
    require_draft(plan)
    audited_update(
        plan,
        fields,
        actor=actor,
        action="plan.update",
        tracked=PLAN_FIELDS,
        allowed=set(PLAN_FIELDS) - {"status"},  # publishing has its own use case
        validate=_validate_details,
    )
    return plan


@transaction.atomic
def plan_discard(*, actor: Any, plan: Plan) -> None:
    """Delete a draft and everything in it (published plans are never deleted)."""
    require_draft(plan)
    summary = snapshot(plan, PLAN_FIELDS)
    audit_record(actor=actor, action="plan.discard", obj=plan, before=summary)
    if plan.source_file:
        plan.source_file.delete(save=False)
    plan.delete()


# --- publishing --------------------------------------------------------------------------------


def publish_problems(plan: Plan) -> list[str]:
    """Everything that stops a draft from being published, one message each, in plan order."""
    problems: list[str] = []
    if not plan.title.strip():
        problems.append(_(ERR_TITLE_REQUIRED))
    if plan.period_start is None or plan.period_end is None:
        problems.append(_(ERR_PERIOD_REQUIRED))
    elif plan.period_end < plan.period_start:
        problems.append(_(ERR_PERIOD_ORDER))
    if (
        plan.doc_number
        and Plan.objects.filter(
            ~Q(pk=plan.pk),
            district=plan.district_id,
            doc_number=plan.doc_number,
            status=Plan.State.PUBLISHED,
        ).exists()
    ):
        problems.append(_(ERR_DOC_NUMBER_TAKEN) % {"number": plan.doc_number})
    tasks = list(
        plan.items.filter(is_task=True)
        .prefetch_related("assignments", "targets")
        .order_by("position")
    )
    if not tasks:
        problems.append(_(ERR_NO_TASKS))
    for task in tasks:
        problems += _task_problems(plan, task)
    return problems


def _task_problems(plan: Plan, task: PlanItem) -> list[str]:
    problems: list[str] = []
    where = {"path": task.path, "title": task.title}
    if not any(a.role == LEAD for a in task.assignments.all()):
        problems.append(_(ERR_NO_LEAD) % where)
    if task.unmatched_departments:
        names = "、".join(entry["name"] for entry in task.unmatched_departments)
        problems.append(_(ERR_UNMATCHED) % {**where, "names": names})
    targets = list(task.targets.all())
    if not targets:
        problems.append(_(ERR_NO_TARGET) % where)
    for target in targets:
        about = {"path": task.path, "indicator": target.indicator}
        if target.baseline is None:
            problems.append(_(ERR_NO_BASELINE) % about)
        if target.due_on is None:
            problems.append(_(ERR_NO_DUE) % about)
        elif (
            plan.period_start
            and plan.period_end
            and not (plan.period_start <= target.due_on <= plan.period_end)
        ):
            problems.append(
                _(ERR_DUE_OUTSIDE)
                % {
                    **about,
                    "due": target.due_on,
                    "start": plan.period_start,
                    "end": plan.period_end,
                }
            )
    return problems


@transaction.atomic
def plan_publish(*, actor: Any, plan: Plan) -> Plan:
    """Publish a corrected draft; from now on departments report on its tasks.

    Refused, with every problem listed, while a task lacks a lead department or a target, a
    department name is unmatched, or a target lacks a baseline or a due date in the period."""
    require_draft(plan)
    problems = publish_problems(plan)
    if problems:
        raise ValidationError(problems)
    plan.status = Plan.State.PUBLISHED
    plan.published_at = timezone.now()
    plan.published_by = actor_or_none(actor)
    plan.save(update_fields=["status", "published_at", "published_by"])
    audit_record(
        actor=actor,
        action="plan.publish",
        obj=plan,
        before={"status": Plan.State.DRAFT},
        after={"status": Plan.State.PUBLISHED, "tasks": plan.items.filter(is_task=True).count()},
    )
    return plan
