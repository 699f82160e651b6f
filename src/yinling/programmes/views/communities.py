"""Project schools and their growth records, practice communities, events, the exhibition rule
check and the programme dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.permissions import can, permission_required
from yinling.core.uploads import UploadRejected
from yinling.core.views._forms import add_service_errors
from yinling.programmes import dashboard_selectors, school_record_selectors, services
from yinling.programmes.community_forms import (
    AttachmentForm,
    CommunityForm,
    EventForm,
    EvidenceForm,
    TransitionForm,
)
from yinling.programmes.models import (
    Event,
    EventAttachment,
    GrowthEvidence,
    PracticeCommunity,
    ProgrammeSchool,
)
from yinling.programmes.views._common import create_page, fetch, get_programme, guard


def _flash(request: HttpRequest, error: ValidationError | UploadRejected) -> None:
    for message in getattr(error, "messages", None) or getattr(error, "errors", [str(error)]):
        messages.error(request, str(message))


# --- project schools ---------------------------------------------------------------------------


@permission_required("programmes.view")
def programme_school_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    memberships = list(
        programme.memberships.select_related("school", "leading_project__domain").order_by(
            "school__code"
        )
    )
    for membership in memberships:  # a city programme lists schools of every district
        membership.record_readable = can(request.user, "programmes.growth_record", membership)
    return render(
        request,
        "programmes/programme_school_list.html",
        {
            "programme": programme,
            "memberships": memberships,
            "can_manage": can(request.user, "programmes.manage", programme),
            "form": TransitionForm(),
        },
    )


@require_POST
@permission_required("programmes.manage")
def programme_school_transition(request: HttpRequest, pk: int) -> HttpResponse:
    membership = fetch(ProgrammeSchool.objects.select_related("programme__district", "school"), pk)
    guard(request, "programmes.manage", membership.programme)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请选择新状态并填写原因"))
        services.programme_school_transition(
            actor=request.user, membership=membership, **form.cleaned_data
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("已更新项目校状态"))
    return redirect("programmes:programme_school_list", pk=membership.programme_id)


@permission_required("core.home")
def growth_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A school's growth record (成长档案): everything it did in the programme, newest first."""
    membership = fetch(
        ProgrammeSchool.objects.select_related("programme__district", "school", "leading_project"),
        pk,
    )
    guard(request, "programmes.growth_record", membership)
    office = can(request.user, "programmes.view", membership.programme)
    can_add = can(request.user, "programmes.evidence_add", membership)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        guard(request, "programmes.evidence_add", membership)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.evidence_add(
                    actor=request.user,
                    membership=membership,
                    title=data["title"],
                    happened_on=data["happened_on"],
                    description=data["description"],
                    upload=data["file"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except UploadRejected as error:
                form.add_error("file", error.errors[0])
            else:
                messages.success(request, _("已记入成长档案"))
                return redirect("programmes:growth_record", pk=membership.pk)
    return render(
        request,
        "programmes/growth_record.html",
        {
            "membership": membership,
            "entries": school_record_selectors.growth_record(membership, show_unreleased=office),
            "history": membership.history.select_related("actor"),
            "form": form if can_add else None,
        },
        status=400 if form.errors else 200,
    )


def _evidence(request: HttpRequest, pk: int, action: str) -> GrowthEvidence:
    evidence = fetch(
        GrowthEvidence.objects.select_related(
            "membership__programme__district", "membership__school"
        ),
        pk,
    )
    guard(request, action, evidence.membership)
    return evidence


@permission_required("core.home")
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk, "programmes.growth_record")
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)


@require_POST
@permission_required("core.home")
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk, "programmes.evidence_add")
    membership_id = evidence.membership_id
    services.evidence_remove(actor=request.user, evidence=evidence)
    messages.success(request, _("已删除"))
    return redirect("programmes:growth_record", pk=membership_id)


# --- communities -------------------------------------------------------------------------------


@permission_required("programmes.view")
def community_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    can_manage = can(request.user, "programmes.manage", programme)
    return render(
        request,
        "programmes/community_list.html",
        {
            "programme": programme,
            "communities": dashboard_selectors.communities_of(programme),
            "suggestions": services.communities.suggest_communities(programme)
            if can_manage
            else [],
            "can_manage": can_manage,
        },
    )


@require_POST
@permission_required("programmes.manage")
def community_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    created = services.communities_create_suggested(actor=request.user, programme=programme)
    messages.success(
        request, _("已按领域新建 %(n)d 个共同体，可继续调整成员和牵头学校") % {"n": len(created)}
    )
    return redirect("programmes:community_list", pk=programme.pk)


@permission_required("programmes.manage")
def community_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    return create_page(
        request,
        CommunityForm(request.POST or None, programme=programme),
        lambda data: services.community_create(actor=request.user, programme=programme, **data),
        created=_("已新建共同体"),
        detail="programmes:community_detail",
        title=_("新建实践研究共同体"),
        cancel=programme.get_absolute_url(),
    )


