"""Practice communities (实践研究共同体) and their events, with materials and photos."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, changed, snapshot
from yinling.core.models import School
from yinling.core.uploads import EVIDENCE_EXTENSIONS, UploadRejected, check_upload
from yinling.programmes.models import (
    CommunityMember,
    Domain,
    Event,
    EventAttachment,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
)
from yinling.programmes.services._common import raise_if, today

ERR_NAME_REQUIRED = gettext_noop("请填写共同体名称")
ERR_NAME_TAKEN = gettext_noop("本项目已有共同体“%(name)s”")
ERR_SCHOOL_OUTSIDE = gettext_noop("“%(school)s”不是本区学校")
ERR_LEAD_NOT_MEMBER = gettext_noop("牵头学校必须是共同体成员")
ERR_EVENT_TITLE = gettext_noop("请填写活动主题")
ERR_EVENT_PLACE = gettext_noop("请填写活动地点")
ERR_EVENT_COMMUNITY = gettext_noop("共同体不属于本项目")
ERR_NOT_A_MEMBER = gettext_noop("“%(school)s”不是本共同体的成员学校")
ERR_NOT_A_PHOTO = gettext_noop(
    "“%(name)s”不是照片（照片只能是 .jpg、.jpeg、.png）；如是活动材料，请把类型选为“材料”再上传"
)

PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png"}
COMMUNITY_FIELDS = ("name", "level", "domain", "lead_school", "description")
EVENT_FIELDS = ("community", "kind", "level", "title", "held_on", "place", "description")


def _check_schools(programme: Programme, schools: Iterable[School]) -> None:
    for school in schools:
        if programme.district_id is not None and school.district_id != programme.district_id:
            raise ValidationError(_(ERR_SCHOOL_OUTSIDE) % {"school": school.name})


def _check_participants(
    community: PracticeCommunity | None, schools: list[School], *, kept: Iterable[int] = ()
) -> None:
    """A community's event is attended by its member schools; schools already recorded on the
    event stay allowed after they leave the community (`kept`)."""
    if community is None:
        return
    allowed = set(community.members.values_list("pk", flat=True)) | set(kept)
    outside = [school.name for school in schools if school.pk not in allowed]
    if outside:
        raise ValidationError(
            {"participants": [_(ERR_NOT_A_MEMBER) % {"school": name} for name in outside]}
        )


def _validate_community(community: PracticeCommunity, members: list[School] | None) -> None:
    errors: dict[str, list[str]] = {}
    if not community.name:
        errors["name"] = [_(ERR_NAME_REQUIRED)]
    elif (
        PracticeCommunity.objects.filter(programme=community.programme_id, name=community.name)
        .exclude(pk=community.pk)
        .exists()
    ):
        errors["name"] = [_(ERR_NAME_TAKEN) % {"name": community.name}]
    if community.lead_school is not None and members is not None:
        if community.lead_school.pk not in {s.pk for s in members}:
            errors["lead_school"] = [_(ERR_LEAD_NOT_MEMBER)]
    raise_if(errors)


def _set_members(community: PracticeCommunity, schools: list[School], on: date) -> None:
    wanted = {s.pk for s in schools}
    CommunityMember.objects.filter(community=community).exclude(school_id__in=wanted).delete()
    have = set(
        CommunityMember.objects.filter(community=community).values_list("school_id", flat=True)
    )
    CommunityMember.objects.bulk_create(
        CommunityMember(community=community, school_id=pk, joined_on=on)
        for pk in sorted(wanted - have)
    )


@transaction.atomic
def community_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    level: str = PracticeCommunity.Level.DISTRICT,
    domain: Domain | None = None,
    lead_school: School | None = None,
    members: Iterable[School] = (),
    description: str = "",
    on: date | None = None,
) -> PracticeCommunity:
    """Form a practice community, with its member schools and lead school."""
    schools = list(members)
    if lead_school is not None and lead_school.pk not in {s.pk for s in schools}:
        schools.append(lead_school)
    _check_schools(programme, schools)
    community = PracticeCommunity(
        programme=programme,
        name=name.strip(),
        level=level,
        domain=domain,
        lead_school=lead_school,
        description=description.strip(),
    )
    _validate_community(community, schools)
    community.save()
    _set_members(community, schools, on or today())
    audit_record(
        actor=actor,
        action="community.create",
        obj=community,
        after={**snapshot(community, COMMUNITY_FIELDS), "members": sorted(s.pk for s in schools)},
    )
    return community


@transaction.atomic
def community_update(
    *,
    actor: Any,
    community: PracticeCommunity,
    members: Iterable[School] | None = None,
    on: date | None = None,
    **fields: Any,
) -> PracticeCommunity:
    """Change a community's details and, when given, its member schools."""
    unknown = set(fields) - set(COMMUNITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown community fields: {sorted(unknown)}")
    before = snapshot(community, COMMUNITY_FIELDS)
    before_members = sorted(community.members.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(community, name, value.strip() if isinstance(value, str) else value)
    schools = list(members) if members is not None else list(community.members.all())
    if community.lead_school is not None and community.lead_school.pk not in {
        s.pk for s in schools
    }:
        schools.append(community.lead_school)
    _check_schools(community.programme, schools)
    _validate_community(community, schools)
    old, new = changed(before, snapshot(community, COMMUNITY_FIELDS))
    if new:
        community.save(update_fields=list(new))
    _set_members(community, schools, on or today())
    after_members = sorted(s.pk for s in schools)
    if after_members != before_members:
        old["members"], new["members"] = before_members, after_members
    if new:
        audit_record(actor=actor, action="community.update", obj=community, before=old, after=new)
    return community


def suggest_communities(programme: Programme) -> list[tuple[Domain, list[School]]]:
    """The suggested grouping: one community per domain, of the project schools whose leading
    project is in that domain (the office edits it afterwards)."""
    groups: dict[int, tuple[Domain, list[School]]] = {}
    memberships = (
        ProgrammeSchool.objects.filter(
            programme=programme,
            status__in=ProgrammeSchool.ACTIVE,
            leading_project__domain__isnull=False,
        )
        .select_related("school", "leading_project__domain")
        .order_by("leading_project__domain__order", "school__code")
    )
    for membership in memberships:
        domain = membership.leading_project.domain
        groups.setdefault(domain.pk, (domain, []))[1].append(membership.school)
    return list(groups.values())


@transaction.atomic
def communities_create_suggested(*, actor: Any, programme: Programme) -> list[PracticeCommunity]:
    """Create the suggested communities by domain, skipping any whose name already exists."""
    created = []
    for domain, schools in suggest_communities(programme):
        name = _("%(domain)s实践研究共同体") % {"domain": domain.name}
        if PracticeCommunity.objects.filter(programme=programme, name=name).exists():
            continue
        created.append(
            community_create(
                actor=actor,
                programme=programme,
                name=name,
                domain=domain,
                lead_school=schools[0],
                members=schools,
            )
        )
    return created


def _validate_event(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if not event.title:
        errors["title"] = [_(ERR_EVENT_TITLE)]
    if not event.place:
        errors["place"] = [_(ERR_EVENT_PLACE)]
    if event.community is not None and event.community.programme_id != event.programme_id:
        errors["community"] = [_(ERR_EVENT_COMMUNITY)]
    raise_if(errors)


@transaction.atomic
def event_create(
    *,
    actor: Any,
    programme: Programme,
    community: PracticeCommunity | None,
    kind: str,
    level: str,
    title: str,
    held_on: date,
    place: str,
    description: str = "",
    participants: Iterable[School] = (),
) -> Event:
    """Record a community event (an exhibition 交流展示, a seminar) with its participants, who
    are member schools of the community."""
    schools = list(participants)
    _check_schools(programme, schools)
    _check_participants(community, schools)
    event = Event(
        programme=programme,
        community=community,
        kind=kind,
        level=level,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        description=description.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate_event(event)
    event.save()
    event.participants.set(schools)
    audit_record(
        actor=actor,
        action="event.create",
        obj=event,
        after={**snapshot(event, EVENT_FIELDS), "participants": sorted(s.pk for s in schools)},
    )
    return event


@transaction.atomic
def event_update(
    *, actor: Any, event: Event, participants: Iterable[School] | None = None, **fields: Any
) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    before = snapshot(event, EVENT_FIELDS)
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    _validate_event(event)
    old, new = changed(before, snapshot(event, EVENT_FIELDS))
    if new:
        event.save(update_fields=list(new))
    if participants is not None:
        schools = list(participants)
        _check_schools(event.programme, schools)
        previous = sorted(event.participants.values_list("pk", flat=True))
        _check_participants(event.community, schools, kept=previous)
        event.participants.set(schools)
        if previous != sorted(s.pk for s in schools):
            old["participants"], new["participants"] = previous, sorted(s.pk for s in schools)
    if new:
        audit_record(actor=actor, action="event.update", obj=event, before=old, after=new)
    return event


@transaction.atomic
def attachment_add(*, actor: Any, event: Event, upload: Any, kind: str) -> EventAttachment:
    """Attach a material or a photo to an event, after the upload checks (size and type)."""
    is_photo = kind == EventAttachment.Kind.PHOTO
    suffix = Path(upload.name or "").suffix.lower()
    if is_photo and suffix not in PHOTO_EXTENSIONS and suffix in EVIDENCE_EXTENSIONS:
        # A material uploaded under the wrong type: say so rather than "unsupported type".
        raise UploadRejected(_(ERR_NOT_A_PHOTO) % {"name": Path(upload.name).name})
    check_upload(upload, extensions=PHOTO_EXTENSIONS if is_photo else EVIDENCE_EXTENSIONS)
    name = Path(upload.name).name
    attachment = EventAttachment(
        event=event,
        kind=kind,
        name=name[:200],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="event.attachment_add",
        obj=event,
        after={"name": attachment.name, "kind": kind, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: EventAttachment) -> None:
    event = attachment.event
    summary = {"name": attachment.name, "kind": attachment.kind}
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))
    audit_record(actor=actor, action="event.attachment_remove", obj=event, before=summary)
