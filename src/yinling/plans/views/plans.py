"""Plans: the list, starting a plan (upload, by hand, XLSX), the plan page, exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.models import Department
from yinling.core.permissions import can, permission_required, require
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import UploadRejected, check_upload
from yinling.core.views._forms import add_service_errors
from yinling.core.views.responses import docx_response, xlsx_response
from yinling.plans import selectors, services
from yinling.plans.exports import breakdown_xlsx, progress_docx, values_csv
from yinling.plans.forms import PlanDetailsForm, PlanFilterForm, PlanImportForm, PlanUploadForm
from yinling.plans.parsing import DocumentRejected
from yinling.plans.status import Status, rule_text
from yinling.plans.views._common import error_messages, get_plan


@permission_required("plans.view")
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    reporter = selectors.reporter_department_ids(user)
    rows = []
    for plan in selectors.visible_plans(user):
        scope = None if can(user, "plans.plan_export", plan) else reporter
        view = selectors.plan_view(plan, department_ids=scope)
        rows.append({"plan": plan, "tasks": len(view.tasks), "counts": view.counts})
    return render(
        request,
        "plans/plan_list.html",
        {
            "rows": rows,
            "statuses": Status,
            "can_manage": can(user, "plans.manage"),
        },
    )


@permission_required("plans.manage")
def plan_create(request: HttpRequest) -> HttpResponse:
    districts = selectors.plan_districts(request.user)
    form = PlanDetailsForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        district = data.pop("district")
        require(request.user, "plans.manage", district)
        try:
            plan = services.plan_create(actor=request.user, district=district, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新建规划草稿，请逐条录入任务"))
            return redirect("plans:plan_edit", plan.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": _("手工录入规划"), "back": "plans:plan_list"},
    )


@permission_required("plans.manage")
def plan_upload(request: HttpRequest) -> HttpResponse:
    """Upload a policy document; the engine's breakdown becomes a draft to correct."""
    districts = selectors.plan_districts(request.user)
    form = PlanUploadForm(request.POST or None, request.FILES or None, districts=districts)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        district = form.cleaned_data["district"]
        require(request.user, "plans.manage", district)
        try:
            plan = services.plan_create_from_document(
                actor=request.user, district=district, upload=form.cleaned_data["file"]
            )
        except (UploadRejected, DocumentRejected) as rejected:
            errors = list(rejected.errors)
        except ValidationError as error:
            errors = error_messages(error)
        else:
            tasks = plan.items.filter(is_task=True).count()
            messages.success(
                request,
                _("已识别 %(items)d 个条目、%(tasks)d 项任务，请核对后发布")
                % {"items": plan.items.count(), "tasks": tasks},
            )
            return redirect("plans:plan_edit", plan.pk)
    status = 400 if errors else 200
    return render(
        request, "plans/plan_upload.html", {"form": form, "errors": errors}, status=status
    )


@permission_required("plans.manage")
def plan_import(request: HttpRequest) -> HttpResponse:
    """Import the XLSX task breakdown (任务分解表) as a draft: all rows or none."""
    districts = selectors.plan_districts(request.user)
    form = PlanImportForm(request.POST or None, request.FILES or None, districts=districts)
    errors: list[object] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        district, upload = data.pop("district"), data.pop("file")
        require(request.user, "plans.manage", district)
        try:
            check_upload(upload, extensions={".xlsx"})
            plan = services.plan_import_xlsx(
                actor=request.user, district=district, stream=upload, **data
            )
        except (ImportRejected, UploadRejected) as rejected:
            errors = list(rejected.errors)
        except ValidationError as error:
            errors = list(error_messages(error))
        else:
            messages.success(
                request,
                _("已导入 %(n)d 项任务，请核对后发布")
                % {"n": plan.items.filter(is_task=True).count()},
            )
            return redirect("plans:plan_edit", plan.pk)
    status = 400 if errors else 200
    return render(
        request, "plans/plan_import.html", {"form": form, "errors": errors}, status=status
    )


@permission_required("plans.manage")
def plan_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(services.breakdown_template(), "任务分解表模板.xlsx")


@permission_required("plans.view")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as a tree with status colours, filtered by department, status and due year."""
    plan = get_plan(request, pk, "plans.plan_view")
    user = request.user
    full = can(user, "plans.plan_export", plan)
    scope = None if full else selectors.reporter_department_ids(user)
    departments = Department.objects.filter(plan_items__plan=plan).distinct().order_by("name")
    if scope is not None:
        departments = departments.filter(pk__in=scope)
    filters = PlanFilterForm(
        request.GET or None, departments=list(departments), years=selectors.plan_years(plan)
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    view = selectors.plan_view(
        plan,
        department_ids=scope,
        department=chosen.get("department"),
        status=chosen.get("status") or "",
        year=chosen.get("year"),
    )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "view": view,
            "filters": filters,
            "rule": rule_text(),
            "statuses": Status,
            "can_edit": plan.is_draft and can(user, "plans.plan_edit", plan),
            "can_export": full,
            "school_years": plan.school_years,
        },
    )


@require_POST
@permission_required("plans.view")
def plan_discard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, "plans.plan_edit")
    try:
        services.plan_discard(actor=request.user, plan=plan)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return redirect("plans:plan_detail", plan.pk)
    messages.success(request, _("已删除草稿"))
    return redirect("plans:plan_list")


# --- exports -----------------------------------------------------------------------------------


def _stamp() -> str:
    return timezone.localdate().strftime("%Y%m%d")


@permission_required("plans.view")
def plan_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, "plans.plan_export")
    return xlsx_response(breakdown_xlsx(plan), f"{plan.title[:40]}_任务分解表.xlsx")


@permission_required("plans.view")
def plan_export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, "plans.plan_export")
    return docx_response(progress_docx(plan), f"{plan.title[:40]}_推进情况报告_{_stamp()}.docx")


@permission_required("plans.view")
def plan_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, "plans.plan_export")
    return values_csv(plan, f"{plan.title[:40]}_全部数值_{_stamp()}.csv")
