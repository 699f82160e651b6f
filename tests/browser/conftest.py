"""Browser fixtures (browser, page) live in tests/conftest.py: every app's browser tests share them."""
