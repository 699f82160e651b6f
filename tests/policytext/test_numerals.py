from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinling.policytext.numerals import chinese_to_int, int_to_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十五", 25),
        ("两", 2),
        ("一百零五", 105),
        ("三千", 3000),
        ("一万二千", 12000),
    ],
)
def test_it_reads_chinese_numerals_with_units(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_it_reads_year_digits_one_by_one() -> None:
    assert chinese_to_int("二〇二三") == 2023


def test_it_refuses_text_that_is_not_a_numeral() -> None:
    assert chinese_to_int("十所") is None


def test_it_parses_decimals_full_width_digits_and_chinese_decimals() -> None:
    assert (parse_number("2.5"), parse_number("１２"), parse_number("三点五")) == (2.5, 12.0, 3.5)


@given(st.integers(min_value=1, max_value=9999))
def test_writing_a_number_in_chinese_and_reading_it_back_gives_the_number(value: int) -> None:
    assert chinese_to_int(int_to_chinese(value)) == value


def test_it_writes_ten_to_nineteen_without_a_leading_one() -> None:
    assert (int_to_chinese(10), int_to_chinese(11), int_to_chinese(105)) == (
        "十",
        "十一",
        "一百零五",
    )
