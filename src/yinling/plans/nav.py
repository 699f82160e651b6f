"""Plan supervision's menu entries and home-page panel."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yinling.core.navigation import HomePanel, NavItem, register_home_panel, register_nav
from yinling.core.permissions import is_reader
from yinling.core.roles import Principal
from yinling.plans import overview_selectors, selectors
from yinling.plans.status import Status

SUPERVISION = _("规划督查")

register_nav(
    NavItem(_("规划与任务"), "plans:plan_list", "plans.view", order=100, group=SUPERVISION),
    NavItem(_("进展报告"), "plans:report_list", "plans.view", order=110, group=SUPERVISION),
    NavItem(_("督办"), "plans:notice_list", "plans.notice_view", order=120, group=SUPERVISION),
    NavItem(
        _("部门考核"), "plans:scorecard_list", "plans.scorecard_view", order=130, group=SUPERVISION
    ),
)


PANEL_ROWS = 5


def _panel(request: Any, principal: Principal) -> dict[str, Any] | None:
    """Readers (leaders, the office): the plans' statuses, tasks behind, open notices and late
    replies, scorecards; the office also the reports waiting for review. Departments: reports
    due for the period now being reported, returned reports, notices awaiting their reply."""
    user = request.user
    today = timezone.localdate()
    reviewing = selectors.reports_to_review(user)
    departments = selectors.reporter_department_ids(user)
    reader = is_reader(principal)
    if not reader and not departments and not reviewing.exists():
        return None
    context: dict[str, Any] = {
        "to_review": reviewing.count(),
        "rows": PANEL_ROWS,
        "statuses": Status.choices,
        "departments_shown": len(departments) > 1,
    }
    if reader:
        context["overview"] = overview_selectors.reader_overview(user, today=today)
    if departments:
        due = overview_selectors.reports_due(departments, today=today)
        context["due"] = due[:PANEL_ROWS]
        context["due_more"] = max(len(due) - PANEL_ROWS, 0)
        context["returned"] = list(
            selectors.department_reports(departments).filter(status="returned")[:PANEL_ROWS]
        )
        context["open_notices"] = _awaiting_reply(user, departments, today)[:PANEL_ROWS]
    return context


def _awaiting_reply(user: Any, departments: set[int], today: Any) -> list[dict[str, Any]]:
    """Open notices addressed to the user's departments that one of them has not answered,
    those past their reply deadline first."""
    rows = []
    for notice in selectors.visible_notices(user).filter(status="open"):
        state = selectors.notice_state(notice, today=today)
        owing = [d for d, reply in state.rows if d.pk in departments and reply is None]
        if owing:
            rows.append({"notice": notice, "owing": owing, "late": notice.reply_deadline < today})
    rows.sort(key=lambda r: (not r["late"], r["notice"].reply_deadline))
    return rows


register_home_panel(HomePanel("plans/panels/plans.html", _panel, order=30))
