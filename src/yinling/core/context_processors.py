from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from yinling.core.navigation import nav_for, nav_menu
from yinling.core.roles import principal_for


def _my_roles(user: Any) -> list[dict[str, str]]:
    return [
        {"role": m.get_role_display(), "organisation": str(m.organisation or "")}
        for m in principal_for(user).memberships
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu and the user's roles, worked out only when a template shows them: fragments
    (autosave, inline forms) are rendered with this context too and never do."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {
        "nav_items": SimpleLazyObject(lambda: nav_menu(nav_for(user))),
        "my_roles": SimpleLazyObject(lambda: _my_roles(user)),
    }
