"""Value-added runs: fit a model to an entry -> exit pair of assessments, store the estimates
with everything needed to reproduce them, and publish them to the schools.

A run is stored at once, `running`, with its settings and both data versions; the fit then
fills in the results and makes it a draft (or failed) in one transaction. Small data is fitted
within the request; a district-wide fit (half a minute at city scale) runs in a background
thread while the run's page polls its progress, as score imports do.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.permissions import can
from yinling.evaluation import value_added
from yinling.evaluation.background import job_progress, start_after_commit, write_progress
from yinling.evaluation.models import (
    Assessment,
    AssessmentResult,
    DataVersion,
    SchoolValueAdded,
    ValueAddedModel,
    ValueAddedRun,
)
from yinling.evaluation.services.imports import staging_dir

log = logging.getLogger(__name__)

ERR_SAME_ASSESSMENT = gettext_noop("入口测试与出口测试不能是同一次测试")
ERR_OTHER_DISTRICT = gettext_noop("入口测试与出口测试必须属于同一个区")
ERR_ORDER = gettext_noop("入口测试（%(entry)s）应早于出口测试（%(exit)s）")
ERR_NO_DATA = gettext_noop("“%(name)s”还没有导入成绩")
ERR_MIN_N = gettext_noop("提示人数下限（%(min_n)d）不能小于报告人数下限（%(suppress)d）")
ERR_SUPPRESS = gettext_noop("报告人数下限至少为 1")
ERR_COVARIATE = gettext_noop("未知的学生背景变量：%(name)s")
ERR_COVARIATE_EMPTY = gettext_noop(
    "出口测试“%(exit)s”的成绩中没有“%(name)s”这一项，不能作为学生背景变量；请取消勾选，或重新导入含该列的成绩"
)
# The names the refusal above gives each background variable (the run form's labels).
COVARIATE_NAMES = {
    "gender": gettext_noop("性别"),
    "ses": gettext_noop("家庭社会经济地位指数"),
    "special_needs": gettext_noop("特殊教育需要"),
}
# A result row that has a value for each background variable.
_COVARIATE_FILLED = {
    "gender": ~Q(gender=""),
    "ses": Q(ses__isnull=False),
    "special_needs": Q(special_needs__isnull=False),
}
ERR_MODEL = gettext_noop("未知的模型：%(name)s")
ERR_CUTOFFS = gettext_noop("等级划分的两个 z 值须满足 0 < 低 < 高")
ERR_WRONG_STATE = gettext_noop("该增值评估当前为“%(status)s”，不能执行此操作")
ERR_STILL_RUNNING = gettext_noop("该增值评估仍在计算中，请等计算结束后再操作")
# A run that fails outside the engine stores a code of the product's own beside the engine's
# (VA...), and its message in Chinese as the engine's are stored; pages word it by the code
# (engine_text.ERROR_REASONS), keeping the stored detail beside it.
RUN_UNEXPECTED = "RUN01"
RUN_INTERRUPTED = "RUN02"
ERR_UNEXPECTED = gettext_noop("计算时出错，没有保存任何估计值")
ERR_INTERRUPTED = gettext_noop("计算长时间没有进展，已视为中断，没有保存任何估计值")

INLINE_MAX_ROWS = 200_000  # both versions' rows together; smaller runs are fitted in the request

Status = ValueAddedRun.Status
SYSTEM = None
# The one place that says how a run's status may change, and who changes it: for each target,
# the statuses it may come from and the permission the actor needs. SYSTEM moves are made by
# the fit itself, or by the service that gives up a run whose fit has died.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Status.DRAFT: (frozenset({Status.RUNNING}), SYSTEM),
    Status.FAILED: (frozenset({Status.RUNNING}), SYSTEM),
    Status.PUBLISHED: (frozenset({Status.DRAFT}), "evaluation.manage"),
    Status.WITHDRAWN: (frozenset({Status.PUBLISHED}), "evaluation.manage"),
}


def check_transition(actor: Any, run: ValueAddedRun, target: str) -> None:
    """Raise unless `actor` may move `run` to `target` now: PermissionDenied for the person,
    ValidationError for the run's state."""
    sources, permission = TRANSITIONS[target]
    if permission is not SYSTEM and not can(actor, permission, run):
        raise PermissionDenied
    if run.status not in sources:
        raise ValidationError(_(ERR_WRONG_STATE) % {"status": run.get_status_display()})


