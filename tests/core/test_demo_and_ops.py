from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from yinling.core.models import AuditEvent, Department, Region, RoleMembership, School, User

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, object]:
    return {
        "regions": sorted(Region.objects.values_list("code", "name")),
        "schools": sorted(School.objects.values_list("code", "name", "stage", "district__code")),
        "departments": sorted(Department.objects.values_list("district__code", "name")),
        "users": sorted(User.objects.values_list("username", "full_name")),
        "roles": sorted(RoleMembership.objects.values_list("user__username", "role")),
    }


def test_load_demo_twice_gives_the_same_data() -> None:
    call_command("load_demo", stdout=StringIO())
    first = _snapshot()
    events = AuditEvent.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert _snapshot() == first
    assert AuditEvent.objects.count() == events


def test_load_demo_has_the_eight_experimental_schools_of_minhang() -> None:
    call_command("load_demo", stdout=StringIO())
    names = set(
        School.objects.filter(district__name="闵行区", is_demo=False).values_list("name", flat=True)
    )
    assert {
        "上海市马桥强恕学校",
        "上海市龙柏中学",
        "上海市古美学校",
        "华东理工大学附属闵行梅陇实验学校",
    } <= names
    assert len(names) == 8


def test_load_demo_marks_invented_schools_as_demo_data() -> None:
    call_command("load_demo", stdout=StringIO())
    invented = School.objects.filter(is_demo=True)
    assert invented.filter(district__name="宝山区").count() >= 40
    assert all("演示" in s.name for s in invented)


def test_load_demo_prints_an_account_for_every_role() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    for label in (
        "区管理员",
        "项目组",
        "学校管理员",
        "学校教师",
        "专家",
        "部门填报人",
        "领导/督导",
    ):
        assert label in out.getvalue()


def test_healthz_answers_200_while_the_database_answers(client) -> None:  # noqa: ANN001
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch) -> None:  # noqa: ANN001
    from django.db.backends.utils import CursorWrapper

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert client.get("/healthz").status_code == 503


def _yinling(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    } | env
    return subprocess.run(
        [sys.executable, "-m", "yinling", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path) -> None:  # noqa: ANN001
    result = _yinling(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "YINLING_ENV": "production",
            "SECRET_KEY": "k" * 20 + "-Zx9_" + "q7" * 30,
            "ALLOWED_HOSTS": "yinling.example.cn",
            "YINLING_VAR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:  # noqa: ANN001
    result = _yinling("check", env={"YINLING_ENV": "production", "YINLING_VAR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_generates_a_secret_key_into_var(tmp_path) -> None:  # noqa: ANN001
    result = _yinling(
        "check", env={"YINLING_VAR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:"}
    )
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "secret_key").read_text()) > 50


def test_the_yinling_command_lists_the_project_commands() -> None:
    result = _yinling("help", env={})
    assert "load_demo" in result.stdout
