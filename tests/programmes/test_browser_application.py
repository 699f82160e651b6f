"""In a real browser: a school fills and submits its application (the live counter counting as a
Chinese reader does, the draft saving itself, a guide item bringing its domain), the office
assigns an expert, the expert scores.

The browser runs in its own process (browser_steps.py), as tests/plans does: one test worker may
hold only one Playwright, and tests/browser keeps its own open for the whole session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.programmes.browser_steps import CHROMIUM, GUIDE_DOMAIN, GUIDE_ITEM
from tests.programmes.factories import make_programme, open_round
from yinling.core.demo import load_core
from yinling.core.models import Region, User
from yinling.programmes import services
from yinling.programmes.models import Application, ReviewAssignment

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def test_a_school_fills_and_submits_an_application_and_an_expert_scores_it(live_server) -> None:  # noqa: ANN001
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    load_core(lambda line: None)
    baoshan = Region.objects.get(code="310113")
    round_ = open_round(make_programme(baoshan))
    domain = round_.programme.domains.get(name=GUIDE_DOMAIN)
    item = services.guide_item_create(actor=None, domain=domain, title=GUIDE_ITEM)
    expert = User.objects.get(username="bs_expert")
    services.expert_profile_save(actor=None, user=expert, district=baoshan, workload_limit=12)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.programmes.browser_steps",
            live_server.url,
            str(round_.pk),
            str(expert.pk),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr

    application = Application.objects.get(round=round_)
    assert application.status == Application.Status.UNDER_REVIEW
    assert application.school.code == "BS-DEMO-001"
    assert (application.source, application.guide_item, application.domain) == (
        "guide",
        item,
        domain,
    )
    assignment = ReviewAssignment.objects.get(application=application)
    assert (assignment.expert, assignment.status, assignment.total) == (expert, "submitted", 8)