def _validate(
    entry: Assessment,
    exit: Assessment,
    model: str,
    covariates: Sequence[str],
    min_n: int,
    suppress_below: int,
    band_cutoffs: Sequence[float],
) -> None:
    if entry.pk == exit.pk:
        raise ValidationError({"exit": _(ERR_SAME_ASSESSMENT)})
    if entry.district_id != exit.district_id:
        raise ValidationError({"exit": _(ERR_OTHER_DISTRICT)})
    if entry.held_on >= exit.held_on:
        raise ValidationError({"exit": _(ERR_ORDER) % {"entry": entry, "exit": exit}})
    if model not in ValueAddedModel.values:
        raise ValidationError({"model": _(ERR_MODEL) % {"name": model}})
    for name in covariates:
        if name not in value_added.COVARIATES:
            raise ValidationError({"covariates": _(ERR_COVARIATE) % {"name": name}})
    if suppress_below < 1:
        raise ValidationError({"suppress_below": _(ERR_SUPPRESS)})
    if min_n < suppress_below:
        raise ValidationError(
            {"min_n": _(ERR_MIN_N) % {"min_n": min_n, "suppress": suppress_below}}
        )
    low, high = (float(c) for c in band_cutoffs)
    if not 0 < low < high:
        raise ValidationError({"band_cutoffs": _(ERR_CUTOFFS)})


def _current(assessment: Assessment, field: str) -> DataVersion:
    version = assessment.current_version
    if version is None:
        raise ValidationError({field: _(ERR_NO_DATA) % {"name": assessment.name}})
    return version


def value_added_run_create(
    *,
    actor: Any,
    entry: Assessment,
    exit: Assessment,
    model: str,
    covariates: Sequence[str] = (),
    min_n: int = 30,
    suppress_below: int = 10,
    band_cutoffs: Sequence[float] = value_added.DEFAULT_BAND_CUTOFFS,
) -> ValueAddedRun:
    """Start a run on the current data of both assessments and fit it (see `_launch`): the
    outcome is estimates, or (when the data cannot support them or the model does not
    converge) the reason only."""
    _validate(entry, exit, model, covariates, min_n, suppress_below, band_cutoffs)
    settings = value_added.Settings(
        model=model,
        covariates=tuple(covariates),
        min_n=int(min_n),
        suppress_below=int(suppress_below),
        band_cutoffs=(float(band_cutoffs[0]), float(band_cutoffs[1])),
    )
    exit_version = _current(exit, "exit")
    _check_covariates_present(exit, exit_version, covariates)
    run = _run_start(actor, entry, exit, _current(entry, "entry"), exit_version, settings)
    return _launch(run)


def _check_covariates_present(
    exit: Assessment, version: DataVersion, covariates: Sequence[str]
) -> None:
    """Background variables come from the exit data. One that no student has there would drop
    every student from the fit, and the run would fail with a misleading reason (no school
    left to compare); refuse it up front, by name."""
    results = AssessmentResult.objects.filter(version=version)
    for name in covariates:
        if not results.filter(_COVARIATE_FILLED[name]).exists():
            raise ValidationError(
                {
                    "covariates": _(ERR_COVARIATE_EMPTY)
                    % {"exit": exit, "name": _(COVARIATE_NAMES[name])}
                }
            )


def value_added_run_reproduce(*, actor: Any, run: ValueAddedRun) -> ValueAddedRun:
    """Fit again on exactly the stored data versions and settings (even superseded ones).

    A run still being fitted cannot be reproduced, unless its fit has gone silent (its process
    died): then it is marked failed as interrupted, and the new run takes its place."""
    if run.is_running:
        if not value_added_run_progress(run)["stale"]:
            raise ValidationError(_(ERR_STILL_RUNNING))
        _run_fail(run.pk, RUN_INTERRUPTED, ERR_INTERRUPTED, actor=actor)
    settings = value_added.Settings.from_json(run.settings)
    again = _run_start(
        actor, run.entry, run.exit, run.entry_version, run.exit_version, settings, reproduces=run
    )
    return _launch(again)


