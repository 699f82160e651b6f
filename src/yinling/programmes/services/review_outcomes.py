"""What comes of a review: experts' scores against the rubric, the office's decisions, and their
release to schools. Who reviews what is set up in review_setup."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    Decision,
    ReviewAssignment,
    ReviewScore,
    RubricCriterion,
)
from yinling.programmes.permissions import SCORING_RELEASED, SCORING_WITHDRAWN, scoring_closed
from yinling.programmes.services._common import now, raise_if
from yinling.programmes.services.applications import check_move, return_to_school
from yinling.programmes.services.memberships import programme_school_admit
from yinling.programmes.services.review_setup import REVIEWABLE

ERR_NOT_YOUR_ASSIGNMENT = gettext_noop("这不是您的评审任务")
ERR_REVIEW_CLOSED = SCORING_RELEASED
ERR_REVIEW_WITHDRAWN = SCORING_WITHDRAWN
ERR_NO_RUBRIC = gettext_noop("该批次尚未设置评分细则，请联系项目组")
ERR_SCORE_MISSING = gettext_noop("请为“%(criterion)s”打分")
ERR_SCORE_NOT_A_NUMBER = gettext_noop("“%(criterion)s”的分数“%(value)s”不是数字")
ERR_SCORE_OUT_OF_SCALE = gettext_noop(
    "“%(criterion)s”的分数 %(value)s 超出评分范围 %(min)s—%(max)s"
)
ERR_REASON_REQUIRED = gettext_noop("请填写结论理由")
ERR_NOT_DECIDABLE = gettext_noop("申报状态为“%(status)s”，不能作出结论")
ERR_ALREADY_RELEASED = gettext_noop("该结论已经发布")


def plain(number: Decimal) -> str:
    """10.0 -> "10", 7.50 -> "7.5": numbers as people write them."""
    return format(number.normalize(), "f")


# --- scoring -----------------------------------------------------------------------------------


def _parse_score(criterion: RubricCriterion, value: Any) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {
                f"criterion_{criterion.pk}": _(ERR_SCORE_NOT_A_NUMBER)
                % {"criterion": criterion.name, "value": value}
            }
        ) from exc


@transaction.atomic
def review_submit(
    *,
    actor: Any,
    assignment: ReviewAssignment,
    scores: dict[int, Any],
    comment_to_school: str = "",
    comment_to_office: str = "",
) -> ReviewAssignment:
    """An expert scores an assigned application against the round's rubric, with comments.
    The expert may revise the scores while `scoring_closed` allows: until the office releases
    the result, the application leaves review, or the school withdraws it."""
    if assignment.expert_id != getattr(actor, "pk", None):
        raise ValidationError(_(ERR_NOT_YOUR_ASSIGNMENT))
    application = assignment.application
    closed = scoring_closed(application)
    if closed is not None:
        raise ValidationError(_(closed))
    rubric = application.round.rubric
    if rubric is None:
        raise ValidationError(_(ERR_NO_RUBRIC))
    criteria = list(rubric.criteria.all())
    errors: dict[str, list[str]] = {}
    parsed: dict[int, Decimal] = {}
    for criterion in criteria:
        key = f"criterion_{criterion.pk}"
        raw = scores.get(criterion.pk)
        if raw is None or str(raw).strip() == "":
            errors[key] = [_(ERR_SCORE_MISSING) % {"criterion": criterion.name}]
            continue
        try:
            value = _parse_score(criterion, raw)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if not rubric.scale_min <= value <= rubric.scale_max:
            errors[key] = [
                _(ERR_SCORE_OUT_OF_SCALE)
                % {
                    "criterion": criterion.name,
                    "value": plain(value),
                    "min": plain(rubric.scale_min),
                    "max": plain(rubric.scale_max),
                }
            ]
            continue
        parsed[criterion.pk] = value
    raise_if(errors)
    for criterion in criteria:
        ReviewScore.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"score": parsed[criterion.pk]}
        )
    weights = sum(c.weight for c in criteria)
    total = sum(c.weight * parsed[c.pk] for c in criteria) / weights
    assignment.total = total.quantize(Decimal("0.01"))
    assignment.status = ReviewAssignment.Status.SUBMITTED
    assignment.submitted_at = now()
    assignment.comment_to_school = comment_to_school.strip()
    assignment.comment_to_office = comment_to_office.strip()
    assignment.save(
        update_fields=["total", "status", "submitted_at", "comment_to_school", "comment_to_office"]
    )
    audit_record(
        actor=actor,
        action="review.submit",
        obj=assignment,
        after={"total": str(assignment.total)},
    )
    return assignment


# --- decisions ---------------------------------------------------------------------------------

# Where releasing each outcome moves the application (see Application.TRANSITIONS).
RELEASED_STATUS = {
    Decision.Outcome.APPROVE: Application.Status.APPROVED,
    Decision.Outcome.REJECT: Application.Status.REJECTED,
    Decision.Outcome.REVISE: Application.Status.RETURNED,
}


@transaction.atomic
def decision_record(*, actor: Any, application: Application, outcome: str, reason: str) -> Decision:
    """Record (or change, until released) the office's decision on an application."""
    reason = reason.strip()
    if application.status not in REVIEWABLE:
        raise ValidationError(_(ERR_NOT_DECIDABLE) % {"status": application.get_status_display()})
    if not reason:
        raise ValidationError({"reason": _(ERR_REASON_REQUIRED)})
    decision = application.decisions.filter(released_at__isnull=True).first()
    before = None
    if decision is None:
        decision = Decision(application=application)
    else:
        before = {"outcome": decision.outcome, "reason": decision.reason}
    decision.outcome, decision.reason = outcome, reason
    decision.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    decision.decided_at = now()
    decision.save()
    audit_record(
        actor=actor,
        action="decision.record",
        obj=application,
        before=before,
        after={"outcome": outcome, "reason": reason},
    )
    return decision


