"""A whole round at once: a ZIP of every active form (DOCX) plus one XLSX summary that also lists
the applications schools withdrew after sending them in, as 已撤回 with the reason."""

from __future__ import annotations

import io
import zipfile

from yinling.core.tabular import ledger_workbook
from yinling.programmes import application_selectors
from yinling.programmes.exports.word import application_docx, docx_filename
from yinling.programmes.models import ACTIVE_APPLICATION, ApplicationRound

SUMMARY_HEADERS = [
    "编号",
    "学校代码",
    "申报学校",
    "项目名称",
    "项目负责人",
    "项目联络员",
    "联系电话",
    "申报日期",
    "项目来源",
    "指南项目",
    "所属领域",
    "状态",
    "提交时间",
    "已评/指派",
    "平均分",
    "校准分",
    "结论",
    "撤回原因",
]


def _number(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def summary_name(round_: ApplicationRound) -> str:
    """「2024年度引领项目申报」 + 申报汇总 reads 「…申报汇总」, not 「…申报申报汇总」."""
    return f"{round_.name}汇总" if round_.name.endswith("申报") else f"{round_.name}申报汇总"


def round_summary_xlsx(round_: ApplicationRound) -> bytes:
    """The round's ledger: one row per application the school sent in."""
    rows = []
    for result in application_selectors.round_results(round_):
        a = result.application
        decision = result.released or result.pending
        scored = sum(1 for _, total in result.totals if total is not None)
        rows.append(
            [
                a.display_id,
                a.school.code,
                a.school.name,
                a.project_name,
                a.leader_name,
                a.liaison_name,
                a.phone,
                a.applied_on.isoformat() if a.applied_on else "",
                a.get_source_display(),
                a.guide_item.title if a.guide_item_id else "",
                a.domain.name if a.domain_id else "",
                a.get_status_display(),
                a.submitted_at.strftime("%Y-%m-%d %H:%M") if a.submitted_at else "",
                f"{scored}/{len(result.totals)}",
                _number(result.aggregate.mean),
                _number(result.aggregate.calibrated),
                decision.get_outcome_display() if decision else "",
                a.withdrawal_reason,
            ]
        )
    return ledger_workbook(
        title=f"{round_.programme.name} · {summary_name(round_)}",
        headers=SUMMARY_HEADERS,
        rows=rows,
        widths=[11, 12, 30, 36, 10, 10, 16, 12, 10, 24, 20, 10, 17, 10, 8, 8, 10, 30],
        sheet_title="申报汇总",
    )


def round_zip(round_: ApplicationRound) -> bytes:
    applications = (
        round_.applications.filter(ACTIVE_APPLICATION)
        .select_related("school", "domain", "guide_item", "round__programme__district")
        .order_by("school__code")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for application in applications:
            archive.writestr(f"申报表/{docx_filename(application)}", application_docx(application))
        archive.writestr(f"{summary_name(round_)}.xlsx", round_summary_xlsx(round_))
    return buffer.getvalue()
