"""Who reviews what, against which rubric: the expert register, rubrics, and assignments
(by hand and automatic). Scoring and decisions live in review_outcomes."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, changed, snapshot
from yinling.core.models import Region, Role, RoleMembership, School, User
from yinling.programmes.assignment import Candidate, Item, Plan, plan_assignments
from yinling.programmes.conflicts import ConflictIndex
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    ExpertProfile,
    ExpertTie,
    Programme,
    ReviewAssignment,
    ReviewScore,
    Rubric,
    RubricCriterion,
)
from yinling.programmes.services._common import raise_if
from yinling.programmes.services.applications import application_start_review

ERR_NOT_AN_EXPERT = gettext_noop("“%(name)s”不是本区专家库中的专家")
ERR_NOT_REVIEWABLE = gettext_noop("申报状态为“%(status)s”，不能安排评审")
ERR_CONFLICT = gettext_noop("%(expert)s 与“%(school)s”存在利害关系（%(reasons)s），不能指派")
ERR_ALREADY_ASSIGNED = gettext_noop("%(expert)s 已在评审这份申报")
ERR_WORKLOAD = gettext_noop("%(expert)s 本批次已有 %(count)d 份评审任务，达到上限 %(limit)d 份")
ERR_ASSIGNMENT_DONE = gettext_noop("专家已提交评分，不能撤回该任务")
ERR_SCALE = gettext_noop("最高分必须大于最低分")
ERR_WEIGHT = gettext_noop("权重必须大于 0")
ERR_CRITERION_TAKEN = gettext_noop("已有评分项“%(name)s”")
ERR_RUBRIC_IN_USE = gettext_noop("评分细则已有专家评分，不能再修改评分项")
ERR_TIE_TAKEN = gettext_noop("已申报与“%(school)s”的利害关系")

PROFILE_FIELDS = (
    "affiliation_school",
    "affiliation",
    "education_group",
    "subject",
    "expertise",
    "workload_limit",
    "is_active",
    "note",
)


def is_expert_in(user: User, district_id: int | None) -> bool:
    if district_id is None:
        return RoleMembership.objects.filter(user=user, role=Role.EXPERT).exists()
    return RoleMembership.objects.filter(
        user=user, role=Role.EXPERT, region_id=district_id
    ).exists()


# --- the expert register -----------------------------------------------------------------------


@transaction.atomic
def expert_profile_save(
    *, actor: Any, user: User, district: Region, **fields: Any
) -> ExpertProfile:
    """Create or update an expert's register entry (affiliation, group, subject, workload)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown expert profile fields: {sorted(unknown)}")
    if not is_expert_in(user, district.pk):
        raise ValidationError(_(ERR_NOT_AN_EXPERT) % {"name": user})
    profile = ExpertProfile.objects.filter(user=user).first()
    created = profile is None
    if profile is None:
        profile = ExpertProfile(user=user, district=district)
    before = snapshot(profile, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    if profile.affiliation_school and not profile.education_group:
        profile.education_group = profile.affiliation_school.education_group
    if created:
        profile.save()
        audit_record(
            actor=actor,
            action="expert_profile.create",
            obj=profile,
            after=snapshot(profile, PROFILE_FIELDS),
        )
        return profile
    old, new = changed(before, snapshot(profile, PROFILE_FIELDS))
    if new:
        profile.save(update_fields=list(new))
        audit_record(
            actor=actor, action="expert_profile.update", obj=profile, before=old, after=new
        )
    return profile


@transaction.atomic
def expert_tie_add(
    *, actor: Any, profile: ExpertProfile, school: School, kind: str, note: str = ""
) -> ExpertTie:
    """Record a tie an expert declared with a school; it bars them from reviewing that school."""
    if profile.ties.filter(school=school).exists():
        raise ValidationError({"school": _(ERR_TIE_TAKEN) % {"school": school.name}})
    tie = ExpertTie.objects.create(profile=profile, school=school, kind=kind, note=note.strip())
    audit_record(
        actor=actor,
        action="expert_tie.add",
        obj=profile,
        after={"school": school.pk, "kind": kind},
    )
    return tie


@transaction.atomic
def expert_tie_remove(*, actor: Any, tie: ExpertTie) -> None:
    summary = {"school": tie.school_id, "kind": tie.kind}
    profile = tie.profile
    tie.delete()
    audit_record(actor=actor, action="expert_tie.remove", obj=profile, before=summary)


# --- rubrics -----------------------------------------------------------------------------------


@transaction.atomic
def rubric_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    scale_min: Decimal | int = 0,
    scale_max: Decimal | int = 10,
    criteria: list[tuple[str, str, Decimal | int | float]] | None = None,
) -> Rubric:
    """Define a rubric: a scale and weighted criteria (name, what to look for, weight)."""
    if Decimal(scale_max) <= Decimal(scale_min):
        raise ValidationError({"scale_max": _(ERR_SCALE)})
    rubric = Rubric.objects.create(
        programme=programme,
        name=name.strip(),
        scale_min=Decimal(scale_min),
        scale_max=Decimal(scale_max),
    )
    audit_record(
        actor=actor,
        action="rubric.create",
        obj=rubric,
        after={"name": rubric.name, "scale": [str(scale_min), str(scale_max)]},
    )
    for order, (criterion, description, weight) in enumerate(criteria or []):
        criterion_add(
            actor=actor,
            rubric=rubric,
            name=criterion,
            description=description,
            weight=weight,
            order=order,
        )
    return rubric


