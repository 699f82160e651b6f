"""Correcting a draft's items: edit, add, delete, merge, split, move; fix their departments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, changed, snapshot
from yinling.core.models import Department
from yinling.core.services import department_create
from yinling.plans.models import Plan, PlanItem, PlanItemDepartment, Target
from yinling.plans.models.plans import COMPLETION_INDICATOR
from yinling.plans.services import _tree
from yinling.plans.services._common import (
    COOPERATING,
    ITEM_FIELDS,
    LEAD,
    require_draft,
)
from yinling.plans.services.matching import DepartmentIndex, assign_names, guess_kind, normalise
from yinling.plans.services.plans import completion_target

ERR_EMPTY_ITEM = gettext_noop("序号、标题和具体内容不能都为空")
ERR_NO_PREVIOUS = gettext_noop("这是同级的第一个条目，没有可以合并进去的上一条目")
ERR_SPLIT_NOT_FOUND = gettext_noop("在具体内容中找不到“%(text)s”，无法从这里拆分")
ERR_SPLIT_AT_EDGE = gettext_noop("拆分位置必须在具体内容中间，两部分都不能为空")
ERR_CANNOT_MOVE = gettext_noop("无法再向该方向移动")
ERR_NOT_UNMATCHED = gettext_noop("“%(name)s”不是该条目待处理的部门名称")
ERR_PARENT_ELSEWHERE = gettext_noop("上级条目不属于同一规划")

MOVES = ("up", "down", "indent", "outdent")


def _audit_item(actor: Any, action: str, item: PlanItem, **details: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=item.plan,
        object_repr=f"{item.plan.title} · {item.path}",
        after={"item": item.pk, **details},
    )


@transaction.atomic
def item_update(
    *,
    actor: Any,
    item: PlanItem,
    number: str,
    heading: str,
    text: str,
    is_task: bool,
) -> PlanItem:
    """Correct an item's numbering label, heading, text, and whether it is tracked as a task."""
    require_draft(item.plan)
    number, heading, text = number.strip(), heading.strip(), text.strip()
    if not (number or heading or text):
        raise ValidationError(_(ERR_EMPTY_ITEM))
    before = snapshot(item, ITEM_FIELDS)
    item.number, item.heading, item.text, item.is_task = number, heading, text, is_task
    old, new = changed(before, snapshot(item, ITEM_FIELDS))
    if not new:
        return item
    item.save(update_fields=list(new))
    if is_task and not item.targets.exists():
        _add_completion_target(item)
    if "number" in new:
        _tree.reindex(_tree.children_of(item.plan))
        item.refresh_from_db(fields=["path"])
    audit_record(
        actor=actor,
        action="plan_item.update",
        obj=item.plan,
        object_repr=f"{item.plan.title} · {item.path}",
        before={"item": item.pk, **old},
        after={"item": item.pk, **new},
    )
    return item


def _add_completion_target(item: PlanItem) -> None:
    target = completion_target(item.plan.period_end)
    target.item = item
    target.save()


@transaction.atomic
def item_add(
    *,
    actor: Any,
    plan: Plan,
    parent: PlanItem | None,
    number: str,
    heading: str = "",
    text: str = "",
    is_task: bool = True,
) -> PlanItem:
    """Add an item as the last child of ``parent`` (or at the top level)."""
    require_draft(plan)
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError(_(ERR_PARENT_ELSEWHERE))
    if not (number.strip() or heading.strip() or text.strip()):
        raise ValidationError(_(ERR_EMPTY_ITEM))
    end = plan.items.aggregate(end=Max("position"))["end"]
    item = PlanItem.objects.create(
        plan=plan,
        parent=parent,
        position=(end or 0) + 1,
        number=number.strip(),
        heading=heading.strip(),
        text=text.strip(),
        is_task=is_task,
    )
    if is_task:
        _add_completion_target(item)
    _tree.reindex(_tree.children_of(plan))
    item.refresh_from_db()
    _audit_item(actor, "plan_item.add", item, path=item.path)
    return item


@transaction.atomic
def item_delete(*, actor: Any, item: PlanItem) -> None:
    """Delete an item with everything under it."""
    plan = item.plan
    require_draft(plan)
    _audit_item(actor, "plan_item.delete", item, path=item.path, heading=item.heading)
    item.delete()
    _tree.reindex(_tree.children_of(plan))


