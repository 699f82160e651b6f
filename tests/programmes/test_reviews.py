"""Expert register, conflicts, assignment, scoring, aggregation, decisions and release."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import grant
from tests.personas import World
from tests.programmes.factories import (
    extra_school,
    full_scores,
    make_expert,
    make_programme,
    open_round,
    profile_for,
    scene,
    submitted_application,
)
from yinling.core.models import Role
from yinling.programmes import application_selectors, services
from yinling.programmes.conflicts import ConflictIndex
from yinling.programmes.models import (
    Application,
    Decision,
    Pairing,
    ProgrammeSchool,
    ReviewAssignment,
)
from yinling.programmes.permissions import SCORING_LEFT_REVIEW
from yinling.programmes.services import review_outcomes as review_services

pytestmark = pytest.mark.django_db


def _assign(world: World, application: Application, **profile: object) -> ReviewAssignment:
    profile_for(world, **profile)
    return services.assignment_create(
        actor=world.programme_officer, application=application, expert=world.expert
    )


def test_assigning_an_expert_puts_the_application_under_review(world: World) -> None:
    s = scene(world)
    assert s.application.status == Application.Status.UNDER_REVIEW


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda w: {"affiliation_school": w.school_a}, "本校"),
        (lambda w: {"education_group": "宝山区罗店教育集团"}, "同一教育集团"),
    ],
)
def test_a_conflicted_expert_is_never_assigned(world: World, setup, reason: str) -> None:  # noqa: ANN001
    world.school_a.education_group = "宝山区罗店教育集团"
    world.school_a.save(update_fields=["education_group"])
    s = scene(world, assign=False)
    with pytest.raises(ValidationError) as error:
        _assign(world, s.application, **setup(world))
    assert reason in error.value.messages[0]
    assert not ReviewAssignment.objects.exists()


def test_an_expert_from_a_paired_school_is_never_assigned(world: World) -> None:
    s = scene(world, assign=False)
    services.pairing_create(
        actor=None, school=world.school_b, partner=world.school_a, kind=Pairing.Kind.SUPPORT
    )
    with pytest.raises(ValidationError, match="结对/支援学校"):
        _assign(world, s.application, affiliation_school=world.school_b)


def test_an_expert_with_a_declared_tie_is_never_assigned(world: World) -> None:
    s = scene(world, assign=False)
    profile = profile_for(world)
    services.expert_tie_add(actor=None, profile=profile, school=world.school_a, kind="relative")
    # Named as the expert's own declaration, not as something of the application (申报).
    with pytest.raises(ValidationError, match="专家申明的利害关系"):
        _assign(world, s.application)


def test_an_expert_who_works_at_the_school_is_conflicted_through_their_role(world: World) -> None:
    grant(world.expert, Role.SCHOOL_STAFF, world.school_a)
    assert "本校" in ConflictIndex.load([world.expert.pk]).reasons(world.expert.pk, world.school_a)


def test_an_expert_of_another_district_cannot_be_assigned(world: World) -> None:
    s = scene(world, assign=False)
    outsider = make_expert(world.other_district, username="mh_exp")
    with pytest.raises(ValidationError, match="不是本区专家库中的专家"):
        services.assignment_create(actor=None, application=s.application, expert=outsider)


def test_the_workload_limit_is_respected(world: World) -> None:
    s = scene(world, assign=False)
    second = submitted_application(s.round, world.school_b, world.school_b_admin)
    _assign(world, s.application, workload_limit=1)
    with pytest.raises(ValidationError, match="达到上限"):
        services.assignment_create(actor=None, application=second, expert=world.expert)


def test_automatic_assignment_gives_each_application_its_reviewers(world: World) -> None:
    programme = make_programme(world.district)
    round_ = open_round(programme, reviewers_per_application=2)
    experts = [make_expert(world.district, username=f"e{i}") for i in range(3)]
    applications = [submitted_application(round_, world.school_a, world.school_admin)]
    applications.append(submitted_application(round_, world.school_b, world.school_b_admin))
    plan = services.assignment_auto(actor=world.programme_officer, round_=round_)
    assert not plan.short
    for application in applications:
        assert application.assignments.count() == 2
        assert application.assignments.filter(method="auto").count() == 2
    loads = sorted(
        ReviewAssignment.objects.filter(expert__in=experts).values_list("expert", flat=True)
    )
    assert len(loads) == 4


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    ties=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), max_size=6),
    groups=st.lists(st.sampled_from(["", "甲集团", "乙集团"]), min_size=5, max_size=5),
    affiliations=st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=4, max_size=4),
    pairs=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=3),
)
def test_automatic_assignment_never_assigns_a_conflicted_expert_in_the_database(
    world: World,
    ties,
    groups,
    affiliations,
    pairs,  # noqa: ANN001
) -> None:
    from django.db import transaction

    sid = transaction.savepoint()
    try:
        programme = make_programme(world.district, name=f"P{ReviewAssignment.objects.count()}")
        round_ = open_round(programme, reviewers_per_application=2)
        schools = [extra_school(world.district, education_group=groups[i]) for i in range(5)]
        experts = []
        for i, affiliation in enumerate(affiliations):
            school = schools[affiliation] if affiliation is not None else None
            experts.append(make_expert(world.district, username=f"x{i}_{id(ties)}", school=school))
        for expert_index, school_index in ties:
            profile = experts[expert_index].expert_profile
            if not profile.ties.filter(school=schools[school_index]).exists():
                services.expert_tie_add(
                    actor=None, profile=profile, school=schools[school_index], kind="other"
                )
        for a, b in pairs:
            if (
                a != b
                and not Pairing.objects.filter(school=schools[a], partner=schools[b]).exists()
            ):
                services.pairing_create(
                    actor=None, school=schools[a], partner=schools[b], kind="paired"
                )
        for school in schools:
            application = services.application_start(actor=None, round_=round_, school=school)
            from tests.programmes.factories import FILLED

            services.application_save_draft(
                actor=None,
                application=application,
                data={**FILLED, "domain": programme.domains.first()},
            )
            Application.objects.filter(pk=application.pk).update(status="submitted")
        services.assignment_auto(actor=None, round_=round_)
        index = ConflictIndex.load([e.pk for e in experts])
        for assignment in ReviewAssignment.objects.filter(application__round=round_).select_related(
            "application__school"
        ):
            assert not index.reasons(assignment.expert_id, assignment.application.school)
    finally:
        transaction.savepoint_rollback(sid)


def test_an_expert_scores_against_the_rubric_and_gets_a_weighted_total(world: World) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    criteria = list(s.round.rubric.criteria.all())  # weights 2, 1, 1
    scores = {criteria[0].pk: 9, criteria[1].pk: 6, criteria[2].pk: "7.5"}
    services.review_submit(
        actor=world.expert, assignment=assignment, scores=scores, comment_to_school="目标清楚"
    )
    assert assignment.total == Decimal("7.88")
    assert assignment.status == ReviewAssignment.Status.SUBMITTED


def test_a_score_outside_the_scale_is_refused(world: World) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    scores = full_scores(s.round, 8)
    first = s.round.rubric.criteria.first()
    scores[first.pk] = 11
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=world.expert, assignment=assignment, scores=scores)
    assert error.value.message_dict[f"criterion_{first.pk}"] == [
        review_services.ERR_SCORE_OUT_OF_SCALE
        % {"criterion": first.name, "value": "11", "min": "0", "max": "10"}
    ]
    assert not assignment.scores.exists()


def test_a_missing_score_is_named(world: World) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=world.expert, assignment=assignment, scores={})
    assert len(error.value.message_dict) == 3


def test_only_the_assigned_expert_scores(world: World) -> None:
    s = scene(world)
    other = make_expert(world.district, username="other_expert")
    with pytest.raises(ValidationError, match=review_services.ERR_NOT_YOUR_ASSIGNMENT):
        services.review_submit(
            actor=other, assignment=s.application.assignments.get(), scores=full_scores(s.round)
        )


def test_approval_takes_effect_on_release_and_makes_a_project_school(world: World) -> None:
    s = scene(world)
    services.review_submit(
        actor=world.expert, assignment=s.application.assignments.get(), scores=full_scores(s.round)
    )
    decision = services.decision_record(
        actor=world.programme_officer, application=s.application, outcome="approve", reason="同意"
    )
    s.application.refresh_from_db()
    assert s.application.status == Application.Status.UNDER_REVIEW
    assert not ProgrammeSchool.objects.exists()
    services.decision_release(actor=world.programme_officer, decision=decision)
    s.application.refresh_from_db()
    assert s.application.status == Application.Status.APPROVED
    membership = ProgrammeSchool.objects.get(school=world.school_a)
    assert membership.status == ProgrammeSchool.Status.PROJECT
    assert membership.leading_project == s.application
    assert list(membership.history.values_list("to_status", flat=True)) == ["project"]


def test_a_revise_decision_returns_the_form_with_the_reason(world: World) -> None:
    s = scene(world)
    decision = services.decision_record(
        actor=world.programme_officer,
        application=s.application,
        outcome="revise",
        reason="请补充研究方法",
    )
    services.decision_release(actor=world.programme_officer, decision=decision)
    s.application.refresh_from_db()
    assert s.application.status == Application.Status.RETURNED
    assert s.application.versions.last().return_comment == "请补充研究方法"


def test_a_decision_needs_a_reason(world: World) -> None:
    s = scene(world)
    with pytest.raises(ValidationError) as error:
        services.decision_record(actor=None, application=s.application, outcome="reject", reason="")
    assert error.value.message_dict["reason"] == [review_services.ERR_REASON_REQUIRED]


def test_recording_again_before_release_replaces_the_pending_decision(world: World) -> None:
    s = scene(world)
    services.decision_record(actor=None, application=s.application, outcome="reject", reason="甲")
    services.decision_record(actor=None, application=s.application, outcome="approve", reason="乙")
    assert list(Decision.objects.values_list("outcome", flat=True)) == ["approve"]


def test_releasing_a_round_releases_every_pending_decision(world: World) -> None:
    s = scene(world)
    second = submitted_application(s.round, world.school_b, world.school_b_admin)
    services.decision_record(actor=None, application=s.application, outcome="approve", reason="好")
    services.decision_record(actor=None, application=second, outcome="reject", reason="不足")
    assert services.round_release_results(actor=None, round_=s.round) == 2
    assert set(Application.objects.values_list("status", flat=True)) == {"approved", "rejected"}


def test_scores_cannot_change_after_release(world: World) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    services.review_submit(actor=world.expert, assignment=assignment, scores=full_scores(s.round))
    decision = services.decision_record(
        actor=None, application=s.application, outcome="reject", reason="x"
    )
    services.decision_release(actor=None, decision=decision)
    with pytest.raises(ValidationError, match=review_services.ERR_REVIEW_CLOSED):
        services.review_submit(
            actor=world.expert, assignment=assignment, scores=full_scores(s.round)
        )


def test_scores_cannot_change_once_the_office_returns_the_application(world: World) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    services.application_return(
        actor=world.programme_officer, application=s.application, comment="请聚焦研究问题"
    )

    with pytest.raises(ValidationError) as error:
        services.review_submit(
            actor=world.expert, assignment=assignment, scores=full_scores(s.round)
        )

    assert error.value.messages == [SCORING_LEFT_REVIEW]


def test_the_round_aggregate_shows_mean_spread_and_calibrated_score(world: World) -> None:
    s = scene(world)
    second_expert = make_expert(world.district, username="second")
    services.assignment_create(actor=None, application=s.application, expert=second_expert)
    for expert, value in ((world.expert, 8), (second_expert, 6)):
        services.review_submit(
            actor=expert,
            assignment=s.application.assignments.get(expert=expert),
            scores=full_scores(s.round, value),
        )
    row = application_selectors.round_results(s.round)[0]
    assert row.aggregate.mean == 7.0 and row.aggregate.count == 2
    assert row.aggregate.spread == pytest.approx(1.414, abs=1e-3)
    assert row.aggregate.calibrated == pytest.approx(7.0)


def _revise_and_resubmit(world: World):  # noqa: ANN202
    s = scene(world)
    assignment = s.application.assignments.get()
    services.review_submit(
        actor=world.expert, assignment=assignment, scores=full_scores(s.round, 6)
    )
    decision = services.decision_record(
        actor=None, application=s.application, outcome="revise", reason="请聚焦"
    )
    services.decision_release(actor=None, decision=decision)
    s.application.refresh_from_db()
    services.application_save_draft(
        actor=world.school_admin, application=s.application, data={"goals": "聚焦课堂评价。"}
    )
    services.application_submit(actor=world.school_admin, application=s.application)
    assignment.refresh_from_db()
    return s, assignment


def test_a_revised_application_goes_back_to_its_reviewers_who_score_again(world: World) -> None:
    s, assignment = _revise_and_resubmit(world)
    assert s.application.status == Application.Status.UNDER_REVIEW
    assert assignment.status == ReviewAssignment.Status.PENDING
    services.review_submit(
        actor=world.expert, assignment=assignment, scores=full_scores(s.round, 9)
    )
    assignment.refresh_from_db()
    assert assignment.total == 9


def test_scores_of_a_resubmission_stay_hidden_until_its_result_is_released(world: World) -> None:
    from yinling.core.permissions import can

    s, _assignment = _revise_and_resubmit(world)
    assert not can(world.school_admin, "programmes.scores_view", s.application)
    decision = services.decision_record(
        actor=None, application=s.application, outcome="approve", reason="同意"
    )
    services.decision_release(actor=None, decision=decision)
    assert can(world.school_admin, "programmes.scores_view", s.application)
