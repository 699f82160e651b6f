from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.personas import World, build_world


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Hashing at full strength would make the suite slow without testing anything of ours.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """A test client logged in as the named persona (anonymous stays logged out)."""

    def make(persona: str) -> Client:
        client = Client()
        user = world.users[persona]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in Chinese: a request in English must not leak into the next test."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path) -> Iterator[None]:
    """Uploads, staged score files and media go to the test's own directory.

    Parallel workers each have their own database, so numbers such as a job's id repeat
    across them; a shared var/ directory would let one worker's files clobber another's.
    """
    with override_settings(
        MEDIA_ROOT=tmp_path / "media",
        EVALUATION_STAGING_DIR=tmp_path / "staging",
        STUDENT_ID_HASH_KEY="test-key",
    ):
        yield


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe.
# The browser lives for one test only: a worker may hold one Playwright at a time, and other
# apps' browser tests start their own.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop runs, Django's connection registry (an asgiref Local)
        # hands the test a separate connection; close it here, in that context, or PostgreSQL
        # still sees it when the test database is dropped.
        connections.close_all()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
