"""Plan supervision: plans, their item tree, targets, progress reports and supervision notices."""

from yinling.plans.models.plans import Plan, PlanItem, PlanItemDepartment, Target
from yinling.plans.models.reports import ProgressReport, ReportEvidence
from yinling.plans.models.supervision import NoticeReply, SupervisionNotice

__all__ = [
    "NoticeReply",
    "Plan",
    "PlanItem",
    "PlanItemDepartment",
    "ProgressReport",
    "ReportEvidence",
    "SupervisionNotice",
    "Target",
]
