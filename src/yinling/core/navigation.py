"""Navigation and home-page panels, contributed by each app and filtered through permissions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from yinling.core.models import Region, Role, RoleMembership
from yinling.core.permissions import rule_grants
from yinling.core.roles import Principal, principal_for


@dataclass(frozen=True)
class NavItem:
    """A menu entry, shown to whoever the rule of `action` (asked without an object) lets in.

    A superuser passes every permission check, but their menu holds only the entries that a
    district administrator of every district would see, plus those their own role memberships
    open: entries for a school, an expert or a department lead to pages with nothing on them for
    someone who is none of these.
    """

    label: Any  # a lazy translation
    url_name: str
    action: str
    order: int = 100
    section: str = "main"
    group: Any = None  # entries of one group share a drop-down menu headed by this label


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page; `render` returns a context for its template, or None to skip."""

    template: str
    render: Callable[[Any, Principal], dict[str, Any] | None]
    order: int = 100


_NAV: list[NavItem] = []
_PANELS: list[HomePanel] = []


def register_nav(*items: NavItem) -> None:
    for item in items:
        if item not in _NAV:
            _NAV.append(item)


def register_home_panel(panel: HomePanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


# Before the first district exists a superuser still needs the entries that set up the register.
_NO_DISTRICT_YET = -1


def _menu_principal(principal: Principal) -> Principal:
    """Whose menu this is: a superuser's counts as district admin of every district as well."""
    if not principal.is_superuser:
        return principal
    district_ids = list(
        Region.objects.filter(kind=Region.Kind.DISTRICT).values_list("pk", flat=True)
    ) or [_NO_DISTRICT_YET]
    stand_ins = tuple(
        RoleMembership(user=principal.user, role=Role.DISTRICT_ADMIN, region_id=pk)
        for pk in district_ids
    )
    return Principal(user=principal.user, memberships=principal.memberships + stand_ins)


def nav_for(user: Any) -> list[dict[str, Any]]:
    """The entries the user may open, in menu order (each with its group's label or None)."""
    principal = _menu_principal(principal_for(user))
    visible = [
        item for item in sorted(_NAV, key=lambda i: i.order) if rule_grants(principal, item.action)
    ]
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "url_name": item.url_name,
            "section": item.section,
            "group": item.group,
        }
        for item in visible
    ]


def nav_menu(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The menu as shown: entries of one group become one drop-down at the group's first place.

    A group with a single visible entry is shown as that entry alone: a drop-down of one hides
    the link behind a needless click.
    """
    members: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry["group"] is not None:
            members.setdefault(str(entry["group"]), []).append(entry)
    menu: list[dict[str, Any]] = []
    for entry in entries:
        children = members.get(str(entry["group"])) if entry["group"] is not None else None
        if children is None or len(children) == 1:
            menu.append({**entry, "children": []})
        elif children[0] is entry:
            menu.append(
                {
                    "label": entry["group"],
                    "section": entry["section"],
                    "children": children,
                    "url_names": [c["url_name"] for c in children],
                }
            )
    return menu


def home_panels(request: Any, principal: Principal) -> list[dict[str, Any]]:
    panels = []
    for panel in sorted(_PANELS, key=lambda p: p.order):
        context = panel.render(request, principal)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return panels
