from __future__ import annotations

import pytest

from tests.personas import World
from yinling.core.models import Department, Role, RoleMembership, School, User
from yinling.core.services.schools import ERR_CODE_TAKEN

pytestmark = pytest.mark.django_db


def _school_form(world: World, **overrides: object) -> dict[str, object]:
    data = {
        "name": "上海市宝山区新建小学",
        "short_name": "新建小学",
        "code": "BS7001",
        "stage": "primary",
        "ownership": "public",
        "district": world.district.pk,
        "address": "",
        "education_group": "",
        "is_active": "on",
    }
    return data | overrides


def test_a_district_admin_adds_a_school_through_the_page(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post("/org/schools/new/", _school_form(world))
    assert response.status_code == 302
    assert School.objects.get(code="BS7001").district == world.district


def test_a_taken_school_code_is_named_on_the_form(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post(
        "/org/schools/new/", _school_form(world, code=world.school_a.code)
    )
    assert response.status_code == 200
    expected = ERR_CODE_TAKEN % {"code": world.school_a.code, "name": world.school_a.name}
    assert expected in response.content.decode()


def test_a_district_admin_cannot_add_a_school_to_another_district(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post(
        "/org/schools/new/", _school_form(world, district=world.other_district.pk)
    )
    assert response.status_code == 200  # the other district is not among the choices
    assert not School.objects.filter(code="BS7001").exists()


def test_a_missing_school_name_is_named_on_the_form(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post("/org/schools/new/", _school_form(world, name=""))
    assert "学校全称" in response.content.decode()
    assert not School.objects.filter(code="BS7001").exists()


def test_a_district_admin_edits_a_school(world: World, client_for) -> None:  # noqa: ANN001
    data = _school_form(
        world, name=world.school_a.name, code=world.school_a.code, address="长江西路1号"
    )
    client_for("district_admin").post(f"/org/schools/{world.school_a.pk}/", data)
    world.school_a.refresh_from_db()
    assert world.school_a.address == "长江西路1号"


def test_a_district_admin_adds_a_department(world: World, client_for) -> None:  # noqa: ANN001
    client_for("district_admin").post(
        "/org/departments/new/",
        {
            "name": "区卫健委",
            "kind": "government",
            "district": world.district.pk,
            "is_active": "on",
        },
    )
    assert Department.objects.filter(name="区卫健委", district=world.district).exists()


def test_a_district_admin_opens_an_account_and_grants_a_school_role(
    world: World, client_for
) -> None:  # noqa: ANN001
    client = client_for("district_admin")
    client.post(
        "/org/users/new/",
        {
            "username": "teacher9",
            "full_name": "王老师",
            "password": "Jiao-shi-mi-ma-2026",
            "phone": "",
            "title": "",
            "email": "",
        },
    )
    user = User.objects.get(username="teacher9")
    client.post(
        f"/org/users/{user.pk}/roles/", {"role": Role.SCHOOL_STAFF, "school": world.school_a.pk}
    )
    assert RoleMembership.objects.filter(
        user=user, role=Role.SCHOOL_STAFF, school=world.school_a
    ).exists()


def test_a_role_needs_the_right_kind_of_organisation(world: World, client_for) -> None:  # noqa: ANN001
    client = client_for("district_admin")
    response = client.post(
        f"/org/users/{world.outsider.pk}/roles/",
        {"role": Role.SCHOOL_STAFF, "region": world.district.pk},
        follow=True,
    )
    assert "必须指定学校" in response.content.decode()
    assert not world.outsider.memberships.exists()


def test_a_district_admin_cannot_grant_a_role_in_another_district(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post(
        f"/org/users/{world.outsider.pk}/roles/",
        {"role": Role.SCHOOL_STAFF, "school": world.other_school.pk},
    )
    assert response.status_code == 302
    assert not world.outsider.memberships.exists()


def test_a_weak_initial_password_is_refused(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("district_admin").post(
        "/org/users/new/",
        {
            "username": "weak",
            "full_name": "弱密码",
            "password": "12345678",
            "phone": "",
            "title": "",
            "email": "",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="weak").exists()


def test_the_school_list_shows_only_readable_districts(world: World, client_for) -> None:  # noqa: ANN001
    page = client_for("district_admin").get("/org/schools/").content.decode()
    assert world.school_a.name in page
    assert world.other_school.name not in page


def test_the_school_api_lists_the_readable_schools(world: World, client_for) -> None:  # noqa: ANN001
    codes = {s["code"] for s in client_for("leader").get("/api/core/schools").json()}
    assert world.school_a.code in codes and world.other_school.code not in codes


def test_pages_speak_chinese_by_default(client) -> None:  # noqa: ANN001
    assert "登录引领" in client.get("/accounts/login/").content.decode()


def test_pages_speak_english_when_asked(client) -> None:  # noqa: ANN001
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in to Yinling" in page


def test_a_refused_api_call_answers_403_with_json_even_while_debugging(
    client_for,
    settings,  # noqa: ANN001
) -> None:
    settings.DEBUG = True
    response = client_for("expert").get("/api/core/schools")
    assert response.status_code == 403
    assert response.json() == {"detail": "没有权限执行此操作"}
