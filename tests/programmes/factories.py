"""Factories for the programmes app: a programme with its round, rubric and experts in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import SchoolFactory, grant
from tests.personas import World
from yinling.core.models import Region, Role, School, User
from yinling.programmes import services
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    ExpertProfile,
    Programme,
    Rubric,
)

FILLED = {
    "project_name": "以“家门口的好学校”为目标的课堂教学变革实践研究",
    "leader_name": "王校长",
    "liaison_name": "李老师",
    "phone": "021-56781234",
    "source": Application.Source.SELF_SELECTED,
    "goals": "构建以学生为中心的课堂教学模式，提升每一位学生的学习获得感。",
    "challenges": "教师观念转变慢，课堂评价方式单一。",
    "content": "围绕单元整体教学设计开展实践研究，形成校本案例集。",
    "methods": "采用行动研究法，分三个阶段推进，每学期开展一次课堂展示。",
    "outcomes": "形成课堂教学改进案例十篇，编制校本评价量表一套。",
}


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"测试引领计划{n}")
    kind = Programme.Kind.LEADING_PLAN
    level = Programme.Level.DISTRICT
    period_start = date(2024, 1, 1)
    period_end = date(2026, 12, 31)


def make_programme(district: Region, **kwargs: Any) -> Programme:
    """A district programme through the service, so it has the five default domains."""
    defaults: dict[str, Any] = {
        "name": "宝山区新优质学校高质量发展引领计划",
        "kind": Programme.Kind.LEADING_PLAN,
        "level": Programme.Level.DISTRICT,
        "district": district,
        "period_start": date(2024, 1, 1),
        "period_end": date(2026, 12, 31),
    }
    defaults.update(kwargs)
    return services.programme_create(actor=None, **defaults)


def make_rubric(programme: Programme) -> Rubric:
    return services.rubric_create(
        actor=None,
        programme=programme,
        name="引领项目评审细则",
        scale_min=0,
        scale_max=10,
        criteria=[
            ("目标清晰", "研究目标明确、可检验", 2),
            ("问题聚焦", "聚焦学校真实问题", 1),
            ("设计可行", "内容与方法匹配", 1),
        ],
    )


def open_round(programme: Programme, **kwargs: Any) -> ApplicationRound:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "name": "2024年度引领项目申报",
        "opens_on": today - timedelta(days=10),
        "closes_on": today + timedelta(days=10),
        "reviewers_per_application": 2,
    }
    defaults.update(kwargs)
    if "rubric" not in defaults:
        defaults["rubric"] = make_rubric(programme)
    return services.round_create(actor=None, programme=programme, **defaults)


def make_expert(
    district: Region, *, username: str, school: School | None = None, **profile: Any
) -> User:
    from tests.factories import UserFactory

    user = UserFactory(username=username)
    grant(user, Role.EXPERT, district)
    services.expert_profile_save(
        actor=None, user=user, district=district, affiliation_school=school, **profile
    )
    return user


def profile_for(world: World, **fields: Any) -> ExpertProfile:
    return services.expert_profile_save(
        actor=None, user=world.expert, district=world.district, **fields
    )


def filled_application(
    round_: ApplicationRound, school: School, actor: Any, **overrides: Any
) -> Application:
    application = services.application_start(actor=actor, round_=round_, school=school)
    data = dict(FILLED)
    data["domain"] = round_.programme.domains.first()
    data.update(overrides)
    return services.application_save_draft(actor=actor, application=application, data=data)


def submitted_application(
    round_: ApplicationRound, school: School, actor: Any, **overrides: Any
) -> Application:
    application = filled_application(round_, school, actor, **overrides)
    return services.application_submit(actor=actor, application=application)


def extra_school(district: Region, **kwargs: Any) -> School:
    return SchoolFactory(district=district, **kwargs)


def full_scores(round_: ApplicationRound, value: int | str | Decimal = 8) -> dict[int, Any]:
    return {c.pk: value for c in round_.rubric.criteria.all()}


@dataclass
class Scene:
    """A programme with an open round, one submitted application from school A, and the
    persona expert on the register with an assignment to it."""

    programme: Programme
    round: ApplicationRound
    application: Application


def scene(world: World, *, assign: bool = True) -> Scene:
    programme = make_programme(world.district)
    round_ = open_round(programme)
    application = submitted_application(round_, world.school_a, world.school_admin)
    profile_for(world)
    if assign:
        services.assignment_create(
            actor=world.programme_officer, application=application, expert=world.expert
        )
        application.refresh_from_db()
    return Scene(programme, round_, application)


def application_in(world: World, round_: ApplicationRound, status: str) -> Application:
    """School A's application in the round, brought to `status` through the services."""
    if status == Application.Status.DRAFT:
        return filled_application(round_, world.school_a, world.school_admin)
    if status == Application.Status.WITHDRAWN:
        application = filled_application(round_, world.school_a, world.school_admin)
        return services.application_withdraw(
            actor=world.school_admin, application=application, reason="校长调整，暂不申报"
        )
    application = submitted_application(round_, world.school_a, world.school_admin)
    if status == Application.Status.RETURNED:
        services.application_return(
            actor=world.programme_officer, application=application, comment="请聚焦研究问题"
        )
    elif status == Application.Status.UNDER_REVIEW:
        profile_for(world)
        services.assignment_create(
            actor=world.programme_officer, application=application, expert=world.expert
        )
    elif status in {Application.Status.APPROVED, Application.Status.REJECTED}:
        outcome = "approve" if status == Application.Status.APPROVED else "reject"
        decision = services.decision_record(
            actor=world.programme_officer, application=application, outcome=outcome, reason="评审"
        )
        services.decision_release(actor=world.programme_officer, decision=decision)
    application.refresh_from_db()
    assert application.status == status
    return application


WITHDRAWAL_REASON = "校长岗位调整，项目并入集团项目统一推进"


def withdraw(
    world: World, application: Application, reason: str = WITHDRAWAL_REASON
) -> Application:
    """School A's admin withdraws the application (撤回申报) through the service."""
    return services.application_withdraw(
        actor=world.school_admin, application=application, reason=reason
    )
