"""The evaluation JSON API, mounted at /api/evaluation/. Every endpoint asks the permission gate;
value-added results are never public, and carry bands and intervals, never ranks.

A run has estimates only once its fit has ended well (draft, published, withdrawn). A running
run says how far its fit has got, a failed one why it failed; asked for its schools, either
answers 409 with the same account instead of an empty list that would read as "no schools".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from yinling.core.models import School
from yinling.core.permissions import can, get_object_for_user
from yinling.evaluation import engine_text, selectors
from yinling.evaluation.models import ValueAddedRun
from yinling.evaluation.services import runs

router = Router(tags=["evaluation"])


class ProgressOut(Schema):
    """How far a running run's fit has got, as its page shows it."""

    phase: str = Field(description="waiting, reading, fitting or storing")
    fraction: float = Field(description="0 to 1")
    stale: bool = Field(
        description="Nothing heard from the fit for ten minutes: its process has probably died"
    )


class RunOut(Schema):
    id: int
    district: str
    entry: str
    exit: str
    model: str
    status: str = Field(description="running, failed, draft, published or withdrawn")
    status_label: str = Field(description="The status in the request's language")
    progress: ProgressOut | None = Field(description="Only for a running run, else null")
    covariates: list[str]
    subjects: list[str]
    n_schools: int
    n_students: int
    icc: float | None
    r2: float | None
    error_code: str = Field(
        description="Why a failed run has no estimates: the engine's code (VA...) or the "
        "product's (RUN01 unexpected error, RUN02 interrupted); empty otherwise"
    )
    reason: str = Field(description="A failed run's reason in the request's language")
    message: str = Field(description="The stored technical message, as written (Chinese)")
    engine_version: str
    entry_digest: str
    exit_digest: str


class RunNotReadyOut(Schema):
    """Why a run has no school estimates to give: still running, or failed."""

    detail: str
    status: str
    status_label: str
    progress: ProgressOut | None
    error_code: str
    reason: str


class EstimateOut(Schema):
    school_id: int
    school_code: str
    school: str
    subject: str
    status: str
    n: int
    coverage: float | None
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    z: float | None
    band: str
    band_label: str
    reliability: float | None


class GreenOut(Schema):
    indicator: str
    test_year: int
    level: int
    raw_score: float | None
    se: float | None


class ProfileOut(Schema):
    school_id: int
    school: str
    value_added: list[EstimateOut]
    green: list[GreenOut]
    programme_status: dict[str, Any] | None


def _run_state(run: ValueAddedRun) -> dict[str, Any]:
    """The run's status, and its progress (running) or failure (failed)."""
    failed = run.status == ValueAddedRun.Status.FAILED
    failure = engine_text.failure(run.error_code, run.message) if failed else None
    return {
        "status": run.status,
        "status_label": str(run.get_status_display()),
        "progress": runs.value_added_run_progress(run) if run.is_running else None,
        "error_code": run.error_code,
        "reason": failure.reason if failure else "",
    }


def _run_out(run: ValueAddedRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "district": str(run.district),
        "entry": str(run.entry),
        "exit": str(run.exit),
        "model": run.model,
        **_run_state(run),
        "covariates": run.covariates,
        "subjects": run.subjects,
        "n_schools": run.n_schools,
        "n_students": run.n_students,
        "icc": run.icc,
        "r2": run.r2,
        "message": run.message,
        "engine_version": run.engine_version,
        "entry_digest": run.entry_version.digest,
        "exit_digest": run.exit_version.digest,
    }


def _estimate_out(row: Any) -> dict[str, Any]:
    return {
        "school_id": row.school_id,
        "school_code": row.school.code,
        "school": str(row.school),
        "subject": row.subject,
        "status": row.status,
        "n": row.n,
        "coverage": row.coverage,
        "estimate": row.estimate,
        "se": row.se,
        "ci_low": row.ci_low,
        "ci_high": row.ci_high,
        "z": row.z,
        "band": row.band,
        "band_label": str(row.get_band_display()) if row.band else "",
        "reliability": row.reliability,
    }


@router.get(
    "/runs", response=list[RunOut], summary="Value-added runs of the districts the user reads"
)
def evaluation_runs(request: HttpRequest) -> list[dict[str, Any]]:
    """Every run, whatever its status. A running run has no counts yet and carries its
    `progress`; a failed one has none either and carries its `error_code` and `reason`."""
    if not can(request.user, "evaluation.view"):
        raise PermissionDenied
    runs = selectors.run_list(request.user).select_related("entry_version", "exit_version")
    return [_run_out(run) for run in runs]


@router.get(
    "/runs/{run_id}/schools",
    response={200: list[EstimateOut], 409: RunNotReadyOut},
    summary="One run's school estimates with intervals and bands, in school-code order",
)
def evaluation_run_schools(request: HttpRequest, run_id: int, subject: str = "") -> Any:
    """The estimates of one subject (the first, the combination when there is one, by
    default). A run that is still running or has failed has no estimates: it answers
    **409 Conflict** with its `status`, and its `progress` (running: poll again later) or
    its `error_code` and `reason` (failed: fit a new run), rather than an empty list."""
    if not can(request.user, "evaluation.view"):
        raise PermissionDenied
    run = get_object_for_user(request.user, ValueAddedRun.objects.all(), run_id, "evaluation.view")
    if run.is_running:
        return Status(409, {"detail": _(runs.ERR_STILL_RUNNING), **_run_state(run)})
    if run.status == ValueAddedRun.Status.FAILED:
        return Status(409, {"detail": _("未能估计，没有保存任何估计值"), **_run_state(run)})
    subjects = selectors.run_subjects(run)
    chosen = subject or (subjects[0] if subjects else "")
    return [_estimate_out(row) for row in selectors.run_estimates(run, chosen)]


@router.get(
    "/schools/{school_id}/profile",
    response=ProfileOut,
    summary="A school's evaluation profile: published value added and green indicators",
)
def evaluation_school_profile(request: HttpRequest, school_id: int) -> dict[str, Any]:
    if not can(request.user, "evaluation.profile_view"):
        raise PermissionDenied
    school = get_object_for_user(
        request.user, School.objects.all(), school_id, "evaluation.profile_view"
    )
    rows = []
    for main in selectors.profile_value_added(school):
        rows.append(main)
        rows.extend(getattr(main, "subject_rows", []))
    green = selectors.green_records(school)
    return {
        "school_id": school.pk,
        "school": str(school),
        "value_added": [_estimate_out(row) for row in rows],
        "green": [
            {
                "indicator": r.indicator.name,
                "test_year": r.test_year,
                "level": r.level,
                "raw_score": r.raw_score,
                "se": r.se,
            }
            for r in green
        ],
        "programme_status": selectors.programme_status(school),
    }
