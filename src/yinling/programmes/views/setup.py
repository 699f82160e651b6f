"""The office sets up a programme: details and rules, domains, guide, targets, rounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from yinling.core.models import School
from yinling.core.permissions import can, permission_required
from yinling.core.views._forms import add_service_errors
from yinling.programmes import application_selectors, dashboard_selectors, services
from yinling.programmes.forms import DomainForm, GuideItemForm, ProgrammeForm, RoundForm, TargetForm
from yinling.programmes.models import (
    TEXT_FIELDS,
    Domain,
    GuideItem,
    Programme,
    ProgrammeTarget,
)
from yinling.programmes.schoolyear import SchoolYear
from yinling.programmes.views._common import (
    create_page,
    fetch,
    get_programme,
    get_round,
    guard,
    messages_of,
)

ERR_CITY_LEVEL = gettext_noop("市级项目由市级管理员设立，区项目组只能设立区级项目")


@permission_required("programmes.view")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = application_selectors.programmes_for(request.user)
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "can_create": can(request.user, "programmes.manage")},
    )


@permission_required("programmes.manage")
def programme_create(request: HttpRequest) -> HttpResponse:
    districts = application_selectors.office_districts(request.user)
    form = ProgrammeForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        try:
            if data["level"] == Programme.Level.CITY and not request.user.is_superuser:
                raise ValidationError({"level": _(ERR_CITY_LEVEL)})
            programme = services.programme_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已创建项目：%(name)s") % {"name": programme.name})
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": _("新建项目"), "back": "programmes:programme_list"},
    )


@permission_required("programmes.view")
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "domains": programme.domains.prefetch_related("guide_items"),
            "targets": dashboard_selectors.target_progress(programme),
            "rounds": programme.rounds.all(),
            "today": today,
            "can_manage": can(request.user, "programmes.manage", programme),
            "domain_form": DomainForm(),
            "guide_form": GuideItemForm(),
            "check": dashboard_selectors.exhibition_check(programme, today),
            "eligibility": _eligibility(programme),
            "text_limits": [
                (label, programme.limit_for(name)) for name, label, _limit in TEXT_FIELDS
            ],
            "school_year": SchoolYear.of(today),
            "term": SchoolYear.of(today).term_of(today),
        },
    )


def _eligibility(programme: Programme) -> dict[str, Any]:
    """Who may apply, in words: 公办 · 小学、初级中学 (共 40 所)."""
    ownerships = dict(School.Ownership.choices)
    stages = dict(School.Stage.choices)
    return {
        "ownerships": [ownerships[o] for o in programme.eligible_ownerships if o in ownerships],
        "stages": [stages[s] for s in programme.eligible_stages if s in stages],
        "count": programme.eligible_schools().count(),
    }


@permission_required("programmes.manage")
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    form = ProgrammeForm(
        request.POST or None,
        instance=programme,
        districts=application_selectors.office_districts(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.user, programme=programme, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": programme.name, "cancel": programme.get_absolute_url()},
    )


def _add_from_detail_page(
    request: HttpRequest,
    form: forms.BaseForm,
    create: Callable[[dict[str, Any]], object],
    *,
    added: str,
    incomplete: str,
) -> None:
    """The small add forms on the programme page post here and go back: the outcome, or why
    there is none, is flashed rather than shown on the form."""
    if form.is_valid():
        try:
            create(form.cleaned_data)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, added)
    else:
        messages.error(request, incomplete)


@require_POST
@permission_required("programmes.manage")
def domain_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    _add_from_detail_page(
        request,
        DomainForm(request.POST),
        lambda data: services.domain_create(
            actor=request.user, programme=programme, name=data["name"], order=data["order"]
        ),
        added=_("已新增领域"),
        incomplete=_("请填写领域名称"),
    )
    return redirect("programmes:programme_detail", pk=programme.pk)


@permission_required("programmes.manage")
def domain_edit(request: HttpRequest, pk: int) -> HttpResponse:
    domain = fetch(Domain.objects.select_related("programme__district"), pk)
    guard(request, "programmes.manage", domain.programme)
    form = DomainForm(
        request.POST or None,
        initial={"name": domain.name, "order": domain.order, "is_active": domain.is_active},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.domain_update(
                actor=request.user,
                domain=domain,
                name=data["name"],
                order=data["order"] if data["order"] is not None else domain.order,
                is_active=data["is_active"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:programme_detail", pk=domain.programme_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": domain.name, "cancel": domain.programme.get_absolute_url()},
    )


@require_POST
@permission_required("programmes.manage")
def guide_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    domain = fetch(Domain.objects.select_related("programme__district"), pk)
    guard(request, "programmes.manage", domain.programme)
    _add_from_detail_page(
        request,
        GuideItemForm(request.POST),
        lambda data: services.guide_item_create(
            actor=request.user,
            domain=domain,
            title=data["title"],
            description=data["description"],
            order=data["order"],
        ),
        added=_("已新增指南项目"),
        incomplete=_("请填写指南项目名称"),
    )
    return redirect("programmes:programme_detail", pk=domain.programme_id)


@permission_required("programmes.manage")
def guide_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = fetch(GuideItem.objects.select_related("domain__programme__district"), pk)
    programme = item.domain.programme
    guard(request, "programmes.manage", programme)
    form = GuideItemForm(
        request.POST or None,
        initial={"title": item.title, "description": item.description, "order": item.order},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.guide_item_update(
                actor=request.user,
                item=item,
                title=data["title"],
                description=data["description"],
                order=data["order"] if data["order"] is not None else item.order,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": item.title, "cancel": programme.get_absolute_url()},
    )


@permission_required("programmes.manage")
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已新增目标"))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": _("新增目标"), "cancel": programme.get_absolute_url()},
    )


@permission_required("programmes.manage")
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = fetch(ProgrammeTarget.objects.select_related("programme__district"), pk)
    guard(request, "programmes.manage", target.programme)
    form = TargetForm(request.POST or None, instance=ProgrammeTarget.objects.get(pk=target.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:programme_detail", pk=target.programme_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": target.name, "cancel": target.programme.get_absolute_url()},
    )


@permission_required("programmes.manage")
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    return create_page(
        request,
        RoundForm(request.POST or None, programme=programme),
        lambda data: services.round_create(actor=request.user, programme=programme, **data),
        created=_("已创建申报批次"),
        detail="programmes:round_detail",
        title=_("新建申报批次"),
        cancel=programme.get_absolute_url(),
    )


@permission_required("programmes.manage")
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request, pk, "programmes.manage")
    form = RoundForm(request.POST or None, instance=round_, programme=round_.programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:round_detail", pk=round_.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": round_.name, "cancel": round_.get_absolute_url()},
    )
