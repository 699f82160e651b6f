"""Applications: the school fills, submits or withdraws its form; everyone entitled reads it; the
office lists a round's applications and returns them for revision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.models import School
from yinling.core.permissions import can, permission_required
from yinling.core.views._forms import add_service_errors
from yinling.programmes import application_selectors, services
from yinling.programmes.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    ReturnForm,
    WithdrawForm,
)
from yinling.programmes.models import (
    TEXT_FIELDS,
    Application,
    ApplicationVersion,
    PracticeCommunity,
    ProgrammeSchool,
)
from yinling.programmes.services.applications import FORM_FIELDS, may_submit, validate_complete
from yinling.programmes.views._common import (
    fetch,
    get_application,
    get_round,
    guard,
    int_or_none,
    messages_of,
)


@permission_required("programmes.school_home")
def school_home(request: HttpRequest) -> HttpResponse:
    """The school's own applications, and the rounds it may still apply in."""
    school_ids = application_selectors.school_ids_of(request.user)
    return render(
        request,
        "programmes/school_home.html",
        {
            "applications": application_selectors.applications_of_schools(school_ids),
            "open_rounds": application_selectors.open_rounds_for_schools(
                school_ids, timezone.localdate()
            ),
            "closed_rounds": application_selectors.open_rounds_closed_to_members(
                school_ids, timezone.localdate()
            ),
            "memberships": ProgrammeSchool.objects.filter(school_id__in=school_ids).select_related(
                "programme", "school"
            ),
            "communities": PracticeCommunity.objects.filter(members__in=school_ids)
            .select_related("programme")
            .distinct(),
        },
    )


@require_POST
@permission_required("programmes.school_home")
def application_start(request: HttpRequest, pk: int, school: int) -> HttpResponse:
    round_ = fetch(_rounds(), pk)
    school_obj = fetch(School.objects.all(), school)
    guard(request, "programmes.apply", school_obj)
    try:
        application = services.application_start(
            actor=request.user, round_=round_, school=school_obj
        )
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
        return redirect("programmes:school_home")
    return redirect("programmes:application_edit", pk=application.pk)


def _rounds():  # noqa: ANN202
    from yinling.programmes.models import ApplicationRound

    return ApplicationRound.objects.select_related("programme")


def _form_data(form: ApplicationForm) -> dict[str, object]:
    return {name: form.cleaned_data.get(name) for name in FORM_FIELDS}


@permission_required("programmes.school_home")
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the form: save as a draft, or submit. The draft also saves itself (autosave)."""
    application = get_application(request, pk, "programmes.application_edit")
    programme = application.round.programme
    form = ApplicationForm(request.POST or None, instance=application, programme=programme)
    if request.method == "POST" and form.is_valid():
        submitting = request.POST.get("action") == "submit"
        try:
            services.application_save_draft(
                actor=request.user, application=application, data=_form_data(form)
            )
            if submitting:
                services.application_submit(actor=request.user, application=application)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if submitting:
                messages.success(request, _("申报表已提交，等待项目组审核"))
                return redirect("programmes:application_detail", pk=application.pk)
            messages.success(request, _("草稿已保存"))
            return redirect("programmes:application_edit", pk=application.pk)
    round_phase = application.round.phase_on(timezone.localdate())
    # A first submission must fall within the round (a returned form may come back later).
    submission_open = application.status != Application.Status.DRAFT or round_phase == "open"
    return render(
        request,
        "programmes/application_edit.html",
        {
            "application": application,
            "form": form,
            "returned": _latest_return(application),
            "can_submit": submission_open and may_submit(request.user, application),
            "submission_open": submission_open,
            "can_withdraw": _can_withdraw(request.user, application),
            "round_phase": round_phase,
            "field_errors": any(name != NON_FIELD_ERRORS for name in form.errors),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("programmes.school_home")
def application_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: save the draft as the school types; answers with a one-line status."""
    application = get_application(request, pk, "programmes.application_edit")
    form = ApplicationForm(
        request.POST, instance=application, programme=application.round.programme
    )
    saved_at = timezone.localtime()
    if not form.is_valid():
        return render(
            request,
            "programmes/_autosave.html",
            {"error": _("自动保存失败：%(problems)s") % {"problems": _form_problems(form)}},
        )
    try:
        services.application_save_draft(
            actor=request.user, application=application, data=_form_data(form), autosave=True
        )
    except ValidationError as error:
        return render(
            request, "programmes/_autosave.html", {"error": "；".join(messages_of(error))}
        )
    return render(request, "programmes/_autosave.html", {"saved_at": saved_at})


