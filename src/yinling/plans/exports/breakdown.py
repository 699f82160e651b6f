"""The task breakdown (任务分解表) as a bureau hands it out: one row per task, numbered 1…N in
document order (序号), in the columns of the import template, with each task's path (二/（四）/1)
in a last column (编号) so that an exported breakdown imports again as it was."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from yinling.core.tabular import ledger_workbook
from yinling.plans.models import Plan
from yinling.plans.selectors import plan_view
from yinling.plans.services.imports import COLUMNS, PATH_COLUMN


def breakdown_rows(plan: Plan) -> Iterator[list[Any]]:
    for number, node in enumerate(plan_view(plan).tasks, start=1):
        targets = [line.target for line in node.lines]
        dues = [t.due_on for t in targets if t.due_on]
        yield [
            number,
            node.item.heading,
            node.item.text,
            "；".join(t.describe() for t in targets),
            max(dues).isoformat() if dues else "",
            "、".join(d.name for d in node.leads),
            "、".join(d.name for d in node.cooperating),
            node.item.path,
        ]


def breakdown_xlsx(plan: Plan) -> bytes:
    title = _("%(title)s 任务分解表") % {"title": plan.title}
    if plan.doc_number:
        title = f"{title}（{plan.doc_number}）"
    return ledger_workbook(
        title=title,
        headers=[*COLUMNS, PATH_COLUMN],
        rows=breakdown_rows(plan),
        widths=[8, 26, 60, 36, 14, 28, 36, 16],
        sheet_title=_("任务分解"),
    )
