from __future__ import annotations

import polars as pl
import pytest

from yinling.stats.simulate import simulate_scores


@pytest.fixture(scope="session")
def small_frame() -> pl.DataFrame:
    """40 schools, 1,600 students: big enough for REML, small enough for statsmodels."""
    return simulate_scores(1_600, 40, seed=20240901).frame
