"""The application form's workflow: start, save a draft, submit, return, start review,
withdraw; versions. Which moves exist, and who makes each, is `Application.TRANSITIONS`; every
service here asks `check_move` before it changes a status."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.models import School
from yinling.core.roles import principal_for
from yinling.programmes.models import (
    TEXT_FIELDS,
    Application,
    ApplicationRound,
    ApplicationVersion,
    Domain,
    GuideItem,
    Mover,
    ReviewAssignment,
)
from yinling.programmes.permissions import application_may_move
from yinling.programmes.services._common import now, raise_if, today
from yinling.programmes.textcount import Verdict, check_length
from yinling.programmes.validators import is_mainland_phone

ERR_NOT_ELIGIBLE = gettext_noop("“%(school)s”不在本项目的申报范围内（学段或办学性质不符）")
ERR_ALREADY_APPLIED = gettext_noop("本校在该批次已有申报，请继续填写原申报表")
ERR_ALREADY_PROJECT_SCHOOL = gettext_noop(
    "“%(school)s”已是本计划的项目校；本批次只面向尚未成为项目校的学校"
)
ERR_ROUND_NOT_OPEN = gettext_noop("申报尚未开始（%(opens)s 开始）")
ERR_ROUND_CLOSED = gettext_noop("申报已于 %(closes)s 截止，不能再提交")
ERR_NOT_EDITABLE = gettext_noop("申报表已提交，不能修改；如需修改请联系项目组退回")
ERR_WITHDRAWN = gettext_noop("申报已撤回，只能查看，不能再修改")
ERR_REQUIRED = gettext_noop("请填写“%(field)s”")
ERR_PHONE = gettext_noop("联系电话“%(value)s”不是有效的固定电话或手机号码")
ERR_TOO_LONG = gettext_noop(
    "“%(field)s”共 %(count)d 字，超过参考字数 %(limit)d 字的上限 %(hard)d 字，请精简"
)
ERR_GUIDE_ITEM_REQUIRED = gettext_noop("项目来源为“项目指南”时，请选择指南中的项目")
ERR_GUIDE_ITEM_FOR_SELF = gettext_noop("自选项目不需要选择指南项目")
ERR_OTHER_PROGRAMME = gettext_noop("“%(value)s”不属于本项目")
ERR_DOMAIN_MISMATCH = gettext_noop("所选指南项目属于“%(domain)s”领域")
ERR_WRONG_STATUS = gettext_noop("当前状态为“%(status)s”，不能%(action)s")
ERR_COMMENT_REQUIRED = gettext_noop("请填写退回意见，说明需要修改的内容")
ERR_MOVER = {
    Mover.SCHOOL_ADMIN: gettext_noop("只有申报学校的学校管理员可以%(action)s"),
    Mover.OFFICE: gettext_noop("只有项目组可以%(action)s"),
}
ERR_WITHDRAW_REASON = gettext_noop("请填写撤回原因")
ERR_WITHDRAW_REASON_LONG = gettext_noop("撤回原因请控制在 %(limit)d 字以内（现有 %(count)d 字）")

SCALAR_FIELDS = (
    "project_name",
    "leader_name",
    "liaison_name",
    "phone",
    "applied_on",
    "source",
    "guide_item",
    "domain",
)
TEXT_NAMES = tuple(name for name, _label, _limit in TEXT_FIELDS)
FORM_FIELDS = SCALAR_FIELDS + TEXT_NAMES
REQUIRED = (
    "project_name",
    "leader_name",
    "liaison_name",
    "phone",
    "source",
    "domain",
    *TEXT_NAMES,
)


def _label(field: str) -> str:
    return str(Application._meta.get_field(field).verbose_name)


def form_data(application: Application) -> dict[str, Any]:
    """The form's content as JSON: what a version keeps, with readable names beside the keys."""
    data: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = getattr(application, name)
        if name in {"guide_item", "domain"}:
            data[name] = value.pk if value else None
            data[f"{name}_label"] = str(value) if value else ""
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    data["school"] = application.school.name
    return data


