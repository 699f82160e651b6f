"""Demo accounts, one or more for every role, all with the same printed password."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from yinling.core.models import Department, Region, Role, RoleMembership, School, User
from yinling.core.services import membership_grant, user_create

DEMO_PASSWORD = "Yinling-demo-2026"  # noqa: S105  (printed to the demo's user on purpose)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    organisation: str


# username, full name, role, organisation kind, organisation key
ACCOUNTS = [
    ("bs_admin", "陈立新", Role.DISTRICT_ADMIN, "region", "310113"),
    ("mh_admin", "王志刚", Role.DISTRICT_ADMIN, "region", "310112"),
    ("bs_office", "李晓梅", Role.PROGRAMME_OFFICER, "region", "310113"),
    ("mh_office", "周建华", Role.PROGRAMME_OFFICER, "region", "310112"),
    ("mh_school", "张慧敏", Role.SCHOOL_ADMIN, "school", "MH-QX-004"),
    ("mh_teacher", "刘思远", Role.SCHOOL_STAFF, "school", "MH-QX-004"),
    ("bs_school", "赵雅琴", Role.SCHOOL_ADMIN, "school", "BS-DEMO-001"),
    ("bs_teacher", "孙浩然", Role.SCHOOL_STAFF, "school", "BS-DEMO-001"),
    ("bs_school2", "吴静怡", Role.SCHOOL_ADMIN, "school", "BS-DEMO-002"),
    ("bs_expert", "钱文博", Role.EXPERT, "region", "310113"),
    ("bs_expert2", "冯晓燕", Role.EXPERT, "region", "310113"),
    ("bs_expert3", "许国平", Role.EXPERT, "region", "310113"),
    ("mh_expert", "郑丽华", Role.EXPERT, "region", "310112"),
    ("mh_dept", "何振宇", Role.DEPARTMENT_REPORTER, "department", ("310112", "区体育局")),
    ("mh_dept_edu", "林秀英", Role.DEPARTMENT_REPORTER, "department", ("310112", "区教育局")),
    ("bs_dept", "高明", Role.DEPARTMENT_REPORTER, "department", ("310113", "基础教育科")),
    ("mh_leader", "杨振华", Role.LEADER, "region", "310112"),
    ("bs_leader", "黄永康", Role.LEADER, "region", "310113"),
]


def _organisation(kind: str, key: object) -> dict[str, object]:
    if kind == "region":
        return {"region": Region.objects.get(code=key)}
    if kind == "school":
        return {"school": School.objects.get(code=key)}
    district_code, name = key  # type: ignore[misc]
    return {"department": Department.objects.get(district__code=district_code, name=name)}


def _superuser() -> None:
    if not User.objects.filter(username="admin").exists():
        user = user_create(
            actor=None, username="admin", full_name="系统管理员", password=DEMO_PASSWORD
        )
        User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)


def load_people(say: Callable[[str], None]) -> list[DemoAccount]:
    _superuser()
    accounts = [DemoAccount("admin", "系统管理员", "superuser", "全部")]
    for username, full_name, role, kind, key in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None, username=username, full_name=full_name, password=DEMO_PASSWORD
            )
        organisation = _organisation(kind, key)
        if not RoleMembership.objects.filter(user=user, role=role, **organisation).exists():
            membership_grant(actor=None, user=user, role=role, **organisation)
        accounts.append(
            DemoAccount(
                username, full_name, str(Role(role).label), str(next(iter(organisation.values())))
            )
        )
    say(f"演示账号 {len(accounts)} 个")
    return accounts
