"""Core's home-page panels: who you are, and for administrators the state of the register."""

from __future__ import annotations

from typing import Any

from yinling.core import selectors
from yinling.core.models import Department, Role, School
from yinling.core.navigation import HomePanel, register_home_panel
from yinling.core.roles import Principal


def _identity(request: Any, principal: Principal) -> dict[str, Any] | None:
    return {"memberships": principal.memberships, "superuser": principal.is_superuser}


def _register_state(request: Any, principal: Principal) -> dict[str, Any] | None:
    if not (principal.is_superuser or principal.has_role(Role.DISTRICT_ADMIN)):
        return None
    districts = selectors.managed_districts(request.user)
    return {
        "districts": districts,
        "school_count": School.objects.filter(district__in=districts).count(),
        "department_count": Department.objects.filter(district__in=districts).count(),
        "user_count": selectors.user_list(request.user).filter(is_active=True).count(),
    }


def _my_schools(request: Any, principal: Principal) -> dict[str, Any] | None:
    school_ids = principal.school_ids(Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF)
    if not school_ids:
        return None
    return {"schools": School.objects.filter(pk__in=school_ids).select_related("district")}


register_home_panel(HomePanel("core/panels/identity.html", _identity, order=0))
register_home_panel(HomePanel("core/panels/register_state.html", _register_state, order=10))
register_home_panel(HomePanel("core/panels/my_schools.html", _my_schools, order=20))