def _rubric_in_use(rubric: Rubric) -> bool:
    return ReviewScore.objects.filter(criterion__rubric=rubric).exists()


@transaction.atomic
def criterion_add(
    *,
    actor: Any,
    rubric: Rubric,
    name: str,
    weight: Decimal | int | float,
    description: str = "",
    order: int | None = None,
) -> RubricCriterion:
    if _rubric_in_use(rubric):
        raise ValidationError(_(ERR_RUBRIC_IN_USE))
    weight = Decimal(str(weight))
    errors: dict[str, list[str]] = {}
    if weight <= 0:
        errors["weight"] = [_(ERR_WEIGHT)]
    if rubric.criteria.filter(name=name.strip()).exists():
        errors["name"] = [_(ERR_CRITERION_TAKEN) % {"name": name.strip()}]
    raise_if(errors)
    criterion = RubricCriterion.objects.create(
        rubric=rubric,
        name=name.strip(),
        description=description.strip(),
        weight=weight,
        order=rubric.criteria.count() if order is None else order,
    )
    audit_record(
        actor=actor,
        action="rubric.criterion_add",
        obj=rubric,
        after={"criterion": criterion.name, "weight": str(weight)},
    )
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: RubricCriterion) -> None:
    rubric = criterion.rubric
    if _rubric_in_use(rubric):
        raise ValidationError(_(ERR_RUBRIC_IN_USE))
    summary = {"criterion": criterion.name}
    criterion.delete()
    audit_record(actor=actor, action="rubric.criterion_remove", obj=rubric, before=summary)


# --- assignments -------------------------------------------------------------------------------

REVIEWABLE = (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)


def round_load(round_: ApplicationRound) -> Counter[int]:
    """Assignments each expert holds in the round."""
    return Counter(
        ReviewAssignment.objects.filter(application__round=round_).values_list(
            "expert_id", flat=True
        )
    )


def _profile_of(expert: User, programme: Programme) -> ExpertProfile:
    profile = ExpertProfile.objects.filter(user=expert, is_active=True).first()
    if profile is None or not is_expert_in(expert, programme.district_id):
        raise ValidationError(_(ERR_NOT_AN_EXPERT) % {"name": expert})
    return profile


