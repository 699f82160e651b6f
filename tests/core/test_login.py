from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD
from tests.personas import World
from yinling.core.forms_auth import ERR_LOGIN
from yinling.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(username: str, password: str, ip: str = "10.0.0.1") -> object:
    return Client().post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_a_person_logs_in_with_the_right_password(world: World) -> None:
    response = _login("school_admin", TEST_PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor=world.school_admin).exists()


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(world: World) -> None:
    wrong_password = _login("school_admin", "not-the-password").content.decode()
    unknown_account = _login("nobody-here", "not-the-password", ip="10.0.0.2").content.decode()
    assert str(ERR_LOGIN) in wrong_password
    assert str(ERR_LOGIN) in unknown_account


def test_five_failures_lock_the_account_even_from_another_address(world: World) -> None:
    for attempt in range(5):
        _login("school_admin", "wrong", ip=f"10.0.1.{attempt}")
    response = _login("school_admin", TEST_PASSWORD, ip="10.0.2.1")
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_five_failures_lock_the_address_for_every_account(world: World) -> None:
    for attempt in range(5):
        _login(f"guess{attempt}", "wrong", ip="10.0.3.3")
    assert _login("leader", TEST_PASSWORD, ip="10.0.3.3").status_code == 429


def test_four_failures_do_not_lock(world: World) -> None:
    for _ in range(4):
        _login("expert", "wrong", ip="10.0.4.4")
    assert _login("expert", TEST_PASSWORD, ip="10.0.4.4").status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(world: World) -> None:
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        _login("leader", "wrong", ip="10.0.5.5")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16)
    )
    assert _login("leader", TEST_PASSWORD, ip="10.0.5.5").status_code == 302


def test_failed_logins_are_audited_with_the_attempted_name(world: World) -> None:
    _login("someone", "wrong", ip="10.0.6.6")
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.object_repr == "someone"
    assert event.ip_address == "10.0.6.6"


def test_a_password_change_enforces_the_policy(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("school_admin").post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "至少" in response.content.decode() or "short" in response.content.decode()


def test_a_common_password_is_refused(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("school_admin").post(
        "/accounts/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "password123",
            "new_password2": "password123",
        },
    )
    assert response.status_code == 200
    world.school_admin.refresh_from_db()
    assert world.school_admin.check_password(TEST_PASSWORD)


def test_a_good_new_password_is_saved_and_audited(world: World, client_for) -> None:  # noqa: ANN001
    response = client_for("school_admin").post(
        "/accounts/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Qiang-xiao-gong-cheng-9",
            "new_password2": "Qiang-xiao-gong-cheng-9",
        },
    )
    assert response.status_code == 302
    world.school_admin.refresh_from_db()
    assert world.school_admin.check_password("Qiang-xiao-gong-cheng-9")
    assert AuditEvent.objects.filter(action="user.set_password", actor=world.school_admin).exists()
