"""A round is for schools not yet project schools of its programme, unless it admits them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.personas import World
from tests.programmes.factories import application_in, make_programme, open_round
from yinling.programmes import services
from yinling.programmes.models import Application, ApplicationRound, ProgrammeSchool

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]


def _supplementary_round(world: World, **kwargs: object) -> ApplicationRound:
    """School A was approved in a first round; the programme then opens a second one."""
    programme = make_programme(world.district)
    application_in(world, open_round(programme), Application.Status.APPROVED)
    assert ProgrammeSchool.objects.filter(
        programme=programme, school=world.school_a, status="project"
    ).exists()
    return open_round(programme, name="2026年度补充申报", **kwargs)


def test_a_project_school_cannot_apply_in_a_round_for_new_schools(world: World) -> None:
    round_ = _supplementary_round(world)
    with pytest.raises(ValidationError) as error:
        services.application_start(actor=world.school_admin, round_=round_, school=world.school_a)
    assert "已是本计划的项目校；本批次只面向尚未成为项目校的学校" in str(error.value)


def test_a_school_not_yet_a_project_school_applies_in_the_same_round(world: World) -> None:
    round_ = _supplementary_round(world)
    application = services.application_start(actor=None, round_=round_, school=world.school_b)
    assert application.status == Application.Status.DRAFT


def test_a_round_that_admits_project_schools_lets_them_apply_again(world: World) -> None:
    round_ = _supplementary_round(world, admits_project_schools=True)
    application = services.application_start(
        actor=world.school_admin, round_=round_, school=world.school_a
    )
    assert application.status == Application.Status.DRAFT


def test_a_school_that_has_left_the_programme_may_apply_again(world: World) -> None:
    round_ = _supplementary_round(world)
    membership = ProgrammeSchool.objects.get(school=world.school_a)
    services.programme_school_transition(
        actor=None, membership=membership, to_status="exited", reason="主动退出"
    )
    application = services.application_start(actor=None, round_=round_, school=world.school_a)
    assert application.status == Application.Status.DRAFT


def test_the_school_page_says_why_the_round_is_not_offered(
    world: World, client_for: Clients
) -> None:
    round_ = _supplementary_round(world)
    html = client_for("school_admin").get("/programmes/school/").content.decode()

    assert f"/programmes/rounds/{round_.pk}/apply/" not in html
    closed = html.split("data-closed-rounds", 1)[1].split("</section>", 1)[0]
    assert "2026年度补充申报" in closed
    assert "本校已是该计划的项目校，本批次只面向尚未成为项目校的学校。" in closed


def test_the_office_lets_a_round_admit_project_schools(world: World, client_for: Clients) -> None:
    round_ = _supplementary_round(world)
    response = client_for("programme_officer").post(
        f"/programmes/rounds/{round_.pk}/edit/",
        {
            "name": round_.name,
            "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat(),
            "reviewers_per_application": 2,
            "rubric": round_.rubric_id,
            "note": "",
            "admits_project_schools": "on",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.admits_project_schools
    page = client_for("programme_officer").get(f"/programmes/rounds/{round_.pk}/").content.decode()
    assert "现有项目校也可申报" in page
