"""Assessment pages: the list, creating and editing one, and its versions and imports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yinling.core.permissions import can, get_object_for_user, permission_required, require
from yinling.core.views._forms import add_service_errors
from yinling.evaluation import selectors, services
from yinling.evaluation.forms import AssessmentForm
from yinling.evaluation.models import Assessment


@permission_required("evaluation.view")
def assessment_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/assessment_list.html",
        {
            "assessments": selectors.assessment_list(request.user),
            "can_manage": can(request.user, "evaluation.manage"),
        },
    )


@permission_required("evaluation.manage")
def assessment_create(request: HttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None, districts=selectors.office_districts(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, "evaluation.manage", data["district"])
        try:
            assessment = services.assessment_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新增测试：%(name)s") % {"name": assessment.name})
            return redirect("evaluation:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "evaluation/form_page.html",
        {"form": form, "title": _("新增测试"), "back": "evaluation:assessment_list"},
    )


@permission_required("evaluation.view")
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_for_user(
        request.user, Assessment.objects.select_related("district"), pk, "evaluation.view"
    )
    return render(
        request,
        "evaluation/assessment_detail.html",
        {
            "assessment": assessment,
            "versions": selectors.assessment_versions(assessment),
            "jobs": selectors.import_jobs(assessment),
            "can_manage": can(request.user, "evaluation.manage", assessment),
        },
    )


@permission_required("evaluation.manage")
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_for_user(
        request.user, Assessment.objects.all(), pk, "evaluation.manage"
    )
    initial = {
        "name": assessment.name,
        "kind": assessment.kind,
        "grade": assessment.grade,
        "subjects": "、".join(assessment.subjects),
        "school_year": assessment.school_year,
        "held_on": assessment.held_on,
        "score_min": assessment.score_min,
        "score_max": assessment.score_max,
    }
    form = AssessmentForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("evaluation:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "evaluation/form_page.html",
        {"form": form, "title": assessment.name, "back_url": assessment.get_absolute_url()},
    )
