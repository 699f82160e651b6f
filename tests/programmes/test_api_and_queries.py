"""The JSON API asks the same gate; shared selectors keep their query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import SchoolFactory, user_with_role
from tests.personas import World
from tests.programmes.factories import full_scores, make_expert, scene, submitted_application
from yinling.core.models import Role
from yinling.programmes import application_selectors, services

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]


def _scored(world: World):  # noqa: ANN202
    s = scene(world)
    services.review_submit(
        actor=world.expert,
        assignment=s.application.assignments.get(),
        scores=full_scores(s.round, 7),
    )
    return s


def test_the_api_hides_scores_from_the_school_until_release(
    world: World, client_for: Clients
) -> None:
    s = _scored(world)
    url = f"/api/programmes/applications/{s.application.pk}"
    assert client_for("school_admin").get(url).json()["scores"] is None
    assert client_for("programme_officer").get(url).json()["scores"]["mean"] == 7.0
    decision = services.decision_record(
        actor=None, application=s.application, outcome="approve", reason="好"
    )
    services.decision_release(actor=None, decision=decision)
    assert client_for("school_admin").get(url).json()["scores"]["mean"] == 7.0


def test_the_api_never_shows_another_schools_draft(world: World, client_for: Clients) -> None:
    s = scene(world, assign=False)
    from tests.programmes.factories import filled_application, open_round

    draft = filled_application(
        open_round(s.programme, name="二"), world.school_a, world.school_staff
    )
    response = client_for("school_b_admin").get(f"/api/programmes/applications/{draft.pk}")
    assert response.status_code == 404


def test_the_expert_lists_their_assignments_through_the_api(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    rows = client_for("expert").get("/api/programmes/reviews").json()
    assert [r["application_id"] for r in rows] == [s.application.pk]


def _grow(world: World, s, n: int) -> None:  # noqa: ANN001
    expert = make_expert(world.district, username=f"q{n}")
    for _ in range(n):
        school = SchoolFactory(district=world.district)
        application = submitted_application(
            s.round, school, user_with_role(Role.SCHOOL_ADMIN, school)
        )
        services.assignment_create(actor=None, application=application, expert=expert)


def test_round_results_take_a_fixed_number_of_queries(world: World) -> None:
    s = _scored(world)
    with CaptureQueriesContext(connection) as small:
        application_selectors.round_results(s.round)
    _grow(world, s, 4)
    with CaptureQueriesContext(connection) as large:
        rows = application_selectors.round_results(s.round)
    assert len(rows) == 5
    assert len(large) == len(small) <= 6


def test_the_round_list_takes_a_fixed_number_of_queries(world: World) -> None:
    s = _scored(world)
    _grow(world, s, 3)
    with CaptureQueriesContext(connection) as queries:
        rows = list(application_selectors.applications_in_round(s.round))
    assert len(rows) == 4 and len(queries) == 1
    assert {r.assignment_count for r in rows} == {1}