def _launch(run: ValueAddedRun) -> ValueAddedRun:
    """Fit a run just started. Small data is fitted at once and the run comes back finished;
    otherwise it comes back running, and `run.fit_thread` is the thread fitting it (started
    when the caller's transaction commits) for a caller that must wait for it, such as a test."""
    thread = value_added_run_launch(run)
    if thread is None:
        run.refresh_from_db()
    run.fit_thread = thread  # type: ignore[attr-defined]
    return run


def value_added_run_launch(run: ValueAddedRun) -> threading.Thread | None:
    """Fit a running run: at once when its data is small or `EVALUATION_RUNS_INLINE` is set
    (None), else in a background thread started on commit (returned)."""
    inline = getattr(django_settings, "EVALUATION_RUNS_INLINE", False)
    if inline or run_row_count(run) <= INLINE_MAX_ROWS:
        value_added_run_fit(run_id=run.pk)
        return None
    return start_after_commit(
        partial(value_added_run_fit, run_id=run.pk), name=f"value-added-run-{run.pk}"
    )


def run_row_count(run: ValueAddedRun) -> int:
    """The scores a run reads: both versions' rows as their import recorded them (counted for
    a version written some other way, which recorded none)."""
    return sum(
        version.row_count or AssessmentResult.objects.filter(version=version).count()
        for version in (run.entry_version, run.exit_version)
    )


@transaction.atomic
def _run_start(
    actor: Any,
    entry: Assessment,
    exit: Assessment,
    entry_version: DataVersion,
    exit_version: DataVersion,
    settings: value_added.Settings,
    reproduces: ValueAddedRun | None = None,
) -> ValueAddedRun:
    """The run's row, at once: what will be fitted, on which data, by whom."""
    subjects = value_added.common_subjects(entry_version, exit_version)
    stored_settings = {
        **settings.to_json(),
        "subjects": subjects,
        "entry_digest": entry_version.digest,
        "exit_digest": exit_version.digest,
    }
    if reproduces is not None:
        stored_settings["reproduces"] = reproduces.pk
    run = ValueAddedRun.objects.create(
        district_id=exit.district_id,
        entry=entry,
        exit=exit,
        entry_version=entry_version,
        exit_version=exit_version,
        model=settings.model,
        covariates=list(settings.covariates),
        min_n=settings.min_n,
        suppress_below=settings.suppress_below,
        settings=stored_settings,
        engine_version=value_added.engine_version(),
        status=Status.RUNNING,
        subjects=subjects,
        progress_name=uuid.uuid4().hex,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="value_added_run.create",
        obj=run,
        after={
            "status": run.status,
            "model": run.model,
            "entry_version": entry_version.pk,
            "exit_version": exit_version.pk,
            "reproduces": reproduces.pk if reproduces is not None else None,
        },
    )
    return run


def value_added_run_fit(*, run_id: int) -> ValueAddedRun:
    """Fit a running run and store the outcome. Whatever happens the run ends draft or failed:
    an unexpected error is logged and recorded on the run, and no estimate is kept."""
    run = ValueAddedRun.objects.select_related("entry_version", "exit_version").get(pk=run_id)
    if not run.is_running:  # launched twice, or given up as interrupted: nothing to do
        return run

    def report(phase: str, fraction: float) -> None:
        write_progress(_progress_path(run), phase, fraction)

    try:
        outcome = value_added.run_engine(
            run.entry_version,
            run.exit_version,
            value_added.Settings.from_json(run.settings),
            progress=report,
        )
        report("storing", 0.95)
        return _run_finish(run.pk, outcome)
    except Exception as error:
        log.exception("value-added run %s failed", run_id)
        detail = str(error) or type(error).__name__
        return _run_fail(
            run.pk, RUN_UNEXPECTED, f"{ERR_UNEXPECTED}：{detail}", actor=run.created_by
        )
    finally:
        _progress_path(run).unlink(missing_ok=True)


RESULT_FIELDS = (
    "error_code",
    "message",
    "subjects",
    "fixed_effects",
    "variance_components",
    "icc",
    "r2",
    "converged",
    "n_students",
    "n_schools",
    "model_summaries",
)


