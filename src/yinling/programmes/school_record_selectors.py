"""What a school did in its programmes and where it stands in them: the growth record (成长档案)
timeline and the school's status in each programme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from yinling.core.models import School
from yinling.programmes.models import Application, Event, ProgrammeSchool


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str
    title: str
    detail: str = ""
    application_id: int | None = None
    event_id: int | None = None
    evidence_id: int | None = None
    has_file: bool = False


def growth_record(membership: ProgrammeSchool, *, show_unreleased: bool) -> list[TimelineEntry]:
    """One timeline of what a school did in the programme: applications, decisions, status
    changes, events (newest first). Schools see decisions only once released."""
    from django.utils.translation import gettext as _

    school, programme = membership.school, membership.programme
    entries: list[TimelineEntry] = []
    applications = Application.objects.filter(round__programme=programme, school=school)
    for application in applications.prefetch_related("decisions", "versions"):
        app_id = application.pk
        for version in application.versions.all():
            if version.kind == "submitted":
                entries.append(
                    TimelineEntry(
                        version.saved_at.date(),
                        "application",
                        _("提交申报表（第 %(n)d 版）") % {"n": version.number},
                        application.project_name,
                        application_id=app_id,
                    )
                )
            if version.returned_at:
                entries.append(
                    TimelineEntry(
                        version.returned_at.date(),
                        "returned",
                        _("申报表退回修改"),
                        version.return_comment,
                        application_id=app_id,
                    )
                )
        if application.withdrawn_at is not None:
            entries.append(
                TimelineEntry(
                    timezone.localtime(application.withdrawn_at).date(),
                    "withdrawn",
                    _("申报已撤回"),
                    application.withdrawal_reason,
                    application_id=app_id if application.reached_office else None,
                )
            )
        for decision in application.decisions.all():
            if decision.released_at is None and not show_unreleased:
                continue
            entries.append(
                TimelineEntry(
                    (decision.released_at or decision.decided_at).date(),
                    "decision",
                    _("评审结论：%(outcome)s") % {"outcome": decision.get_outcome_display()},
                    decision.reason,
                    application_id=app_id,
                )
            )
    for change in membership.history.all():
        entries.append(
            TimelineEntry(
                change.changed_on,
                "status",
                _("项目校状态：%(status)s") % {"status": change.to_label},
                change.reason,
            )
        )
    events = (
        Event.objects.filter(programme=programme)
        .filter(Q(participants=school) | Q(community__members=school))
        .distinct()
        .select_related("community")
        .prefetch_related("attachments")
    )
    for event in events:
        attachments = list(event.attachments.all())
        detail = f"{event.place}" + (
            _("；附件 %(n)d 个") % {"n": len(attachments)} if attachments else ""
        )
        entries.append(
            TimelineEntry(
                event.held_on,
                "event",
                _("%(level)s%(kind)s：%(title)s")
                % {
                    "level": event.get_level_display(),
                    "kind": event.get_kind_display(),
                    "title": event.title,
                },
                detail,
                event_id=event.pk,
            )
        )
    for evidence in membership.evidence.all():
        entries.append(
            TimelineEntry(
                evidence.happened_on,
                "evidence",
                _("成长证据：%(title)s") % {"title": evidence.title},
                evidence.description,
                evidence_id=evidence.pk,
                has_file=bool(evidence.file),
            )
        )
    return sorted(entries, key=lambda e: e.day, reverse=True)


def school_programme_statuses(school: School) -> list[dict[str, str]]:
    """Where a school stands in each programme it belongs to, for its evaluation profile."""
    memberships = (
        ProgrammeSchool.objects.filter(school=school).select_related("programme").order_by("-since")
    )
    return [
        {
            "label": str(m.programme),
            "status": str(m.get_status_display()),
            "since": m.since.isoformat(),
        }
        for m in memberships
    ]
