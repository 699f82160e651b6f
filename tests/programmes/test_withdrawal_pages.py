"""Withdrawing an application on the pages: the school's button and confirmation, what the office
sees afterwards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World
from tests.programmes.factories import application_in, make_programme, open_round
from yinling.programmes.models import Application, ApplicationRound

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]
S = Application.Status
REASON = "校长岗位调整，项目并入集团项目统一推进"


@pytest.fixture
def round_(world: World) -> ApplicationRound:
    return open_round(make_programme(world.district))


def _detail(application: Application) -> str:
    return reverse("programmes:application_detail", args=[application.pk])


def _withdraw_url(application: Application) -> str:
    return reverse("programmes:application_withdraw", args=[application.pk])


def test_the_school_admin_finds_the_withdraw_button_on_the_application(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    page = client_for("school_admin").get(_detail(application)).content.decode()

    assert f'href="{_withdraw_url(application)}"' in page


def test_the_school_admin_finds_the_withdraw_button_while_filling_the_form(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.DRAFT)
    edit = reverse("programmes:application_edit", args=[application.pk])

    page = client_for("school_admin").get(edit).content.decode()

    assert f'href="{_withdraw_url(application)}"' in page


def test_school_staff_get_no_withdraw_button(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    page = client_for("school_staff").get(_detail(application)).content.decode()

    assert _withdraw_url(application) not in page


def test_there_is_no_withdraw_button_once_review_has_started(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.UNDER_REVIEW)

    page = client_for("school_admin").get(_detail(application)).content.decode()

    assert _withdraw_url(application) not in page


def test_the_confirmation_page_says_what_follows_and_asks_why(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    page = client_for("school_admin").get(_withdraw_url(application)).content.decode()

    assert 'name="reason"' in page
    assert "申报表只能查看，不能再修改或提交" in page
    assert "截止前本校可以重新开始填写一份申报表" in page


def test_the_withdraw_page_is_refused_once_review_has_started(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.UNDER_REVIEW)

    response = client_for("school_admin").get(_withdraw_url(application))

    assert response.status_code == 403


def test_confirming_withdraws_and_tells_the_school_it_may_apply_again(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    response = client_for("school_admin").post(
        _withdraw_url(application), {"reason": REASON}, follow=True
    )

    assert response.redirect_chain == [(_detail(application), 302)]
    page = response.content.decode()
    assert "已撤回申报，项目组可以看到撤回原因" in page
    assert "仍在申报期内" in page
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_after_the_close_the_message_offers_no_new_application(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.RETURNED)
    past = round_.opens_on - timedelta(days=30)
    ApplicationRound.objects.filter(pk=round_.pk).update(opens_on=past, closes_on=past)

    response = client_for("school_admin").post(
        _withdraw_url(application), {"reason": REASON}, follow=True
    )

    page = response.content.decode()
    assert "已撤回申报，项目组可以看到撤回原因" in page
    assert "仍在申报期内" not in page


def test_withdrawing_without_a_reason_changes_nothing(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    response = client_for("school_admin").post(_withdraw_url(application), {"reason": "  "})

    assert response.status_code == 400
    assert 'class="field has-error"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_withdrawn_application_can_no_longer_be_edited(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.WITHDRAWN)
    edit = reverse("programmes:application_edit", args=[application.pk])

    assert client_for("school_admin").get(edit).status_code == 403


def test_the_school_is_offered_the_open_round_again(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application_in(world, round_, S.WITHDRAWN)
    start = reverse("programmes:application_start", args=[round_.pk, world.school_a.pk])

    page = client_for("school_admin").get(reverse("programmes:school_home")).content.decode()

    assert f'action="{start}"' in page


def test_the_office_reads_the_reason_on_the_application(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.SUBMITTED)
    client_for("school_admin").post(_withdraw_url(application), {"reason": REASON})

    page = client_for("programme_officer").get(_detail(application)).content.decode()

    assert "data-withdrawn" in page and REASON in page


def test_the_office_reads_the_reason_in_the_rounds_list_even_for_an_unsent_draft(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application = application_in(world, round_, S.WITHDRAWN)
    url = reverse("programmes:round_detail", args=[round_.pk])

    page = client_for("programme_officer").get(url).content.decode()

    assert f"撤回原因：{application.withdrawal_reason}" in page
    assert _detail(application) not in page  # the draft itself stays the school's


def test_the_rounds_list_filters_withdrawn_applications(
    world: World, round_: ApplicationRound, client_for: Clients
) -> None:
    application_in(world, round_, S.WITHDRAWN)
    url = reverse("programmes:round_detail", args=[round_.pk])

    page = client_for("programme_officer").get(url, {"status": "withdrawn"}).content.decode()

    assert 'class="status status-withdrawn">已撤回</span>' in page
