from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.evaluation.scores import simulated_pair
from tests.factories import SchoolFactory
from tests.personas import World
from yinling.core.models import School
from yinling.evaluation.models import SchoolValueAdded, ValueAddedRun
from yinling.evaluation.services.runs import (
    ERR_COVARIATE_EMPTY,
    ERR_ORDER,
    value_added_run_create,
    value_added_run_publish,
    value_added_run_reproduce,
    value_added_run_withdraw,
)
from yinling.evaluation.value_added import engine_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(world: World) -> list[School]:
    extra = [SchoolFactory(district=world.district) for _ in range(6)]
    return [world.school_a, world.school_b, *extra]


def _run(world: World, pair: object, **options: object) -> ValueAddedRun:
    values = {"model": "ri", "min_n": 30, **options}
    return value_added_run_create(
        actor=world.district_admin, entry=pair.entry, exit=pair.exit, **values
    )


def test_a_run_stores_every_schools_estimate_with_its_interval_and_band(
    world: World, schools: list[School]
) -> None:
    run = _run(world, simulated_pair(schools), covariates=["gender", "ses"])
    assert run.status == ValueAddedRun.Status.DRAFT
    rows = list(run.schools.all())
    assert {r.school_id for r in rows} == {s.pk for s in schools}
    for row in rows:
        assert row.ci_low < row.estimate < row.ci_high
        assert row.band in {"sig_above", "above", "average", "below", "sig_below"}
        assert 0 < row.reliability < 1 and row.n == 40 and row.coverage == 1.0
    assert run.converged and 0 <= run.icc < 1 and 0 < run.r2 < 1
    names = [effect["name"] for effect in run.fixed_effects]
    assert names == ["(Intercept)", "prior", "gender[M]", "ses"]
    assert set(run.variance_components) == {"school", "residual"}


def test_estimates_carry_no_rank(world: World, schools: list[School]) -> None:
    field_names = {f.name for f in SchoolValueAdded._meta.get_fields()}
    assert not {name for name in field_names if "rank" in name or "position" in name}


def test_a_run_records_its_settings_data_fingerprints_and_engine(
    world: World, schools: list[School]
) -> None:
    pair = simulated_pair(schools)
    run = _run(world, pair, model="cva", covariates=["ses"], min_n=35, suppress_below=12)
    assert run.settings["model"] == "cva"
    assert run.settings["covariates"] == ["ses"]
    assert (run.settings["min_n"], run.settings["suppress_below"]) == (35, 12)
    assert run.settings["entry_digest"] == pair.entry.current_version.digest
    assert run.settings["exit_digest"] == pair.exit.current_version.digest
    assert run.engine_version == engine_version()
    assert all(row.status == "ok" for row in run.schools.all())


def test_reproducing_a_run_gives_the_same_numbers(world: World, schools: list[School]) -> None:
    run = _run(world, simulated_pair(schools), covariates=["gender"])
    again = value_added_run_reproduce(actor=world.district_admin, run=run)
    first = list(run.schools.values_list("school_id", "estimate", "se", "band"))
    assert list(again.schools.values_list("school_id", "estimate", "se", "band")) == first
    assert again.settings["reproduces"] == run.pk
    assert (again.entry_version, again.exit_version) == (run.entry_version, run.exit_version)


def test_several_subjects_give_each_subject_and_their_combination(
    world: World, schools: list[School]
) -> None:
    run = _run(world, simulated_pair(schools, subjects=("语文", "数学")))
    assert set(run.schools.values_list("subject", flat=True)) == {"语文", "数学", "combined"}
    assert len(run.model_summaries) == 3


def test_estimates_recover_the_true_school_effects(world: World, schools: list[School]) -> None:
    pair = simulated_pair(schools, per_school=200, school_sd=6, noise=4, seed=3)
    run = _run(world, pair, covariates=["ses"])
    truth = [pair.effects[r.school_id] for r in run.schools.order_by("school_id")]
    estimates = [r.estimate for r in run.schools.order_by("school_id")]
    centred = [t - sum(truth) / len(truth) for t in truth]
    assert max(abs(e - t) for e, t in zip(estimates, centred, strict=True)) < 1.5


def test_most_students_without_an_entry_score_gives_a_message_and_no_estimates(
    world: World, schools: list[School]
) -> None:
    run = _run(world, simulated_pair(schools, with_prior=0.2))
    assert run.status == ValueAddedRun.Status.FAILED
    assert run.error_code == "VA010"
    assert "大多数学生缺少入口成绩" in run.message
    assert not run.schools.exists()


def test_a_single_school_cannot_be_compared(world: World) -> None:
    run = _run(world, simulated_pair([world.school_a]))
    assert run.status == ValueAddedRun.Status.FAILED
    assert "至少需要两所学校" in run.message
    assert not run.schools.exists()


def test_constant_scores_give_a_message_and_no_estimates(
    world: World, schools: list[School]
) -> None:
    run = _run(world, simulated_pair(schools, constant=True))
    assert run.status == ValueAddedRun.Status.FAILED
    assert "成绩没有差异" in run.message
    assert not run.schools.exists()


def test_a_model_that_does_not_converge_says_so_and_stores_no_estimates(
    world: World, schools: list[School]
) -> None:
    pair = simulated_pair(schools, school_sd=300, noise=0.001, per_school=30)
    run = _run(world, pair, min_n=10)
    assert run.status == ValueAddedRun.Status.FAILED
    assert run.error_code == "VA030"
    assert "模型未收敛" in run.message
    assert not run.schools.exists()


def test_a_background_variable_the_exit_data_lacks_is_refused_by_name(
    world: World, schools: list[School]
) -> None:
    pair = simulated_pair(schools)  # gender and ses filled in, special needs never
    with pytest.raises(ValidationError) as error:
        _run(world, pair, covariates=["ses", "special_needs"])
    assert error.value.message_dict["covariates"] == [
        ERR_COVARIATE_EMPTY % {"name": "特殊教育需要", "exit": pair.exit}
    ]
    assert not ValueAddedRun.objects.exists()


def test_the_entry_must_come_before_the_exit(world: World, schools: list[School]) -> None:
    pair = simulated_pair(schools)
    with pytest.raises(ValidationError) as error:
        value_added_run_create(
            actor=world.district_admin, entry=pair.exit, exit=pair.entry, model="ols"
        )
    assert error.value.message_dict["exit"] == [
        ERR_ORDER % {"entry": pair.exit, "exit": pair.entry}
    ]


def test_publishing_then_withdrawing_follows_the_workflow(
    world: World, schools: list[School]
) -> None:
    run = _run(world, simulated_pair(schools))
    value_added_run_publish(actor=world.programme_officer, run=run)
    assert run.status == ValueAddedRun.Status.PUBLISHED and run.published_at
    with pytest.raises(ValidationError):
        value_added_run_publish(actor=world.programme_officer, run=run)
    value_added_run_withdraw(actor=world.district_admin, run=run)
    assert run.status == ValueAddedRun.Status.WITHDRAWN


def test_a_leader_reads_runs_but_cannot_publish_them(world: World, schools: list[School]) -> None:
    run = _run(world, simulated_pair(schools))
    with pytest.raises(PermissionDenied):
        value_added_run_publish(actor=world.leader, run=run)
