from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "yinling.evaluation"
    label = "evaluation"
    verbose_name = _("学校评价")

    def ready(self) -> None:
        from yinling.evaluation import (  # noqa: F401  (registers rules, menus, audit labels)
            audit_actions,
            nav,
            permissions,
        )
