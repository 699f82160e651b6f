from __future__ import annotations

import pytest

from tests.personas import World
from yinling.core.permissions import can

pytestmark = pytest.mark.django_db


def test_a_school_reads_only_its_own_profile(world: World) -> None:
    assert can(world.school_admin, "evaluation.profile_view", world.school_a)
    assert can(world.school_staff, "evaluation.profile_view", world.school_a)
    assert not can(world.school_admin, "evaluation.profile_view", world.school_b)
    assert not can(world.school_b_admin, "evaluation.profile_view", world.school_a)


def test_the_office_and_leaders_read_every_profile_of_their_district_only(world: World) -> None:
    for persona in ("district_admin", "programme_officer", "leader"):
        assert can(world.users[persona], "evaluation.profile_view", world.school_b)
        assert not can(world.users[persona], "evaluation.profile_view", world.other_school)


def test_only_the_office_manages_evaluation(world: World) -> None:
    allowed = {
        p for p, u in world.users.items() if u and can(u, "evaluation.manage", world.district)
    }
    assert allowed == {"superuser", "district_admin", "programme_officer"}


def test_experts_departments_and_outsiders_see_nothing(world: World) -> None:
    for persona in ("expert", "department_reporter", "outsider"):
        user = world.users[persona]
        assert not can(user, "evaluation.view")
        assert not can(user, "evaluation.profile_view", world.school_a)
