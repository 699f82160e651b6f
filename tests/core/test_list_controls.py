"""The register's lists show an edit control only where the viewer may use it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.factories import SchoolFactory, grant, user_with_role
from tests.personas import World
from yinling.core.models import Role

pytestmark = pytest.mark.django_db
ClientFor = Callable[[str], Client]


def _page(client_for: ClientFor, persona: str, url: str) -> str:
    response = client_for(persona).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "programme_officer"])
def test_a_reader_sees_the_schools_without_edit_links(
    persona: str, world: World, client_for: ClientFor
) -> None:
    page = _page(client_for, persona, "/org/schools/")
    assert world.school_a.name in page
    assert f"/org/schools/{world.school_a.pk}/" not in page
    assert "编辑" not in page


def test_a_district_admin_sees_an_edit_link_for_each_of_their_schools(
    world: World,
    client_for: ClientFor,
) -> None:
    page = _page(client_for, "district_admin", "/org/schools/")
    assert f'href="/org/schools/{world.school_a.pk}/"' in page


@pytest.mark.parametrize("persona", ["leader", "programme_officer"])
def test_a_reader_sees_the_departments_without_edit_links(
    persona: str,
    world: World,
    client_for: ClientFor,
) -> None:
    page = _page(client_for, persona, "/org/departments/")
    assert world.department.name in page
    assert f"/org/departments/{world.department.pk}/" not in page


def test_a_district_admin_sees_an_edit_link_for_each_of_their_departments(
    world: World,
    client_for: ClientFor,
) -> None:
    page = _page(client_for, "district_admin", "/org/departments/")
    assert f'href="/org/departments/{world.department.pk}/"' in page


def test_a_district_admin_may_edit_a_person_whose_roles_are_all_in_their_district(
    world: World,
    client_for: ClientFor,
) -> None:
    page = _page(client_for, "district_admin", "/org/users/")
    assert f'href="/org/users/{world.school_staff.pk}/"' in page


def test_a_person_with_roles_in_another_district_too_is_listed_without_an_edit_link(
    world: World,
    client_for: ClientFor,
) -> None:
    shared = user_with_role(Role.LEADER, world.district, username="two_districts")
    grant(shared, Role.LEADER, world.other_district)
    page = _page(client_for, "district_admin", "/org/users/")
    assert "two_districts" in page
    assert f"/org/users/{shared.pk}/" not in page


def test_a_demo_school_named_as_one_gets_no_second_demo_badge(
    world: World, client_for: ClientFor
) -> None:
    SchoolFactory(district=world.district, name="上海市宝山区示范小学（演示）", is_demo=True)
    page = _page(client_for, "district_admin", "/org/schools/")
    assert "示范小学（演示）" in page
    assert '<span class="tag">' not in page


def test_a_demo_school_whose_name_does_not_say_so_gets_the_demo_badge(
    world: World,
    client_for: ClientFor,
) -> None:
    SchoolFactory(district=world.district, name="上海市宝山区示范小学", is_demo=True)
    page = _page(client_for, "district_admin", "/org/schools/")
    assert '<span class="tag">演示</span>' in page
