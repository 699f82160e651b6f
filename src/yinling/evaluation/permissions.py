"""Who may see and do what in school evaluation.

Value-added results are for the bureau and the school itself: the office (district admin and
programme officer) manages everything in its district, leaders read, a school reads only its own
profile, and nothing here is public.
"""

from __future__ import annotations

from typing import Any

from yinling.core.models import Role, School
from yinling.core.permissions import district_of, is_office, is_reader, rule
from yinling.core.roles import Principal

SCHOOL_ROLES = (Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF)


def _district(obj: Any) -> Any:
    """The object whose district decides: most objects carry it, a job through its assessment."""
    if obj is not None and district_of(obj) is None and hasattr(obj, "assessment"):
        return obj.assessment
    return obj


@rule("evaluation.view")
def _view(p: Principal, obj: Any) -> bool:
    """District-wide evaluation pages: assessments, runs, caterpillar plots, green records."""
    return is_reader(p, _district(obj))


@rule("evaluation.manage")
def _manage(p: Principal, obj: Any) -> bool:
    """Create assessments, import scores, run models, publish, record green indicators."""
    return is_office(p, _district(obj))


@rule("evaluation.my_profile")
def _my_profile(p: Principal, obj: Any) -> bool:
    """A school account's way to its own school's profile."""
    return bool(p.school_ids(*SCHOOL_ROLES))


@rule("evaluation.profile_view")
def _profile_view(p: Principal, obj: Any) -> bool:
    """One school's profile: the school itself, and the readers of its district."""
    if obj is None:
        return is_reader(p) or bool(p.school_ids(*SCHOOL_ROLES))
    school = obj if isinstance(obj, School) else obj.school
    return school.pk in p.school_ids(*SCHOOL_ROLES) or is_reader(p, school)
