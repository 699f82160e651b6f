"""Project schools (项目校): admission on approval, and status moves with their history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.models import School
from yinling.core.uploads import EVIDENCE_EXTENSIONS, check_upload
from yinling.programmes.models import (
    Application,
    GrowthEvidence,
    Programme,
    ProgrammeSchool,
    ProgrammeSchoolStatusChange,
)
from yinling.programmes.services._common import today

ERR_TRANSITION = gettext_noop("不能从“%(from)s”改为“%(to)s”")
ERR_REASON = gettext_noop("请填写状态变更原因")
ERR_EVIDENCE_TITLE = gettext_noop("请填写事项")
ERR_EVIDENCE_FUTURE = gettext_noop("日期不能晚于今天")


def _history(
    membership: ProgrammeSchool, from_status: str, to_status: str, on: date, reason: str, actor: Any
) -> None:
    ProgrammeSchoolStatusChange.objects.create(
        membership=membership,
        from_status=from_status,
        to_status=to_status,
        changed_on=on,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def programme_school_admit(
    *,
    actor: Any,
    programme: Programme,
    school: School,
    application: Application | None = None,
    reason: str = "",
    on: date | None = None,
) -> ProgrammeSchool:
    """Make a school a project school of the programme (or bring a former one back)."""
    day = on or today()
    membership = ProgrammeSchool.objects.filter(programme=programme, school=school).first()
    if membership is None:
        membership = ProgrammeSchool.objects.create(
            programme=programme,
            school=school,
            status=ProgrammeSchool.Status.PROJECT,
            since=day,
            leading_project=application,
        )
        _history(membership, "", membership.status, day, reason, actor)
        audit_record(
            actor=actor,
            action="programme_school.admit",
            obj=membership,
            after={"status": membership.status, "application": getattr(application, "pk", None)},
        )
        return membership
    if application is not None and membership.leading_project_id != application.pk:
        membership.leading_project = application
        membership.save(update_fields=["leading_project"])
    if membership.status not in ProgrammeSchool.ACTIVE:
        programme_school_transition(
            actor=actor,
            membership=membership,
            to_status=ProgrammeSchool.Status.PROJECT,
            reason=reason or _("重新立项"),
            on=day,
        )
    return membership


@transaction.atomic
def programme_school_transition(
    *, actor: Any, membership: ProgrammeSchool, to_status: str, reason: str, on: date | None = None
) -> ProgrammeSchool:
    """Move a project school to another status; the move is kept in its history."""
    reason = reason.strip()
    if to_status not in ProgrammeSchool.TRANSITIONS.get(membership.status, set()):
        raise ValidationError(
            _(ERR_TRANSITION)
            % {
                "from": membership.get_status_display(),
                "to": ProgrammeSchool.Status(to_status).label,
            }
        )
    if not reason:
        raise ValidationError({"reason": _(ERR_REASON)})
    day = on or today()
    before = membership.status
    membership.status, membership.since = to_status, day
    membership.save(update_fields=["status", "since"])
    _history(membership, before, to_status, day, reason, actor)
    audit_record(
        actor=actor,
        action="programme_school.transition",
        obj=membership,
        before={"status": before},
        after={"status": to_status, "reason": reason},
    )
    return membership


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    membership: ProgrammeSchool,
    title: str,
    happened_on: date,
    description: str = "",
    upload: Any = None,
) -> GrowthEvidence:
    """Add an entry to a school's growth record, with an optional file (checked for size and
    type before anything is written)."""
    title = title.strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_(ERR_EVIDENCE_TITLE)]
    if happened_on > today():
        errors["happened_on"] = [_(ERR_EVIDENCE_FUTURE)]
    if errors:
        raise ValidationError(errors)
    if upload is not None:
        check_upload(upload, extensions=EVIDENCE_EXTENSIONS)
    evidence = GrowthEvidence(
        membership=membership,
        title=title,
        happened_on=happened_on,
        description=description.strip(),
        added_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if upload is not None:
        name = Path(upload.name).name
        evidence.file_name = name[:200]
        evidence.file.save(name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="evidence.add",
        obj=membership,
        after={"title": title, "happened_on": happened_on.isoformat(), "file": evidence.file_name},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: GrowthEvidence) -> None:
    membership = evidence.membership
    summary = {"title": evidence.title, "file": evidence.file_name}
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
    audit_record(actor=actor, action="evidence.remove", obj=membership, before=summary)
