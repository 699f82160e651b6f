"""In a real browser: an officer uploads seed 004, corrects one task's departments, publishes.

The browser is driven from a separate process (browser_steps.py): one test worker may hold only
one Playwright, and tests/browser keeps its own open for the whole session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.plans.browser_steps import CHROMIUM, EVALUATION_TASK
from yinling.core.demo import load_core, seed_path
from yinling.plans.models import Plan, PlanItemDepartment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def test_an_officer_uploads_seed_004_corrects_a_department_and_publishes(live_server) -> None:  # noqa: ANN001
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    load_core(lambda line: None)
    run = subprocess.run(
        [sys.executable, "-m", "tests.plans.browser_steps", live_server.url, str(seed_path("004"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr

    plan = Plan.objects.get(doc_number="闵委发〔2023〕6号")
    assert plan.status == Plan.State.PUBLISHED
    roles = dict(
        PlanItemDepartment.objects.filter(item__plan=plan, item__path=EVALUATION_TASK).values_list(
            "department__name", "role"
        )
    )
    assert roles == {"区教育督导室": "lead", "区教育局": "cooperating"}
