"""The expert register, rubrics, assignment, scoring, results and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.models import Role, RoleMembership, School, User
from yinling.core.permissions import can, permission_required
from yinling.core.views._forms import add_service_errors
from yinling.programmes import application_selectors, services
from yinling.programmes.community_forms import PairingForm
from yinling.programmes.models import (
    TEXT_FIELDS,
    Decision,
    ExpertProfile,
    ExpertTie,
    Pairing,
    ReviewAssignment,
    Rubric,
    RubricCriterion,
)
from yinling.programmes.permissions import scoring_closed
from yinling.programmes.review_forms import (
    AssignForm,
    CriterionForm,
    DecisionForm,
    ExpertProfileForm,
    ExpertTieForm,
    RubricForm,
    ScoreForm,
)
from yinling.programmes.services.review_outcomes import plain
from yinling.programmes.services.review_setup import REVIEWABLE
from yinling.programmes.views._common import (
    fetch,
    get_application,
    get_assignment,
    get_programme,
    get_round,
    guard,
    messages_of,
)


def _flash(request: HttpRequest, error: ValidationError) -> None:
    for message in messages_of(error):
        messages.error(request, message)


# --- the expert register -----------------------------------------------------------------------


@permission_required("programmes.expert_manage")
def expert_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/expert_list.html",
        {"memberships": application_selectors.expert_memberships(request.user)},
    )


def _expert_membership(request: HttpRequest, pk: int) -> RoleMembership:
    membership = fetch(
        RoleMembership.objects.filter(role=Role.EXPERT).select_related("region", "user"),
        pk,
    )
    guard(request, "programmes.expert_manage", membership.region)
    return membership


@permission_required("programmes.expert_manage")
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert's register entry (pk: their expert role), with their declared ties."""
    membership = _expert_membership(request, pk)
    user, district = membership.user, membership.region
    profile = ExpertProfile.objects.filter(user=user).first()
    initial = {}
    if profile is not None:
        initial = {
            "affiliation_school": profile.affiliation_school,
            "affiliation": profile.affiliation,
            "education_group": profile.education_group,
            "subject": profile.subject,
            "expertise": "、".join(profile.expertise or []),
            "workload_limit": profile.workload_limit,
            "is_active": profile.is_active,
            "note": profile.note,
        }
    form = ExpertProfileForm(request.POST or None, initial=initial, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_profile_save(
                actor=request.user, user=user, district=district, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存专家档案"))
            return redirect("programmes:expert_edit", pk=membership.pk)
    return render(
        request,
        "programmes/expert_edit.html",
        {
            "membership": membership,
            "expert": user,
            "profile": profile,
            "form": form,
            "tie_form": ExpertTieForm(district=district),
            "ties": profile.ties.select_related("school") if profile else [],
        },
    )


@require_POST
@permission_required("programmes.expert_manage")
def expert_tie_add(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _expert_membership(request, pk)
    profile = ExpertProfile.objects.filter(user=membership.user).first()
    form = ExpertTieForm(request.POST, district=membership.region)
    if profile is None:
        messages.error(request, _("请先保存专家档案，再申报利害关系"))
    elif form.is_valid():
        try:
            services.expert_tie_add(actor=request.user, profile=profile, **form.cleaned_data)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("已记录利害关系"))
    else:
        messages.error(request, _("请选择学校和关系"))
    return redirect("programmes:expert_edit", pk=membership.pk)


@require_POST
@permission_required("programmes.expert_manage")
def expert_tie_remove(request: HttpRequest, pk: int) -> HttpResponse:
    tie = fetch(ExpertTie.objects.select_related("profile__district", "profile__user"), pk)
    guard(request, "programmes.expert_manage", tie.profile)
    membership = RoleMembership.objects.filter(
        user=tie.profile.user, role=Role.EXPERT, region=tie.profile.district
    ).first()
    services.expert_tie_remove(actor=request.user, tie=tie)
    messages.success(request, _("已删除利害关系"))
    if membership is None:
        return redirect("programmes:expert_list")
    return redirect("programmes:expert_edit", pk=membership.pk)


# --- rubrics -----------------------------------------------------------------------------------


@permission_required("programmes.manage")
def rubric_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk, "programmes.manage")
    form = RubricForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rubric = services.rubric_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("已创建评分细则“%(name)s”，请添加评分项") % {"name": rubric}
            )
            return redirect("programmes:rubric_list", pk=programme.pk)
    return render(
        request,
        "programmes/rubric_list.html",
        {
            "programme": programme,
            "rubrics": [
                (rubric, [(c, plain(c.weight)) for c in rubric.criteria.all()])
                for rubric in programme.rubrics.prefetch_related("criteria")
            ],
            "form": form,
            "criterion_form": CriterionForm(),
        },
    )