@transaction.atomic
def decision_release(*, actor: Any, decision: Decision, on: date | None = None) -> Decision:
    """Release a decision to the school: it takes effect (approval makes the school a project
    school; revision returns the form) and the scores and comments become visible."""
    if decision.released_at is not None:
        raise ValidationError(_(ERR_ALREADY_RELEASED))
    application = decision.application
    if application.status not in REVIEWABLE:
        raise ValidationError(_(ERR_NOT_DECIDABLE) % {"status": application.get_status_display()})
    check_move(actor, application, RELEASED_STATUS[decision.outcome], _("发布结论"))
    before = application.status
    if decision.outcome == Decision.Outcome.APPROVE:
        application.status = Application.Status.APPROVED
        application.save(update_fields=["status", "updated_at"])
        programme_school_admit(
            actor=actor,
            programme=application.round.programme,
            school=application.school,
            application=application,
            reason=_("引领项目“%(name)s”立项") % {"name": application.project_name},
            on=on,
        )
    elif decision.outcome == Decision.Outcome.REJECT:
        application.status = Application.Status.REJECTED
        application.save(update_fields=["status", "updated_at"])
    else:
        return_to_school(application, decision.reason)
    decision.released_at = now()
    decision.released_by = actor if getattr(actor, "is_authenticated", False) else None
    decision.save(update_fields=["released_at", "released_by"])
    audit_record(
        actor=actor,
        action="decision.release",
        obj=application,
        before={"status": before},
        after={"status": application.status, "outcome": decision.outcome},
    )
    return decision


@transaction.atomic
def round_release_results(*, actor: Any, round_: ApplicationRound, on: date | None = None) -> int:
    """Release every decision of the round that is still pending; returns how many. A decision on
    an application that has left review since (returned, withdrawn) stays unreleased."""
    pending = Decision.objects.filter(
        Q(application__round=round_),
        released_at__isnull=True,
        application__status__in=REVIEWABLE,
    ).select_related("application", "application__school", "application__round__programme")
    count = 0
    for decision in pending:
        decision_release(actor=actor, decision=decision, on=on)
        count += 1
    audit_record(actor=actor, action="round.release_results", obj=round_, after={"count": count})
    return count
