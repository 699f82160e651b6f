from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, snapshot
from yinling.core.models import (
    Department,
    Region,
    Role,
    RoleMembership,
    School,
    User,
)
from yinling.core.models.people import DEPARTMENT_ROLES, REGION_ROLES, SCHOOL_ROLES
from yinling.core.roles import forget_principal

USER_FIELDS = ("username", "full_name", "phone", "title", "email", "is_active")
ERR_USERNAME_TAKEN = gettext_noop("用户名“%(username)s”已被使用")
ERR_ROLE_SCOPE = gettext_noop("角色“%(role)s”必须指定%(scope)s")
ERR_ROLE_HELD = gettext_noop("该用户已拥有此角色")


def _validate_user(user: User) -> None:
    if User.objects.filter(username__iexact=user.username).exclude(pk=user.pk).exists():
        raise ValidationError({"username": _(ERR_USERNAME_TAKEN) % {"username": user.username}})
    user.full_clean(exclude=["password"], validate_unique=False)


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str | None,
    phone: str = "",
    title: str = "",
    email: str = "",
) -> User:
    """Open an account. Without a password the account cannot log in until one is set."""
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        phone=phone.strip(),
        title=title.strip(),
        email=email.strip(),
    )
    _validate_user(user)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action="user.create", obj=user, after=snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def user_update(*, actor: Any, user: User, **fields: Any) -> User:
    """Change a person's details; only the named fields are written."""
    audited_update(
        user,
        fields,
        actor=actor,
        action="user.update",
        tracked=USER_FIELDS,
        validate=_validate_user,
    )
    return user


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str) -> User:
    """Set a new password (by an administrator or by the user); the password is never logged."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="user.set_password", obj=user)
    return user


def _scope_error(role: str, scope: str) -> ValidationError:
    return ValidationError({"role": _(ERR_ROLE_SCOPE) % {"role": Role(role).label, "scope": scope}})


def _check_scope(
    role: str, region: Region | None, school: School | None, department: Department | None
) -> None:
    if role in REGION_ROLES and (region is None or school or department):
        raise _scope_error(role, _("区域"))
    if role in SCHOOL_ROLES and (school is None or region or department):
        raise _scope_error(role, _("学校"))
    if role in DEPARTMENT_ROLES and (department is None or region or school):
        raise _scope_error(role, _("部门"))


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    region: Region | None = None,
    school: School | None = None,
    department: Department | None = None,
) -> RoleMembership:
    """Give a person a role in one organisation."""
    _check_scope(role, region, school, department)
    if RoleMembership.objects.filter(
        user=user, role=role, region=region, school=school, department=department
    ).exists():
        raise ValidationError({"role": _(ERR_ROLE_HELD)})
    membership = RoleMembership.objects.create(
        user=user, role=role, region=region, school=school, department=department
    )
    forget_principal(user)
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=user,
        after={"role": role, "organisation": str(membership.organisation)},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: RoleMembership) -> None:
    """Take a role away from a person."""
    user = membership.user
    summary = {"role": membership.role, "organisation": str(membership.organisation)}
    membership.delete()
    forget_principal(user)
    audit_record(actor=actor, action="membership.revoke", obj=user, before=summary)
