"""Write use cases of school evaluation. Each runs in one transaction and is audited."""

from yinling.evaluation.services.assessments import assessment_create, assessment_update
from yinling.evaluation.services.green import (
    green_import,
    green_indicator_configure,
    green_record_save,
    green_ses_compute,
    green_set_install,
)
from yinling.evaluation.services.runs import (
    value_added_run_create,
    value_added_run_publish,
    value_added_run_reproduce,
    value_added_run_withdraw,
)

__all__ = [
    "assessment_create",
    "assessment_update",
    "green_import",
    "green_indicator_configure",
    "green_record_save",
    "green_ses_compute",
    "green_set_install",
    "value_added_run_create",
    "value_added_run_publish",
    "value_added_run_reproduce",
    "value_added_run_withdraw",
]
