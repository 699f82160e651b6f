"""The cast every permission test uses: one person per role, in two districts.

Baoshan holds school A and school B and a department; Minhang has its own admin and school so
that every test can check that one district never reaches into another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.factories import (
    DepartmentFactory,
    RegionFactory,
    SchoolFactory,
    UserFactory,
    user_with_role,
)
from yinling.core.models import Department, Region, Role, School, User

PERSONAS = (
    "anonymous",
    "superuser",
    "district_admin",
    "programme_officer",
    "school_admin",
    "school_staff",
    "school_b_admin",
    "expert",
    "department_reporter",
    "leader",
    "outsider",
    "other_district_admin",
)


@dataclass
class World:
    shanghai: Region
    district: Region
    other_district: Region
    school_a: School
    school_b: School
    other_school: School
    department: Department
    users: dict[str, User | None]
    extra: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def build_world() -> World:
    shanghai = RegionFactory(name="上海市", code="310000", kind=Region.Kind.MUNICIPALITY)
    district = RegionFactory(name="宝山区", code="310113", parent=shanghai)
    other = RegionFactory(name="闵行区", code="310112", parent=shanghai)
    school_a = SchoolFactory(district=district, name="上海市宝山区甲校", short_name="甲校")
    school_b = SchoolFactory(district=district, name="上海市宝山区乙校", short_name="乙校")
    other_school = SchoolFactory(district=other, name="上海市闵行区丙校", short_name="丙校")
    department = DepartmentFactory(district=district, name="区体育局")
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    users: dict[str, User | None] = {
        "anonymous": None,
        "superuser": superuser,
        "district_admin": user_with_role(Role.DISTRICT_ADMIN, district, username="district_admin"),
        "programme_officer": user_with_role(Role.PROGRAMME_OFFICER, district, username="officer"),
        "school_admin": user_with_role(Role.SCHOOL_ADMIN, school_a, username="school_admin"),
        "school_staff": user_with_role(Role.SCHOOL_STAFF, school_a, username="school_staff"),
        "school_b_admin": user_with_role(Role.SCHOOL_ADMIN, school_b, username="school_b_admin"),
        "expert": user_with_role(Role.EXPERT, district, username="expert"),
        "department_reporter": user_with_role(
            Role.DEPARTMENT_REPORTER, department, username="reporter"
        ),
        "leader": user_with_role(Role.LEADER, district, username="leader"),
        "outsider": UserFactory(username="outsider"),
        "other_district_admin": user_with_role(Role.DISTRICT_ADMIN, other, username="other_admin"),
    }
    return World(shanghai, district, other, school_a, school_b, other_school, department, users)