def _create_assignment(
    actor: Any, application: Application, expert: User, method: str
) -> ReviewAssignment:
    assignment = ReviewAssignment.objects.create(
        application=application,
        expert=expert,
        method=method,
        assigned_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if application.status == Application.Status.SUBMITTED:
        application_start_review(actor=actor, application=application)
    audit_record(
        actor=actor,
        action="assignment.create",
        obj=assignment,
        after={"application": application.pk, "expert": expert.pk, "method": method},
    )
    return assignment


@transaction.atomic
def assignment_create(
    *,
    actor: Any,
    application: Application,
    expert: User,
    method: str = ReviewAssignment.Method.MANUAL,
) -> ReviewAssignment:
    """Assign an expert to an application, refusing conflicts of interest and overload."""
    if application.status not in REVIEWABLE:
        raise ValidationError(_(ERR_NOT_REVIEWABLE) % {"status": application.get_status_display()})
    profile = _profile_of(expert, application.round.programme)
    reasons = ConflictIndex.load([expert.pk]).reasons(expert.pk, application.school)
    if reasons:
        raise ValidationError(
            _(ERR_CONFLICT)
            % {"expert": expert, "school": application.school.name, "reasons": "、".join(reasons)}
        )
    if application.assignments.filter(expert=expert).exists():
        raise ValidationError(_(ERR_ALREADY_ASSIGNED) % {"expert": expert})
    count = round_load(application.round)[expert.pk]
    if count >= profile.workload_limit:
        raise ValidationError(
            _(ERR_WORKLOAD) % {"expert": expert, "count": count, "limit": profile.workload_limit}
        )
    return _create_assignment(actor, application, expert, method)


@transaction.atomic
def assignment_remove(*, actor: Any, assignment: ReviewAssignment) -> None:
    """Withdraw an assignment the expert has not scored yet."""
    if assignment.status == ReviewAssignment.Status.SUBMITTED:
        raise ValidationError(_(ERR_ASSIGNMENT_DONE))
    summary = {"application": assignment.application_id, "expert": assignment.expert_id}
    application = assignment.application
    assignment.delete()
    audit_record(actor=actor, action="assignment.remove", obj=application, before=summary)


def round_experts(round_: ApplicationRound) -> list[ExpertProfile]:
    """Active register entries of the experts who hold the expert role in the district."""
    programme = round_.programme
    expert_ids = RoleMembership.objects.filter(role=Role.EXPERT)
    if programme.district_id is not None:
        expert_ids = expert_ids.filter(region_id=programme.district_id)
    return list(
        ExpertProfile.objects.filter(
            is_active=True, user_id__in=expert_ids.values("user_id"), user__is_active=True
        ).select_related("user", "affiliation_school")
    )


@transaction.atomic
def assignment_auto(
    *, actor: Any, round_: ApplicationRound, per_application: int | None = None
) -> Plan:
    """Assign experts to every application awaiting review in the round, balancing workloads
    and domains and never assigning a conflicted expert (see yinling.programmes.assignment)."""
    per_application = per_application or round_.reviewers_per_application
    applications = list(
        round_.applications.filter(status__in=REVIEWABLE)
        .select_related("school", "domain")
        .prefetch_related("assignments")
    )
    profiles = round_experts(round_)
    index = ConflictIndex.load([p.user_id for p in profiles])
    load = round_load(round_)
    candidates = [
        Candidate(
            id=p.user_id,
            capacity=p.workload_limit,
            load=load[p.user_id],
            expertise=frozenset(p.expertise or []),
        )
        for p in profiles
    ]
    items = [
        Item(
            id=a.pk,
            domain=a.domain.name if a.domain else "",
            assigned=frozenset(x.expert_id for x in a.assignments.all()),
        )
        for a in applications
    ]
    conflicts = [
        (p.user_id, a.pk)
        for p in profiles
        for a in applications
        if index.reasons(p.user_id, a.school)
    ]
    plan = plan_assignments(items, candidates, conflicts, per_application=per_application)
    by_app = {a.pk: a for a in applications}
    by_user = {p.user_id: p.user for p in profiles}
    for application_id, expert_id in plan.pairs:
        application = by_app[application_id]
        # The plan honours the conflicts; the check here guards the invariant at the door.
        assert not index.reasons(expert_id, application.school)
        _create_assignment(actor, application, by_user[expert_id], ReviewAssignment.Method.AUTO)
        application.refresh_from_db(fields=["status"])
    audit_record(
        actor=actor,
        action="round.assign_auto",
        obj=round_,
        after={"created": len(plan.pairs), "short": plan.short},
    )
    return plan
