"""Write use cases of plan supervision. Each is one transaction and records an audit event."""

from yinling.plans.services.imports import breakdown_template, plan_import_xlsx
from yinling.plans.services.items import (
    item_add,
    item_delete,
    item_department_create,
    item_department_dismiss,
    item_department_map,
    item_merge,
    item_move,
    item_set_departments,
    item_split,
    item_update,
)
from yinling.plans.services.plans import (
    plan_create,
    plan_create_from_breakdown,
    plan_create_from_document,
    plan_discard,
    plan_publish,
    plan_update,
    publish_problems,
)
from yinling.plans.services.reports import report_accept, report_return, report_submit
from yinling.plans.services.supervision import notice_close, notice_issue, notice_reply
from yinling.plans.services.targets import (
    target_create,
    target_delete,
    target_set_baselines,
    target_update,
)

__all__ = [
    "breakdown_template",
    "item_add",
    "item_delete",
    "item_department_create",
    "item_department_dismiss",
    "item_department_map",
    "item_merge",
    "item_move",
    "item_set_departments",
    "item_split",
    "item_update",
    "notice_close",
    "notice_issue",
    "notice_reply",
    "plan_create",
    "plan_create_from_breakdown",
    "plan_create_from_document",
    "plan_discard",
    "plan_import_xlsx",
    "plan_publish",
    "plan_update",
    "publish_problems",
    "report_accept",
    "report_return",
    "report_submit",
    "target_create",
    "target_delete",
    "target_set_baselines",
    "target_update",
]
