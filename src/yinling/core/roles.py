"""Who a user is in the system: the role memberships behind every permission decision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from yinling.core.models import Role, RoleMembership, User


@dataclass(frozen=True)
class Principal:
    user: Any
    memberships: tuple[RoleMembership, ...] = field(default=())

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_superuser(self) -> bool:
        return self.is_authenticated and bool(self.user.is_superuser)

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.memberships}

    def has_role(self, *roles: str) -> bool:
        return any(m.role in roles for m in self.memberships)

    def region_ids(self, *roles: str) -> set[int]:
        return {m.region_id for m in self._with(roles) if m.region_id}

    def school_ids(self, *roles: str) -> set[int]:
        return {m.school_id for m in self._with(roles) if m.school_id}

    def department_ids(self, *roles: str) -> set[int]:
        return {m.department_id for m in self._with(roles) if m.department_id}

    def district_ids(self, *roles: str) -> set[int]:
        """Districts a user acts in, whichever organisation kind their roles are scoped to."""
        ids = set(self.region_ids(*roles))
        for m in self._with(roles):
            if m.school_id:
                ids.add(m.school.district_id)
            if m.department_id:
                ids.add(m.department.district_id)
        return ids

    def _with(self, roles: Iterable[str]) -> list[RoleMembership]:
        wanted = set(roles) or {r.value for r in Role}
        return [m for m in self.memberships if m.role in wanted]


ANONYMOUS = Principal(user=None)


def principal_for(user: Any) -> Principal:
    """The user's principal, loaded once per request object and cached on it."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Principal(user=user)
    cached = getattr(user, "_yinling_principal", None)
    if cached is not None:
        return cached
    memberships = tuple(
        RoleMembership.objects.filter(user=user).select_related(
            "region", "school", "school__district", "department", "department__district"
        )
    )
    principal = Principal(user=user, memberships=memberships)
    user._yinling_principal = principal
    return principal


def held_roles(user: Any) -> Principal:
    """The roles a user holds, also when the account is inactive and so may act as none of them.

    Deciding who manages an account needs these: a deactivated account keeps its district.
    """
    if user.is_active:
        return principal_for(user)
    memberships = tuple(
        RoleMembership.objects.filter(user=user).select_related(
            "region", "school", "school__district", "department", "department__district"
        )
    )
    return Principal(user=user, memberships=memberships)


def prime_principals(users: Iterable[Any]) -> None:
    """Load the principals of many users in one query, e.g. to ask `can` about each row of a list."""
    pending = {
        u.pk: u
        for u in users
        if getattr(u, "is_authenticated", False)
        and u.is_active
        and getattr(u, "_yinling_principal", None) is None
    }
    if not pending:
        return
    memberships: dict[int, list[RoleMembership]] = {pk: [] for pk in pending}
    for m in RoleMembership.objects.filter(user_id__in=pending).select_related(
        "region", "school", "school__district", "department", "department__district"
    ):
        memberships[m.user_id].append(m)
    for pk, user in pending.items():
        user._yinling_principal = Principal(user=user, memberships=tuple(memberships[pk]))


def forget_principal(user: User) -> None:
    """Drop the cached principal after the user's memberships change."""
    if hasattr(user, "_yinling_principal"):
        del user._yinling_principal
