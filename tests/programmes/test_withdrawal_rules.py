"""Withdrawing an application (撤回申报): who may withdraw, when, with what reason, and that a
withdrawn application is read-only afterwards. What it leaves behind is in
test_withdrawal_effects.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.personas import PERSONAS, World
from tests.programmes.factories import (
    WITHDRAWAL_REASON,
    application_in,
    make_programme,
    open_round,
    withdraw,
)
from yinling.core.models import AuditEvent
from yinling.core.permissions import can
from yinling.programmes import services
from yinling.programmes.models import Application, ApplicationRound, Mover
from yinling.programmes.services import applications as app_services

pytestmark = pytest.mark.django_db

S = Application.Status
WITHDRAWABLE = [S.DRAFT, S.SUBMITTED, S.RETURNED]
NOT_WITHDRAWABLE = [S.UNDER_REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN]


@pytest.fixture
def round_(world: World) -> ApplicationRound:
    return open_round(make_programme(world.district))


# --- the workflow: when, and by whom ------------------------------------------------------------


def test_the_workflow_table_lets_only_the_school_admin_withdraw_and_only_before_review() -> None:
    withdraw_from = {
        status: moves[S.WITHDRAWN]
        for status, moves in Application.TRANSITIONS.items()
        if S.WITHDRAWN in moves
    }
    assert withdraw_from == dict.fromkeys(WITHDRAWABLE, Mover.SCHOOL_ADMIN)


def test_a_withdrawn_application_moves_nowhere() -> None:
    assert Application.TRANSITIONS[S.WITHDRAWN] == {}


def test_every_status_has_its_row_in_the_workflow_table() -> None:
    assert set(Application.TRANSITIONS) == set(S.values)


@pytest.mark.parametrize("status", WITHDRAWABLE)
def test_the_school_admin_withdraws_before_review_starts(
    world: World, round_: ApplicationRound, status: str
) -> None:
    application = application_in(world, round_, status)

    withdraw(world, application)

    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.withdrawal_reason == WITHDRAWAL_REASON
    assert application.withdrawn_by == world.school_admin
    assert application.withdrawn_at is not None


@pytest.mark.parametrize("status", NOT_WITHDRAWABLE)
def test_withdrawing_is_refused_once_review_has_started_or_ended(
    world: World, round_: ApplicationRound, status: str
) -> None:
    application = application_in(world, round_, status)

    with pytest.raises(ValidationError) as error:
        withdraw(world, application)

    label = S(status).label
    assert error.value.messages == [
        app_services.ERR_WRONG_STATUS % {"status": label, "action": "撤回"}
    ]
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize(
    "persona",
    [
        "school_staff",
        "school_b_admin",
        "district_admin",
        "programme_officer",
        "leader",
        "expert",
        "outsider",
    ],
)
def test_nobody_but_the_applying_schools_admin_withdraws(
    world: World, round_: ApplicationRound, persona: str
) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        services.application_withdraw(
            actor=world.users[persona], application=application, reason=WITHDRAWAL_REASON
        )

    assert error.value.messages == [app_services.ERR_MOVER[Mover.SCHOOL_ADMIN] % {"action": "撤回"}]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize("status", [*WITHDRAWABLE, *NOT_WITHDRAWABLE])
def test_the_withdraw_permission_follows_the_workflow(
    world: World, round_: ApplicationRound, status: str
) -> None:
    application = application_in(world, round_, status)
    personas = [p for p in PERSONAS if p not in {"anonymous", "superuser"}]

    allowed = {
        p for p in personas if can(world.users[p], "programmes.application_withdraw", application)
    }

    assert allowed == ({"school_admin"} if status in WITHDRAWABLE else set())


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_withdrawal_needs_a_reason(world: World, round_: ApplicationRound, reason: str) -> None:
    application = application_in(world, round_, S.DRAFT)

    with pytest.raises(ValidationError) as error:
        withdraw(world, application, reason)

    assert error.value.message_dict["reason"] == [app_services.ERR_WITHDRAW_REASON]
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_a_withdrawal_reason_is_short(world: World, round_: ApplicationRound) -> None:
    application = application_in(world, round_, S.DRAFT)

    with pytest.raises(ValidationError) as error:
        withdraw(world, application, "因" * 201)

    assert error.value.message_dict["reason"] == [
        app_services.ERR_WITHDRAW_REASON_LONG % {"limit": 200, "count": 201}
    ]


def test_the_withdrawal_and_its_reason_are_audited(world: World, round_: ApplicationRound) -> None:
    application = application_in(world, round_, S.SUBMITTED)

    withdraw(world, application)

    event = AuditEvent.objects.get(action="application.withdraw", object_id=str(application.pk))
    assert event.actor == world.school_admin
    assert event.before == {"status": "submitted"}
    assert event.after == {
        "status": "withdrawn",
        "reason": WITHDRAWAL_REASON,
        "assignments_removed": [],
    }


# --- a withdrawn application is read-only -----------------------------------------------------


def test_a_withdrawn_application_cannot_be_edited(world: World, round_: ApplicationRound) -> None:
    application = application_in(world, round_, S.WITHDRAWN)

    with pytest.raises(ValidationError) as error:
        services.application_save_draft(
            actor=world.school_admin, application=application, data={"leader_name": "张校长"}
        )

    assert error.value.messages == [app_services.ERR_WITHDRAWN]


def test_a_withdrawn_application_cannot_be_submitted(
    world: World, round_: ApplicationRound
) -> None:
    application = application_in(world, round_, S.WITHDRAWN)

    with pytest.raises(ValidationError, match="不能提交"):
        services.application_submit(actor=world.school_admin, application=application)


def test_the_office_cannot_return_a_withdrawn_application(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))

    with pytest.raises(ValidationError, match="不能退回"):
        services.application_return(
            actor=world.programme_officer, application=application, comment="请修改"
        )


def test_the_office_cannot_reclassify_a_withdrawn_application(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))
    domain = round_.programme.domains.last()

    with pytest.raises(ValidationError) as error:
        services.application_classify(
            actor=world.programme_officer, application=application, domain=domain
        )

    assert error.value.messages == [app_services.ERR_WITHDRAWN]


def test_no_decision_is_recorded_on_a_withdrawn_application(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))

    with pytest.raises(ValidationError, match="已撤回"):
        services.decision_record(
            actor=world.programme_officer, application=application, outcome="approve", reason="好"
        )