@transaction.atomic
def _run_finish(run_id: int, outcome: value_added.Outcome) -> ValueAddedRun:
    """The fit's results, its school rows and the run's new status: all of them or none."""
    # Lock the run row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join that select_related("created_by") adds.
    run = (
        ValueAddedRun.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=run_id)
    )
    target = Status.DRAFT if outcome.ok else Status.FAILED
    check_transition(SYSTEM, run, target)
    main = outcome.main
    run.status = target
    run.error_code = outcome.error_code
    run.message = outcome.message or str(main.get("message", ""))
    run.subjects = outcome.subjects
    run.fixed_effects = main.get("fixed_effects", [])
    run.variance_components = main.get("variance_components", {})
    run.icc = main.get("icc")
    run.r2 = main.get("r2")
    run.converged = main.get("converged") if outcome.ok else None
    run.n_students = main.get("n_students", 0)
    run.n_schools = main.get("n_schools", 0)
    run.model_summaries = outcome.models
    run.finished_at = timezone.now()
    run.save(update_fields=[*RESULT_FIELDS, "status", "finished_at"])
    SchoolValueAdded.objects.bulk_create(
        SchoolValueAdded(run=run, school_id=row.pop("school"), **row) for row in outcome.schools
    )
    audit_record(
        actor=run.created_by,
        action="value_added_run.finish",
        obj=run,
        before={"status": Status.RUNNING},
        after={"status": run.status, "error_code": run.error_code, "schools": len(outcome.schools)},
    )
    return run


@transaction.atomic
def _run_fail(run_id: int, error_code: str, message: str, *, actor: Any) -> ValueAddedRun:
    """A running run that cannot finish: failed, with its code, the stored (untranslated)
    message and no estimates. A run that has ended meanwhile is left as it is."""
    run = ValueAddedRun.objects.select_for_update().get(pk=run_id)
    if not run.is_running:
        log.warning("value-added run %s had already ended as %s", run_id, run.status)
        return run
    check_transition(SYSTEM, run, Status.FAILED)
    run.status = Status.FAILED
    run.error_code = error_code
    run.message = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error_code", "message", "finished_at"])
    audit_record(
        actor=actor,
        action="value_added_run.fail",
        obj=run,
        before={"status": Status.RUNNING},
        after={"status": run.status, "error_code": error_code, "message": message},
    )
    return run


def _progress_path(run: ValueAddedRun) -> Path:
    # Named after the run's random progress name, not its number: databases sharing one
    # staging directory (a demo and a test run, parallel test workers) repeat run numbers.
    return staging_dir() / f"run-{run.progress_name or run.pk}.progress"


def value_added_run_progress(run: ValueAddedRun) -> dict[str, Any]:
    """{"phase": ..., "fraction": 0..1, "stale": bool} for the run's progress card. A running
    run is stale when nothing has been heard from its fit for `background.STALE_SECONDS`."""
    if not run.is_running:
        return {"phase": "done", "fraction": 1.0, "stale": False}
    return job_progress(_progress_path(run), silent_since=run.created_at, active=True)


def _transition(actor: Any, run: ValueAddedRun, target: str, action: str) -> None:
    check_transition(actor, run, target)
    source = run.status
    run.status = target
    fields = ["status"]
    if target == Status.PUBLISHED:
        run.published_at = timezone.now()
        fields.append("published_at")
    run.save(update_fields=fields)
    audit_record(
        actor=actor, action=action, obj=run, before={"status": source}, after={"status": target}
    )


@transaction.atomic
def value_added_run_publish(*, actor: Any, run: ValueAddedRun) -> ValueAddedRun:
    """Show a run's estimates to the schools, each on its own profile."""
    _transition(actor, run, Status.PUBLISHED, "value_added_run.publish")
    return run


@transaction.atomic
def value_added_run_withdraw(*, actor: Any, run: ValueAddedRun) -> ValueAddedRun:
    """Take a published run back from the schools' profiles (it stays for the office)."""
    _transition(actor, run, Status.WITHDRAWN, "value_added_run.withdraw")
    return run
