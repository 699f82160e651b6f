"""Every value of a plan as CSV: one row per report (and one per target not yet reported),
streamed, UTF-8 with a byte-order mark for Excel, every text cell formula-safe."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.http import StreamingHttpResponse
from django.utils import timezone

from yinling.core.tabular import safe_cell
from yinling.plans.models import Plan, ProgressReport
from yinling.plans.selectors import plan_view

HEADERS = [
    "规划",
    "文号",
    "编号",
    "任务",
    "指标",
    "单位",
    "比较方式",
    "基线值",
    "目标值",
    "目标上限",
    "完成时限",
    "报送周期",
    "目标状态",
    "报送部门",
    "报告期",
    "当前值",
    "报告状态",
    "首次报送时间",
    "审核时间",
    "审核意见",
    "进展情况",
]
# Columns written from numbers and dates we format ourselves: never formulas, left as they are.
NUMERIC = {HEADERS.index(h) for h in ("基线值", "目标值", "目标上限", "完成时限", "当前值")}


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "is_finite"):  # Decimal: no trailing zeros
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def values_rows(plan: Plan) -> Iterator[list[str]]:
    view = plan_view(plan)
    lines = [(node, line) for node in view.tasks for line in node.lines]
    reports: dict[int, list[ProgressReport]] = {}
    for report in (
        ProgressReport.objects.filter(target__item__plan=plan)
        .select_related("department")
        .order_by("period_end", "department__name")
    ):
        reports.setdefault(report.target_id, []).append(report)
    for node, line in lines:
        target = line.target
        common = [
            plan.title,
            plan.doc_number,
            node.item.path,
            node.item.title,
            target.indicator,
            target.unit,
            target.get_comparator_display(),  # 不低于（≥）: ">=" reads as code, "=" as a formula
            _plain(target.baseline),
            _plain(target.value),
            _plain(target.value_max),  # a range's upper bound (1-2所); empty otherwise
            _plain(target.due_on),
            target.get_frequency_display(),
            line.status.label if plan.status == Plan.State.PUBLISHED else "",
        ]
        for report in reports.get(target.pk) or [None]:
            tail = (
                [
                    report.department.name,
                    report.period,
                    _plain(report.value),
                    report.get_status_display(),
                    _when(report.first_submitted_at),
                    _when(report.reviewed_at),
                    report.review_comment,
                    report.narrative,
                ]
                if report
                else [""] * 8
            )
            cells = [*common, *tail]
            yield [cell if i in NUMERIC else str(safe_cell(cell)) for i, cell in enumerate(cells)]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _stream(plan: Plan) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(HEADERS)
    for row in values_rows(plan):
        yield writer.writerow(row)


def values_csv(plan: Plan, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_stream(plan), content_type="text/csv; charset=utf-8")
    ascii_name = filename.encode("ascii", "ignore").decode() or "values.csv"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
