"""A value-added run is stored at once as running; its fit ends it as a draft or failed, in the
request for small data and in a background thread for large."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.evaluation.factories import ValueAddedRunFactory
from tests.evaluation.scores import Pair, simulated_pair
from tests.factories import SchoolFactory
from tests.personas import World
from yinling.core.models import AuditEvent, School
from yinling.evaluation import value_added
from yinling.evaluation.models import SchoolValueAdded, ValueAddedRun
from yinling.evaluation.services import runs
from yinling.evaluation.services.imports import staging_dir

pytestmark = pytest.mark.django_db

Status = ValueAddedRun.Status


@pytest.fixture
def schools(world: World) -> list[School]:
    return [
        world.school_a,
        world.school_b,
        *(SchoolFactory(district=world.district) for _ in range(4)),
    ]


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run counts as large: it is fitted in a background thread."""
    monkeypatch.setattr(runs, "INLINE_MAX_ROWS", 0)


def _create(world: World, pair: Pair, **options: object) -> ValueAddedRun:
    return runs.value_added_run_create(
        actor=world.district_admin, entry=pair.entry, exit=pair.exit, model="ri", **options
    )


def test_a_large_run_is_stored_at_once_as_running_with_what_it_will_fit(
    world: World, schools: list[School], large: None
) -> None:
    pair = simulated_pair(schools)

    run = _create(world, pair, covariates=["ses"])  # the thread waits for a commit that never comes

    assert run.status == Status.RUNNING
    assert (run.entry_version, run.exit_version) == (
        pair.entry.current_version,
        pair.exit.current_version,
    )
    assert run.settings["covariates"] == ["ses"]
    assert run.engine_version == value_added.engine_version()
    assert run.created_by == world.district_admin
    assert not run.schools.exists()


def test_the_fit_fills_in_a_running_run_and_makes_it_a_draft(
    world: World, schools: list[School], large: None
) -> None:
    run = _create(world, simulated_pair(schools))

    run = runs.value_added_run_fit(run_id=run.pk)

    assert run.status == Status.DRAFT
    assert run.converged and run.n_schools == 6 and run.finished_at
    assert run.schools.count() == 6
    assert AuditEvent.objects.filter(action="value_added_run.finish", object_id=run.pk).exists()


def test_fitting_a_run_that_has_ended_changes_nothing(world: World, schools: list[School]) -> None:
    run = _create(world, simulated_pair(schools))

    again = runs.value_added_run_fit(run_id=run.pk)

    assert again.status == Status.DRAFT
    assert again.schools.count() == run.schools.count()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Status.RUNNING, Status.PUBLISHED),
        (Status.RUNNING, Status.WITHDRAWN),
        (Status.DRAFT, Status.WITHDRAWN),
        (Status.FAILED, Status.PUBLISHED),
        (Status.DRAFT, Status.FAILED),
        (Status.PUBLISHED, Status.DRAFT),
        (Status.WITHDRAWN, Status.PUBLISHED),
    ],
)
def test_a_run_never_makes_a_move_the_workflow_does_not_allow(
    world: World, source: str, target: str
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=source)

    with pytest.raises(ValidationError):
        runs.check_transition(world.district_admin, run, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Status.RUNNING, Status.DRAFT),
        (Status.RUNNING, Status.FAILED),
        (Status.DRAFT, Status.PUBLISHED),
        (Status.PUBLISHED, Status.WITHDRAWN),
    ],
)
def test_the_workflow_allows_fitting_publishing_and_withdrawing(
    world: World, source: str, target: str
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=source)

    runs.check_transition(world.district_admin, run, target)


def test_a_running_run_cannot_be_published(world: World) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)

    with pytest.raises(ValidationError):
        runs.value_added_run_publish(actor=world.district_admin, run=run)

    run.refresh_from_db()
    assert run.status == Status.RUNNING


def test_a_large_run_is_fitted_in_a_background_thread_and_ends_as_a_draft(
    world: World, schools: list[School], large: None, transactional_db: None
) -> None:
    run = _create(world, simulated_pair(schools))

    assert run.fit_thread is not None
    run.fit_thread.join()

    run.refresh_from_db()
    assert run.status == Status.DRAFT
    assert run.schools.count() == 6
    assert not list(staging_dir().glob("*.progress"))


