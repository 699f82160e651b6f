"""Access rules of the programmes app, registered with the one gate (yinling.core.permissions).

Offices (district admin, programme officer) run their district's programmes; leaders read them;
schools see and fill only their own applications; experts see only what is assigned to them, and
nobody but the office sees scores before the office releases them. City-level programmes have no
district office in this system: every reader may read them, only a superuser may change them; a
school's growth record in one is read only within the school's own district.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from yinling.core.models import Region, Role, School
from yinling.core.permissions import is_office, is_reader, rule
from yinling.core.roles import Principal
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    Event,
    ExpertProfile,
    Mover,
    Pairing,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
    ReviewAssignment,
)

SCHOOL_ROLES = (Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF)


def programme_of(obj: Any) -> Programme | None:
    if isinstance(obj, Programme):
        return obj
    if isinstance(obj, Application):
        return obj.round.programme
    if isinstance(obj, ReviewAssignment):
        return obj.application.round.programme
    for attribute in ("programme", "round"):
        value = getattr(obj, attribute, None)
        if isinstance(value, Programme):
            return value
        if isinstance(value, ApplicationRound):
            return value.programme
    return None


def office_of(p: Principal, obj: Any) -> bool:
    """Office of the district the object's programme belongs to (never of a city programme)."""
    if obj is None:
        return is_office(p)
    programme = programme_of(obj)
    return programme is not None and programme.district_id is not None and is_office(p, programme)


def reader_of(p: Principal, obj: Any) -> bool:
    if obj is None:
        return is_reader(p)
    programme = programme_of(obj)
    if programme is None:
        return False
    if programme.district_id is None:
        return is_reader(p)
    return is_reader(p, programme)


def member_of_school(p: Principal, school_id: int | None, *roles: str) -> bool:
    return school_id is not None and school_id in p.school_ids(*(roles or SCHOOL_ROLES))


def assigned(p: Principal, application: Application) -> bool:
    return (
        p.has_role(Role.EXPERT)
        and ReviewAssignment.objects.filter(application=application, expert_id=p.user.pk).exists()
    )


def application_may_move(p: Principal | None, application: Application, to_status: str) -> bool:
    """The application workflow's one rule: may `p` move `application` to `to_status`? The move
    must be in `Application.TRANSITIONS`, and `p` the one who makes it there: an admin of the
    applying school, or the office of the programme's district. `None` is the system itself
    (the demo loader, data imports), never a web request; superusers make every move."""
    mover = Application.TRANSITIONS.get(application.status, {}).get(to_status)
    if mover is None:
        return False
    if p is None or p.is_superuser:
        return True
    if mover == Mover.SCHOOL_ADMIN:
        return member_of_school(p, application.school_id, Role.SCHOOL_ADMIN)
    return office_of(p, application)


# Experts score an application while it is in review: sent in, not withdrawn, and no decision on
# this submission released yet. `scoring_closed` says why not otherwise; the scoring service
# refuses with that message and the scoring page turns read-only with it.
SCORING_STATUSES = (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)
SCORING_WITHDRAWN = gettext_noop("学校已撤回该申报，评审已结束")
SCORING_RELEASED = gettext_noop("评审结果已发布，不能再修改评分")
SCORING_LEFT_REVIEW = gettext_noop("该申报已不在评审中，不能再修改评分")


def scoring_closed(application: Application) -> str | None:
    """Why experts may no longer score `application` (a message id, to translate), or None while
    they may."""
    if application.status == Application.Status.WITHDRAWN:
        return SCORING_WITHDRAWN
    if application.result_released():
        return SCORING_RELEASED
    if application.status not in SCORING_STATUSES:
        return SCORING_LEFT_REVIEW
    return None


@rule("programmes.view")
def _view(p: Principal, obj: Any) -> bool:
    return reader_of(p, obj)


@rule("programmes.manage")
def _manage(p: Principal, obj: Any) -> bool:
    return office_of(p, obj)


@rule("programmes.school_home")
def _school_home(p: Principal, obj: Any) -> bool:
    return p.has_role(*SCHOOL_ROLES)


