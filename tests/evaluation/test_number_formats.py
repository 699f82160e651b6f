"""Changes carry their sign, at the precision of the numbers around them."""

from __future__ import annotations

from yinling.evaluation.ses import change
from yinling.evaluation.templatetags.evaluation_tags import signed


def test_a_rise_carries_a_plus_sign() -> None:
    assert signed(1) == "+1"
    assert signed(11.8, 2) == "+11.80"


def test_a_fall_keeps_its_minus_sign_and_no_change_has_none() -> None:
    assert signed(-10.2, 2) == "-10.20"
    assert signed(0) == "0"


def test_a_rise_too_small_to_show_has_no_plus_sign() -> None:
    assert signed(0.001, 2) == "0.00"


def test_nothing_to_show_stays_empty() -> None:
    assert signed(None) == ""


def test_a_level_change_counts_its_steps_either_way() -> None:
    assert change(2021, 2023, (7, 6), (None, None), (None, None)).steps == 1
    assert change(2021, 2023, (5, 7), (None, None), (None, None)).steps == 2
