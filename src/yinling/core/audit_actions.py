"""What core's audit action codes are called on the audit page."""

from django.utils.translation import pgettext_lazy

from yinling.core.audit import register_audit_actions, register_audit_keys

register_audit_actions(
    {
        "auth.login": pgettext_lazy("audit action", "登录"),
        "auth.login_failed": pgettext_lazy("audit action", "登录失败"),
        "auth.logout": pgettext_lazy("audit action", "退出登录"),
        "school.create": pgettext_lazy("audit action", "新增学校"),
        "school.update": pgettext_lazy("audit action", "修改学校信息"),
        "school.import": pgettext_lazy("audit action", "从 Excel 导入学校"),
        "department.create": pgettext_lazy("audit action", "新增责任部门"),
        "department.update": pgettext_lazy("audit action", "修改责任部门"),
        "user.create": pgettext_lazy("audit action", "新增用户"),
        "user.update": pgettext_lazy("audit action", "修改用户信息"),
        "user.set_password": pgettext_lazy("audit action", "设置密码"),
        "membership.grant": pgettext_lazy("audit action", "授予角色"),
        "membership.revoke": pgettext_lazy("audit action", "撤销角色"),
    }
)

register_audit_keys(
    {
        "organisation": pgettext_lazy("audit key", "单位"),
        "school.import.created": pgettext_lazy("audit key", "新增学校数"),
        "school.import.updated": pgettext_lazy("audit key", "更新学校数"),
        "digest": pgettext_lazy("audit key", "数据指纹"),
    }
)
