"""The round's spreadsheet: applications, assignments and decisions with stable IDs (SB-00001,
PS-00001), to work on in Excel and import back (see services/roundtrip.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from yinling.core.tabular import LedgerSheet, ledger_workbook_sheets
from yinling.programmes import application_selectors
from yinling.programmes.models import ApplicationRound, Decision, ReviewAssignment

APPLICATIONS = "申报"
ASSIGNMENTS = "评审分配"
DECISIONS = "评审结论"
APPLICATION_HEADERS = [
    "编号",
    "学校代码",
    "申报学校",
    "项目名称",
    "项目来源",
    "指南项目",
    "所属领域",
    "状态",
    "项目负责人",
    "联系电话",
]
ASSIGNMENT_HEADERS = [
    "分配编号",
    "申报编号",
    "申报学校",
    "专家账号",
    "专家姓名",
    "方式",
    "状态",
    "加权得分",
    "撤回",
]
DECISION_HEADERS = [
    "申报编号",
    "申报学校",
    "项目名称",
    "平均分",
    "校准分",
    "结论",
    "理由",
    "发布",
]
EDITABLE = {
    APPLICATIONS: {"所属领域"},
    ASSIGNMENTS: {"申报编号", "专家账号", "撤回"},
    DECISIONS: {"结论", "理由"},
}


def assignment_id(assignment: ReviewAssignment) -> str:
    return f"PS-{assignment.pk:05d}"


def _sheet(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> LedgerSheet:
    # No title row: the import reads each sheet's header from row 1.
    return LedgerSheet(
        name=title,
        headers=headers,
        rows=rows,
        widths=[28 if "名称" in header else 14 for header in headers],
        editable=EDITABLE[title],
    )


def _number(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def round_workbook(round_: ApplicationRound) -> bytes:
    """Three sheets; the yellow columns are the ones an import reads back."""
    results = application_selectors.round_results(round_)
    application_sheet = _sheet(
        APPLICATIONS,
        APPLICATION_HEADERS,
        (
            [
                r.application.display_id,
                r.application.school.code,
                r.application.school.name,
                r.application.project_name,
                r.application.get_source_display(),
                r.application.guide_item.title if r.application.guide_item_id else "",
                r.application.domain.name if r.application.domain_id else "",
                r.application.get_status_display(),
                r.application.leader_name,
                r.application.phone,
            ]
            for r in results
        ),
    )
    assignments = (
        ReviewAssignment.objects.filter(application__round=round_)
        .select_related("application__school", "expert")
        .order_by("application__school__code", "pk")
    )
    assignment_sheet = _sheet(
        ASSIGNMENTS,
        ASSIGNMENT_HEADERS,
        (
            [
                assignment_id(a),
                a.application.display_id,
                a.application.school.name,
                a.expert.username,
                str(a.expert),
                a.get_method_display(),
                a.get_status_display(),
                float(a.total) if a.total is not None else None,
                "",
            ]
            for a in assignments
        ),
    )
    decision_sheet = _sheet(
        DECISIONS,
        DECISION_HEADERS,
        (
            [
                r.application.display_id,
                r.application.school.name,
                r.application.project_name,
                _number(r.aggregate.mean),
                _number(r.aggregate.calibrated),
                _decision(r).get_outcome_display() if _decision(r) else "",
                _decision(r).reason if _decision(r) else "",
                ("已发布" if r.released and not r.pending else "未发布") if _decision(r) else "",
            ]
            for r in results
        ),
    )
    return ledger_workbook_sheets([application_sheet, assignment_sheet, decision_sheet])


def _decision(row: application_selectors.ResultRow) -> Decision | None:
    return row.pending or row.released
