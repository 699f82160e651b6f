"""What the programme views share: fetching objects through the gate, logging refusals, and the
form page that creates an object through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yinling.core.permissions import can, district_of
from yinling.core.roles import principal_for
from yinling.core.views._forms import add_service_errors
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    Programme,
    ProgrammeSchool,
    ReviewAssignment,
)
from yinling.programmes.permissions import programme_of
from yinling.programmes.services import access_denied_record

M = TypeVar("M", bound=Model)


def fetch(queryset: QuerySet[M], pk: Any) -> M:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _in_district(user: Any, obj: Any) -> bool:
    if isinstance(obj, ProgrammeSchool):  # a school's record belongs to the school's district
        return obj.school.district_id in principal_for(user).district_ids()
    programme = programme_of(obj)
    district_id = programme.district_id if programme is not None else district_of(obj)
    if programme is not None and district_id is None:
        return bool(principal_for(user).memberships)  # a city programme: anyone with a role
    return district_id is not None and district_id in principal_for(user).district_ids()


def guard(request: HttpRequest, action: str, obj: Any, *, log: bool = False) -> None:
    """Allow, or refuse: 403 for people of the programme's district, 404 for everyone else
    (the object's existence does not leak outside the district). `log` records the refusal."""
    if can(request.user, action, obj):
        return
    if log and request.user.is_authenticated:
        access_denied_record(actor=request.user, obj=obj, action=action)
    if _in_district(request.user, obj):
        raise PermissionDenied
    raise Http404


def get_programme(request: HttpRequest, pk: Any, action: str = "programmes.view") -> Programme:
    programme = fetch(Programme.objects.select_related("district"), pk)
    guard(request, action, programme)
    return programme


def get_round(request: HttpRequest, pk: Any, action: str = "programmes.view") -> ApplicationRound:
    round_ = fetch(ApplicationRound.objects.select_related("programme__district", "rubric"), pk)
    guard(request, action, round_)
    return round_


def get_application(request: HttpRequest, pk: Any, action: str) -> Application:
    """An application, with every refused attempt logged (an expert opening one not assigned to
    them, a school opening another school's)."""
    application = fetch(
        Application.objects.select_related(
            "round__programme__district", "round__rubric", "school", "domain", "guide_item"
        ),
        pk,
    )
    guard(request, action, application, log=True)
    return application


def get_assignment(request: HttpRequest, pk: Any, action: str) -> ReviewAssignment:
    assignment = fetch(
        ReviewAssignment.objects.select_related(
            "application__round__programme__district",
            "application__round__rubric",
            "application__school",
            "application__domain",
            "expert",
        ),
        pk,
    )
    guard(request, action, assignment, log=True)
    return assignment


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def create_page(
    request: HttpRequest,
    form: forms.BaseForm,
    create: Callable[[dict[str, Any]], Model],
    *,
    created: str,
    detail: str,
    title: str,
    cancel: str,
) -> HttpResponse:
    """A page whose form creates an object through a service: on success flash `created` and go
    to the new object's `detail` page; otherwise show the form with the service's errors."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, created)
            return redirect(detail, pk=obj.pk)
    return render(request, "programmes/form.html", {"form": form, "title": title, "cancel": cancel})
