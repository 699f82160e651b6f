"""Write use cases of the core app. Each is one transaction and records an audit event."""

from yinling.core.services.departments import department_create, department_update
from yinling.core.services.schools import school_create, school_update
from yinling.core.services.users import (
    membership_grant,
    membership_revoke,
    user_create,
    user_set_password,
    user_update,
)

__all__ = [
    "department_create",
    "department_update",
    "membership_grant",
    "membership_revoke",
    "school_create",
    "school_update",
    "user_create",
    "user_set_password",
    "user_update",
]
