"""The demo district's plans: seeds 002 and 004, parsed by the engine, published, with history."""

from __future__ import annotations

import pytest
from django.test import Client

from yinling.core.demo import load_core
from yinling.core.models import AuditEvent, User
from yinling.plans import demo, selectors
from yinling.plans.models import Plan, ProgressReport, SupervisionNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    load_core(lambda line: None)
    demo.load(lambda line: None)


def test_both_seeds_are_published_plans_of_their_districts(loaded: None) -> None:
    plans = {p.doc_number: p for p in Plan.objects.select_related("district")}
    assert set(plans) == {"宝教〔2023〕43号", "闵委发〔2023〕6号"}
    assert plans["宝教〔2023〕43号"].district.name == "宝山区"
    assert plans["闵委发〔2023〕6号"].district.name == "闵行区"
    for plan in plans.values():
        assert plan.status == Plan.State.PUBLISHED
        assert plan.items.filter(is_task=True).count() == 25
        assert plan.source_file


def test_seed_002s_tasks_are_assigned_to_baoshan_bureau_sections(loaded: None) -> None:
    plan = Plan.objects.get(doc_number="宝教〔2023〕43号")
    assert plan.title == "上海市宝山区教育局2023年下半年工作补充意见"
    preschool = plan.items.get(path="四/8")
    assert dict(preschool.assignments.values_list("department__name", "role")) == {
        "基础教育科": "lead",
        "计划财务科": "cooperating",
    }
    assert not plan.items.filter(is_task=True, assignments=None).exists()


def test_there_is_a_history_of_reports_and_a_notice_with_a_late_reply(loaded: None) -> None:
    states = set(ProgressReport.objects.values_list("status", flat=True))
    assert states == {"accepted", "returned", "submitted"}
    notice = SupervisionNotice.objects.get()
    assert notice.item.path == "三/（七）/9"
    assert selectors.task_status(notice.item) in {"lagging", "overdue"}
    assert [r.is_late for r in notice.replies.all()] == [True]


def test_loading_again_changes_nothing(loaded: None) -> None:
    counts = (Plan.objects.count(), ProgressReport.objects.count(), AuditEvent.objects.count())
    demo.load(lambda line: None)
    assert (
        Plan.objects.count(),
        ProgressReport.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_the_demo_department_sees_its_returned_report_on_the_home_page(loaded: None) -> None:
    client = Client()
    client.force_login(User.objects.get(username="mh_dept"))
    home = client.get("/").content.decode()
    assert "被退回、需修改的报告" in home
    office = Client()
    office.force_login(User.objects.get(username="mh_office"))
    assert "份进展报告待审核" in office.get("/").content.decode()


def test_the_demo_pages_render_for_every_role(loaded: None) -> None:
    plan = Plan.objects.get(doc_number="闵委发〔2023〕6号")
    lagging = plan.items.get(path="三/（七）/9")
    for username in ("mh_office", "mh_leader", "mh_dept_edu"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in (
            "/plans/",
            f"/plans/{plan.pk}/",
            f"/plans/tasks/{lagging.pk}/",
            "/plans/reports/",
            "/plans/notices/",
            "/plans/scorecards/",
        ):
            assert client.get(url).status_code == 200, (username, url)
