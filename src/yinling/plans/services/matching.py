"""Matching department names from documents and spreadsheets to the district's Department records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from yinling.core.models import Department, Region
from yinling.plans.models import PlanItem, PlanItemDepartment

_SPACE = re.compile(r"\s+")
SEPARATORS = re.compile(r"[、，,；;／/\n]+")


def normalise(name: str) -> str:
    return _SPACE.sub("", name).replace("(", "（").replace(")", "）").strip()


def split_names(text: str) -> list[str]:
    """Names typed into one field: 区教育局、区体育局, 各街镇 -> three names, in order, once each."""
    names: list[str] = []
    for part in SEPARATORS.split(text or ""):
        name = normalise(part)
        if name and name not in names:
            names.append(name)
    return names


@dataclass
class Matched:
    departments: list[Department] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


class DepartmentIndex:
    """The district's departments by full name and short name (with or without the 区 prefix)."""

    def __init__(self, district: Region) -> None:
        self._exact: dict[str, Department] = {}
        self._loose: dict[str, list[Department]] = {}
        for department in Department.objects.filter(district=district, is_active=True):
            for name in filter(None, (department.name, department.short_name)):
                self._exact.setdefault(normalise(name), department)
                self._loose.setdefault(normalise(name).removeprefix("区"), []).append(department)

    def get(self, name: str) -> Department | None:
        key = normalise(name)
        if key in self._exact:
            return self._exact[key]
        loose = {d.pk: d for d in self._loose.get(key.removeprefix("区"), [])}
        return next(iter(loose.values())) if len(loose) == 1 else None

    def match(self, names: Iterable[str]) -> Matched:
        result = Matched()
        for name in names:
            department = self.get(name)
            if department is None:
                if normalise(name) not in result.unknown:
                    result.unknown.append(normalise(name))
            elif department not in result.departments:
                result.departments.append(department)
        return result


def guess_kind(name: str) -> str:
    """The kind a new department most likely is, from its name (editable later by the admin)."""
    if name.endswith(("街镇", "街道", "镇", "工业区")):
        return Department.Kind.TOWN
    if name.endswith(("科", "室", "处")) and not name.startswith("区委"):
        return Department.Kind.BUREAU_SECTION
    if name.endswith(("中心", "学院", "学校")):
        return Department.Kind.INSTITUTION
    return Department.Kind.GOVERNMENT


def assign_names(
    item: PlanItem, index: DepartmentIndex, lead: list[str], cooperating: list[str]
) -> list[dict[str, str]]:
    """Give a task its lead and co-operating departments from names (a department named twice
    keeps its first role). Names that match no department are kept on the item, to be created
    or corrected before publishing, and returned."""
    rows: list[PlanItemDepartment] = []
    unmatched: list[dict[str, str]] = []
    seen: set[int] = set()
    for role, names in (
        (PlanItemDepartment.Role.LEAD, lead),
        (PlanItemDepartment.Role.COOPERATING, cooperating),
    ):
        matched = index.match(names)
        for department in matched.departments:
            if department.pk not in seen:
                seen.add(department.pk)
                rows.append(
                    PlanItemDepartment(
                        item=item, department=department, role=role, position=len(rows)
                    )
                )
        unmatched += [{"name": name, "role": role} for name in matched.unknown]
    PlanItemDepartment.objects.bulk_create(rows)
    if unmatched or item.unmatched_departments:
        item.unmatched_departments = unmatched
        item.save(update_fields=["unmatched_departments"])
    return unmatched