def _form_problems(form: ApplicationForm) -> str:
    """Each refused field named with what is wrong with it, e.g. 联系电话：请填写……"""
    problems = []
    for name, errors in form.errors.items():
        text = "".join(errors)
        if name == NON_FIELD_ERRORS:
            problems.append(text)
        else:
            problems.append(
                _("%(field)s：%(error)s") % {"field": form.fields[name].label, "error": text}
            )
    return "；".join(problems)


def _latest_return(application: Application) -> ApplicationVersion | None:
    return (
        application.versions.exclude(return_comment="").order_by("-number").first()
        if application.status == Application.Status.RETURNED
        else None
    )


@permission_required("core.home")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, "programmes.application_view")
    user = request.user
    scores_visible = can(user, "programmes.scores_view", application)
    assignment = application.assignments.filter(expert=user).first()
    texts = [(label, getattr(application, name)) for name, label, _limit in TEXT_FIELDS]
    return render(
        request,
        "programmes/application_detail.html",
        {
            "application": application,
            "texts": texts,
            "versions": application.versions.all(),
            "returns": application.versions.exclude(return_comment=""),
            "decisions": application_selectors.released_decisions(application),
            "scores_visible": scores_visible,
            "assignments": (
                application.assignments.select_related("expert").prefetch_related(
                    "scores__criterion"
                )
                if scores_visible
                else []
            ),
            "my_assignment": assignment,
            "can_edit": can(user, "programmes.application_edit", application),
            "can_withdraw": _can_withdraw(user, application),
            "can_manage": can(user, "programmes.manage", application),
            "return_form": ReturnForm(),
            "problems": validate_complete(application) if application.is_editable else {},
        },
    )


def _can_withdraw(user: object, application: Application) -> bool:
    """Offer 撤回申报 where the workflow allows it (superusers pass every rule, not every move)."""
    return Application.Status.WITHDRAWN in Application.TRANSITIONS[application.status] and can(
        user, "programmes.application_withdraw", application
    )


@permission_required("programmes.school_home")
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The school's admin withdraws the application (撤回申报): a page that says what follows,
    asks why, and withdraws once confirmed."""
    application = get_application(request, pk, "programmes.application_withdraw")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _withdrawn_message(application))
            return redirect("programmes:application_detail", pk=application.pk)
    return render(
        request,
        "programmes/application_withdraw.html",
        {
            "application": application,
            "form": form,
            "round_open": application.round.phase_on(timezone.localdate()) == "open",
        },
        status=400 if form.errors else 200,
    )


def _withdrawn_message(application: Application) -> str:
    round_ = application.round
    if round_.phase_on(timezone.localdate()) == "open":
        return _(
            "已撤回申报，项目组可以看到撤回原因。“%(round)s”仍在申报期内（%(closes)s 截止），"
            "如有需要，可以在“项目申报”中重新开始填写申报表。"
        ) % {"round": round_.name, "closes": round_.closes_on.isoformat()}
    return _("已撤回申报，项目组可以看到撤回原因。")


@permission_required("core.home")
def application_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side, field by field (?a=1&b=2; by default the last two)."""
    application = get_application(request, pk, "programmes.application_view")
    versions = list(application.versions.order_by("number"))
    numbers = [v.number for v in versions]
    a = int_or_none(request.GET.get("a")) or (numbers[-2] if len(numbers) > 1 else None)
    b = int_or_none(request.GET.get("b")) or (numbers[-1] if numbers else None)
    old = next((v for v in versions if v.number == a), None)
    new = next((v for v in versions if v.number == b), None)
    diffs = services.compare_versions(old, new) if old and new else []
    return render(
        request,
        "programmes/application_compare.html",
        {"application": application, "versions": versions, "old": old, "new": new, "diffs": diffs},
    )


@require_POST
@permission_required("programmes.manage")
def application_return(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, "programmes.manage")
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写退回意见，说明需要修改的内容"))
        services.application_return(
            actor=request.user, application=application, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("已退回学校修改"))
    return redirect("programmes:application_detail", pk=application.pk)


@permission_required("programmes.view")
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's list of a round's applications, with filters."""
    round_ = get_round(request, pk)
    programme = round_.programme
    filters = ApplicationFilterForm(request.GET or None, programme=programme)
    status, domain, q = "", None, ""
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        domain = filters.cleaned_data["domain"]
        q = filters.cleaned_data["q"].strip()
    applications = application_selectors.applications_in_round(
        round_, status=status, domain_id=domain.pk if domain else None, q=q
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programmes/round_detail.html",
        {
            "round": round_,
            "programme": programme,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "phase": round_.phase_on(timezone.localdate()),
            "can_manage": can(request.user, "programmes.manage", programme),
        },
    )
