from __future__ import annotations

import hashlib
import hmac

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from yinling.evaluation.pseudonyms import normalise_student_id, student_key


@override_settings(STUDENT_ID_HASH_KEY="k1")
def test_a_student_key_is_the_hmac_sha256_of_the_normalised_id() -> None:
    expected = hmac.new(b"k1", b"G310112200801011234", hashlib.sha256).hexdigest()
    assert student_key(" g3101122008 01011234 ") == expected


def test_excel_numbers_lose_their_decimal_point() -> None:
    assert normalise_student_id(20230101.0) == "20230101"


def test_the_same_id_under_another_key_gives_another_pseudonym() -> None:
    with override_settings(STUDENT_ID_HASH_KEY="k1"):
        first = student_key("S1")
    with override_settings(STUDENT_ID_HASH_KEY="k2"):
        second = student_key("S1")
    assert first != second


@override_settings(STUDENT_ID_HASH_KEY="")
def test_pseudonymising_refuses_to_run_without_a_key() -> None:
    with pytest.raises(ImproperlyConfigured):
        student_key("S1")
