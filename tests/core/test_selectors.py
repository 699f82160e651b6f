from __future__ import annotations

import pytest

from tests.factories import SchoolFactory
from tests.personas import World
from yinling.core import selectors

pytestmark = pytest.mark.django_db


def test_the_school_list_reads_districts_with_the_schools_in_one_query(
    world: World, django_assert_num_queries
) -> None:  # noqa: ANN001
    SchoolFactory.create_batch(20, district=world.district)
    schools = selectors.school_list(world.leader)
    with django_assert_num_queries(1):  # schools joined with their districts
        names = [f"{s.name}{s.district.name}" for s in schools]
    assert len(names) == 22


def test_the_school_page_does_not_query_per_school(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # noqa: ANN001
    SchoolFactory.create_batch(30, district=world.district)
    client = client_for("district_admin")
    with django_assert_max_num_queries(12):
        assert client.get("/org/schools/").status_code == 200
