"""The per-school sums are the same whichever way the rows are ordered.

A file listed school by school is summed run by run (numpy segment sums); any
other order takes polars' hash group-by.  Both must give the same statistics.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from yinling.stats import design, fit_value_added
from yinling.stats.design import summarise_schools
from yinling.stats.runs import runs_of
from yinling.stats.simulate import simulate_scores

VALID = pl.all_horizontal(pl.col(c).is_not_null() for c in ("prior", "score"))


@pytest.fixture(scope="module")
def by_school() -> pl.DataFrame:
    """80,000 students listed school by school, a few without a prior or a score."""
    frame = simulate_scores(80_000, 120, seed=13).frame
    index = pl.int_range(pl.len())
    return frame.with_columns(
        pl.when(index % 97 == 0).then(None).otherwise(pl.col("prior")).alias("prior"),
        pl.when(index % 89 == 0).then(None).otherwise(pl.col("score")).alias("score"),
    )


def _summary(frame: pl.DataFrame) -> design.SchoolSummary:
    return summarise_schools(frame, [], valid=VALID, has_prior=pl.col("prior").is_not_null())


def _assert_same(left: design.SchoolSummary, right: design.SchoolSummary) -> None:
    assert left.listing.equals(right.listing)
    assert left.school_ids == right.school_ids
    np.testing.assert_array_equal(left.n, right.n)
    np.testing.assert_allclose(left.sums, right.sums, rtol=1e-12)
    np.testing.assert_allclose(left.centre, right.centre, rtol=1e-12)
    np.testing.assert_allclose(left.cross, right.cross, rtol=1e-10)
    assert left.flat == right.flat


def test_runs_and_the_hash_group_by_agree(by_school: pl.DataFrame) -> None:
    assert runs_of(by_school.get_column("school_id")) is not None
    shuffled = by_school.sample(fraction=1.0, shuffle=True, seed=2)
    assert runs_of(shuffled.get_column("school_id")) is None
    _assert_same(_summary(by_school), _summary(shuffled))


def test_a_school_listed_in_several_blocks_is_one_school(by_school: pl.DataFrame) -> None:
    half = by_school.height // 2
    blocks = pl.concat([by_school.tail(by_school.height - half), by_school.head(half)])
    blocks = pl.concat([blocks.gather_every(2), blocks.gather_every(2, offset=1)])
    assert runs_of(blocks.get_column("school_id")) is not None
    _assert_same(_summary(by_school), _summary(blocks))


def test_the_row_order_does_not_change_the_results(by_school: pl.DataFrame) -> None:
    shuffled = by_school.sample(fraction=1.0, shuffle=True, seed=3)
    left = fit_value_added(by_school, model="ri").schools
    right = fit_value_added(shuffled, model="ri").schools
    assert left.select("school_id", "n", "band").equals(right.select("school_id", "n", "band"))
    for column in ("estimate", "se", "reliability", "entry_exit_change"):
        np.testing.assert_allclose(left.get_column(column), right.get_column(column), rtol=1e-9)