@transaction.atomic
def item_merge(*, actor: Any, item: PlanItem) -> PlanItem:
    """Merge an item into the sibling before it: texts joined, children, targets, departments
    and unmatched names carried over. For a paragraph the parser took for a new item."""
    plan = item.plan
    require_draft(plan)
    children = _tree.children_of(plan)
    index = _tree.detach(children, item)
    if index == 0:
        raise ValidationError(_(ERR_NO_PREVIOUS))
    previous = children[item.parent_id][index - 1]
    previous.text = "\n".join(filter(None, (previous.text, item.text or item.heading)))
    previous.is_task = previous.is_task or item.is_task
    previous.unmatched_departments = _merged_unmatched(previous, item)
    previous.save(update_fields=["text", "is_task", "unmatched_departments"])
    for child in children.pop(item.pk, []):
        child.parent_id = previous.pk
        children.setdefault(previous.pk, []).append(child)
    _move_assignments(item, previous)
    offset = previous.targets.count()
    for position, target in enumerate(item.targets.order_by("position", "id")):
        target.item, target.position = previous, offset + position
        target.save(update_fields=["item", "position"])
    _tree.reindex(children)
    _drop_duplicate_completion_targets(previous)
    _audit_item(actor, "plan_item.merge", previous, merged=item.pk, path=previous.path)
    item.delete()
    previous.refresh_from_db()
    return previous


def _merged_unmatched(keep: PlanItem, gone: PlanItem) -> list[dict[str, str]]:
    merged = list(keep.unmatched_departments)
    names = {entry["name"] for entry in merged}
    merged += [e for e in gone.unmatched_departments if e["name"] not in names]
    return merged


def _move_assignments(source: PlanItem, destination: PlanItem) -> None:
    held = {a.department_id: a for a in destination.assignments.all()}
    for assignment in source.assignments.all():
        kept = held.get(assignment.department_id)
        if kept is None:
            PlanItemDepartment.objects.create(
                item=destination,
                department_id=assignment.department_id,
                role=assignment.role,
                position=len(held),
            )
            held[assignment.department_id] = assignment
        elif assignment.role == LEAD and kept.role != LEAD:
            kept.role = LEAD
            kept.save(update_fields=["role"])


def _drop_duplicate_completion_targets(item: PlanItem) -> None:
    """After a merge, a task needs its generic completion target only if it has no other."""
    targets = list(item.targets.all())
    generic = [t for t in targets if t.indicator == COMPLETION_INDICATOR and not t.reports.exists()]
    if len(generic) < len(targets):
        Target.objects.filter(pk__in=[t.pk for t in generic]).delete()
    elif len(generic) > 1:
        Target.objects.filter(pk__in=[t.pk for t in generic[1:]]).delete()


@transaction.atomic
def item_split(
    *, actor: Any, item: PlanItem, split_from: str, number: str = "", heading: str = ""
) -> PlanItem:
    """Split an item's text where ``split_from`` begins; the rest becomes the next sibling.

    The new item keeps the departments; targets whose source phrase lies in the second part
    move with it."""
    plan = item.plan
    require_draft(plan)
    marker = split_from.strip()
    at = item.text.find(marker) if marker else -1
    if at < 0:
        raise ValidationError({"split_from": _(ERR_SPLIT_NOT_FOUND) % {"text": marker[:30]}})
    first, second = item.text[:at].strip(), item.text[at:].strip()
    if not first or not second:
        raise ValidationError({"split_from": _(ERR_SPLIT_AT_EDGE)})
    item.text = first
    item.save(update_fields=["text"])
    new = PlanItem.objects.create(
        plan=plan,
        parent=item.parent,
        number=number.strip() or item.number,
        heading=heading.strip() or _heading_of(second),
        text=second,
        is_task=item.is_task,
        unmatched_departments=list(item.unmatched_departments),
    )
    PlanItemDepartment.objects.bulk_create(
        PlanItemDepartment(
            item=new, department_id=a.department_id, role=a.role, position=a.position
        )
        for a in item.assignments.all()
    )
    moved = [t for t in item.targets.all() if t.source_text and t.source_text in second]
    for position, target in enumerate(moved):
        target.item, target.position = new, position
        target.save(update_fields=["item", "position"])
    for task in (item, new):
        if task.is_task and not task.targets.exists():
            _add_completion_target(task)
    children = _tree.children_of(plan)
    siblings = children[item.parent_id]
    siblings.remove(next(s for s in siblings if s.pk == new.pk))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    siblings.insert(index + 1, new)
    _tree.reindex(children)
    new.refresh_from_db()
    _audit_item(actor, "plan_item.split", item, new_item=new.pk, path=new.path)
    return new


def _heading_of(text: str) -> str:
    """The short title before the first 。, when the text has one that short."""
    head, sep, _rest = text.partition("。")
    return head[:60] if sep and len(head) <= 60 else ""


