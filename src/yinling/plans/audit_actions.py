"""What the plans app's audit action codes are called on the audit page."""

from django.utils.translation import pgettext_lazy

from yinling.core.audit import register_audit_actions, register_audit_keys

register_audit_actions(
    {
        "plan.create": pgettext_lazy("audit action", "新建规划"),
        "plan.import": pgettext_lazy("audit action", "从 Excel 导入规划"),
        "plan.update": pgettext_lazy("audit action", "修改规划信息"),
        "plan.publish": pgettext_lazy("audit action", "发布规划"),
        "plan.discard": pgettext_lazy("audit action", "放弃规划草稿"),
        "plan_item.add": pgettext_lazy("audit action", "新增条目"),
        "plan_item.update": pgettext_lazy("audit action", "修改条目"),
        "plan_item.delete": pgettext_lazy("audit action", "删除条目"),
        "plan_item.merge": pgettext_lazy("audit action", "合并条目"),
        "plan_item.split": pgettext_lazy("audit action", "拆分条目"),
        "plan_item.move": pgettext_lazy("audit action", "移动条目"),
        "plan_item.departments": pgettext_lazy("audit action", "修改条目的责任部门"),
        "plan_item.department_map": pgettext_lazy("audit action", "对应责任部门"),
        "plan_item.department_create": pgettext_lazy("audit action", "按原文新增责任部门"),
        "plan_item.department_dismiss": pgettext_lazy("audit action", "忽略未识别的部门"),
        # Programmes have targets too: one label serves both apps' target codes.
        "target.create": pgettext_lazy("audit action", "新增目标"),
        "target.update": pgettext_lazy("audit action", "修改目标"),
        "target.delete": pgettext_lazy("audit action", "删除目标"),
        "report.submit": pgettext_lazy("audit action", "报送进度"),
        "report.resubmit": pgettext_lazy("audit action", "修改后重新报送"),
        "report.accept": pgettext_lazy("audit action", "采纳进度报告"),
        "report.return": pgettext_lazy("audit action", "退回进度报告"),
        "notice.issue": pgettext_lazy("audit action", "发出督办通知"),
        "notice.reply": pgettext_lazy("audit action", "回复督办通知"),
        "notice.close": pgettext_lazy("audit action", "办结督办通知"),
    }
)

register_audit_keys(
    {
        "plan.create.items": pgettext_lazy("audit key", "条目数"),
        "plan.import.rows": pgettext_lazy("audit key", "行数"),
        "plan.publish.tasks": pgettext_lazy("audit key", "任务数"),
        "item": (pgettext_lazy("audit key", "条目"), "plans.planitem"),
        "plan_item.departments.lead": pgettext_lazy("audit key", "牵头部门"),
        "plan_item.departments.cooperating": pgettext_lazy("audit key", "配合部门"),
        "report.submit.files": pgettext_lazy("audit key", "证明材料数"),
        "report.return.comment": pgettext_lazy("audit key", "退回意见"),
        "report.accept.comment": pgettext_lazy("audit key", "审核意见"),
        "notice.issue.task": pgettext_lazy("audit key", "任务"),
        "notice.reply.department": pgettext_lazy("audit key", "答复部门"),
        "notice.reply.late": pgettext_lazy("audit key", "逾期答复"),
    }
)