def _upsert_draft_version(application: Application, actor: Any) -> ApplicationVersion:
    latest = application.versions.order_by("-number").first()
    data = form_data(application)
    saved_by = actor if getattr(actor, "is_authenticated", False) else None
    if latest is not None and latest.kind == ApplicationVersion.Kind.DRAFT:
        latest.data, latest.saved_by, latest.saved_at = data, saved_by, now()
        latest.save(update_fields=["data", "saved_by", "saved_at"])
        return latest
    return ApplicationVersion.objects.create(
        application=application,
        number=(latest.number + 1) if latest else 1,
        kind=ApplicationVersion.Kind.DRAFT,
        data=data,
        saved_by=saved_by,
        saved_at=now(),
    )


@transaction.atomic
def application_start(
    *, actor: Any, round_: ApplicationRound, school: School, on: date | None = None
) -> Application:
    """Open a blank application form for a school in an open round."""
    day = on or today()
    programme = round_.programme
    if not programme.school_is_eligible(school):
        raise ValidationError(_(ERR_NOT_ELIGIBLE) % {"school": school.name})
    if round_.closed_to(school):
        raise ValidationError(_(ERR_ALREADY_PROJECT_SCHOOL) % {"school": school.name})
    if round_.phase_on(day) == "upcoming":
        raise ValidationError(_(ERR_ROUND_NOT_OPEN) % {"opens": round_.opens_on.isoformat()})
    if round_.phase_on(day) == "closed":
        raise ValidationError(_(ERR_ROUND_CLOSED) % {"closes": round_.closes_on.isoformat()})
    taken = Application.objects.filter(round=round_, school=school)
    if taken.exclude(status=Application.Status.WITHDRAWN).exists():
        raise ValidationError(_(ERR_ALREADY_APPLIED))
    application = Application.objects.create(
        round=round_,
        school=school,
        applied_on=day,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action="application.start", obj=application)
    return application


def _check_references(application: Application, errors: dict[str, list[str]]) -> None:
    programme_id = application.round.programme_id
    domain: Domain | None = application.domain
    item: GuideItem | None = application.guide_item
    if domain is not None and domain.programme_id != programme_id:
        errors.setdefault("domain", []).append(_(ERR_OTHER_PROGRAMME) % {"value": domain})
    if item is not None:
        if item.domain.programme_id != programme_id:
            errors.setdefault("guide_item", []).append(_(ERR_OTHER_PROGRAMME) % {"value": item})
        elif application.source == Application.Source.SELF_SELECTED:
            errors.setdefault("guide_item", []).append(_(ERR_GUIDE_ITEM_FOR_SELF))
        elif domain is not None and item.domain_id != domain.pk:
            errors.setdefault("domain", []).append(
                _(ERR_DOMAIN_MISMATCH) % {"domain": item.domain.name}
            )


@transaction.atomic
def application_save_draft(
    *, actor: Any, application: Application, data: dict[str, Any], autosave: bool = False
) -> Application:
    """Save what the school typed so far. Drafts may be incomplete or over the limits (the form
    shows the warnings); only submission refuses. The working draft version follows along."""
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_(ERR_WITHDRAWN))
    if not application.is_editable:
        raise ValidationError(_(ERR_NOT_EDITABLE))
    unknown = set(data) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    changed_fields = []
    for name, value in data.items():
        if isinstance(value, str):
            value = value.strip() if name not in TEXT_NAMES else value.strip("\n\r ")
        if value is None and name not in {"guide_item", "domain", "applied_on"}:
            value = ""
        if getattr(application, name) != value:
            setattr(application, name, value)
            changed_fields.append(name)
    if application.source == Application.Source.GUIDE and application.guide_item is not None:
        if application.domain_id is None:
            application.domain = application.guide_item.domain
            changed_fields.append("domain")
    if application.source == Application.Source.SELF_SELECTED and application.guide_item_id:
        application.guide_item = None
        changed_fields.append("guide_item")
    errors: dict[str, list[str]] = {}
    _check_references(application, errors)
    raise_if(errors)
    if not changed_fields:
        return application
    application.save(update_fields=[*sorted(set(changed_fields)), "updated_at"])
    _upsert_draft_version(application, actor)
    audit_record(
        actor=actor,
        action="application.autosave" if autosave else "application.save_draft",
        obj=application,
        after={"fields": sorted(set(changed_fields))},
    )
    return application


