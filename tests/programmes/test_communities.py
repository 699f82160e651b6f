"""Project schools, practice communities, events, the exhibition rule and the growth record."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import World
from tests.programmes.factories import make_programme, open_round, submitted_application
from yinling.programmes import dashboard_selectors, school_record_selectors, services
from yinling.programmes.models import Event, PracticeCommunity, ProgrammeSchool
from yinling.programmes.services import memberships as membership_services

pytestmark = pytest.mark.django_db


def _approved(world: World, programme, school, admin):  # noqa: ANN001, ANN202
    round_ = programme.rounds.first() or open_round(programme)
    application = submitted_application(round_, school, admin)
    decision = services.decision_record(
        actor=None, application=application, outcome="approve", reason="同意"
    )
    services.decision_release(actor=None, decision=decision)
    return application


def test_a_project_school_moves_status_with_its_history(world: World) -> None:
    programme = make_programme(world.district)
    membership = services.programme_school_admit(
        actor=None, programme=programme, school=world.school_a, reason="立项"
    )
    services.programme_school_transition(
        actor=world.programme_officer,
        membership=membership,
        to_status="exited",
        reason="学校申请退出",
    )
    assert list(membership.history.values_list("from_status", "to_status")) == [
        ("", "project"),
        ("project", "exited"),
    ]


def test_an_impossible_status_move_is_refused(world: World) -> None:
    programme = make_programme(world.district)
    membership = services.programme_school_admit(
        actor=None, programme=programme, school=world.school_a
    )
    with pytest.raises(ValidationError) as error:
        services.programme_school_transition(
            actor=None, membership=membership, to_status="delisted", reason="x"
        )
    assert error.value.messages == [
        membership_services.ERR_TRANSITION % {"from": "项目校", "to": "已摘牌"}
    ]


def test_suggested_communities_group_project_schools_by_domain(world: World) -> None:
    programme = make_programme(world.district)
    _approved(world, programme, world.school_a, world.school_admin)
    _approved(world, programme, world.school_b, world.school_b_admin)
    created = services.communities_create_suggested(actor=None, programme=programme)
    assert len(created) == 1
    community = created[0]
    assert community.name == "推进学校育人方式变革实践研究共同体"
    assert set(community.members.all()) == {world.school_a, world.school_b}
    assert services.communities_create_suggested(actor=None, programme=programme) == []


def test_a_community_cannot_take_a_school_of_another_district(world: World) -> None:
    programme = make_programme(world.district)
    with pytest.raises(ValidationError, match="不是本区学校"):
        services.community_create(
            actor=None, programme=programme, name="共同体", members=[world.other_school]
        )


def _community(world: World, programme, name: str = "育人方式共同体") -> PracticeCommunity:  # noqa: ANN001
    return services.community_create(
        actor=None,
        programme=programme,
        name=name,
        lead_school=world.school_a,
        members=[world.school_a, world.school_b],
    )


def _exhibition(programme, community, held_on: date, **kwargs) -> Event:  # noqa: ANN001, ANN003
    defaults = {"kind": Event.Kind.EXHIBITION, "level": Event.Level.DISTRICT}
    defaults.update(kwargs)
    return services.event_create(
        actor=None,
        programme=programme,
        community=community,
        title="课堂变革交流展示",
        held_on=held_on,
        place="宝山区教育学院报告厅",
        **defaults,
    )


def test_the_rule_check_lists_communities_without_a_district_exhibition_this_year(
    world: World,
) -> None:
    programme = make_programme(world.district)
    shown = _community(world, programme, "甲共同体")
    silent = _community(world, programme, "乙共同体")
    _exhibition(programme, shown, date(2025, 11, 20))
    _exhibition(programme, silent, date(2025, 6, 1))  # last school year
    _exhibition(programme, silent, date(2025, 12, 1), level=Event.Level.SCHOOL)
    _exhibition(programme, silent, date(2025, 12, 2), kind=Event.Kind.SEMINAR)
    check = dashboard_selectors.exhibition_check(programme, date(2026, 3, 1))
    assert [g.community for g in check.gaps] == [silent]
    assert check.school_year.label == "2025学年"
    assert not check.warn


def test_the_rule_check_warns_from_sixty_days_before_the_year_ends(world: World) -> None:
    programme = make_programme(world.district)
    _community(world, programme)
    assert not dashboard_selectors.exhibition_check(programme, date(2026, 7, 1)).warn
    assert dashboard_selectors.exhibition_check(programme, date(2026, 7, 2)).warn


def test_city_level_communities_are_not_held_to_the_district_rule(world: World) -> None:
    programme = make_programme(world.district)
    services.community_create(
        actor=None,
        programme=programme,
        name="市级课程领导力共同体",
        level=PracticeCommunity.Level.CITY,
        members=[world.school_a],
    )
    assert dashboard_selectors.exhibition_check(programme, date(2026, 7, 2)).gaps == []


def test_an_event_takes_materials_and_photos_through_the_upload_checks(
    world: World, settings, tmp_path
) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(world.district)
    event = _exhibition(programme, _community(world, programme), date(2025, 11, 20))
    services.attachment_add(
        actor=None, event=event, upload=SimpleUploadedFile("议程.pdf", b"%PDF-1.4"), kind="material"
    )
    services.attachment_add(
        actor=None, event=event, upload=SimpleUploadedFile("现场.jpg", b"\xff\xd8"), kind="photo"
    )
    with pytest.raises(Exception, match="不是照片"):
        services.attachment_add(
            actor=None, event=event, upload=SimpleUploadedFile("议程.pdf", b"%PDF"), kind="photo"
        )
    assert event.attachments.count() == 2


def test_the_growth_record_tells_the_schools_story(world: World) -> None:
    programme = make_programme(world.district)
    _approved(world, programme, world.school_a, world.school_admin)
    community = _community(world, programme)
    _exhibition(programme, community, date(2025, 11, 20))
    membership = ProgrammeSchool.objects.get(programme=programme, school=world.school_a)
    kinds = [
        e.kind for e in school_record_selectors.growth_record(membership, show_unreleased=False)
    ]
    assert {"application", "decision", "status", "event"} <= set(kinds)


def test_the_dashboard_counts_against_targets(world: World) -> None:
    programme = make_programme(world.district)
    services.target_create(
        actor=None,
        programme=programme,
        name="项目校约60所",
        metric="project_schools",
        value=60,
        due_on=date(2026, 12, 31),
        unit="所",
    )
    _approved(world, programme, world.school_a, world.school_admin)
    data = dashboard_selectors.dashboard(programme, date(2025, 10, 1))
    progress = data["targets"][0]
    assert progress.current == 1 and progress.percent == 1
    approved = next(s for s in data["applications_by_status"] if s["code"] == "approved")
    assert approved["count"] == 1


def test_an_events_participants_are_member_schools_of_its_community(world: World) -> None:
    programme = make_programme(world.district)
    community = services.community_create(
        actor=None, programme=programme, name="育人方式共同体", lead_school=world.school_a
    )

    with pytest.raises(ValidationError, match="“上海市宝山区乙校”不是本共同体的成员学校"):
        _exhibition(programme, community, date(2025, 11, 20), participants=[world.school_b])


def test_an_event_keeps_a_participant_that_has_left_its_community(world: World) -> None:
    programme = make_programme(world.district)
    community = _community(world, programme)
    event = _exhibition(
        programme, community, date(2025, 11, 20), participants=[world.school_a, world.school_b]
    )
    services.community_update(actor=None, community=community, members=[world.school_a])

    services.event_update(
        actor=None, event=event, title="交流展示（修订）", participants=[world.school_b]
    )

    assert list(event.participants.all()) == [world.school_b]
