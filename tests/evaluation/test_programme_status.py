from __future__ import annotations

import pytest

from tests.personas import World
from tests.programmes.factories import make_programme
from yinling.evaluation.selectors import programme_status
from yinling.programmes import services

pytestmark = pytest.mark.django_db


def test_a_school_in_no_programme_has_no_programme_status(world: World) -> None:
    assert programme_status(world.school_a) is None


def test_the_profile_names_each_programme_and_the_schools_status_in_it(world: World) -> None:
    programme = make_programme(world.district)
    membership = services.programme_school_admit(
        actor=None, programme=programme, school=world.school_a
    )
    items = programme_status(world.school_a)["items"]
    assert items == [
        {
            "label": str(membership.programme),
            "status": str(membership.get_status_display()),
            "since": membership.since.isoformat(),
        }
    ]
