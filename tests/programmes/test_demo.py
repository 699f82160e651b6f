"""The programmes demo: seed 000's Baoshan programme with a finished round, seed 001's city plan."""

from __future__ import annotations

import pytest

from yinling.core.demo import load_core
from yinling.core.models import AuditEvent
from yinling.programmes import demo
from yinling.programmes.models import Application, Decision, Programme, ProgrammeSchool

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    load_core(lambda _: None)
    demo.load(lambda _: None)


def test_the_baoshan_programme_has_one_finished_round_of_thirty_applications(loaded: None) -> None:
    programme = Programme.objects.get(name=demo.BAOSHAN_NAME)
    first = programme.rounds.get(name=demo.ROUND_ONE)
    assert first.applications.count() == 30
    assert not first.applications.filter(status__in=["draft", "submitted", "under_review"]).exists()
    assert not Decision.objects.filter(application__round=first, released_at=None).exists()
    assert ProgrammeSchool.objects.filter(programme=programme).count() >= 20
    assert programme.communities.count() >= 4


def test_bs_school_has_an_approved_application_to_show(loaded: None) -> None:
    application = Application.objects.get(school__code="BS-DEMO-001", round__name=demo.ROUND_ONE)
    assert application.status == Application.Status.APPROVED
    assert application.assignments.filter(status="submitted").count() == 2


def test_the_city_plan_carries_seed_001s_targets(loaded: None) -> None:
    programme = Programme.objects.get(name=demo.CITY_NAME)
    assert programme.level == "city" and programme.district is None
    targets = {t.metric: t.value for t in programme.targets.all() if t.metric != "manual"}
    assert targets == {"project_schools": 250, "coverage_percent": 25}


def test_loading_twice_changes_nothing(loaded: None) -> None:
    events = AuditEvent.objects.count()
    applications = Application.objects.count()
    demo.load(lambda _: None)
    assert (AuditEvent.objects.count(), Application.objects.count()) == (events, applications)


def test_one_school_asked_to_revise_withdrew_with_its_reason(loaded: None) -> None:
    withdrawn = Application.objects.get(round__name=demo.ROUND_ONE, status="withdrawn")
    assert "校长岗位调整" in withdrawn.withdrawal_reason
    assert withdrawn.withdrawn_at.date().isoformat() == "2024-04-08"
