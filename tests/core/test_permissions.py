from __future__ import annotations

import pytest

from tests.factories import UserFactory, user_with_role
from tests.personas import World
from yinling.core.models import Role
from yinling.core.permissions import UnknownAction, can
from yinling.core.selectors import user_list

pytestmark = pytest.mark.django_db


def test_an_unknown_action_is_an_error_not_a_silent_yes(world: World) -> None:
    with pytest.raises(UnknownAction):
        can(world.superuser, "nothing.at_all")


def test_an_anonymous_visitor_may_do_nothing(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "core.home")


def test_an_inactive_account_may_do_nothing(world: World) -> None:
    world.district_admin.is_active = False
    assert not can(world.district_admin, "core.audit_view")


def test_a_district_admin_manages_schools_of_their_own_district_only(world: World) -> None:
    assert can(world.district_admin, "core.org_manage", world.school_a)
    assert not can(world.district_admin, "core.org_manage", world.other_school)


def test_a_leader_reads_but_does_not_manage(world: World) -> None:
    assert can(world.leader, "core.org_view", world.school_a)
    assert not can(world.leader, "core.org_manage", world.school_a)


def test_an_admin_cannot_manage_a_person_with_roles_elsewhere(world: World) -> None:
    assert not can(world.district_admin, "core.user_manage", world.other_district_admin)
    assert can(world.district_admin, "core.user_manage", world.school_staff)


def test_a_district_admin_cannot_manage_a_superuser_though_it_holds_no_role(
    world: World,
) -> None:
    assert not can(world.district_admin, "core.user_manage", world.superuser)


def test_a_superuser_manages_another_superuser(world: World) -> None:
    other = UserFactory(username="root2", is_superuser=True, is_staff=True)
    assert can(world.superuser, "core.user_manage", other)


def test_the_user_list_of_a_district_admin_leaves_superusers_out(world: World) -> None:
    listed = set(user_list(world.district_admin).values_list("username", flat=True))
    assert world.superuser.username not in listed
    assert world.school_staff.username in listed


def test_an_inactive_account_stays_with_the_district_of_its_roles(world: World) -> None:
    world.other_district_admin.is_active = False
    world.other_district_admin.save(update_fields=["is_active"])
    assert not can(world.district_admin, "core.user_manage", world.other_district_admin)


def test_one_person_may_hold_roles_in_several_organisations(world: World) -> None:
    person = user_with_role(Role.SCHOOL_STAFF, world.school_a)
    from tests.factories import grant

    grant(person, Role.EXPERT, world.other_district)
    from yinling.core.roles import principal_for

    principal = principal_for(person)
    assert principal.roles == {Role.SCHOOL_STAFF, Role.EXPERT}
    assert principal.district_ids() == {world.district.pk, world.other_district.pk}
