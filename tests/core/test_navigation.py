from __future__ import annotations

import pytest
from django.template import engines
from django.test import RequestFactory

from tests.factories import UserFactory, grant
from tests.personas import World
from yinling.core.models import Role
from yinling.core.navigation import nav_for, nav_menu

pytestmark = pytest.mark.django_db

# Entries that only make sense with a school, expert or department membership behind them.
SCHOOL_ONLY = {"programmes:school_home", "evaluation:my_profile"}
EXPERT_ONLY = {"programmes:review_home"}
ADMIN_ENTRIES = {"school_list", "department_list", "user_list", "audit_list"}


def _menu(user: object) -> set[str]:
    return {item["url_name"] for item in nav_for(user)}


def test_a_superuser_sees_no_entries_meant_for_a_school_or_an_expert(world: World) -> None:
    assert not _menu(world.superuser) & (SCHOOL_ONLY | EXPERT_ONLY)


def test_a_superuser_sees_everything_a_district_admin_sees(world: World) -> None:
    assert _menu(world.district_admin) <= _menu(world.superuser)


def test_a_superuser_with_a_school_role_sees_that_schools_entries(world: World) -> None:
    grant(world.superuser, Role.SCHOOL_ADMIN, world.school_a)
    assert SCHOOL_ONLY <= _menu(world.superuser)


def test_a_school_admin_still_sees_the_school_entries(world: World) -> None:
    assert SCHOOL_ONLY <= _menu(world.school_admin)


def test_an_expert_still_sees_the_review_tasks(world: World) -> None:
    assert EXPERT_ONLY <= _menu(world.expert)


def test_a_superuser_of_a_system_with_no_district_yet_can_reach_the_register() -> None:
    superuser = UserFactory(username="first_root", is_superuser=True, is_staff=True)
    assert ADMIN_ENTRIES <= _menu(superuser)


def _render_as(user: object, template: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return engines["django"].from_string(template).render({}, request)


def test_a_fragment_that_shows_no_menu_does_not_work_one_out(
    world: World, django_assert_num_queries
) -> None:  # noqa: ANN001
    with django_assert_num_queries(0):
        assert _render_as(world.superuser, "saved") == "saved"


def test_a_page_that_shows_the_menu_gets_the_users_entries(world: World) -> None:
    shown = _render_as(
        world.district_admin,
        "{% for i in nav_items %}{{ i.url_name }} "
        "{% for c in i.children %}{{ c.url_name }} {% endfor %}{% endfor %}",
    )
    assert set(shown.split()) == _menu(world.district_admin)


def _entry(url_name: str, group: str | None) -> dict[str, object]:
    return {"label": url_name, "url": "/", "url_name": url_name, "section": "main", "group": group}


def test_entries_of_a_group_share_one_drop_down_where_the_first_of_them_stands() -> None:
    menu = nav_menu([_entry("a", None), _entry("b", "G"), _entry("c", None), _entry("d", "G")])
    assert [m["label"] for m in menu] == ["a", "G", "c"]
    assert [c["url_name"] for c in menu[1]["children"]] == ["b", "d"]


def test_a_group_with_one_visible_entry_shows_that_entry_alone() -> None:
    menu = nav_menu([_entry("a", None), _entry("b", "G")])
    assert [(m["label"], m["children"]) for m in menu] == [("a", []), ("b", [])]


def test_the_office_menu_groups_supervision_evaluation_and_administration(
    world: World,
) -> None:
    menu = nav_menu(nav_for(world.district_admin))
    groups = {str(m["label"]) for m in menu if m["children"]}
    assert {"规划督查", "学校评价", "系统管理"} <= groups
