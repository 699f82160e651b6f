"""The declared access matrix: for every named URL, what each persona gets.

Each app's tests contribute an `access.py` module with `ACCESS: dict[str, Access]`; the walker in
test_access_matrix.py fails for any URL pattern that nobody declared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.personas import PERSONAS, World

LOGIN = 302  # anonymous visitors are sent to the log-in page
Kwargs = Callable[[World], dict[str, Any]]


def expect(
    default: int = 403, *, anonymous: int = LOGIN, superuser: int = 200, **overrides: int
) -> dict[str, int]:
    """Expected status per persona: `default` for everyone not named."""
    unknown = set(overrides) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    table = dict.fromkeys(PERSONAS, default)
    table.update(anonymous=anonymous, superuser=superuser, **overrides)
    return table


def everyone(status: int = 200, *, anonymous: int = LOGIN) -> dict[str, int]:
    return expect(status, anonymous=anonymous, superuser=status)


@dataclass(frozen=True)
class Access:
    get: dict[str, int] | None
    kwargs: Kwargs = field(default=lambda world: {})
    post: dict[str, int] | None = None  # statuses for an empty POST, where the view writes
    query: str = ""
