"""The review pages: register, assignment, scoring, results, decisions and what schools see."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.personas import World
from tests.programmes.factories import (
    full_scores,
    make_expert,
    make_programme,
    open_round,
    profile_for,
    scene,
    submitted_application,
)
from yinling.core.models import AuditEvent
from yinling.programmes import services
from yinling.programmes.models import Application, ExpertProfile, ReviewAssignment

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]


def test_the_office_completes_an_experts_register_entry(world: World, client_for: Clients) -> None:
    membership = world.expert.memberships.get()
    response = client_for("programme_officer").post(
        f"/programmes/experts/{membership.pk}/",
        {
            "affiliation_school": world.school_b.pk,
            "subject": "初中数学",
            "expertise": "推进学校育人方式变革、强化信息技术赋能作用",
            "workload_limit": 8,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=world.expert)
    assert profile.expertise == ["推进学校育人方式变革", "强化信息技术赋能作用"]
    assert profile.affiliation_school == world.school_b


def test_a_conflicted_manual_assignment_is_refused_with_the_reason(
    world: World, client_for: Clients
) -> None:
    s = scene(world, assign=False)
    profile_for(world, affiliation_school=world.school_a)
    client = client_for("programme_officer")
    response = client.post(
        f"/programmes/applications/{s.application.pk}/assign/",
        {"expert": world.expert.pk},
        follow=True,
    )
    assert "存在利害关系（本校），不能指派" in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_the_assignment_page_marks_conflicted_experts(world: World, client_for: Clients) -> None:
    s = scene(world, assign=False)
    profile_for(world, affiliation_school=world.school_a)
    html = (
        client_for("programme_officer")
        .get(f"/programmes/rounds/{s.round.pk}/assign/")
        .content.decode()
    )
    assert "disabled" in html and "回避" in html


def test_automatic_assignment_from_the_page(world: World, client_for: Clients) -> None:
    s = scene(world, assign=False)
    make_expert(world.district, username="second")
    response = client_for("programme_officer").post(
        f"/programmes/rounds/{s.round.pk}/assign/auto/", follow=True
    )
    assert "新增 2 个评审任务" in response.content.decode()
    assert s.application.assignments.count() == 2


def test_automatic_assignment_with_nothing_to_do_says_why(
    world: World, client_for: Clients
) -> None:
    s = scene(world, assign=False)
    make_expert(world.district, username="second")
    client = client_for("programme_officer")
    client.post(f"/programmes/rounds/{s.round.pk}/assign/auto/")

    again = client.post(f"/programmes/rounds/{s.round.pk}/assign/auto/", follow=True)

    text = again.content.decode()
    assert "无需分配：每份待评审的申报都已有 2 位评审专家" in text
    assert "新增 0 个评审任务" not in text


def test_automatic_assignment_in_a_round_with_nothing_to_review_says_so(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    response = client_for("programme_officer").post(
        f"/programmes/rounds/{round_.pk}/assign/auto/", follow=True
    )
    assert "无需分配：本批次没有待评审的申报" in response.content.decode()


def test_the_return_button_says_it_returns_the_form_for_revision(
    world: World, client_for: Clients
) -> None:
    s = scene(world, assign=False)
    html = (
        client_for("programme_officer")
        .get(f"/programmes/applications/{s.application.pk}/")
        .content.decode()
    )
    assert '<button type="submit" class="secondary">退回修改</button>' in html


def test_the_expert_scores_on_the_page(world: World, client_for: Clients) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    data = {f"criterion_{pk}": v for pk, v in full_scores(s.round, "8").items()}
    response = client_for("expert").post(
        f"/programmes/assignments/{assignment.pk}/",
        {**data, "comment_to_school": "建议细化评价指标"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.total == 8 and assignment.comment_to_school == "建议细化评价指标"


def _assignment_scored_on(world: World, weights: list[tuple[str, float]]) -> ReviewAssignment:
    programme = make_programme(world.district)
    rubric = services.rubric_create(
        actor=None,
        programme=programme,
        name="百分制细则",
        scale_min=0,
        scale_max=10,
        criteria=[(name, "", weight) for name, weight in weights],
    )
    application = submitted_application(
        open_round(programme, rubric=rubric), world.school_a, world.school_admin
    )
    profile_for(world)
    return services.assignment_create(actor=None, application=application, expert=world.expert)


def test_the_scoring_form_shows_weights_as_people_write_them(
    world: World, client_for: Clients
) -> None:
    assignment = _assignment_scored_on(world, [("问题聚焦", 20), ("设计可行", 30), ("成果", 12.5)])

    html = client_for("expert").get(f"/programmes/assignments/{assignment.pk}/").content.decode()

    assert "问题聚焦（权重 20）" in html
    assert "设计可行（权重 30）" in html
    assert "成果（权重 12.5）" in html
    assert "E+" not in html


def test_the_rubric_list_shows_weights_as_people_write_them(
    world: World, client_for: Clients
) -> None:
    assignment = _assignment_scored_on(world, [("问题聚焦", 20), ("成果", 12.5)])
    programme = assignment.application.round.programme

    html = (
        client_for("programme_officer").get(f"/programmes/{programme.pk}/rubrics/").content.decode()
    )

    assert "<td>20</td>" in html and "<td>12.5</td>" in html
    assert "12.50" not in html and "20.00" not in html


def test_the_scoring_form_labels_weights_in_english(world: World, client_for: Clients) -> None:
    assignment = _assignment_scored_on(world, [("问题聚焦", 20)])

    html = (
        client_for("expert")
        .get(f"/programmes/assignments/{assignment.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "问题聚焦 (weight 20)" in html


def test_a_score_outside_the_scale_is_shown_on_its_field(world: World, client_for: Clients) -> None:
    s = scene(world)
    assignment = s.application.assignments.get()
    data = {f"criterion_{pk}": v for pk, v in full_scores(s.round, "12").items()}
    response = client_for("expert").post(f"/programmes/assignments/{assignment.pk}/", data)
    assert response.status_code == 400
    assert "的分数 12 超出评分范围 0—10" in response.content.decode()


def test_an_expert_opening_anothers_assignment_is_refused_and_logged(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    other = make_expert(world.district, username="other")
    client = Client()
    client.force_login(other)
    response = client.get(f"/programmes/assignments/{s.application.assignments.get().pk}/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor=other).exists()


def _scored_and_decided(world: World, *, release: bool):  # noqa: ANN202
    s = scene(world)
    services.review_submit(
        actor=world.expert,
        assignment=s.application.assignments.get(),
        scores=full_scores(s.round, 9),
        comment_to_school="目标清楚，路径可行",
        comment_to_office="可作为区级示范",
    )
    decision = services.decision_record(
        actor=world.programme_officer,
        application=s.application,
        outcome="approve",
        reason="同意立项",
    )
    if release:
        services.decision_release(actor=world.programme_officer, decision=decision)
    return s


def test_the_scoring_page_is_read_only_once_the_result_is_released(
    world: World, client_for: Clients
) -> None:
    s = _scored_and_decided(world, release=True)
    assignment = s.application.assignments.get()

    html = client_for("expert").get(f"/programmes/assignments/{assignment.pk}/").content.decode()

    assert "评审结果已发布，不能再修改评分" in html
    assert 'name="criterion_' not in html and "提交评分</button>" not in html
    assert "目标清楚，路径可行" in html and "可作为区级示范" in html
    assert "<td>9</td>" in html


def test_the_scoring_page_is_read_only_once_the_application_leaves_review(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    services.application_return(
        actor=world.programme_officer, application=s.application, comment="请聚焦研究问题"
    )
    assignment = s.application.assignments.get()

    html = client_for("expert").get(f"/programmes/assignments/{assignment.pk}/").content.decode()

    assert "该申报已不在评审中，不能再修改评分" in html
    assert "提交评分</button>" not in html and "您未提交评分" in html


def test_the_read_only_scoring_page_says_why_in_english(world: World, client_for: Clients) -> None:
    s = _scored_and_decided(world, release=True)
    assignment = s.application.assignments.get()

    html = (
        client_for("expert")
        .get(f"/programmes/assignments/{assignment.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "The review results have been published" in html
    assert "评审结果已发布" not in html


def test_scores_posted_after_release_are_refused_and_kept(
    world: World, client_for: Clients
) -> None:
    s = _scored_and_decided(world, release=True)
    assignment = s.application.assignments.get()
    data = {f"criterion_{pk}": v for pk, v in full_scores(s.round, "3").items()}

    response = client_for("expert").post(
        f"/programmes/assignments/{assignment.pk}/", data, follow=True
    )

    assert "评审结果已发布，不能再修改评分" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.total == 9


def test_the_school_sees_no_score_or_decision_before_release(
    world: World, client_for: Clients
) -> None:
    s = _scored_and_decided(world, release=False)
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{s.application.pk}/")
        .content.decode()
    )
    assert "目标清楚，路径可行" not in html
    assert "同意立项" not in html
    assert "9.00" not in html


def test_the_school_sees_the_decision_and_released_comments_but_not_the_private_ones(
    world: World, client_for: Clients
) -> None:
    s = _scored_and_decided(world, release=True)
    html = (
        client_for("school_admin")
        .get(f"/programmes/applications/{s.application.pk}/")
        .content.decode()
    )
    assert "同意立项" in html and "目标清楚，路径可行" in html and "9.00" in html
    assert "可作为区级示范" not in html
    assert world.expert.full_name not in html  # experts stay anonymous to schools


def test_the_results_page_shows_the_aggregate_and_records_decisions(
    world: World, client_for: Clients
) -> None:
    s = _scored_and_decided(world, release=False)
    client = client_for("programme_officer")
    html = client.get(f"/programmes/rounds/{s.round.pk}/results/").content.decode()
    assert "9.00" in html and "未发布" in html
    client.post(f"/programmes/rounds/{s.round.pk}/release/")
    s.application.refresh_from_db()
    assert s.application.status == Application.Status.APPROVED


def test_a_decision_without_a_reason_is_refused_on_the_page(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    response = client_for("programme_officer").post(
        f"/programmes/applications/{s.application.pk}/decide/",
        {"outcome": "reject", "reason": ""},
        follow=True,
    )
    assert "请填写结论理由" in response.content.decode()


def test_an_expert_with_no_assignments_is_told_what_comes_next(
    world: World, client_for: Clients
) -> None:
    html = client_for("expert").get("/").content.decode()
    assert "目前没有分配给您的评审任务" in html


def test_the_office_records_a_pairing_that_then_bars_reviewers(
    world: World, client_for: Clients
) -> None:
    response = client_for("programme_officer").post(
        "/programmes/pairings/",
        {"school": world.school_a.pk, "partner": world.school_b.pk, "kind": "support"},
    )
    assert response.status_code == 302
    s = scene(world, assign=False)
    profile_for(world, affiliation_school=world.school_b)
    response = client_for("programme_officer").post(
        f"/programmes/applications/{s.application.pk}/assign/",
        {"expert": world.expert.pk},
        follow=True,
    )
    assert "结对/支援学校" in response.content.decode()


def test_an_ended_pairing_no_longer_bars_reviewers(world: World, client_for: Clients) -> None:
    pairing = services.pairing_create(
        actor=None, school=world.school_a, partner=world.school_b, kind="paired"
    )
    client_for("programme_officer").post(f"/programmes/pairings/{pairing.pk}/end/")
    s = scene(world, assign=False)
    profile_for(world, affiliation_school=world.school_b)
    services.assignment_create(actor=None, application=s.application, expert=world.expert)
