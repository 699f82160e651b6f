"""The demo district: Shanghai with Baoshan and Minhang, their schools, departments and people.

Loading is idempotent: whatever already exists (by school code, department name, user name) is
left as it is, so running it twice gives the same data. New records go through the services, so
the audit trail shows where they came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yinling.core.demo.people import DEMO_PASSWORD, DemoAccount, load_people
from yinling.core.demo.places import load_places

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed document whose file name starts with the prefix ("000" ... "004")."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    if not matches:
        raise FileNotFoundError(f"no seed document {prefix}_*.txt in {SEEDS_DIR}")
    return matches[0]


@dataclass
class DemoReport:
    accounts: list[DemoAccount]
    password: str = DEMO_PASSWORD


def load_core(say: Callable[[str], None]) -> DemoReport:
    load_places(say)
    accounts = load_people(say)
    return DemoReport(accounts=accounts)
