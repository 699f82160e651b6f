"""Keeping a plan's item tree in order: document positions, depths and paths follow the parents.

Services that change the tree work on an explicit ``Children`` map (parent id -> ordered
children), then call ``reindex`` once, which rewrites position, depth and path in one bulk
update. Nothing else writes those three fields.
"""

from __future__ import annotations

import re
from collections import defaultdict

from yinling.plans.models import Plan, PlanItem

Children = dict[int | None, list[PlanItem]]

_TRAILING = re.compile(r"[\s、.．。,，:：]+$")


def label_key(number: str) -> str:
    """The numbering label as paths use it: "一、" -> "一", "5." -> "5", "（六）" stays."""
    return _TRAILING.sub("", number.strip())


def children_of(plan: Plan) -> Children:
    """The plan's items grouped by parent, each group in document order."""
    children: Children = defaultdict(list)
    for item in PlanItem.objects.filter(plan=plan).order_by("position", "id"):
        children[item.parent_id].append(item)
    return children


def walk(children: Children, parent_id: int | None = None) -> list[PlanItem]:
    """Pre-order traversal: the document order of the tree."""
    ordered: list[PlanItem] = []
    for item in children.get(parent_id, []):
        ordered.append(item)
        ordered.extend(walk(children, item.pk))
    return ordered


def reindex(children: Children) -> None:
    """Give every item its position, depth and path from the tree as the map now has it."""
    changed: list[PlanItem] = []

    def visit(parent_id: int | None, depth: int, prefix: str) -> None:
        for item in children.get(parent_id, []):
            key = label_key(item.number) or "·"
            path = f"{prefix}/{key}" if prefix else key
            position = len(seen)
            seen.append(item)
            if (item.position, item.depth, item.path, item.parent_id) != (
                position,
                depth,
                path,
                parent_id,
            ):
                item.position, item.depth, item.path, item.parent_id = (
                    position,
                    depth,
                    path,
                    parent_id,
                )
                changed.append(item)
            visit(item.pk, depth + 1, path)

    seen: list[PlanItem] = []
    visit(None, 1, "")
    if changed:
        PlanItem.objects.bulk_update(changed, ["position", "depth", "path", "parent"])


def detach(children: Children, item: PlanItem) -> int:
    """Take an item out of its parent's list; returns the index it had."""
    siblings = children[item.parent_id]
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    siblings.pop(index)
    return index


def find(children: Children, pk: int) -> PlanItem:
    for siblings in children.values():
        for item in siblings:
            if item.pk == pk:
                return item
    raise KeyError(pk)
