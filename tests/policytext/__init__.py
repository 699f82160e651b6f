import pytest

# The field-by-field checks in quality.py are assertions of the tests: let pytest explain them.
pytest.register_assert_rewrite("tests.policytext.quality")