def test_the_inline_setting_fits_even_a_large_run_in_the_request(
    world: World, schools: list[School], large: None, settings: object
) -> None:
    settings.EVALUATION_RUNS_INLINE = True  # type: ignore[attr-defined]

    run = _create(world, simulated_pair(schools))

    assert run.fit_thread is None
    assert run.status == Status.DRAFT


def test_a_small_run_is_fitted_in_the_request(world: World, schools: list[School]) -> None:
    run = _create(world, simulated_pair(schools))

    assert run.fit_thread is None
    assert run.status == Status.DRAFT


def test_an_unexpected_error_in_the_fit_fails_the_run_with_its_reason_and_logs_it(
    world: World,
    schools: list[School],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(value_added, "run_engine", broken)

    with caplog.at_level(logging.ERROR, logger="yinling.evaluation.services.runs"):
        run = _create(world, simulated_pair(schools))

    assert (run.status, run.error_code) == (Status.FAILED, runs.RUN_UNEXPECTED)
    assert run.message == f"{runs.ERR_UNEXPECTED}：disk on fire"
    assert not run.schools.exists()
    assert "value-added run" in caplog.text


def test_a_failed_runs_message_is_stored_in_chinese_whatever_the_language(
    world: World, schools: list[School], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(value_added, "run_engine", broken)

    with translation.override("en"):
        run = _create(world, simulated_pair(schools))

    assert run.message.startswith("计算时出错")


def test_an_error_while_storing_leaves_no_school_rows(
    world: World, schools: list[School], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = runs.audit_record

    def fail_on_finish(**kwargs: object) -> None:
        if kwargs["action"] == "value_added_run.finish":
            raise RuntimeError("audit unavailable")
        record(**kwargs)

    monkeypatch.setattr(runs, "audit_record", fail_on_finish)

    run = _create(world, simulated_pair(schools))

    assert run.status == Status.FAILED
    assert not SchoolValueAdded.objects.filter(run=run).exists()
    assert run.icc is None and run.model_summaries == []


def test_a_running_run_heard_from_recently_is_not_stale(world: World) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)

    assert runs.value_added_run_progress(run)["stale"] is False


def test_a_running_run_silent_for_long_is_stale(world: World) -> None:
    run = ValueAddedRunFactory(district=world.district, status=Status.RUNNING)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ValueAddedRun.objects.filter(pk=run.pk).update(created_at=an_hour_ago)
    run.refresh_from_db()

    assert runs.value_added_run_progress(run)["stale"] is True


def test_a_running_run_cannot_be_reproduced_while_its_fit_goes_on(
    world: World, schools: list[School], large: None
) -> None:
    run = _create(world, simulated_pair(schools))

    with pytest.raises(ValidationError) as refused:
        runs.value_added_run_reproduce(actor=world.district_admin, run=run)

    assert refused.value.messages == [runs.ERR_STILL_RUNNING]


def test_reproducing_a_stale_run_gives_it_up_as_interrupted_and_fits_again(
    world: World, schools: list[School], large: None
) -> None:
    stale = _create(world, simulated_pair(schools))
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ValueAddedRun.objects.filter(pk=stale.pk).update(created_at=an_hour_ago)
    stale.refresh_from_db()

    again = runs.value_added_run_reproduce(actor=world.district_admin, run=stale)

    stale.refresh_from_db()
    assert (stale.status, stale.error_code) == (Status.FAILED, runs.RUN_INTERRUPTED)
    assert stale.message == runs.ERR_INTERRUPTED
    assert again.status == Status.RUNNING and again.settings["reproduces"] == stale.pk


def test_the_engine_adapter_reports_reading_then_fitting(
    world: World, schools: list[School]
) -> None:
    pair = simulated_pair(schools)
    entry, exit = pair.entry.current_version, pair.exit.current_version
    entry.row_count = exit.row_count = 6 * 40
    heard: list[tuple[str, float]] = []

    value_added.run_engine(
        entry, exit, value_added.Settings(model="ols"), progress=lambda *p: heard.append(p)
    )

    phases = [phase for phase, _ in heard]
    assert phases[0] == "reading" and phases[-1] == "fitting"
    fractions = [fraction for _, fraction in heard]
    assert fractions == sorted(fractions) and fractions[-1] == value_added.READ_SHARE
