"""Reads that several pages share, scoped to what the user may see."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yinling.core.audit_display import audit_action_filter
from yinling.core.models import AuditEvent, Department, Region, Role, School, User
from yinling.core.roles import principal_for


def districts_for(user: Any, *roles: str) -> QuerySet[Region]:
    """Districts where the user holds one of the roles (all districts for a superuser)."""
    districts = Region.objects.filter(kind=Region.Kind.DISTRICT)
    if user.is_superuser:
        return districts
    return districts.filter(pk__in=principal_for(user).district_ids(*roles))


def readable_districts(user: Any) -> QuerySet[Region]:
    return districts_for(user, Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER, Role.LEADER)


def managed_districts(user: Any) -> QuerySet[Region]:
    return districts_for(user, Role.DISTRICT_ADMIN)


def school_list(user: Any, *, q: str = "", district_id: int | None = None) -> QuerySet[School]:
    schools = School.objects.filter(district__in=readable_districts(user)).select_related(
        "district"
    )
    if district_id:
        schools = schools.filter(district_id=district_id)
    if q:
        schools = schools.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__icontains=q)
        )
    return schools


def department_list(user: Any, *, district_id: int | None = None) -> QuerySet[Department]:
    departments = Department.objects.filter(district__in=readable_districts(user)).select_related(
        "district"
    )
    if district_id:
        departments = departments.filter(district_id=district_id)
    return departments


def user_list(user: Any, *, q: str = "") -> QuerySet[User]:
    """People with a role in the admin's districts, plus accounts that have no role yet."""
    districts = list(managed_districts(user).values_list("pk", flat=True))
    in_districts = (
        Q(memberships__region__in=districts)
        | Q(memberships__school__district__in=districts)
        | Q(memberships__department__district__in=districts)
        | Q(memberships__isnull=True)
    )
    users = User.objects.filter(in_districts)
    if not getattr(user, "is_superuser", False):
        users = users.exclude(is_superuser=True)  # only a superuser manages a superuser
    users = users.distinct().annotate(role_count=Count("memberships", distinct=True))
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    return users.order_by("username")


def audit_events(
    *, q: str = "", action: str = "", date_from: date | None = None, date_to: date | None = None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if q:
        events = events.filter(Q(actor_name__icontains=q) | Q(object_repr__icontains=q))
    if action:
        events = events.filter(audit_action_filter(action))
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        events = events.filter(
            created_at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
        )
    return events
