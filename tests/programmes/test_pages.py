"""The programme pages, as the office, the schools and the experts use them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.programmes.factories import (
    FILLED,
    filled_application,
    make_expert,
    make_programme,
    open_round,
    scene,
)
from yinling.core.models import AuditEvent
from yinling.programmes import services
from yinling.programmes.models import Application, ApplicationRound, Programme
from yinling.programmes.schoolyear import SchoolYear

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]


def test_the_office_sets_up_a_programme_with_the_default_domains(
    world: World, client_for: Clients
) -> None:
    response = client_for("programme_officer").post(
        "/programmes/new/",
        {
            "name": "宝山区新优质学校高质量发展引领计划",
            "kind": "leading_plan",
            "level": "district",
            "district": world.district.pk,
            "period_start": "2024-01-01",
            "period_end": "2026-12-31",
            "exhibitions_per_year": 1,
            "exhibition_warning_days": 60,
            "reevaluation_years": 3,
            "text_tolerance_percent": 20,
            "eligible_stages": ["primary", "junior", "nine_year"],
            "eligible_ownerships": ["public"],
            "is_active": "on",
            "limit_goals": 300,
            "limit_challenges": 200,
            "limit_content": 600,
            "limit_methods": 400,
            "limit_outcomes": 200,
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert programme.domains.count() == 5
    assert programme.text_limits["content"] == 600


def test_a_district_office_cannot_set_up_a_city_programme(
    world: World, client_for: Clients
) -> None:
    response = client_for("programme_officer").post(
        "/programmes/new/",
        {
            "name": "市级",
            "kind": "cluster",
            "level": "city",
            "period_start": "2015-01-01",
            "period_end": "2017-12-31",
            "exhibitions_per_year": 1,
            "exhibition_warning_days": 60,
            "reevaluation_years": 3,
            "text_tolerance_percent": 20,
            "eligible_stages": ["primary"],
            "eligible_ownerships": ["public"],
            "limit_goals": 300,
            "limit_challenges": 200,
            "limit_content": 600,
            "limit_methods": 400,
            "limit_outcomes": 200,
        },
    )
    assert response.status_code == 200
    assert "市级项目由市级管理员设立" in response.content.decode()
    assert not Programme.objects.exists()


def _form_post(application: Application, action: str = "save", **overrides: object) -> dict:
    data = {**FILLED, "domain": application.round.programme.domains.first().pk, "action": action}
    data.update(overrides)
    return data


@pytest.mark.parametrize(("language", "name"), [("zh-hans", "项目管理"), ("en", "Programmes")])
def test_the_menu_entry_and_the_programme_lists_heading_say_the_same(
    world: World, client_for: Clients, language: str, name: str
) -> None:
    html = client_for("leader").get("/programmes/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert re.search(rf'<a href="/programmes/"[^>]*>{name}</a>', html)
    assert f"<h1>{name}</h1>" in html


def test_a_school_fills_and_submits_its_form(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    client = client_for("school_admin")
    response = client.post(f"/programmes/rounds/{round_.pk}/apply/{world.school_a.pk}/")
    application = Application.objects.get()
    assert response["Location"] == f"/programmes/applications/{application.pk}/edit/"
    response = client.post(response["Location"], _form_post(application, "submit"))
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Application.Status.SUBMITTED
    assert application.project_name == FILLED["project_name"]


def test_the_form_shows_the_live_counters_hooks(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_staff)
    html = (
        client_for("school_staff")
        .get(f"/programmes/applications/{application.pk}/edit/")
        .content.decode()
    )
    assert 'data-limit="300"' in html and 'data-hard="360"' in html
    assert 'data-charcount-for="id_goals"' in html
    assert "data-autosave-url" in html


def test_each_guide_item_option_carries_its_domain_for_the_page_script(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    domain = round_.programme.domains.get(name="强化信息技术赋能作用")
    item = services.guide_item_create(actor=None, domain=domain, title="数字化课堂")
    application = filled_application(round_, world.school_a, world.school_staff)

    html = (
        client_for("school_staff")
        .get(f"/programmes/applications/{application.pk}/edit/")
        .content.decode()
    )

    assert f'<option value="{item.pk}" data-domain="{domain.pk}">' in html
    assert 'data-domain-field="id_domain"' in html


def test_a_refused_submission_names_the_fields_and_keeps_the_draft(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_admin)
    response = client_for("school_admin").post(
        f"/programmes/applications/{application.pk}/edit/",
        _form_post(application, "submit", phone="12345", goals="字" * 400),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "联系电话“12345”不是有效的固定电话或手机号码" in html
    assert "“研究目标”共 400 字" in html
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert application.goals == "字" * 400  # the draft kept what was typed


def test_the_draft_saves_itself(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_staff)
    response = client_for("school_staff").post(
        f"/programmes/applications/{application.pk}/autosave/",
        _form_post(application, leader_name="周校长"),
        HTTP_HX_REQUEST="true",
    )
    assert "已自动保存" in response.content.decode()
    application.refresh_from_db()
    assert application.leader_name == "周校长"
    assert AuditEvent.objects.filter(action="application.autosave").exists()


def test_a_failed_autosave_names_the_field_and_what_is_wrong_with_it(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_staff)
    response = client_for("school_staff").post(
        f"/programmes/applications/{application.pk}/autosave/",
        _form_post(application, applied_on="2026-13-45"),
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "自动保存失败：申报日期：" in text
    assert "标红" not in text  # nothing on the page turns red after an autosave


def test_a_school_never_sees_another_schools_draft(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    draft = filled_application(round_, world.school_a, world.school_staff)
    client = client_for("school_b_admin")
    assert client.get(f"/programmes/applications/{draft.pk}/").status_code == 403
    assert client.get(f"/programmes/applications/{draft.pk}/edit/").status_code == 403
    assert FILLED["project_name"] not in client.get("/programmes/school/").content.decode()


def test_the_office_lists_a_draft_but_cannot_read_it(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    draft = filled_application(round_, world.school_a, world.school_staff)
    client = client_for("programme_officer")
    assert world.school_a.name in client.get(f"/programmes/rounds/{round_.pk}/").content.decode()
    assert client.get(f"/programmes/applications/{draft.pk}/").status_code == 403


def test_an_expert_opening_an_application_not_assigned_to_them_is_refused_and_logged(
    world: World, client_for: Clients
) -> None:
    s = scene(world, assign=False)
    response = client_for("expert").get(f"/programmes/applications/{s.application.pk}/")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor == world.expert
    assert event.object_id == str(s.application.pk)
    assert event.after == {"attempted": "programmes.application_view"}


def test_the_assigned_expert_reads_the_application_but_not_other_scores(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    other = make_expert(world.district, username="second")
    services.assignment_create(actor=None, application=s.application, expert=other)
    html = (
        client_for("expert").get(f"/programmes/applications/{s.application.pk}/").content.decode()
    )
    assert FILLED["goals"] in html
    assert "专家评审" not in html


def test_the_school_sees_the_returned_comment_when_it_revises(
    world: World, client_for: Clients
) -> None:
    s = scene(world, assign=False)
    client_for("programme_officer").post(
        f"/programmes/applications/{s.application.pk}/return/",
        {"comment": "请补充研究过程的时间安排"},
    )
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{s.application.pk}/edit/")
        .content.decode()
    )
    assert "请补充研究过程的时间安排" in html


def test_two_versions_are_compared_on_a_page(world: World, client_for: Clients) -> None:
    s = scene(world, assign=False)
    services.application_return(actor=None, application=s.application, comment="改")
    services.application_save_draft(
        actor=world.school_admin, application=s.application, data={"project_name": "新的项目名称"}
    )
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{s.application.pk}/compare/?a=1&b=2")
        .content.decode()
    )
    assert '<ins class="diff-insert">' in html and "data-changed" in html


def test_the_round_list_filters_by_status(world: World, client_for: Clients) -> None:
    s = scene(world, assign=False)
    filled_application(s.round, world.school_b, world.school_b_admin, project_name="乙校草稿项目")
    client = client_for("programme_officer")
    html = client.get(f"/programmes/rounds/{s.round.pk}/?status=submitted").content.decode()
    assert FILLED["project_name"] in html and "乙校草稿项目" not in html


def _settings_post(programme: Programme, **overrides: object) -> dict:
    data = {
        "name": programme.name,
        "kind": programme.kind,
        "level": programme.level,
        "district": programme.district_id,
        "period_start": "2024-01-01",
        "period_end": "2026-12-31",
        "exhibitions_per_year": 1,
        "exhibition_warning_days": 60,
        "reevaluation_years": 3,
        "text_tolerance_percent": 20,
        "eligible_stages": ["primary", "junior", "nine_year"],
        "eligible_ownerships": ["public"],
        "is_active": "on",
        "limit_goals": 300,
        "limit_challenges": 200,
        "limit_content": 600,
        "limit_methods": 400,
        "limit_outcomes": 200,
    }
    data.update(overrides)
    return data


def test_the_office_changes_the_limits_and_the_tolerance(world: World, client_for: Clients) -> None:
    programme = make_programme(world.district)
    response = client_for("programme_officer").post(
        f"/programmes/{programme.pk}/edit/",
        _settings_post(programme, text_tolerance_percent=10, limit_goals=250),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.text_tolerance_percent, programme.limit_for("goals")) == (10, 250)
    assert AuditEvent.objects.filter(action="programme.update").exists()


def test_a_period_that_ends_before_it_starts_is_refused(world: World, client_for: Clients) -> None:
    programme = make_programme(world.district)
    response = client_for("programme_officer").post(
        f"/programmes/{programme.pk}/edit/", _settings_post(programme, period_end="2023-01-01")
    )
    assert "实施截止不能早于实施起始" in response.content.decode()


def test_the_office_renames_a_domain_and_adds_to_the_guide(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    domain = programme.domains.get(name="其它")
    client = client_for("programme_officer")
    client.post(
        f"/programmes/domains/{domain.pk}/", {"name": "其他", "order": 4, "is_active": "on"}
    )
    client.post(f"/programmes/domains/{domain.pk}/guide/add/", {"title": "行知思想的校本实践"})
    domain.refresh_from_db()
    assert domain.name == "其他"
    assert list(domain.guide_items.values_list("title", flat=True)) == ["行知思想的校本实践"]


def test_the_school_home_lists_its_memberships_once_inside_the_page(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    services.programme_school_admit(actor=None, programme=programme, school=world.school_a)
    html = client_for("school_admin").get("/programmes/school/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title
    assert html.count("项目校与成长档案</h2>") == 1
    assert html.index("<h1>") < html.index("项目校与成长档案</h2>")


def test_the_school_home_heads_the_project_column_with_the_project_name(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    filled_application(round_, world.school_a, world.school_admin)
    html = client_for("school_admin").get("/programmes/school/").content.decode()
    assert "<thead><tr><th>项目名称</th><th>批次</th>" in html


def _draft_in_a_closed_round(world: World) -> Application:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_admin)
    yesterday = timezone.localdate() - timedelta(days=1)
    ApplicationRound.objects.filter(pk=round_.pk).update(closes_on=yesterday)
    return application


def test_the_form_tells_the_school_when_the_round_closes(world: World, client_for: Clients) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_admin)
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{application.pk}/edit/")
        .content.decode()
    )
    assert f"申报截止日期：{round_.closes_on:%Y-%m-%d}" in html


def test_after_the_round_closes_a_draft_offers_no_submit_button(
    world: World, client_for: Clients
) -> None:
    application = _draft_in_a_closed_round(world)
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{application.pk}/edit/")
        .content.decode()
    )
    assert "不能再提交" in html
    assert 'value="submit"' not in html
    assert 'value="save"' in html


def test_a_late_submission_names_the_deadline_not_fields_to_fix(
    world: World, client_for: Clients
) -> None:
    application = _draft_in_a_closed_round(world)
    response = client_for("school_admin").post(
        f"/programmes/applications/{application.pk}/edit/", _form_post(application, "submit")
    )
    html = response.content.decode()
    application.refresh_from_db()
    assert response.status_code == 400
    assert application.status == Application.Status.DRAFT
    assert "截止，不能再提交" in html
    assert "请查看标红的字段" not in html


def test_the_programme_page_states_who_may_apply_the_word_limits_and_the_school_year(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    html = client_for("leader").get(f"/programmes/{programme.pk}/").content.decode()

    assert "可申报学校" in html and "公办" in html and "九年一贯制学校" in html
    eligible = programme.eligible_schools().count()
    assert f"共 {eligible} 所" in html
    assert "研究目标 300 字" in html and "研究内容 600 字" in html
    year = SchoolYear.of(timezone.localdate())
    assert f"当前学年：{year.start_year}—{year.start_year + 1}学年" in html


def test_no_select_on_the_programme_pages_offers_a_row_of_dashes(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    application = filled_application(round_, world.school_a, world.school_admin)
    expert = make_expert(world.district, username="expert_dashes")
    office = client_for("programme_officer")
    pages = {
        "round": office.get(f"/programmes/rounds/{round_.pk}/"),
        "community": office.get(f"/programmes/{round_.programme.pk}/communities/new/"),
        "expert": office.get(f"/programmes/experts/{expert.memberships.get().pk}/"),
        "pairings": office.get("/programmes/pairings/"),
        "new round": office.get(f"/programmes/{round_.programme.pk}/rounds/new/"),
        "round settings": office.get(f"/programmes/rounds/{round_.pk}/edit/"),
        "form": client_for("school_admin").get(f"/programmes/applications/{application.pk}/edit/"),
    }
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    assert [name for name, r in pages.items() if "---------" in r.content.decode()] == []
    assert '<option value="" selected>全部</option>' in pages["round"].content.decode()
