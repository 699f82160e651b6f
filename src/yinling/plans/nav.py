"""Plan supervision's menu entries and home-page panel."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from yinling.core.navigation import HomePanel, NavItem, register_home_panel, register_nav
from yinling.core.roles import Principal
from yinling.plans import selectors

SUPERVISION = _("规划督查")

register_nav(
    NavItem(_("规划与任务"), "plans:plan_list", "plans.view", order=100, group=SUPERVISION),
    NavItem(_("进展报告"), "plans:report_list", "plans.view", order=110, group=SUPERVISION),
    NavItem(_("督办"), "plans:notice_list", "plans.notice_view", order=120, group=SUPERVISION),
    NavItem(
        _("部门考核"), "plans:scorecard_list", "plans.scorecard_view", order=130, group=SUPERVISION
    ),
)


def _panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    """Office: reports waiting for review. Departments: returned reports and open notices."""
    user = request.user
    reviewing = selectors.reports_to_review(user)
    departments = selectors.reporter_department_ids(user)
    if not reviewing.exists() and not departments:
        return None
    notices = selectors.visible_notices(user).filter(status="open")
    returned = (
        selectors.department_reports(departments).filter(status="returned") if departments else []
    )
    return {
        "to_review": reviewing.count(),
        "returned": list(returned[:5]),
        "open_notices": [n for n in notices if departments & {d.pk for d in n.departments.all()}][
            :5
        ]
        if departments
        else [],
    }


register_home_panel(HomePanel("plans/panels/plans.html", _panel, order=30))