@require_POST
@permission_required("programmes.manage")
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = fetch(Rubric.objects.select_related("programme__district"), pk)
    guard(request, "programmes.manage", rubric.programme)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_add(actor=request.user, rubric=rubric, **form.cleaned_data)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("已添加评分项"))
    else:
        messages.error(request, _("请填写评分项名称和权重"))
    return redirect("programmes:rubric_list", pk=rubric.programme_id)


@require_POST
@permission_required("programmes.manage")
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = fetch(RubricCriterion.objects.select_related("rubric__programme__district"), pk)
    guard(request, "programmes.manage", criterion.rubric.programme)
    try:
        services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("已删除评分项"))
    return redirect("programmes:rubric_list", pk=criterion.rubric.programme_id)


# --- assignment --------------------------------------------------------------------------------


@permission_required("programmes.manage")
def round_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign experts by hand (conflicted experts are marked and refused) or automatically."""
    round_ = get_round(request, pk, "programmes.manage")
    rows, profiles, load = application_selectors.round_assignment_rows(round_)
    return render(
        request,
        "programmes/round_assign.html",
        {
            "round": round_,
            "rows": rows,
            "experts": [(p, load[p.user_id]) for p in profiles],
        },
    )


@require_POST
@permission_required("programmes.manage")
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, "programmes.manage")
    experts = User.objects.filter(
        Q(memberships__role=Role.EXPERT), expert_profile__isnull=False
    ).distinct()
    form = AssignForm(request.POST, experts=experts)
    if form.is_valid():
        try:
            services.assignment_create(
                actor=request.user, application=application, expert=form.cleaned_data["expert"]
            )
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("已指派专家"))
    else:
        messages.error(request, _("请选择专家"))
    return redirect("programmes:round_assign", pk=application.round_id)


@require_POST
@permission_required("programmes.manage")
def assignment_auto(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request, pk, "programmes.manage")
    plan = services.assignment_auto(actor=request.user, round_=round_)
    if plan.pairs:
        messages.success(request, _("自动分配完成：新增 %(n)d 个评审任务") % {"n": len(plan.pairs)})
    elif not round_.applications.filter(status__in=REVIEWABLE).exists():
        messages.info(request, _("无需分配：本批次没有待评审的申报"))
    elif not plan.short:
        messages.info(
            request,
            _("无需分配：每份待评审的申报都已有 %(n)d 位评审专家")
            % {"n": round_.reviewers_per_application},
        )
    if plan.short:
        messages.warning(
            request,
            _("有 %(n)d 份申报专家不足（利害关系回避或工作量已满），请人工补充")
            % {"n": len(plan.short)},
        )
    return redirect("programmes:round_assign", pk=round_.pk)


@require_POST
@permission_required("programmes.manage")
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment(request, pk, "programmes.manage")
    try:
        services.assignment_remove(actor=request.user, assignment=assignment)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("已撤回评审任务"))
    return redirect("programmes:round_assign", pk=assignment.application.round_id)


# --- the expert's side -------------------------------------------------------------------------


@permission_required("programmes.review_home")
def review_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/review_home.html",
        {"assignments": application_selectors.assignments_of(request.user)},
    )


@permission_required("programmes.review_home")
def assignment_score(request: HttpRequest, pk: int) -> HttpResponse:
    """The expert reads the application and scores it against the round's rubric. Once scoring
    has closed (see `scoring_closed`) the page shows the expert's scores read-only, saying why."""
    assignment = get_assignment(request, pk, "programmes.review")
    application = assignment.application
    rubric = application.round.rubric
    if rubric is None:
        messages.error(request, _("该批次尚未设置评分细则，请联系项目组"))
        return redirect("programmes:review_home")
    closed = scoring_closed(application)
    if closed is not None and request.method == "POST":
        messages.error(request, _(closed))
        return redirect("programmes:assignment_score", pk=assignment.pk)
    form = None
    if closed is None:
        form = _score_form(request, assignment, rubric)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_submit(
                    actor=request.user,
                    assignment=assignment,
                    scores=form.scores(),
                    comment_to_school=form.cleaned_data["comment_to_school"],
                    comment_to_office=form.cleaned_data["comment_to_office"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("评分已提交"))
                return redirect("programmes:review_home")
    scores = {s.criterion_id: plain(s.score) for s in assignment.scores.all()}
    return render(
        request,
        "programmes/assignment_score.html",
        {
            "assignment": assignment,
            "application": application,
            "rubric": rubric,
            "form": form,
            "closed": _(closed) if closed else "",
            "scores": [(c, scores.get(c.pk)) for c in rubric.criteria.all()],
            "texts": [(label, getattr(application, name)) for name, label, _l in TEXT_FIELDS],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _score_form(request: HttpRequest, assignment: ReviewAssignment, rubric: Rubric) -> ScoreForm:
    initial = {f"criterion_{s.criterion_id}": plain(s.score) for s in assignment.scores.all()}
    initial.update(
        comment_to_school=assignment.comment_to_school,
        comment_to_office=assignment.comment_to_office,
    )
    return ScoreForm(request.POST or None, initial=initial, rubric=rubric)


# --- results and decisions ---------------------------------------------------------------------


@permission_required("programmes.view")
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Scores aggregated per application and the decisions. The office records and releases
    decisions here; leaders read it, with the experts unnamed and only released decisions."""
    round_ = get_round(request, pk)
    rows = application_selectors.round_results(round_)
    return render(
        request,
        "programmes/round_results.html",
        {
            "round": round_,
            "rows": rows,
            "can_manage": can(request.user, "programmes.manage", round_),
            "decision_form": DecisionForm(),
            "pending": sum(1 for r in rows if r.pending and r.application.status in REVIEWABLE),
            "reviewable": REVIEWABLE,
        },
    )


@require_POST
@permission_required("programmes.manage")
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, "programmes.manage")
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请选择结论"))
        services.decision_record(actor=request.user, application=application, **form.cleaned_data)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("已记录结论（尚未发布）"))
    return redirect("programmes:round_results", pk=application.round_id)


@require_POST
@permission_required("programmes.manage")
def decision_release(request: HttpRequest, pk: int) -> HttpResponse:
    decision = fetch(Decision.objects.select_related("application__round__programme__district"), pk)
    guard(request, "programmes.manage", decision.application)
    try:
        services.decision_release(actor=request.user, decision=decision)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("已发布结论"))
    return redirect("programmes:round_results", pk=decision.application.round_id)


@require_POST
@permission_required("programmes.manage")
def round_release(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request, pk, "programmes.manage")
    count = services.round_release_results(actor=request.user, round_=round_)
    messages.success(request, _("已发布 %(n)d 项结论，学校可查看结论和评审意见") % {"n": count})
    return redirect("programmes:round_results", pk=round_.pk)


# --- pairings (支援校 / 结对校): reviewers from one school never judge the other -----------------


@permission_required("programmes.pairing_manage")
def pairing_list(request: HttpRequest) -> HttpResponse:
    districts = application_selectors.office_districts(request.user)
    schools = School.objects.filter(district__in=districts).order_by("code")
    form = PairingForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            services.pairing_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记结对关系"))
            return redirect("programmes:pairing_list")
    pairings = (
        Pairing.objects.filter(school__district__in=districts)
        .select_related("school", "partner")
        .order_by("-is_active", "school__code")
    )
    return render(request, "programmes/pairing_list.html", {"form": form, "pairings": pairings})


@require_POST
@permission_required("programmes.pairing_manage")
def pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = fetch(Pairing.objects.select_related("school", "partner"), pk)
    guard(request, "programmes.pairing_manage", pairing.school)
    guard(request, "programmes.pairing_manage", pairing)
    services.pairing_end(actor=request.user, pairing=pairing)
    messages.success(request, _("已结束结对关系"))
    return redirect("programmes:pairing_list")
