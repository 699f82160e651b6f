from __future__ import annotations

import pytest

from tests.personas import World
from tests.plans.builders import SmallPlan, small_plan


@pytest.fixture
def plan(world: World) -> SmallPlan:
    return small_plan(world)
