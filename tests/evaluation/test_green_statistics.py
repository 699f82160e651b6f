from __future__ import annotations

import numpy as np
import pytest

from yinling.evaluation.ses import change, composite, level_for, ses_impact

CUTS = [10, 20, 30, 40, 50, 60, 70, 80]


def test_the_ses_slope_is_recovered_on_synthetic_data_with_a_known_slope() -> None:
    rng = np.random.default_rng(7)
    ses = rng.normal(0, 1, 4000)
    score = 500 + 25 * ses + rng.normal(0, 80, 4000)
    impact = ses_impact(score, ses)
    assert impact.slope_low < 25 < impact.slope_high
    assert impact.slope == pytest.approx(25, abs=3 * impact.slope_se)
    true_r2 = 25**2 / (25**2 + 80**2)
    assert impact.r2_low < true_r2 < impact.r2_high


def test_the_slope_interval_covers_the_truth_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(11)
    covered = 0
    for _ in range(400):
        ses = rng.normal(0, 1, 60)
        impact = ses_impact(10 + 3 * ses + rng.normal(0, 5, 60), ses)
        covered += impact.slope_low < 3 < impact.slope_high
    assert 0.92 <= covered / 400 <= 0.98


def test_an_r2_interval_around_no_relation_starts_at_zero() -> None:
    rng = np.random.default_rng(3)
    ses = rng.normal(0, 1, 50)
    impact = ses_impact(rng.normal(0, 1, 50), ses)
    assert impact.r2_low == 0.0 < impact.r2 < impact.r2_high


def test_ses_impact_needs_spread() -> None:
    with pytest.raises(ValueError):
        ses_impact([1, 2, 3, 4, 5], [0, 0, 0, 0, 0])


def test_levels_follow_the_cut_points_in_either_direction() -> None:
    assert [level_for(raw, CUTS) for raw in (5, 10, 45, 80, 99)] == [1, 2, 5, 9, 9]
    assert [level_for(raw, CUTS, lower_better=True) for raw in (5, 10, 45, 80, 99)] == [
        9,
        9,
        5,
        2,
        1,
    ]


def test_a_change_with_standard_errors_has_an_interval() -> None:
    moved = change(2021, 2023, (5, 7), (60.0, 66.0), (2.0, 2.0))
    assert moved.level_change == 2 and moved.raw_change == 6.0
    assert moved.se == pytest.approx(2 * 2**0.5)
    assert moved.clear is True
    unsure = change(2021, 2023, (5, 5), (60.0, 61.0), (2.0, 2.0))
    assert unsure.clear is False


def test_a_change_without_standard_errors_has_no_interval() -> None:
    moved = change(2021, 2023, (5, 6), (None, None), (None, None))
    assert moved.raw_change is None and moved.clear is None


def test_a_composite_uses_only_the_configured_weights() -> None:
    assert composite({"a": 6, "b": 8}, {"a": 0, "b": 0}) is None
    assert composite({"a": 6, "b": 8}, {"a": 1, "b": 3}) == pytest.approx(7.5)
    assert composite({"a": 6}, {"a": 1, "b": 3}) == 6
