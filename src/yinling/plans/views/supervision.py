"""Supervision notices (督办): issuing them on lagging tasks, replying, closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.models import Department
from yinling.core.permissions import can, permission_required
from yinling.core.views._forms import add_service_errors
from yinling.plans import selectors, services
from yinling.plans.forms import NoticeForm, ReplyForm
from yinling.plans.models import SupervisionNotice
from yinling.plans.views._common import error_messages, get_item, get_notice


@permission_required("plans.view")
def notice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk, "plans.notice_issue")
    form = NoticeForm(
        request.POST or None,
        item=item,
        initial={"reply_deadline": timezone.localdate() + timezone.timedelta(days=7)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_issue(
                actor=request.user,
                item=item,
                departments=list(form.cleaned_data["departments"]),
                reply_deadline=form.cleaned_data["reply_deadline"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("督办通知已发出"))
            return redirect("plans:notice_detail", notice.pk)
    return render(
        request,
        "plans/notice_form.html",
        {"form": form, "item": item, "plan": item.plan, "node": selectors.task_node(item)},
    )


@permission_required("plans.notice_view")
def notice_list(request: HttpRequest) -> HttpResponse:
    states = [selectors.notice_state(n) for n in selectors.visible_notices(request.user)]
    return render(request, "plans/notice_list.html", {"states": states})


def _reply_departments(request: HttpRequest, notice: SupervisionNotice) -> list[Department]:
    mine = selectors.reporter_department_ids(request.user)
    answered = set(notice.replies.values_list("department_id", flat=True))
    return [d for d in notice.departments.order_by("name") if d.pk in mine and d.pk not in answered]


@permission_required("plans.notice_view")
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice and its replies; an addressed department replies here."""
    notice = get_notice(request, pk, "plans.notice_view")
    departments = (
        _reply_departments(request, notice)
        if can(request.user, "plans.notice_reply", notice)
        else []
    )
    form = ReplyForm(request.POST or None, departments=departments) if departments else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            chosen = form.cleaned_data.get("department") or departments[0].pk
            department = next((d for d in departments if d.pk == chosen), None)
            try:
                if department is None:
                    raise Http404
                reply = services.notice_reply(
                    actor=request.user,
                    notice=notice,
                    department=department,
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if reply.is_late:
                    messages.warning(request, _("已回复；已超过回复期限，本次回复标记为逾期"))
                else:
                    messages.success(request, _("已回复"))
                return redirect("plans:notice_detail", notice.pk)
    return render(
        request,
        "plans/notice_detail.html",
        {
            "state": selectors.notice_state(notice),
            "notice": notice,
            "form": form,
            "can_close": can(request.user, "plans.notice_close", notice)
            and notice.status == SupervisionNotice.State.OPEN,
        },
    )


@require_POST
@permission_required("plans.notice_view")
def notice_close(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice(request, pk, "plans.notice_close")
    try:
        services.notice_close(actor=request.user, notice=notice)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("督办已办结"))
    return redirect("plans:notice_detail", notice.pk)
