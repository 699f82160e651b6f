from __future__ import annotations

import pytest

from yinling.programmes.aggregate import aggregate, leniency


def test_the_aggregate_gives_mean_spread_and_range() -> None:
    result = aggregate([(1, 10, 8.0), (1, 11, 6.0)], minimum=99)[1]
    assert result.count == 2
    assert result.mean == 7.0
    assert result.spread == pytest.approx(1.4142, abs=1e-4)
    assert (result.low, result.high) == (6.0, 8.0)


def test_a_lenient_experts_bias_is_taken_out_of_the_calibrated_score() -> None:
    # Expert 1 scores everything 2 points above expert 2 on the same three applications.
    scores = [(a, 1, 8.0 + a) for a in range(3)] + [(a, 2, 6.0 + a) for a in range(3)]
    bias = leniency(scores)
    assert bias[1] == pytest.approx(1.0) and bias[2] == pytest.approx(-1.0)
    # Application 0 read only by the lenient expert is not favoured after calibration.
    result = aggregate([*scores, (9, 1, 9.0), (10, 2, 7.0)])
    assert result[9].calibrated == pytest.approx(result[10].calibrated, abs=0.5)


def test_an_expert_with_too_few_scores_counts_as_neutral() -> None:
    assert leniency([(1, 1, 10.0), (2, 2, 0.0)]) == {1: 0.0, 2: 0.0}


def test_one_score_has_no_spread() -> None:
    assert aggregate([(5, 1, 7.5)])[5].spread == 0.0
