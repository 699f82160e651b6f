"""Supervision notices on lagging tasks; replies after the deadline are flagged late."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.plans.builders import SmallPlan, report
from yinling.plans import selectors, services
from yinling.plans.models import SupervisionNotice
from yinling.plans.services import supervision as rules

pytestmark = pytest.mark.django_db

TODAY = date(2025, 1, 20)  # a third of the way through the plan (2024-01-01 .. 2026-12-31)


def lagging(plan: SmallPlan) -> None:
    """50 -> 60 %: still at the baseline after a year is far behind the trajectory."""
    report(plan.fitness, plan.sport_department, "2024-Q4", "50.5")


def issue(world: World, plan: SmallPlan, **overrides: object) -> SupervisionNotice:
    fields: dict[str, object] = {
        "actor": world.leader,
        "item": plan.sport,
        "departments": [plan.sport_department],
        "reply_deadline": TODAY + timedelta(days=7),
        "body": "请说明滞后原因",
        "today": TODAY,
    }
    fields.update(overrides)
    return services.notice_issue(**fields)  # type: ignore[arg-type]


def moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 15, 0, tzinfo=timezone.get_current_timezone())


def test_a_lagging_task_gets_a_notice(world: World, plan: SmallPlan) -> None:
    lagging(plan)
    assert selectors.task_status(plan.sport, today=TODAY) == "lagging"
    notice = issue(world, plan)
    assert list(notice.departments.all()) == [plan.sport_department]
    assert notice.issued_by == world.leader


def test_a_task_on_track_gets_no_notice(world: World, plan: SmallPlan) -> None:
    report(plan.fitness, plan.sport_department, "2024-Q4", "58")
    with pytest.raises(ValidationError) as refused:
        issue(world, plan)
    assert refused.value.messages == [rules.ERR_NOT_LAGGING % {"status": "正常推进"}]


def test_a_notice_goes_only_to_the_tasks_departments(world: World, plan: SmallPlan) -> None:
    lagging(plan)
    outsider = plan.plan.district.departments.create(name="区外部门")
    with pytest.raises(ValidationError) as refused:
        issue(world, plan, departments=[outsider])
    assert refused.value.message_dict["departments"] == [
        rules.ERR_NOT_TASK_DEPARTMENT % {"department": "区外部门"}
    ]


def test_a_reply_deadline_in_the_past_is_refused(world: World, plan: SmallPlan) -> None:
    lagging(plan)
    with pytest.raises(ValidationError) as refused:
        issue(world, plan, reply_deadline=TODAY - timedelta(days=1))
    assert refused.value.message_dict["reply_deadline"] == [rules.ERR_DEADLINE_PAST]


def test_a_reply_on_the_deadline_is_on_time_and_one_after_is_late(
    world: World, plan: SmallPlan
) -> None:
    lagging(plan)
    notice = issue(world, plan, departments=[plan.sport_department, plan.education])
    on_time = services.notice_reply(
        actor=world.department_reporter,
        notice=notice,
        department=plan.sport_department,
        body="已制定整改方案",
        at=moment(notice.reply_deadline),
    )
    late = services.notice_reply(
        actor=None,
        notice=notice,
        department=plan.education,
        body="补充说明",
        at=moment(notice.reply_deadline + timedelta(days=1)),
    )
    assert not on_time.is_late
    assert late.is_late
    state = selectors.notice_state(notice, today=notice.reply_deadline + timedelta(days=2))
    assert state.late_replies == 1


def test_departments_that_owe_a_reply_after_the_deadline_are_flagged(
    world: World, plan: SmallPlan
) -> None:
    lagging(plan)
    notice = issue(world, plan, departments=[plan.sport_department, plan.education])
    assert selectors.notice_state(notice, today=notice.reply_deadline).overdue_departments == []
    overdue = selectors.notice_state(notice, today=notice.reply_deadline + timedelta(days=1))
    assert overdue.overdue_departments == [plan.sport_department, plan.education]


def test_one_reply_per_department_and_none_once_closed(world: World, plan: SmallPlan) -> None:
    lagging(plan)
    notice = issue(world, plan)
    services.notice_reply(actor=None, notice=notice, department=plan.sport_department, body="一")
    with pytest.raises(ValidationError) as refused:
        services.notice_reply(
            actor=None, notice=notice, department=plan.sport_department, body="二"
        )
    assert refused.value.messages == [rules.ERR_ALREADY_REPLIED % {"department": "区体育局"}]
    with pytest.raises(ValidationError):
        services.notice_reply(actor=None, notice=notice, department=plan.education, body="三")
    services.notice_close(actor=world.programme_officer, notice=notice)
    with pytest.raises(ValidationError) as closed:
        services.notice_close(actor=world.programme_officer, notice=notice)
    assert closed.value.messages == [rules.ERR_CLOSED]


def test_the_department_replies_on_the_page_and_sees_the_late_flag(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    lagging(plan)
    notice = issue(world, plan)
    SupervisionNotice.objects.filter(pk=notice.pk).update(
        reply_deadline=timezone.localdate() - timedelta(days=1)
    )
    client = client_for("department_reporter")
    response = client.post(f"/plans/notices/{notice.pk}/", {"body": "已整改"})
    assert response.status_code == 302
    page = client.get(f"/plans/notices/{notice.pk}/").content.decode()
    assert "已整改" in page
    assert "逾期回复" in page
    assert notice.replies.get().is_late


def test_the_notice_page_writes_the_issue_date_as_it_writes_the_deadline(
    world: World, plan: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    lagging(plan)
    notice = issue(world, plan, at=timezone.make_aware(datetime(2025, 1, 6, 9, 0)))
    page = client_for("programme_officer").get(f"/plans/notices/{notice.pk}/").content.decode()
    assert "于 2025年1月6日 督办，回复期限 2025年1月27日" in page
