"""Walks every named URL as every persona and checks the declared answer (tests/*/access.py)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import Access
from tests.personas import PERSONAS, World

IGNORED_PATTERNS = {"api:api-root"}  # NinjaAPI's index redirects to the docs; nothing to gate


def _named_patterns(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def declared_access() -> dict[str, Access]:
    table: dict[str, Access] = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            access = importlib.import_module(f"tests.{module.name}.access")
        except ModuleNotFoundError:
            continue
        overlap = set(table) & set(access.ACCESS)
        assert not overlap, f"declared twice: {overlap}"
        table.update(access.ACCESS)
    return table


ACCESS = declared_access()


def test_every_url_pattern_has_declared_access() -> None:
    patterns = set(_named_patterns()) - IGNORED_PATTERNS
    undeclared = sorted(patterns - set(ACCESS))
    assert not undeclared, f"URL patterns with no access declaration: {undeclared}"


def test_no_declaration_names_a_url_that_is_gone() -> None:
    assert not sorted(set(ACCESS) - set(_named_patterns()))


def _client(world: World, persona: str) -> Client:
    client = Client(raise_request_exception=True)
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_persona_gets_the_declared_answer(name: str, world: World) -> None:
    access = ACCESS[name]
    failures = []
    for method, table in (("get", access.get), ("post", access.post)):
        if table is None:
            continue
        for persona in PERSONAS:
            # Fresh arguments for every request: a permitted POST may consume its object.
            url = reverse(name, kwargs=access.kwargs(world)) + (
                f"?{access.query}" if access.query else ""
            )
            response = getattr(_client(world, persona), method)(url)
            if response.status_code != table[persona]:
                failures.append(
                    f"{method.upper()} {url} as {persona}: {response.status_code}, expected {table[persona]}"
                )
    assert not failures, "\n".join(failures)