def _community(request: HttpRequest, pk: int, action: str) -> PracticeCommunity:
    community = fetch(
        PracticeCommunity.objects.select_related("programme__district", "domain", "lead_school"),
        pk,
    )
    guard(request, action, community)
    return community


@permission_required("programmes.manage")
def community_edit(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(request, pk, "programmes.manage")
    initial = {
        "name": community.name,
        "level": community.level,
        "domain": community.domain,
        "lead_school": community.lead_school,
        "members": list(community.members.all()),
        "description": community.description,
    }
    form = CommunityForm(request.POST or None, initial=initial, programme=community.programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.community_update(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:community_detail", pk=community.pk)
    return render(
        request,
        "programmes/form.html",
        {
            "form": form,
            "title": community.name,
            "cancel": community.get_absolute_url(),
        },
    )


@permission_required("core.home")
def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(request, pk, "programmes.community_view")
    return render(
        request,
        "programmes/community_detail.html",
        {
            "community": community,
            "members": community.members.order_by("code"),
            "events": community.events.prefetch_related("participants", "attachments"),
            "can_record": can(request.user, "programmes.event_record", community),
            "can_manage": can(request.user, "programmes.manage", community),
        },
    )


# --- events ------------------------------------------------------------------------------------


@permission_required("core.home")
def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(request, pk, "programmes.event_record")
    programme = community.programme
    form = EventForm(
        request.POST or None,
        programme=programme,
        community=community,
        initial={"participants": list(community.members.all()), "level": Event.Level.DISTRICT},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, programme=programme, community=community, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记活动，可继续上传材料和照片"))
            return redirect("programmes:event_detail", pk=event.pk)
    return render(
        request,
        "programmes/form.html",
        {
            "form": form,
            "title": _("登记活动：%(name)s") % {"name": community.name},
            "cancel": community.get_absolute_url(),
        },
    )


def _event(request: HttpRequest, pk: int, action: str) -> Event:
    event = fetch(
        Event.objects.select_related("programme__district", "community"),
        pk,
    )
    guard(request, action, event)
    return event


@permission_required("core.home")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "programmes.event_view")
    return render(
        request,
        "programmes/event_detail.html",
        {
            "event": event,
            "participants": event.participants.order_by("code"),
            "attachments": event.attachments.all(),
            "can_edit": can(request.user, "programmes.event_edit", event),
            "upload_form": AttachmentForm(),
        },
    )


@permission_required("core.home")
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "programmes.event_edit")
    initial = {
        "kind": event.kind,
        "level": event.level,
        "title": event.title,
        "held_on": event.held_on,
        "place": event.place,
        "description": event.description,
        "participants": list(event.participants.all()),
    }
    form = EventForm(
        request.POST or None,
        initial=initial,
        programme=event.programme,
        community=event.community,
        recorded=initial["participants"],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("programmes:event_detail", pk=event.pk)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": event.title, "cancel": event.get_absolute_url()},
    )


@require_POST
@permission_required("core.home")
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "programmes.event_edit")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                event=event,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except UploadRejected as error:
            _flash(request, error)
        else:
            messages.success(request, _("已上传"))
    else:
        messages.error(request, _("请选择要上传的文件"))
    return redirect("programmes:event_detail", pk=event.pk)


def _attachment(request: HttpRequest, pk: int, action: str) -> EventAttachment:
    attachment = fetch(
        EventAttachment.objects.select_related("event__programme__district", "event__community"),
        pk,
    )
    guard(request, action, attachment.event)
    return attachment


@permission_required("core.home")
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, "programmes.event_view")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_POST
@permission_required("core.home")
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, "programmes.event_edit")
    event_id = attachment.event_id
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("已删除附件"))
    return redirect("programmes:event_detail", pk=event_id)


# --- the exhibition rule and the dashboard -----------------------------------------------------


@permission_required("programmes.view")
def exhibition_check(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    return render(
        request,
        "programmes/exhibition_check.html",
        {
            "programme": programme,
            "check": dashboard_selectors.exhibition_check(programme, timezone.localdate()),
        },
    )


@permission_required("programmes.view")
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    data = dashboard_selectors.dashboard(programme, timezone.localdate())
    calendar_names = "EN" if (get_language() or "").startswith("en") else "ZH"
    charts = {
        "byStatus": data["applications_by_status"],
        "byDomain": data["applications_by_domain"],
        "schools": data["schools_by_status"],
        "calendar": data["calendar"],
        "year": [data["school_year"].start.isoformat(), data["school_year"].end.isoformat()],
        "names": calendar_names,
    }
    return render(
        request,
        "programmes/dashboard.html",
        {"programme": programme, "data": data, "charts": charts},
    )
