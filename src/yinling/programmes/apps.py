from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "yinling.programmes"
    label = "programmes"
    verbose_name = _("项目管理")

    def ready(self) -> None:
        from yinling.programmes import (  # noqa: F401  (registers rules, menus, audit labels)
            audit_actions,
            nav,
            permissions,
        )
