"""The application form's workflow, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.personas import World
from tests.programmes.factories import (
    filled_application,
    make_programme,
    open_round,
    submitted_application,
)
from yinling.core.models import AuditEvent, School
from yinling.programmes import services
from yinling.programmes.models import Application, ApplicationVersion, Mover
from yinling.programmes.services import applications as app_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world: World):  # noqa: ANN201
    return open_round(make_programme(world.district))


def test_a_new_programme_has_the_five_domains_of_the_baoshan_form(world: World) -> None:
    programme = make_programme(world.district)
    assert list(programme.domains.values_list("name", flat=True)) == [
        "推进学校育人方式变革",
        "提高学校治理能力",
        "提高教师全面育人能力",
        "强化信息技术赋能作用",
        "其它",
    ]


def test_a_school_starts_a_draft_dated_today(world: World, round_) -> None:  # noqa: ANN001
    application = services.application_start(
        actor=world.school_staff, round_=round_, school=world.school_a
    )
    assert application.status == Application.Status.DRAFT
    assert application.applied_on == timezone.localdate()


def test_a_school_outside_the_eligible_stages_cannot_apply(world: World, round_) -> None:  # noqa: ANN001
    senior = School.objects.create(
        name="高中", code="SEN1", stage=School.Stage.SENIOR, district=world.district
    )
    with pytest.raises(ValidationError) as error:
        services.application_start(actor=None, round_=round_, school=senior)
    assert "不在本项目的申报范围内" in str(error.value)


def test_a_school_applies_once_per_round(world: World, round_) -> None:  # noqa: ANN001
    services.application_start(actor=None, round_=round_, school=world.school_a)
    with pytest.raises(ValidationError, match=app_services.ERR_ALREADY_APPLIED):
        services.application_start(actor=None, round_=round_, school=world.school_a)


def test_saving_a_draft_keeps_a_working_version(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_staff)
    services.application_save_draft(
        actor=world.school_staff, application=application, data={"leader_name": "张校长"}
    )
    versions = list(application.versions.all())
    assert len(versions) == 1
    assert versions[0].kind == ApplicationVersion.Kind.DRAFT
    assert versions[0].data["leader_name"] == "张校长"


def test_a_draft_may_run_over_the_limit_but_cannot_be_submitted(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin, goals="字" * 361)
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application)
    assert error.value.message_dict["goals"] == [
        app_services.ERR_TOO_LONG % {"field": "研究目标", "count": 361, "limit": 300, "hard": 360}
    ]


def test_text_between_the_limit_and_the_tolerance_is_accepted(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin, goals="字" * 360)
    services.application_submit(actor=world.school_admin, application=application)
    assert application.status == Application.Status.SUBMITTED


def test_the_office_configures_the_tolerance(world: World) -> None:
    round_ = open_round(make_programme(world.district, text_tolerance_percent=0))
    application = filled_application(round_, world.school_a, world.school_admin, goals="字" * 301)
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application)
    assert "goals" in error.value.message_dict


def test_submission_names_every_missing_field(world: World, round_) -> None:  # noqa: ANN001
    application = services.application_start(
        actor=world.school_admin, round_=round_, school=world.school_a
    )
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application)
    messages = error.value.message_dict
    assert messages["project_name"] == [app_services.ERR_REQUIRED % {"field": "项目名称"}]
    assert {"leader_name", "liaison_name", "phone", "source", "domain", "goals", "outcomes"} <= set(
        messages
    )


@pytest.mark.parametrize(
    "phone",
    [
        "021-56781234",
        "56781234",
        "(021)5678-1234",
        "13812345678",
        "+86 138 1234 5678",
        "021-66781234转801",
    ],
)
def test_mainland_landlines_and_mobiles_are_accepted(world: World, round_, phone: str) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin, phone=phone)
    services.application_submit(actor=world.school_admin, application=application)


@pytest.mark.parametrize("phone", ["12345", "1381234567", "23812345678", "021-0123456", "电话"])
def test_a_phone_number_that_is_not_mainland_is_refused(world: World, round_, phone: str) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin, phone=phone)
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application)
    assert error.value.message_dict["phone"] == [app_services.ERR_PHONE % {"value": phone}]


def test_a_guide_project_needs_its_guide_item(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(
        round_, world.school_a, world.school_admin, source=Application.Source.GUIDE
    )
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application)
    assert error.value.message_dict["guide_item"] == [app_services.ERR_GUIDE_ITEM_REQUIRED]


def test_choosing_a_guide_item_fills_in_its_domain(world: World, round_) -> None:  # noqa: ANN001
    domain = round_.programme.domains.get(name="强化信息技术赋能作用")
    item = services.guide_item_create(actor=None, domain=domain, title="数字化教学评价")
    application = filled_application(
        round_,
        world.school_a,
        world.school_admin,
        source=Application.Source.GUIDE,
        guide_item=item,
        domain=None,
    )
    assert application.domain == domain


def test_a_submission_after_the_round_closes_is_refused(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin)
    late = round_.closes_on + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_admin, application=application, on=late)
    assert error.value.messages == [
        app_services.ERR_ROUND_CLOSED % {"closes": round_.closes_on.isoformat()}
    ]
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_a_submission_on_the_closing_day_is_accepted(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin)
    services.application_submit(
        actor=world.school_admin, application=application, on=round_.closes_on
    )
    assert application.status == Application.Status.SUBMITTED


def test_only_the_school_admin_submits(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_staff)
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=world.school_staff, application=application)
    assert error.value.messages == [app_services.ERR_MOVER[Mover.SCHOOL_ADMIN] % {"action": "提交"}]


def test_submitting_locks_the_form(world: World, round_) -> None:  # noqa: ANN001
    application = submitted_application(round_, world.school_a, world.school_admin)
    with pytest.raises(ValidationError, match=app_services.ERR_NOT_EDITABLE):
        services.application_save_draft(
            actor=world.school_admin, application=application, data={"leader_name": "改"}
        )


def test_the_office_returns_with_comments_and_the_school_resubmits_after_the_close(
    world: World,
    round_,  # noqa: ANN001
) -> None:
    application = submitted_application(round_, world.school_a, world.school_admin)
    services.application_return(
        actor=world.programme_officer, application=application, comment="研究目标需更聚焦"
    )
    assert application.status == Application.Status.RETURNED
    assert application.versions.get(number=1).return_comment == "研究目标需更聚焦"
    services.application_save_draft(
        actor=world.school_admin, application=application, data={"goals": "聚焦课堂评价改革。"}
    )
    late = round_.closes_on + timedelta(days=3)
    services.application_submit(actor=world.school_admin, application=application, on=late)
    kinds = list(application.versions.values_list("number", "kind"))
    assert kinds == [(1, "submitted"), (2, "submitted")]


def test_returning_needs_a_comment(world: World, round_) -> None:  # noqa: ANN001
    application = submitted_application(round_, world.school_a, world.school_admin)
    with pytest.raises(ValidationError) as error:
        services.application_return(
            actor=world.programme_officer, application=application, comment=" "
        )
    assert error.value.message_dict["comment"] == [app_services.ERR_COMMENT_REQUIRED]


def test_a_draft_cannot_be_returned(world: World, round_) -> None:  # noqa: ANN001
    application = filled_application(round_, world.school_a, world.school_admin)
    with pytest.raises(ValidationError, match="不能退回"):
        services.application_return(
            actor=world.programme_officer, application=application, comment="x"
        )


def test_two_versions_compare_field_by_field(world: World, round_) -> None:  # noqa: ANN001
    application = submitted_application(round_, world.school_a, world.school_admin)
    services.application_return(
        actor=world.programme_officer, application=application, comment="改"
    )
    services.application_save_draft(
        actor=world.school_admin,
        application=application,
        data={"goals": "构建以学生为中心的课堂，提升每一位学生的获得感。"},
    )
    v1, v2 = application.versions.order_by("number")
    diffs = {d.field: d for d in services.compare_versions(v1, v2)}
    assert diffs["goals"].changed and not diffs["project_name"].changed
    assert ("delete", "教学模式") in diffs["goals"].segments
    assert "".join(t for op, t in diffs["goals"].segments if op != "delete") == v2.data["goals"]


def test_every_transition_is_audited(world: World, round_) -> None:  # noqa: ANN001
    application = submitted_application(round_, world.school_a, world.school_admin)
    services.application_return(
        actor=world.programme_officer, application=application, comment="改"
    )
    actions = list(
        AuditEvent.objects.filter(
            object_id=str(application.pk), object_type="programmes.application"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "application.start",
        "application.save_draft",
        "application.submit",
        "application.return",
    ]
