from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, snapshot
from yinling.core.models import Department, Region

DEPARTMENT_FIELDS = ("name", "short_name", "kind", "district", "is_active")
ERR_DEPARTMENT_EXISTS = gettext_noop("本区已有名为“%(name)s”的部门")


def _validate(department: Department) -> None:
    clash = Department.objects.filter(district=department.district, name=department.name)
    if clash.exclude(pk=department.pk).exists():
        raise ValidationError({"name": _(ERR_DEPARTMENT_EXISTS) % {"name": department.name}})
    department.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def department_create(
    *,
    actor: Any,
    district: Region,
    name: str,
    kind: str = Department.Kind.GOVERNMENT,
    short_name: str = "",
) -> Department:
    """Register a responsible unit (责任部门) of a district."""
    department = Department(
        district=district, name=name.strip(), kind=kind, short_name=short_name.strip()
    )
    _validate(department)
    department.save()
    audit_record(
        actor=actor,
        action="department.create",
        obj=department,
        after=snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


@transaction.atomic
def department_update(*, actor: Any, department: Department, **fields: Any) -> Department:
    """Change a department's details; only the named fields are written."""
    audited_update(
        department,
        fields,
        actor=actor,
        action="department.update",
        tracked=DEPARTMENT_FIELDS,
        validate=_validate,
    )
    return department
