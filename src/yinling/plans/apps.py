from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yinling.plans"
    label = "plans"
    verbose_name = _("规划督查")

    def ready(self) -> None:
        from yinling.plans import (  # noqa: F401  (registers rules, menus, audit labels)
            audit_actions,
            nav,
            permissions,
        )
