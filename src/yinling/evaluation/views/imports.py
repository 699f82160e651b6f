"""Score import pages: upload, map the columns (with a live preview), follow the progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.permissions import get_object_for_user, permission_required
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import UploadRejected
from yinling.core.views.responses import xlsx_response
from yinling.evaluation.forms import MappingForm, ScoreUploadForm
from yinling.evaluation.importing import preview_rows
from yinling.evaluation.models import Assessment, ImportJob
from yinling.evaluation.services import imports
from yinling.evaluation.services.imports import score_template


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_for_user(
        request.user,
        ImportJob.objects.select_related("assessment", "assessment__district", "version"),
        pk,
        "evaluation.manage",
    )


@permission_required("evaluation.manage")
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_for_user(
        request.user, Assessment.objects.all(), pk, "evaluation.manage"
    )
    form = ScoreUploadForm(request.POST or None, request.FILES or None)
    errors: list[object] = []
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_upload(
                actor=request.user, assessment=assessment, upload=form.cleaned_data["file"]
            )
        except (ImportRejected, UploadRejected) as rejected:
            errors = list(rejected.errors)
        else:
            return redirect("evaluation:import_mapping", pk=job.pk)
    return render(
        request,
        "evaluation/import_upload.html",
        {"assessment": assessment, "form": form, "errors": errors},
        status=400 if errors else 200,
    )


@permission_required("evaluation.manage")
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_for_user(
        request.user, Assessment.objects.all(), pk, "evaluation.manage"
    )
    return xlsx_response(score_template(assessment), f"{assessment.name}成绩导入模板.xlsx")


@permission_required("evaluation.manage")
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != ImportJob.Status.UPLOADED:
        return redirect("evaluation:import_status", pk=job.pk)
    subjects = list(job.assessment.subjects)
    initial = MappingForm.initial_for(imports.job_mapping(job), subjects)
    form = MappingForm(
        request.POST or None, initial=initial, headers=job.headers, subjects=subjects
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_map(actor=request.user, job=job, mapping=form.mapping())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            imports.import_job_launch(job)
            return redirect("evaluation:import_status", pk=job.pk)
    mapping = form.mapping() if form.is_bound and form.is_valid() else imports.job_mapping(job)
    return render(
        request,
        "evaluation/import_mapping.html",
        {"job": job, "form": form, **_preview_context(job, mapping)},
    )


@require_POST
@permission_required("evaluation.manage")
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTMX partial under the mapping form: the first rows as the import would store them."""
    job = _job(request, pk)
    form = MappingForm(request.POST, headers=job.headers, subjects=list(job.assessment.subjects))
    form.is_valid()
    return render(
        request,
        "evaluation/_import_preview.html",
        {"job": job, **_preview_context(job, form.mapping())},
    )


def _preview_context(job: ImportJob, mapping: object) -> dict[str, object]:
    problems = mapping.problems(job.headers, job.assessment.subjects)  # type: ignore[attr-defined]
    if problems or job.status != ImportJob.Status.UPLOADED:
        return {"problems": problems, "rows": []}
    if not imports.staged_file(job).path.exists():
        return {"problems": [_(imports.ERR_STAGED_GONE)], "rows": []}
    try:
        rows = preview_rows(
            imports.staged_file(job),
            mapping=mapping,  # type: ignore[arg-type]
            schools=imports.district_schools(job.assessment),
            school_aliases=imports.district_school_aliases(job.assessment),
            school_names=imports.district_school_names(job.assessment),
            subjects=list(job.assessment.subjects),
            score_range=(job.assessment.score_min, job.assessment.score_max),
        )
    except ImportRejected as rejected:
        return {"problems": [str(e) for e in rejected.errors], "rows": []}
    return {"problems": [], "rows": rows}


@permission_required("evaluation.manage")
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(
        request,
        "evaluation/import_status.html",
        {"job": job, "progress": imports.import_job_progress(job)},
    )


@permission_required("evaluation.manage")
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the status page while the job runs; a finished job reloads the page."""
    job = _job(request, pk)
    response = render(
        request,
        "evaluation/_import_progress.html",
        {"job": job, "progress": imports.import_job_progress(job)},
    )
    if not job.is_active and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@permission_required("evaluation.manage")
def import_confirm_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's explicit go-ahead for a file that matches the current data."""
    job = _job(request, pk)
    try:
        job = imports.import_job_confirm_duplicate(actor=request.user, job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        imports.import_job_launch(job)
    return redirect("evaluation:import_status", pk=job.pk)


@require_POST
@permission_required("evaluation.manage")
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        imports.import_job_cancel(actor=request.user, job=job)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已取消导入，上传的文件已删除"))
    return redirect("evaluation:assessment_detail", pk=job.assessment_id)
