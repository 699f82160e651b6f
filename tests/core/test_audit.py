from __future__ import annotations

import pytest
from django.db import connection

from tests.personas import World
from yinling.core import services
from yinling.core.models import AuditEvent, Role
from yinling.core.models.audit import AppendOnlyError
from yinling.core.services.school_import import school_import

pytestmark = pytest.mark.django_db


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_creating_a_school_records_who_did_it_and_what(world: World) -> None:
    services.school_create(
        actor=world.district_admin,
        district=world.district,
        name="上海市宝山区新校",
        code="NEW001",
        stage="primary",
    )
    event = _last("school.create")
    assert event.actor == world.district_admin
    assert event.after["code"] == "NEW001"


def test_updating_a_school_records_only_the_fields_that_changed(world: World) -> None:
    services.school_update(actor=world.district_admin, school=world.school_a, address="友谊路1号")
    event = _last("school.update")
    assert event.after == {"address": "友谊路1号"}
    assert event.before == {"address": ""}


def test_an_update_that_changes_nothing_records_nothing(world: World) -> None:
    before = AuditEvent.objects.count()
    services.school_update(
        actor=world.district_admin, school=world.school_a, name=world.school_a.name
    )
    assert AuditEvent.objects.count() == before


def test_department_writes_are_audited(world: World) -> None:
    department = services.department_create(
        actor=world.district_admin, district=world.district, name="区科委"
    )
    services.department_update(actor=world.district_admin, department=department, short_name="科委")
    assert {"department.create", "department.update"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_user_writes_are_audited_without_the_password(world: World) -> None:
    user = services.user_create(
        actor=world.district_admin,
        username="newbie",
        full_name="新人",
        password="Long-enough-pass-99",
    )
    services.user_update(actor=world.district_admin, user=user, phone="13812345678")
    services.user_set_password(
        actor=world.district_admin, user=user, password="Another-long-pass-77"
    )
    events = AuditEvent.objects.filter(object_id=str(user.pk), object_type="core.user")
    assert {"user.create", "user.update", "user.set_password"} <= set(
        events.values_list("action", flat=True)
    )
    assert "Long-enough" not in str(list(events.values_list("after", flat=True)))


def test_role_grants_and_revocations_are_audited(world: World) -> None:
    membership = services.membership_grant(
        actor=world.district_admin, user=world.outsider, role=Role.EXPERT, region=world.district
    )
    services.membership_revoke(actor=world.district_admin, membership=membership)
    actions = set(
        AuditEvent.objects.filter(object_id=str(world.outsider.pk)).values_list("action", flat=True)
    )
    assert {"membership.grant", "membership.revoke"} <= actions


def test_a_school_import_is_audited(world: World, tmp_path) -> None:  # noqa: ANN001
    from tests.core.spreadsheets import workbook

    school_import(
        actor=world.district_admin,
        stream=workbook([["A1", "上海市宝山区导入校", "", "小学", "公办", "宝山区", "", ""]]),
        allowed_district_ids={world.district.pk},
    )
    assert _last("school.import").after == {"created": 1, "updated": 0}


def test_an_audit_event_cannot_be_changed(world: World) -> None:
    event = services.school_create(
        actor=None, district=world.district, name="x校", code="X1", stage="primary"
    )
    audit = _last("school.create")
    audit.action = "tampered"
    with pytest.raises(AppendOnlyError):
        audit.save()
    assert event.pk


def test_audit_events_cannot_be_deleted_or_bulk_updated(world: World) -> None:
    services.school_create(
        actor=None, district=world.district, name="y校", code="Y1", stage="primary"
    )
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        _last("school.create").delete()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's"
)
def test_postgresql_refuses_raw_updates_of_the_audit_table(world: World) -> None:
    from django.db import DatabaseError, transaction

    services.school_create(
        actor=None, district=world.district, name="z校", code="Z1", stage="primary"
    )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'x'")


def test_the_audit_page_filters_by_action(world: World, client_for) -> None:  # noqa: ANN001
    services.school_create(
        actor=world.district_admin,
        district=world.district,
        name="筛选校",
        code="F1",
        stage="primary",
    )
    services.department_create(actor=world.district_admin, district=world.district, name="区财政局")
    response = client_for("district_admin").get("/audit/", {"action": "department"})
    assert "区财政局" in response.content.decode()
    assert "筛选校" not in response.content.decode()


def test_the_audit_page_records_the_client_address(world: World, client_for) -> None:  # noqa: ANN001
    client = client_for("district_admin")
    client.post(
        "/org/departments/new/",
        {
            "name": "区民政局",
            "kind": "government",
            "district": world.district.pk,
            "is_active": "on",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert _last("department.create").ip_address == "10.1.2.3"
