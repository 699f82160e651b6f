"""The one gate: `can(user, action, obj)` answers every access question in the product.

Each app registers its rules here with `@rule("app.action")`. Unknown actions are denied and
reported loudly in development, so nothing is reachable by accident.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from yinling.core.models import Department, Region, Role, School
from yinling.core.roles import Principal, held_roles, principal_for

log = logging.getLogger(__name__)

Rule = Callable[[Principal, Any], bool]
_RULES: dict[str, Rule] = {}
M = TypeVar("M", bound=Model)


class UnknownAction(LookupError):
    pass


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        if action in _RULES and _RULES[action] is not func:
            raise ValueError(f"rule {action!r} registered twice")
        _RULES[action] = func
        return func

    return register


def registered_actions() -> list[str]:
    return sorted(_RULES)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """May this user do this action (on this object)? Deny by default."""
    if action not in _RULES:
        raise UnknownAction(action)
    principal = principal_for(user)
    if not principal.is_authenticated:
        return False
    if principal.is_superuser:
        return True
    return bool(_RULES[action](principal, obj))


def rule_grants(principal: Principal, action: str, obj: Any = None) -> bool:
    """What the action's own rule says for these role memberships, without the superuser's pass.

    For questions about usefulness rather than access, such as which menu entries a superuser
    should see: `can` lets a superuser through everything, including pages only a school or an
    expert has content on.
    """
    if action not in _RULES:
        raise UnknownAction(action)
    if not principal.is_authenticated:
        return False
    return bool(_RULES[action](principal, obj))


def require(user: Any, action: str, obj: Any = None, *, hide: bool = False) -> None:
    """Raise 403, or 404 where the object's existence must not leak."""
    if can(user, action, obj):
        return
    if hide:
        raise Http404
    raise PermissionDenied


def get_object_for_user(
    user: Any, queryset: QuerySet[M], pk: Any, action: str, *, hide: bool = True
) -> M:
    """Fetch an object the user may act on, or raise 404 / 403."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    require(user, action, obj, hide=hide)
    return obj


def permission_required(
    action: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator for pages that are not about one object; anonymous users go to log in."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            require(request.user, action)
            return view(request, *args, **kwargs)

        wrapper.required_action = action  # type: ignore[attr-defined]
        return wrapper

    return decorate


# --- shared predicates -------------------------------------------------------------------------


def district_of(obj: Any) -> int | None:
    """The district an object belongs to, for district-scoped roles."""
    if obj is None:
        return None
    if isinstance(obj, Region):
        return obj.pk
    if isinstance(obj, School | Department):
        return obj.district_id
    district_id = getattr(obj, "district_id", None)
    if district_id is not None:
        return district_id
    return None


def is_district_admin(p: Principal, obj: Any = None) -> bool:
    regions = p.region_ids(Role.DISTRICT_ADMIN)
    if obj is None:
        return bool(regions)
    return district_of(obj) in regions


def is_office(p: Principal, obj: Any = None) -> bool:
    """District admin or programme officer, in the object's district when there is one."""
    regions = p.region_ids(Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER)
    if obj is None:
        return bool(regions)
    return district_of(obj) in regions


def is_reader(p: Principal, obj: Any = None) -> bool:
    """Office or leader: may read district-wide pages."""
    regions = p.region_ids(Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER, Role.LEADER)
    if obj is None:
        return bool(regions)
    return district_of(obj) in regions


# --- core rules --------------------------------------------------------------------------------


@rule("core.home")
def _home(p: Principal, obj: Any) -> bool:
    return True


@rule("core.audit_view")
def _audit_view(p: Principal, obj: Any) -> bool:
    return is_district_admin(p)


@rule("core.org_view")
def _org_view(p: Principal, obj: Any) -> bool:
    return is_reader(p, obj)


@rule("core.org_manage")
def _org_manage(p: Principal, obj: Any) -> bool:
    return is_district_admin(p, obj)


@rule("core.user_manage")
def _user_manage(p: Principal, obj: Any) -> bool:
    if obj is None:
        return is_district_admin(p)
    if getattr(obj, "is_superuser", False):
        # Only a superuser manages a superuser: a district admin who could set that account's
        # password could become one. (`can` lets superusers through before any rule.)
        return False
    # A user is managed by the admins of every district the user's roles touch, or of any
    # district when the user has no role yet (a new account waiting for one).
    districts = held_roles(obj).district_ids()
    admin_of = p.region_ids(Role.DISTRICT_ADMIN)
    return bool(admin_of) and (not districts or districts <= admin_of)
