"""Communities, events, uploads, the exhibition check, growth records and the dashboard."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.personas import World
from tests.programmes.factories import application_in, make_programme, open_round
from yinling.programmes import services
from yinling.programmes.models import Event, EventAttachment

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def community(world: World):  # noqa: ANN201
    programme = make_programme(world.district)
    services.programme_school_admit(actor=None, programme=programme, school=world.school_a)
    return services.community_create(
        actor=None, programme=programme, name="课程教学共同体", lead_school=world.school_a
    )


def test_a_member_school_records_an_exhibition(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    response = client_for("school_admin").post(
        f"/programmes/communities/{community.pk}/events/new/",
        {
            "kind": "exhibition",
            "level": "district",
            "title": "单元教学设计交流展示",
            "held_on": timezone.localdate().isoformat(),
            "place": "甲校报告厅",
            "participants": [world.school_a.pk],
        },
    )
    event = Event.objects.get()
    assert response["Location"] == f"/programmes/events/{event.pk}/"
    assert set(event.participants.all()) == {world.school_a}


def _participant_choices(html: str) -> set[str]:
    return set(re.findall(r'name="participants" value="(\d+)"', html))


def test_the_event_form_offers_only_the_communitys_member_schools(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    """The district has schools A and B (and the programme takes both); the community only A."""
    html = (
        client_for("school_admin")
        .get(f"/programmes/communities/{community.pk}/events/new/")
        .content.decode()
    )

    assert _participant_choices(html) == {str(world.school_a.pk)}


def test_a_school_outside_the_community_is_refused_as_a_participant(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    response = client_for("school_admin").post(
        f"/programmes/communities/{community.pk}/events/new/",
        {
            "kind": "exhibition",
            "level": "district",
            "title": "单元教学设计交流展示",
            "held_on": timezone.localdate().isoformat(),
            "place": "甲校报告厅",
            "participants": [world.school_a.pk, world.school_b.pk],
        },
    )

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_the_event_form_keeps_a_participant_that_has_left_the_community(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    services.community_update(
        actor=None, community=community, members=[world.school_a, world.school_b]
    )
    event = _event(community, participants=[world.school_a, world.school_b])
    services.community_update(actor=None, community=community, members=[world.school_a])

    html = client_for("school_admin").get(f"/programmes/events/{event.pk}/edit/").content.decode()

    assert _participant_choices(html) == {str(world.school_a.pk), str(world.school_b.pk)}


def test_a_school_outside_the_community_cannot_record_its_events(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    response = client_for("school_b_admin").get(
        f"/programmes/communities/{community.pk}/events/new/"
    )
    assert response.status_code == 403


def _event(community, **fields) -> Event:  # noqa: ANN001, ANN003
    return services.event_create(
        actor=None,
        programme=community.programme,
        community=community,
        kind="exhibition",
        level="district",
        title="展示",
        held_on=timezone.localdate(),
        place="区教育学院",
        **fields,
    )


def test_photos_upload_and_download(world: World, client_for: Clients, community) -> None:  # noqa: ANN001
    event = _event(community)
    client = client_for("school_staff")
    client.post(
        f"/programmes/events/{event.pk}/files/",
        {"kind": "photo", "file": SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff")},
    )
    attachment = EventAttachment.objects.get()
    response = client.get(f"/programmes/files/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff"


def test_the_event_page_shows_its_photos_as_thumbnails(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    event = _event(community)
    client = client_for("school_staff")
    for kind, name in (("photo", "现场照片.jpg"), ("material", "议程.pdf")):
        client.post(
            f"/programmes/events/{event.pk}/files/",
            {"kind": kind, "file": SimpleUploadedFile(name, b"\xff\xd8\xff")},
        )
    photo = EventAttachment.objects.get(kind="photo")

    html = client.get(f"/programmes/events/{event.pk}/").content.decode()

    assert f'<img src="/programmes/files/{photo.pk}/" alt="现场照片.jpg"' in html
    assert html.count("<img ") == 1  # the material is listed, not drawn


def test_a_photo_of_the_wrong_type_is_refused_with_a_message(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    event = _event(community)
    response = client_for("school_staff").post(
        f"/programmes/events/{event.pk}/files/",
        {"kind": "photo", "file": SimpleUploadedFile("宣传稿.docx", b"PK")},
        follow=True,
    )
    assert "“宣传稿.docx”不是照片" in response.content.decode()
    assert "请把类型选为“材料”再上传" in response.content.decode()
    assert not EventAttachment.objects.exists()


def test_a_file_of_no_accepted_type_is_refused_as_unsupported(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    event = _event(community)
    response = client_for("school_staff").post(
        f"/programmes/events/{event.pk}/files/",
        {"kind": "photo", "file": SimpleUploadedFile("setup.exe", b"MZ")},
        follow=True,
    )
    assert "不支持的文件类型“.exe”" in response.content.decode()


def test_the_exhibition_check_lists_a_silent_community(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    html = (
        client_for("programme_officer")
        .get(f"/programmes/{community.programme_id}/exhibitions/")
        .content.decode()
    )
    assert f'data-community="{community.pk}"' in html


def test_an_exhibition_this_year_clears_the_check(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    _event(community)
    html = (
        client_for("programme_officer")
        .get(f"/programmes/{community.programme_id}/exhibitions/")
        .content.decode()
    )
    assert "所有区级共同体本学年都已完成区级交流展示" in html


def test_the_school_reads_its_growth_record(world: World, client_for: Clients, community) -> None:  # noqa: ANN001
    _event(community)
    membership = world.school_a.programme_memberships.get()
    html = (
        client_for("school_staff")
        .get(f"/programmes/schools/{membership.pk}/record/")
        .content.decode()
    )
    assert 'data-kind="event"' in html and 'data-kind="status"' in html


def test_the_dashboard_carries_its_chart_data(world: World, client_for: Clients, community) -> None:  # noqa: ANN001
    _event(community)
    response = client_for("leader").get(f"/programmes/{community.programme_id}/dashboard/")
    html = response.content.decode()
    start = html.index('id="dashboard-data"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(payload)
    assert data["calendar"][0][1] == 1
    assert {row["code"] for row in data["byStatus"]} >= {"draft", "approved"}


def test_a_dashboard_with_nothing_to_count_says_so_instead_of_drawing_empty_charts(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)

    html = client_for("leader").get(f"/programmes/{programme.pk}/dashboard/").content.decode()

    assert 'class="chart"' not in html
    assert "暂无申报" in html and "暂无有效申报" in html and "暂无项目校" in html
    assert "本学年还没有登记共同体活动。" in html


def test_a_dashboard_without_applications_shows_only_the_empty_state(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)

    html = client_for("leader").get(f"/programmes/{programme.pk}/dashboard/").content.decode()

    assert "暂无申报" in html
    assert 'data-count="active"' not in html and "有效申报 0 份" not in html


def test_a_dashboard_with_applications_counts_the_active_ones(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    application_in(world, open_round(programme), "submitted")

    html = client_for("leader").get(f"/programmes/{programme.pk}/dashboard/").content.decode()

    assert "有效申报 1 份" in html and "暂无申报" not in html


def test_the_project_schools_page_has_its_own_heading_in_english(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    url = f"/programmes/{community.programme_id}/schools/"

    english = client_for("leader").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_for("leader").get(url).content.decode()

    assert "<h1>Project schools <small>" in english
    assert "<h1>项目校名单 <small>" in chinese


def test_a_dashboard_draws_only_the_charts_that_have_data(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    """School A is a project school; nobody has applied and no event is recorded yet."""
    html = (
        client_for("leader")
        .get(f"/programmes/{community.programme_id}/dashboard/")
        .content.decode()
    )

    assert 'id="chart-schools"' in html
    assert 'id="chart-status"' not in html and 'id="chart-domain"' not in html
    assert 'id="chart-calendar"' not in html


def test_the_dashboard_names_the_school_year_in_english(
    world: World, client_for: Clients, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 10, 8))
    programme = make_programme(world.district)

    html = (
        client_for("leader")
        .get(f"/programmes/{programme.pk}/dashboard/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "(2026–2027 school year)" in html
    assert "学年" not in html


def test_the_office_changes_a_project_schools_status_with_a_reason(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    membership = world.school_a.programme_memberships.get()
    client_for("programme_officer").post(
        f"/programmes/schools/{membership.pk}/status/",
        {"to_status": "suspended", "reason": "项目实践流于形式"},
    )
    membership.refresh_from_db()
    assert membership.status == "suspended"
    assert membership.history.last().reason == "项目实践流于形式"


def test_the_home_page_warns_the_office_near_the_end_of_the_year(
    world: World,
    client_for: Clients,
    community,
    monkeypatch,  # noqa: ANN001
) -> None:
    from yinling.programmes.schoolyear import SchoolYear

    end = SchoolYear.of(timezone.localdate()).end
    monkeypatch.setattr(timezone, "localdate", lambda: end - timedelta(days=10))
    html = client_for("programme_officer").get("/").content.decode()
    assert "本学年尚无区级展示" in html


def test_a_school_adds_evidence_to_its_growth_record(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    membership = world.school_a.programme_memberships.get()
    client = client_for("school_staff")
    response = client.post(
        f"/programmes/schools/{membership.pk}/record/",
        {
            "title": "区级课题“单元整体教学”结题",
            "happened_on": timezone.localdate().isoformat(),
            "file": SimpleUploadedFile("结题报告.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 302
    html = client.get(f"/programmes/schools/{membership.pk}/record/").content.decode()
    assert 'data-kind="evidence"' in html and "单元整体教学" in html
    evidence = membership.evidence.get()
    assert client.get(f"/programmes/evidence/{evidence.pk}/").status_code == 200


def test_evidence_dated_in_the_future_is_refused(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    membership = world.school_a.programme_memberships.get()
    response = client_for("school_staff").post(
        f"/programmes/schools/{membership.pk}/record/",
        {
            "title": "未来的成果",
            "happened_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "日期不能晚于今天" in response.content.decode()


def test_the_leader_reads_the_growth_record_but_does_not_add_to_it(
    world: World,
    client_for: Clients,
    community,  # noqa: ANN001
) -> None:
    membership = world.school_a.programme_memberships.get()
    client = client_for("leader")
    assert (
        "记入成长证据"
        not in client.get(f"/programmes/schools/{membership.pk}/record/").content.decode()
    )
    response = client.post(f"/programmes/schools/{membership.pk}/record/", {"title": "x"})
    assert response.status_code == 403


@pytest.fixture
def city_membership(world: World):  # noqa: ANN201
    """School A (Baoshan) in a city-level programme, which readers of every district read."""
    programme = services.programme_create(
        actor=None,
        name="上海市新优质学校高质量发展引领计划",
        kind="leading_plan",
        level="city",
        period_start=date(2024, 1, 1),
        period_end=date(2026, 12, 31),
    )
    return services.programme_school_admit(actor=None, programme=programme, school=world.school_a)


def test_another_districts_office_reads_a_city_programme_but_not_its_schools_growth_records(
    world: World,
    client_for: Clients,
    city_membership,  # noqa: ANN001
) -> None:
    client = client_for("other_district_admin")

    assert client.get(f"/programmes/{city_membership.programme_id}/").status_code == 200
    assert client.get(f"/programmes/schools/{city_membership.pk}/record/").status_code == 404


def test_the_schools_own_district_reads_its_growth_record_in_a_city_programme(
    world: World,
    client_for: Clients,
    city_membership,  # noqa: ANN001
) -> None:
    url = f"/programmes/schools/{city_membership.pk}/record/"

    assert client_for("leader").get(url).status_code == 200
    assert client_for("programme_officer").get(url).status_code == 200
    assert client_for("school_staff").get(url).status_code == 200


def test_a_city_programmes_school_list_links_only_the_records_the_reader_may_open(
    world: World,
    client_for: Clients,
    city_membership,  # noqa: ANN001
) -> None:
    url = f"/programmes/{city_membership.programme_id}/schools/"
    record = f'href="/programmes/schools/{city_membership.pk}/record/"'

    assert record not in client_for("other_district_admin").get(url).content.decode()
    assert record in client_for("district_admin").get(url).content.decode()


def test_the_growth_record_shows_its_evidence_form_once_inside_the_page(
    world: World, client_for: Clients, community
) -> None:  # noqa: ANN001
    membership = world.school_a.programme_memberships.get()
    html = (
        client_for("school_staff")
        .get(f"/programmes/schools/{membership.pk}/record/")
        .content.decode()
    )
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title
    assert html.count("记入成长证据</h2>") == 1
    assert html.index("<h1>") < html.index("记入成长证据</h2>")
