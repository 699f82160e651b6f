from __future__ import annotations

import pytest

from tests.evaluation.factories import SchoolValueAddedFactory, ValueAddedRunFactory
from tests.factories import SchoolFactory
from tests.personas import World
from yinling.evaluation import selectors
from yinling.evaluation.models import ValueAddedRun

pytestmark = pytest.mark.django_db


def test_a_runs_estimates_load_in_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    run = ValueAddedRunFactory(district=world.district)
    for _ in range(5):
        SchoolValueAddedFactory(run=run, school=SchoolFactory(district=world.district))
    with django_assert_num_queries(1):
        names = [str(row.school) for row in selectors.run_estimates(run, "数学")]
    assert len(names) == 5


def test_a_profiles_value_added_loads_in_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    for _ in range(3):
        run = ValueAddedRunFactory(district=world.district, status=ValueAddedRun.Status.PUBLISHED)
        SchoolValueAddedFactory(run=run, school=world.school_a, estimate_sd=0.1, se_sd=0.05)
    with django_assert_num_queries(1):
        rows = selectors.profile_value_added(world.school_a)
        labels = [p["label"] for p in selectors.value_added_trend(rows)]
    assert len(labels) == 3
