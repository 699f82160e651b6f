"""The evaluation API says what state a run is in: a running run how far its fit has got, a
failed one why; neither passes off its missing estimates as an empty list of schools."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.evaluation.factories import SchoolValueAddedFactory, ValueAddedRunFactory
from tests.personas import World
from yinling.evaluation.models import ValueAddedRun
from yinling.evaluation.services import runs

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]
Status = ValueAddedRun.Status


def _listed(client: Client, run: ValueAddedRun, **headers: str) -> dict[str, Any]:
    response = client.get("/api/evaluation/runs", headers=headers)
    assert response.status_code == 200
    return next(item for item in response.json() if item["id"] == run.pk)


def _schools(client: Client, run: ValueAddedRun, **headers: str) -> Any:
    return client.get(f"/api/evaluation/runs/{run.pk}/schools", headers=headers)


def test_a_running_run_is_listed_with_its_status_and_progress(
    world: World, client_for: Clients
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)

    listed = _listed(client_for("district_admin"), run)

    assert (listed["status"], listed["status_label"]) == ("running", "计算中")
    assert listed["progress"] == {"phase": "waiting", "fraction": 0.0, "stale": False}


def test_a_finished_run_is_listed_without_progress(world: World, client_for: Clients) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.DRAFT)

    listed = _listed(client_for("district_admin"), run)

    assert (listed["status"], listed["progress"], listed["reason"]) == ("draft", None, "")


def test_the_status_label_follows_the_requests_language(world: World, client_for: Clients) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)

    listed = _listed(client_for("district_admin"), run, accept_language="en")

    assert listed["status_label"] == "Calculating"


def test_a_failed_run_is_listed_with_its_code_and_reason_in_the_requests_language(
    world: World, client_for: Clients
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=Status.FAILED,
        error_code=runs.RUN_UNEXPECTED,
        message=f"{runs.ERR_UNEXPECTED}：disk on fire",
    )

    listed = _listed(client_for("district_admin"), run, accept_language="en")

    assert listed["error_code"] == "RUN01"
    assert listed["reason"] == "The calculation failed and no estimates were saved"
    assert listed["message"] == run.message


def test_the_schools_of_a_running_run_are_refused_with_its_progress(
    world: World, client_for: Clients
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)

    response = _schools(client_for("district_admin"), run)

    assert response.status_code == 409
    body = response.json()
    assert (body["status"], body["detail"]) == ("running", runs.ERR_STILL_RUNNING)
    assert body["progress"]["phase"] == "waiting"


def test_the_schools_of_a_failed_run_are_refused_with_its_reason(
    world: World, client_for: Clients
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=Status.FAILED,
        error_code=runs.RUN_INTERRUPTED,
        message=runs.ERR_INTERRUPTED,
    )

    response = _schools(client_for("district_admin"), run, accept_language="en")

    assert response.status_code == 409
    body = response.json()
    assert (body["status"], body["error_code"], body["progress"]) == ("failed", "RUN02", None)
    assert body["reason"].startswith("The calculation made no progress for a long time")
    assert body["detail"] == "Could not be estimated; no estimates were saved"


def test_the_schools_of_a_finished_run_are_listed(world: World, client_for: Clients) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.DRAFT)
    SchoolValueAddedFactory(run=run, school=world.school_a)

    response = _schools(client_for("district_admin"), run)

    assert response.status_code == 200
    assert [row["school_id"] for row in response.json()] == [world.school_a.pk]


def test_the_openapi_description_documents_the_409(client_for: Clients) -> None:
    schema = client_for("district_admin").get("/api/openapi.json").json()

    operation = schema["paths"]["/api/evaluation/runs/{run_id}/schools"]["get"]
    assert "409" in operation["responses"]
    assert "409 Conflict" in operation["description"]
