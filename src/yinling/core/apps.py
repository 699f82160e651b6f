from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yinling.core"
    label = "core"
    verbose_name = _("基础数据与权限")

    def ready(self) -> None:
        from yinling.core import (  # noqa: F401  (registers)
            audit_actions,
            home_panels,
            nav,
            permissions,
            signals,
        )
