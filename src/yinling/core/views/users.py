from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core import selectors, services
from yinling.core.forms import MembershipForm, UserForm
from yinling.core.models import RoleMembership, User
from yinling.core.permissions import can, get_object_for_user, permission_required, require
from yinling.core.roles import prime_principals
from yinling.core.views._forms import add_service_errors


@permission_required("core.user_manage")
def user_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.user_list(request.user, q=q), 50).get_page(request.GET.get("page"))
    prime_principals(page.object_list)
    editable = {u.pk for u in page.object_list if can(request.user, "core.user_manage", u)}
    return render(request, "core/user_list.html", {"page": page, "q": q, "editable": editable})


@permission_required("core.user_manage")
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("is_active", None)
        try:
            user = services.user_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已创建账号，请为其分配角色"))
            return redirect("user_edit", pk=user.pk)
    return render(
        request, "core/form_page.html", {"form": form, "title": _("新增用户"), "back": "user_list"}
    )


def _district_ids(request: HttpRequest) -> set[int]:
    return set(selectors.managed_districts(request.user).values_list("pk", flat=True))


@permission_required("core.user_manage")
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_user(request.user, User.objects.all(), pk, "core.user_manage")
    form = UserForm(request.POST or None, instance=copy(person))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        password = data.pop("password", "")
        try:
            with transaction.atomic():
                services.user_update(actor=request.user, user=person, **data)
                if password:
                    services.user_set_password(actor=request.user, user=person, password=password)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("user_edit", pk=person.pk)
    memberships = person.memberships.select_related("region", "school", "department")
    return render(
        request,
        "core/user_edit.html",
        {
            "person": person,
            "form": form,
            "memberships": memberships,
            "membership_form": MembershipForm(
                district_ids=None if request.user.is_superuser else _district_ids(request)
            ),
        },
    )


@require_POST
@permission_required("core.user_manage")
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_user(request.user, User.objects.all(), pk, "core.user_manage")
    district_ids = None if request.user.is_superuser else _district_ids(request)
    form = MembershipForm(request.POST, district_ids=district_ids)
    if form.is_valid():
        data = form.cleaned_data
        organisation = data["region"] or data["school"] or data["department"]
        require(request.user, "core.org_manage", organisation)
        try:
            services.membership_grant(
                actor=request.user,
                user=person,
                role=data["role"],
                region=data["region"],
                school=data["school"],
                department=data["department"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已授予角色"))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}{'；'.join(errors)}",
            )
    return redirect("user_edit", pk=person.pk)


@require_POST
@permission_required("core.user_manage")
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = RoleMembership.objects.select_related("user").filter(pk=pk).first()
    if membership is None or not can(request.user, "core.org_manage", membership.organisation):
        raise PermissionDenied
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("已撤销角色"))
    return redirect("user_edit", pk=membership.user_id)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("密码已修改"))
        return redirect("home")
    return render(request, "registration/password_change_form.html", {"form": form})
