"""Evaluation's entries in the navigation and its home-page panels."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from yinling.core.navigation import HomePanel, NavItem, register_home_panel, register_nav
from yinling.core.roles import Principal
from yinling.evaluation import selectors
from yinling.evaluation.models import ImportJob, ValueAddedRun
from yinling.evaluation.permissions import SCHOOL_ROLES

EVAL = _("学校评价")

register_nav(
    NavItem(_("本校评价"), "evaluation:my_profile", "evaluation.my_profile", order=395),
    NavItem(_("学校评价档案"), "evaluation:profile_list", "evaluation.view", order=398, group=EVAL),
    NavItem(_("增值评估"), "evaluation:run_list", "evaluation.view", order=400, group=EVAL),
    NavItem(_("绿色指标"), "evaluation:green_overview", "evaluation.view", order=405, group=EVAL),
    NavItem(
        _("测试与成绩"), "evaluation:assessment_list", "evaluation.view", order=410, group=EVAL
    ),
)


def _my_evaluation(request: Any, principal: Principal) -> dict[str, Any] | None:
    """For a school: its latest published value added, or what will appear and when."""
    if not principal.school_ids(*SCHOOL_ROLES):
        return None
    schools = []
    for school in selectors.own_schools(request.user):
        rows = selectors.profile_value_added(school)
        schools.append({"school": school, "latest": rows[-1] if rows else None})
    return {"schools": schools}


def _district_evaluation(request: Any, principal: Principal) -> dict[str, Any] | None:
    """For the office and leaders: what waits for them in evaluation."""
    from yinling.core.permissions import can

    if not can(request.user, "evaluation.view"):
        return None
    runs = selectors.run_list(request.user)
    assessments = selectors.assessment_list(request.user)
    return {
        "can_manage": can(request.user, "evaluation.manage"),
        "assessments": assessments.count(),
        "with_scores": sum(1 for a in assessments if a.active_versions),
        "drafts": runs.filter(status=ValueAddedRun.Status.DRAFT).count(),
        "published": runs.filter(status=ValueAddedRun.Status.PUBLISHED).first(),
        "importing": ImportJob.objects.filter(
            assessment__in=assessments,
            status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
        ).count(),
    }


register_home_panel(HomePanel("evaluation/panels/my_evaluation.html", _my_evaluation, order=60))
register_home_panel(
    HomePanel("evaluation/panels/district_evaluation.html", _district_evaluation, order=60)
)
