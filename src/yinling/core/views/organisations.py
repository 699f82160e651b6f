from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yinling.core import selectors, services
from yinling.core.forms import DepartmentForm, SchoolForm, SchoolImportForm
from yinling.core.models import Department, School
from yinling.core.permissions import can, get_object_for_user, permission_required, require
from yinling.core.services.school_import import school_import, school_import_template
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import UploadRejected, check_upload
from yinling.core.views._forms import add_service_errors
from yinling.core.views.responses import xlsx_response


@permission_required("core.org_view")
def school_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    schools = selectors.school_list(request.user, q=q)
    page = Paginator(schools, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/school_list.html",
        {
            "page": page,
            "q": q,
            "can_manage": can(request.user, "core.org_manage"),
            "editable": {s.pk for s in page.object_list if can(request.user, "core.org_manage", s)},
        },
    )


@permission_required("core.org_manage")
def school_create(request: HttpRequest) -> HttpResponse:
    districts = selectors.managed_districts(request.user)
    form = SchoolForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, "core.org_manage", data["district"])
        try:
            school = services.school_create(
                actor=request.user, **{k: v for k, v in data.items() if k != "is_active"}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新增学校：%(name)s") % {"name": school.name})
            return redirect("school_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("新增学校"), "back": "school_list"},
    )


@permission_required("core.org_manage")
def school_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_object_for_user(request.user, School.objects.all(), pk, "core.org_manage")
    districts = selectors.managed_districts(request.user)
    form = SchoolForm(request.POST or None, instance=copy(school), districts=districts)
    if request.method == "POST" and form.is_valid():
        require(request.user, "core.org_manage", form.cleaned_data["district"])
        try:
            services.school_update(actor=request.user, school=school, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("school_list")
    return render(
        request, "core/form_page.html", {"form": form, "title": school.name, "back": "school_list"}
    )


@permission_required("core.org_manage")
def school_import_view(request: HttpRequest) -> HttpResponse:
    form = SchoolImportForm(request.POST or None, request.FILES or None)
    errors: list[object] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, extensions={".xlsx"})
            allowed = set(selectors.managed_districts(request.user).values_list("pk", flat=True))
            result = school_import(
                actor=request.user,
                stream=upload,
                allowed_district_ids=allowed,
                update_existing=form.cleaned_data["update_existing"],
            )
        except (ImportRejected, UploadRejected) as rejected:
            errors = list(getattr(rejected, "errors", [str(rejected)]))
        else:
            messages.success(
                request,
                _("导入完成：新增 %(c)d 所，更新 %(u)d 所")
                % {"c": len(result.created), "u": len(result.updated)},
            )
            return redirect("school_list")
    status = 400 if errors else 200
    return render(
        request, "core/school_import.html", {"form": form, "errors": errors}, status=status
    )


@permission_required("core.org_manage")
def school_import_template_view(request: HttpRequest) -> HttpResponse:
    return xlsx_response(school_import_template(), "学校导入模板.xlsx")


@permission_required("core.org_view")
def department_list(request: HttpRequest) -> HttpResponse:
    departments = list(selectors.department_list(request.user))
    return render(
        request,
        "core/department_list.html",
        {
            "departments": departments,
            "can_manage": can(request.user, "core.org_manage"),
            "editable": {d.pk for d in departments if can(request.user, "core.org_manage", d)},
        },
    )


@permission_required("core.org_manage")
def department_create(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(request.POST or None, districts=selectors.managed_districts(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, "core.org_manage", data["district"])
        try:
            services.department_create(
                actor=request.user,
                district=data["district"],
                name=data["name"],
                kind=data["kind"],
                short_name=data["short_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新增部门"))
            return redirect("department_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("新增责任部门"), "back": "department_list"},
    )


@permission_required("core.org_manage")
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_for_user(request.user, Department.objects.all(), pk, "core.org_manage")
    form = DepartmentForm(
        request.POST or None,
        instance=copy(department),
        districts=selectors.managed_districts(request.user),
    )
    if request.method == "POST" and form.is_valid():
        require(request.user, "core.org_manage", form.cleaned_data["district"])
        try:
            services.department_update(
                actor=request.user, department=department, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("department_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": department.name, "back": "department_list"},
    )
