from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

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
            "since": membership.since,
        }
    ]


def test_the_profile_writes_the_status_date_as_the_rest_of_the_page_does(
    world: World, client_for: Callable[[str], Client]
) -> None:
    programme = make_programme(world.district)
    membership = services.programme_school_admit(
        actor=None, programme=programme, school=world.school_a
    )
    type(membership).objects.filter(pk=membership.pk).update(since=date(2024, 9, 1))
    url = reverse("evaluation:school_profile", kwargs={"pk": world.school_a.pk})
    page = client_for("district_admin").get(url).content.decode()
    assert "自 2024年9月1日 起" in page
    assert "2024-09-01" not in page