@rule("programmes.apply")
def _apply(p: Principal, obj: Any) -> bool:
    """Start an application: obj is the school (None: any school role)."""
    if obj is None:
        return p.has_role(*SCHOOL_ROLES)
    return isinstance(obj, School) and member_of_school(p, obj.pk)


@rule("programmes.application_view")
def _application_view(p: Principal, application: Application) -> bool:
    if member_of_school(p, application.school_id):
        return True
    if not application.reached_office:
        return False  # a draft, even a withdrawn one, is the school's own work
    return reader_of(p, application) or assigned(p, application)


@rule("programmes.application_edit")
def _application_edit(p: Principal, application: Application) -> bool:
    return application.is_editable and member_of_school(p, application.school_id)


@rule("programmes.application_submit")
def _application_submit(p: Principal, application: Application) -> bool:
    return application_may_move(p, application, Application.Status.SUBMITTED)


@rule("programmes.application_withdraw")
def _application_withdraw(p: Principal, application: Application) -> bool:
    """The applying school's admin withdraws (撤回申报) until review starts."""
    return application_may_move(p, application, Application.Status.WITHDRAWN)


@rule("programmes.scores_view")
def _scores_view(p: Principal, application: Application) -> bool:
    """Scores and experts' comments: the office always; others once the result is released."""
    if reader_of(p, application):
        return application.reached_office
    if member_of_school(p, application.school_id) or assigned(p, application):
        return application.result_released()
    return False


@rule("programmes.review_home")
def _review_home(p: Principal, obj: Any) -> bool:
    return p.has_role(Role.EXPERT)


@rule("programmes.review")
def _review(p: Principal, assignment: ReviewAssignment) -> bool:
    return p.has_role(Role.EXPERT) and assignment.expert_id == p.user.pk


@rule("programmes.expert_manage")
def _expert_manage(p: Principal, obj: Any) -> bool:
    if obj is None:
        return is_office(p)
    if isinstance(obj, ExpertProfile):
        return is_office(p, obj.district)
    if isinstance(obj, Region):
        return is_office(p, obj)
    return office_of(p, obj)


def _community_school_ids(community: PracticeCommunity) -> set[int]:
    return set(community.members.values_list("pk", flat=True))


@rule("programmes.community_view")
def _community_view(p: Principal, community: PracticeCommunity) -> bool:
    if reader_of(p, community):
        return True
    return bool(_community_school_ids(community) & p.school_ids(*SCHOOL_ROLES))


@rule("programmes.event_record")
def _event_record(p: Principal, community: PracticeCommunity) -> bool:
    """The office, or a member school, records the community's events."""
    if office_of(p, community):
        return True
    return bool(_community_school_ids(community) & p.school_ids(*SCHOOL_ROLES))


@rule("programmes.event_view")
def _event_view(p: Principal, event: Event) -> bool:
    if reader_of(p, event):
        return True
    schools = set(event.participants.values_list("pk", flat=True))
    if event.community_id:
        schools |= _community_school_ids(event.community)
    return bool(schools & p.school_ids(*SCHOOL_ROLES))


@rule("programmes.event_edit")
def _event_edit(p: Principal, event: Event) -> bool:
    if office_of(p, event):
        return True
    return event.community is not None and _event_record(p, event.community)


@rule("programmes.growth_record")
def _growth_record(p: Principal, membership: ProgrammeSchool) -> bool:
    """A school's growth record (成长档案) is the school's own, read by its district: the school,
    and the office and leaders of the school's district. Reading a city programme does not open
    the records of other districts' schools in it."""
    return is_reader(p, membership.school) or member_of_school(p, membership.school_id)


@rule("programmes.pairing_manage")
def _pairing_manage(p: Principal, obj: Any) -> bool:
    """Pairings (支援校 / 结对校) between schools of the office's district."""
    if obj is None:
        return is_office(p)
    if isinstance(obj, Pairing):
        return is_office(p, obj.school) and is_office(p, obj.partner)
    return isinstance(obj, School) and is_office(p, obj)


@rule("programmes.evidence_add")
def _evidence_add(p: Principal, membership: ProgrammeSchool) -> bool:
    """The school keeps its own growth record; the office may add to it too."""
    return office_of(p, membership) or member_of_school(p, membership.school_id)
