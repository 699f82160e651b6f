"""Navigation entries and home panels of the programmes app."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Role
from yinling.core.navigation import HomePanel, NavItem, register_home_panel, register_nav
from yinling.core.roles import Principal
from yinling.programmes import application_selectors, dashboard_selectors

register_nav(
    # The list holds every kind of programme (引领计划, 强校工程, 集群发展): the menu and the
    # page's heading both say 项目管理.
    NavItem(_("项目管理"), "programmes:programme_list", "programmes.view", order=200),
    NavItem(_("项目申报"), "programmes:school_home", "programmes.school_home", order=210),
    NavItem(_("评审任务"), "programmes:review_home", "programmes.review_home", order=220),
    NavItem(_("专家库"), "programmes:expert_list", "programmes.expert_manage", order=230),
)


def _expert_panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    if not principal.has_role(Role.EXPERT):
        return None
    assignments = application_selectors.assignments_of(request.user)
    return {
        "pending": list(
            assignments.filter(status="pending").exclude(application__status="withdrawn")[:8]
        ),
        "done": assignments.filter(status="submitted").count(),
    }


def _school_panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    school_ids = principal.school_ids(Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF)
    if not school_ids:
        return None
    return {
        "applications": list(application_selectors.applications_of_schools(school_ids)[:5]),
        "open_rounds": application_selectors.open_rounds_for_schools(
            school_ids, timezone.localdate()
        ),
    }


def _office_panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    if not (
        principal.is_superuser or principal.has_role(Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER)
    ):
        return None
    programmes = list(application_selectors.programmes_for(request.user).filter(is_active=True)[:5])
    today = timezone.localdate()
    return {
        "programmes": [(p, dashboard_selectors.exhibition_check(p, today)) for p in programmes],
    }


def _leader_panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    """Leaders read, never write: each active programme's targets and applications, with the
    way to its dashboard and its latest round's results."""
    if not principal.has_role(Role.LEADER):
        return None
    programmes = application_selectors.programmes_for(request.user).filter(is_active=True)[:5]
    return {"programmes": [dashboard_selectors.programme_overview(p) for p in programmes]}


register_home_panel(HomePanel("programmes/panels/school.html", _school_panel, order=40))
register_home_panel(HomePanel("programmes/panels/leader.html", _leader_panel, order=41))
register_home_panel(HomePanel("programmes/panels/office.html", _office_panel, order=42))
register_home_panel(HomePanel("programmes/panels/expert.html", _expert_panel, order=43))