@transaction.atomic
def item_move(*, actor: Any, item: PlanItem, direction: str) -> PlanItem:
    """Move an item (with its children): up or down among its siblings, indent (into the
    sibling before it, as its last child) or outdent (out of its parent, just after it)."""
    if direction not in MOVES:
        raise ValueError(direction)
    plan = item.plan
    require_draft(plan)
    children = _tree.children_of(plan)
    me = _tree.find(children, item.pk)
    siblings = children[me.parent_id]
    index = _tree.detach(children, me)
    if direction == "up" and index > 0:
        siblings.insert(index - 1, me)
    elif direction == "down" and index < len(siblings):
        siblings.insert(index + 1, me)
    elif direction == "indent" and index > 0:
        new_parent = siblings[index - 1]
        me.parent_id = new_parent.pk
        children.setdefault(new_parent.pk, []).append(me)
    elif direction == "outdent" and me.parent_id is not None:
        parent = _tree.find(children, me.parent_id)
        me.parent_id = parent.parent_id
        uncles = children[parent.parent_id]
        uncles.insert(next(i for i, u in enumerate(uncles) if u.pk == parent.pk) + 1, me)
    else:
        raise ValidationError(_(ERR_CANNOT_MOVE))
    _tree.reindex(children)
    item.refresh_from_db()
    _audit_item(actor, "plan_item.move", item, direction=direction, path=item.path)
    return item


# --- departments -------------------------------------------------------------------------------


@transaction.atomic
def item_set_departments(
    *, actor: Any, item: PlanItem, lead: list[str], cooperating: list[str]
) -> list[str]:
    """Set a task's lead and co-operating departments from names, matched to the district's
    departments. Names that match none are kept on the item to be created or corrected;
    they are returned."""
    plan = item.plan
    require_draft(plan)
    before = _assignment_summary(item)
    item.assignments.all().delete()
    unmatched = assign_names(item, DepartmentIndex(plan.district), lead, cooperating)
    audit_record(
        actor=actor,
        action="plan_item.departments",
        obj=plan,
        object_repr=f"{plan.title} · {item.path}",
        before={"item": item.pk, **before},
        after={"item": item.pk, **_assignment_summary(item)},
    )
    return [entry["name"] for entry in unmatched]


def _assignment_summary(item: PlanItem) -> dict[str, Any]:
    rows = item.assignments.select_related("department").order_by("role", "position")
    return {
        "lead": [a.department.name for a in rows if a.role == LEAD],
        "cooperating": [a.department.name for a in rows if a.role == COOPERATING],
        "unmatched": [e["name"] for e in item.unmatched_departments],
    }


def _resolve(plan: Plan, name: str, department: Department) -> int:
    """Attach a department wherever the plan still carries its name unmatched; returns how many."""
    resolved = 0
    for other in plan.items.exclude(unmatched_departments=[]):
        entries = [e for e in other.unmatched_departments if normalise(e["name"]) == name]
        if not entries:
            continue
        other.unmatched_departments = [e for e in other.unmatched_departments if e not in entries]
        other.save(update_fields=["unmatched_departments"])
        if not other.assignments.filter(department=department).exists():
            PlanItemDepartment.objects.create(
                item=other,
                department=department,
                role=entries[0]["role"],
                position=other.assignments.count(),
            )
        resolved += 1
    return resolved


def _require_unmatched(item: PlanItem, name: str) -> str:
    key = normalise(name)
    if not any(normalise(e["name"]) == key for e in item.unmatched_departments):
        raise ValidationError(_(ERR_NOT_UNMATCHED) % {"name": name})
    return key


@transaction.atomic
def item_department_create(*, actor: Any, item: PlanItem, name: str) -> Department:
    """Register an unknown department name as a new department of the district and attach it
    to every item of the plan that names it."""
    plan = item.plan
    require_draft(plan)
    key = _require_unmatched(item, name)
    department = department_create(
        actor=actor, district=plan.district, name=key, kind=guess_kind(key)
    )
    count = _resolve(plan, key, department)
    _audit_item(actor, "plan_item.department_create", item, department=department.name, items=count)
    return department


@transaction.atomic
def item_department_map(*, actor: Any, item: PlanItem, name: str, department: Department) -> int:
    """Read an unknown name as an existing department, throughout the plan."""
    plan = item.plan
    require_draft(plan)
    key = _require_unmatched(item, name)
    if department.district_id != plan.district_id:
        raise ValidationError(_(ERR_PARENT_ELSEWHERE))
    count = _resolve(plan, key, department)
    _audit_item(actor, "plan_item.department_map", item, name=key, department=department.name)
    return count


@transaction.atomic
def item_department_dismiss(*, actor: Any, item: PlanItem, name: str) -> None:
    """Drop an unknown department name from one item (it was not a department after all)."""
    require_draft(item.plan)
    key = _require_unmatched(item, name)
    item.unmatched_departments = [
        e for e in item.unmatched_departments if normalise(e["name"]) != key
    ]
    item.save(update_fields=["unmatched_departments"])
    _audit_item(actor, "plan_item.department_dismiss", item, name=key)