def validate_complete(application: Application) -> dict[str, list[str]]:
    """Everything submission requires, as messages by field: required fields, the phone number,
    the guide item, and each text within the limit plus the office's tolerance."""
    errors: dict[str, list[str]] = {}
    for name in REQUIRED:
        value = getattr(application, name if name not in {"domain"} else "domain_id")
        if value in (None, ""):
            errors.setdefault(name, []).append(_(ERR_REQUIRED) % {"field": _label(name)})
    if application.phone and not is_mainland_phone(application.phone):
        errors.setdefault("phone", []).append(_(ERR_PHONE) % {"value": application.phone})
    if application.source == Application.Source.GUIDE and application.guide_item_id is None:
        errors.setdefault("guide_item", []).append(_(ERR_GUIDE_ITEM_REQUIRED))
    _check_references(application, errors)
    programme = application.round.programme
    for name, label, _default in TEXT_FIELDS:
        check = check_length(
            getattr(application, name),
            programme.limit_for(name),
            programme.text_tolerance_percent,
        )
        if check.verdict == Verdict.REFUSED:
            errors.setdefault(name, []).append(
                _(ERR_TOO_LONG)
                % {"field": label, "count": check.count, "limit": check.limit, "hard": check.hard}
            )
    return errors


def _refuse_status(application: Application, action: str) -> ValidationError:
    return ValidationError(
        _(ERR_WRONG_STATUS) % {"status": application.get_status_display(), "action": action}
    )


def _principal(actor: Any) -> Any:
    return None if actor is None else principal_for(actor)


def check_move(actor: Any, application: Application, to_status: str, action: str) -> None:
    """Refuse a move the workflow does not allow (see `Application.TRANSITIONS`): none from the
    application's status, or not by this actor. `action` names the move in the message."""
    mover = Application.TRANSITIONS[application.status].get(to_status)
    if mover is None:
        raise _refuse_status(application, action)
    if not application_may_move(_principal(actor), application, to_status):
        raise ValidationError(_(ERR_MOVER[mover]) % {"action": action})


def may_submit(actor: Any, application: Application) -> bool:
    """The school's admin submits; `None` is the system itself (the demo loader, data imports),
    never a web request, which always carries its user."""
    return application_may_move(_principal(actor), application, Application.Status.SUBMITTED)


@transaction.atomic
def application_submit(
    *, actor: Any, application: Application, on: date | None = None
) -> Application:
    """Submit the form: it locks, and the submitted version is kept as it is.

    A first submission must fall within the round; a returned application may be resubmitted
    after the round closed, since the office asked for the revision."""
    day = on or today()
    # A revised application goes straight back to the experts who read it before.
    back_to_reviewers = (
        application.status == Application.Status.RETURNED and application.assignments.exists()
    )
    to_status = (
        Application.Status.UNDER_REVIEW if back_to_reviewers else Application.Status.SUBMITTED
    )
    check_move(actor, application, to_status, _("提交"))
    round_ = application.round
    if application.status == Application.Status.DRAFT:
        if round_.phase_on(day) == "upcoming":
            raise ValidationError(_(ERR_ROUND_NOT_OPEN) % {"opens": round_.opens_on.isoformat()})
        if round_.phase_on(day) == "closed":
            raise ValidationError(_(ERR_ROUND_CLOSED) % {"closes": round_.closes_on.isoformat()})
    raise_if(validate_complete(application))
    before = application.status
    application.status = to_status
    application.submitted_at = now()
    fields = ["status", "submitted_at", "updated_at"]
    if application.applied_on is None:
        application.applied_on = day
        fields.append("applied_on")
    application.save(update_fields=fields)
    if back_to_reviewers:
        application.assignments.update(status="pending")
    version = _upsert_draft_version(application, actor)
    version.kind = ApplicationVersion.Kind.SUBMITTED
    version.save(update_fields=["kind"])
    audit_record(
        actor=actor,
        action="application.submit",
        obj=application,
        before={"status": before},
        after={"status": application.status, "version": version.number},
    )
    return application


