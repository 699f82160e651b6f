"""Core's entries in the navigation."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yinling.core.navigation import NavItem, register_nav

ADMIN = _("系统管理")

register_nav(
    NavItem(_("首页"), "home", "core.home", order=0),
    NavItem(
        pgettext_lazy("plural", "学校"),
        "school_list",
        "core.org_view",
        order=900,
        section="admin",
        group=ADMIN,
    ),
    NavItem(
        _("责任部门"), "department_list", "core.org_view", order=910, section="admin", group=ADMIN
    ),
    NavItem(
        _("用户与角色"), "user_list", "core.user_manage", order=920, section="admin", group=ADMIN
    ),
    NavItem(
        _("审计日志"), "audit_list", "core.audit_view", order=990, section="admin", group=ADMIN
    ),
)
