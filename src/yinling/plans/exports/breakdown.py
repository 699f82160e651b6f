"""The task breakdown (任务分解表) as a bureau hands it out: one row per task, in the columns of
the import template, so that an exported breakdown imports again as it was."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from yinling.core.tabular import ledger_workbook
from yinling.plans.models import Plan
from yinling.plans.selectors import plan_view
from yinling.plans.services.imports import COLUMNS


def breakdown_rows(plan: Plan) -> Iterator[list[Any]]:
    for node in plan_view(plan).tasks:
        targets = [line.target for line in node.lines]
        dues = [t.due_on for t in targets if t.due_on]
        yield [
            node.item.path,
            node.item.heading,
            node.item.text,
            "；".join(t.describe() for t in targets),
            max(dues).isoformat() if dues else "",
            "、".join(d.name for d in node.leads),
            "、".join(d.name for d in node.cooperating),
        ]


def breakdown_xlsx(plan: Plan) -> bytes:
    title = _("%(title)s 任务分解表") % {"title": plan.title}
    if plan.doc_number:
        title = f"{title}（{plan.doc_number}）"
    return ledger_workbook(
        title=title,
        headers=COLUMNS,
        rows=breakdown_rows(plan),
        widths=[12, 26, 60, 36, 14, 28, 36],
        sheet_title=_("任务分解"),
    )