def return_to_school(application: Application, comment: str) -> None:
    """Move to `returned` and attach the comment to the version the office read (no audit)."""
    application.status = Application.Status.RETURNED
    application.save(update_fields=["status", "updated_at"])
    version = (
        application.versions.filter(kind=ApplicationVersion.Kind.SUBMITTED)
        .order_by("-number")
        .first()
    )
    if version is not None:
        version.return_comment = comment
        version.returned_at = now()
        version.save(update_fields=["return_comment", "returned_at"])


@transaction.atomic
def application_return(*, actor: Any, application: Application, comment: str) -> Application:
    """The office sends a submitted application back to the school for revision, with comments."""
    comment = comment.strip()
    check_move(actor, application, Application.Status.RETURNED, _("退回"))
    if not comment:
        raise ValidationError({"comment": _(ERR_COMMENT_REQUIRED)})
    before = application.status
    return_to_school(application, comment)
    audit_record(
        actor=actor,
        action="application.return",
        obj=application,
        before={"status": before},
        after={"status": application.status, "comment": comment},
    )
    return application


@transaction.atomic
def application_start_review(*, actor: Any, application: Application) -> Application:
    """Move a submitted application into review (done by the first assignment)."""
    if application.status != Application.Status.SUBMITTED:
        raise _refuse_status(application, _("进入评审"))
    check_move(actor, application, Application.Status.UNDER_REVIEW, _("进入评审"))
    application.status = Application.Status.UNDER_REVIEW
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="application.start_review",
        obj=application,
        before={"status": Application.Status.SUBMITTED},
        after={"status": application.status},
    )
    return application


WITHDRAWAL_REASON_LIMIT = Application._meta.get_field("withdrawal_reason").max_length


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, reason: str) -> Application:
    """The school gives its application up (撤回申报) before review starts, saying why.

    The application becomes read-only and leaves the review pools (assignments nobody has
    scored are removed); it no longer counts as the school's application in the round, so the
    school may start a new one while the round is open. The reason stays on the application."""
    reason = reason.strip()
    check_move(actor, application, Application.Status.WITHDRAWN, _("撤回"))
    if not reason:
        raise ValidationError({"reason": _(ERR_WITHDRAW_REASON)})
    if len(reason) > WITHDRAWAL_REASON_LIMIT:
        raise ValidationError(
            {
                "reason": _(ERR_WITHDRAW_REASON_LONG)
                % {"limit": WITHDRAWAL_REASON_LIMIT, "count": len(reason)}
            }
        )
    before = application.status
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = now()
    application.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    application.withdrawal_reason = reason
    application.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "updated_at",
        ]
    )
    # Scores an expert gave an earlier version stay, as history; untouched tasks go.
    unscored = application.assignments.filter(
        status=ReviewAssignment.Status.PENDING, scores__isnull=True
    )
    released_experts = sorted(unscored.values_list("expert_id", flat=True))
    ReviewAssignment.objects.filter(pk__in=list(unscored.values_list("pk", flat=True))).delete()
    audit_record(
        actor=actor,
        action="application.withdraw",
        obj=application,
        before={"status": before},
        after={
            "status": application.status,
            "reason": reason,
            "assignments_removed": released_experts,
        },
    )
    return application


# --- comparing versions ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    changed: bool
    segments: list[tuple[str, str]]  # (op, text): op is "equal", "insert" or "delete"


def compare_versions(old: ApplicationVersion, new: ApplicationVersion) -> list[FieldDiff]:
    """A per-field, character-level comparison of two versions (difflib)."""
    diffs = []
    for name in FORM_FIELDS:
        key = f"{name}_label" if name in {"guide_item", "domain"} else name
        if name == "source":
            a = _source_label(old.data.get(name))
            b = _source_label(new.data.get(name))
        else:
            a, b = str(old.data.get(key) or ""), str(new.data.get(key) or "")
        segments: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                segments.append(("equal", a[i1:i2]))
            if op in {"delete", "replace"}:
                segments.append(("delete", a[i1:i2]))
            if op in {"insert", "replace"}:
                segments.append(("insert", b[j1:j2]))
        diffs.append(FieldDiff(name, _label(name), a != b, segments))
    return diffs


def _source_label(value: Any) -> str:
    return str(Application.Source(value).label) if value else ""
