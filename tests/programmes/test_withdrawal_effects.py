"""What withdrawing an application (撤回申报) leaves behind: the review tasks and pools, a fresh
start in the same round, and what the office, the leaders and the school read afterwards
(dashboard, results, exports, growth record). Who may withdraw, and when, is in
test_withdrawal_rules.py."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from openpyxl import load_workbook

from tests.personas import World
from tests.programmes.factories import (
    WITHDRAWAL_REASON,
    application_in,
    filled_application,
    full_scores,
    make_expert,
    make_programme,
    open_round,
    profile_for,
    submitted_application,
    withdraw,
)
from yinling.core.models import AuditEvent
from yinling.core.permissions import can
from yinling.programmes import (
    application_selectors,
    dashboard_selectors,
    school_record_selectors,
    services,
)
from yinling.programmes.exports.bundle import round_summary_xlsx, round_zip
from yinling.programmes.models import Application, ApplicationRound, ReviewAssignment
from yinling.programmes.services import applications as app_services

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def round_(world: World) -> ApplicationRound:
    return open_round(make_programme(world.district))


# --- it leaves the review pools -----------------------------------------------------------------


def _returned_with_reviewer(world: World, round_: ApplicationRound) -> Application:
    application = application_in(world, round_, S.UNDER_REVIEW)
    services.application_return(
        actor=world.programme_officer, application=application, comment="请聚焦研究问题"
    )
    return application


def _scored_then_returned(world: World, round_: ApplicationRound) -> ReviewAssignment:
    """The expert's task on an application under review, scored 8 on every criterion before the
    office returned the application to the school."""
    application = application_in(world, round_, S.UNDER_REVIEW)
    assignment = application.assignments.get()
    services.review_submit(actor=world.expert, assignment=assignment, scores=full_scores(round_))
    services.application_return(
        actor=world.programme_officer, application=application, comment="改"
    )
    return assignment


def test_withdrawing_removes_the_assignments_nobody_has_scored(
    world: World, round_: ApplicationRound
) -> None:
    application = _returned_with_reviewer(world, round_)

    withdraw(world, application)

    assert not application.assignments.exists()
    event = AuditEvent.objects.get(action="application.withdraw")
    assert event.after["assignments_removed"] == [world.expert.pk]


def test_withdrawing_keeps_the_scores_already_given(world: World, round_: ApplicationRound) -> None:
    application = _scored_then_returned(world, round_).application

    withdraw(world, application)

    assert list(application.assignments.values_list("status", flat=True)) == ["submitted"]


def test_withdrawing_keeps_a_task_that_holds_scores_of_an_earlier_version(
    world: World, round_: ApplicationRound
) -> None:
    assignment = _scored_then_returned(world, round_)
    application = assignment.application
    services.application_submit(actor=world.school_admin, application=application)
    services.application_return(
        actor=world.programme_officer, application=application, comment="再改"
    )

    withdraw(world, application)

    assignment.refresh_from_db()
    assert assignment.status == "pending" and assignment.scores.count() == 3


def test_an_expert_cannot_rescore_a_withdrawn_application(
    world: World, round_: ApplicationRound
) -> None:
    assignment = _scored_then_returned(world, round_)
    withdraw(world, assignment.application)

    with pytest.raises(ValidationError) as error:
        services.review_submit(
            actor=world.expert, assignment=assignment, scores=full_scores(round_)
        )

    assert error.value.messages == [services.review_outcomes.ERR_REVIEW_WITHDRAWN]


def test_a_withdrawn_application_is_not_offered_for_assignment(
    world: World, round_: ApplicationRound
) -> None:
    withdraw(world, application_in(world, round_, S.SUBMITTED))

    rows, _profiles, _load = application_selectors.round_assignment_rows(round_)

    assert rows == []


def test_automatic_assignment_passes_a_withdrawn_application_by(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))
    profile_for(world)

    plan = services.assignment_auto(actor=world.programme_officer, round_=round_)

    assert plan.pairs == []
    assert not application.assignments.exists()


def test_an_expert_cannot_be_assigned_to_a_withdrawn_application(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))
    expert = make_expert(world.district, username="second_expert")

    with pytest.raises(ValidationError, match="不能安排评审"):
        services.assignment_create(
            actor=world.programme_officer, application=application, expert=expert
        )


def test_releasing_a_round_leaves_a_withdrawn_applications_pending_decision_alone(
    world: World, round_: ApplicationRound
) -> None:
    application = application_in(world, round_, S.UNDER_REVIEW)
    services.decision_record(
        actor=world.programme_officer, application=application, outcome="approve", reason="好"
    )
    services.application_return(
        actor=world.programme_officer, application=application, comment="改"
    )
    withdraw(world, application)

    released = services.round_release_results(actor=world.programme_officer, round_=round_)

    assert released == 0
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


# --- a fresh start in the same round -----------------------------------------------------------


def test_the_school_may_start_afresh_in_the_open_round(
    world: World, round_: ApplicationRound
) -> None:
    withdrawn = application_in(world, round_, S.WITHDRAWN)

    fresh = services.application_start(
        actor=world.school_admin, round_=round_, school=world.school_a
    )

    assert fresh.pk != withdrawn.pk
    assert fresh.status == S.DRAFT


def test_the_open_round_is_offered_again_after_a_withdrawal(
    world: World, round_: ApplicationRound
) -> None:
    application_in(world, round_, S.WITHDRAWN)

    offered = application_selectors.open_rounds_for_schools({world.school_a.pk}, round_.opens_on)

    assert offered == [(round_, world.school_a)]


def test_a_withdrawal_does_not_reopen_a_closed_round(
    world: World, round_: ApplicationRound
) -> None:
    application_in(world, round_, S.WITHDRAWN)

    with pytest.raises(ValidationError, match="截止"):
        services.application_start(
            actor=world.school_admin,
            round_=round_,
            school=world.school_a,
            on=round_.closes_on + timedelta(days=1),
        )


def test_the_fresh_application_is_again_the_only_one(
    world: World, round_: ApplicationRound
) -> None:
    application_in(world, round_, S.WITHDRAWN)
    services.application_start(actor=world.school_admin, round_=round_, school=world.school_a)

    with pytest.raises(ValidationError, match=app_services.ERR_ALREADY_APPLIED):
        services.application_start(actor=world.school_admin, round_=round_, school=world.school_a)


def test_the_database_holds_one_active_application_per_school_and_round(
    world: World, round_: ApplicationRound
) -> None:
    filled_application(round_, world.school_a, world.school_admin)

    with pytest.raises(IntegrityError):
        Application.objects.create(round=round_, school=world.school_a)


# --- what the office, the leaders and the school see afterwards ----------------------------------


def test_the_dashboard_counts_a_withdrawn_application_apart(
    world: World, round_: ApplicationRound
) -> None:
    withdraw(world, application_in(world, round_, S.SUBMITTED))
    submitted_application(round_, world.school_b, world.school_b_admin)

    data = dashboard_selectors.dashboard(round_.programme, round_.opens_on)

    counts = {row["code"]: row["count"] for row in data["applications_by_status"]}
    assert (counts["withdrawn"], counts["submitted"]) == (1, 1)
    assert data["applications_active"] == 1
    assert data["applications_withdrawn"] == 1
    assert sum(row["count"] for row in data["applications_by_domain"]) == 1


def test_the_round_results_show_a_withdrawn_application_as_withdrawn(
    world: World, round_: ApplicationRound
) -> None:
    withdraw(world, application_in(world, round_, S.SUBMITTED))

    rows = application_selectors.round_results(round_)

    assert [row.application.get_status_display() for row in rows] == ["已撤回"]


def test_a_draft_withdrawn_unsent_stays_out_of_the_round_results(
    world: World, round_: ApplicationRound
) -> None:
    application_in(world, round_, S.WITHDRAWN)

    assert application_selectors.round_results(round_) == []


def test_the_office_does_not_read_a_draft_withdrawn_unsent(
    world: World, round_: ApplicationRound
) -> None:
    application = application_in(world, round_, S.WITHDRAWN)

    assert not can(world.programme_officer, "programmes.application_view", application)


def test_the_office_reads_an_application_withdrawn_after_submission(
    world: World, round_: ApplicationRound
) -> None:
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))

    assert can(world.programme_officer, "programmes.application_view", application)


def test_the_round_summary_marks_the_withdrawn_application_with_its_reason(
    world: World, round_: ApplicationRound
) -> None:
    withdraw(world, application_in(world, round_, S.SUBMITTED))

    sheet = load_workbook(io.BytesIO(round_summary_xlsx(round_))).active

    header = [cell.value for cell in sheet[2]]
    row = dict(zip(header, [cell.value for cell in sheet[3]], strict=True))
    assert (row["状态"], row["撤回原因"]) == ("已撤回", WITHDRAWAL_REASON)


def test_the_round_zip_leaves_out_the_withdrawn_form(
    world: World, round_: ApplicationRound
) -> None:
    withdraw(world, application_in(world, round_, S.SUBMITTED))
    submitted_application(round_, world.school_b, world.school_b_admin)

    with zipfile.ZipFile(io.BytesIO(round_zip(round_))) as archive:
        forms = [name for name in archive.namelist() if name.endswith(".docx")]

    assert len(forms) == 1 and "乙校" in forms[0]


def test_the_withdrawal_appears_in_the_schools_growth_record(
    world: World, round_: ApplicationRound
) -> None:
    membership = services.programme_school_admit(
        actor=None, programme=round_.programme, school=world.school_a
    )
    # A project school applies again only in a round that admits project schools.
    services.round_update(actor=None, round_=round_, admits_project_schools=True)
    application = withdraw(world, application_in(world, round_, S.SUBMITTED))

    entries = school_record_selectors.growth_record(membership, show_unreleased=False)

    withdrawn = [e for e in entries if e.kind == "withdrawn"]
    assert [(e.title, e.detail, e.application_id) for e in withdrawn] == [
        ("申报已撤回", WITHDRAWAL_REASON, application.pk)
    ]
