from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, snapshot
from yinling.core.models import Region, School

SCHOOL_FIELDS = (
    "name",
    "short_name",
    "code",
    "stage",
    "ownership",
    "district",
    "address",
    "education_group",
    "is_demo",
    "is_active",
)
ERR_CODE_TAKEN = gettext_noop("学校代码“%(code)s”已被“%(name)s”使用")
ERR_NOT_A_DISTRICT = gettext_noop("“%(name)s”不是区级行政区域")


def _validate(school: School) -> None:
    clash = School.objects.filter(code=school.code).exclude(pk=school.pk).first()
    if clash is not None:
        raise ValidationError(
            {"code": _(ERR_CODE_TAKEN) % {"code": school.code, "name": clash.name}}
        )
    if school.district.kind != Region.Kind.DISTRICT:
        raise ValidationError({"district": _(ERR_NOT_A_DISTRICT) % {"name": school.district.name}})
    school.full_clean(validate_unique=True)


@transaction.atomic
def school_create(
    *,
    actor: Any,
    district: Region,
    name: str,
    code: str,
    stage: str,
    ownership: str = School.Ownership.PUBLIC,
    short_name: str = "",
    address: str = "",
    education_group: str = "",
    is_demo: bool = False,
) -> School:
    """Register a school in a district."""
    school = School(
        district=district,
        name=name.strip(),
        code=code.strip(),
        stage=stage,
        ownership=ownership,
        short_name=short_name.strip(),
        address=address.strip(),
        education_group=education_group.strip(),
        is_demo=is_demo,
    )
    _validate(school)
    school.save()
    audit_record(
        actor=actor, action="school.create", obj=school, after=snapshot(school, SCHOOL_FIELDS)
    )
    return school


@transaction.atomic
def school_update(*, actor: Any, school: School, **fields: Any) -> School:
    """Change a school's details; only the named fields are written."""
    audited_update(
        school,
        fields,
        actor=actor,
        action="school.update",
        tracked=SCHOOL_FIELDS,
        validate=_validate,
    )
    return school
