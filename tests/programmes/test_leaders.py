"""Leaders (领导 / 督导) read the programme's results from their home page, and never write."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urldefrag

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import user_with_role
from tests.personas import World
from tests.programmes.factories import (
    application_in,
    extra_school,
    full_scores,
    make_programme,
    open_round,
    scene,
    submitted_application,
)
from yinling.core.models import Role
from yinling.programmes import services
from yinling.programmes.models import Application, ApplicationRound, Programme

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]
S = Application.Status


def _main(page: str) -> str:
    """The page's own content, without the site's header (log-out and language forms)."""
    return page[page.index('<main id="main">') : page.index("</main>")]


def _panel(page: str) -> str:
    start = page.index('data-panel="programmes-leader"')
    return page[start : page.index("</section>", start)]


def _target(programme: Programme) -> None:
    services.target_create(
        actor=None,
        programme=programme,
        name="新优质项目学校逐步扩容到60所左右",
        metric="project_schools",
        value=60,
        unit="所",
        due_on=date(2026, 12, 31),
    )


def _school_b_applies(round_: ApplicationRound, world: World) -> Application:
    return submitted_application(round_, world.school_b, world.school_b_admin)


# --- the home panel ----------------------------------------------------------------------------


def test_a_leaders_home_shows_the_programmes_targets_against_where_they_stand(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    _target(programme)

    panel = _panel(client_for("leader").get("/").content.decode())

    assert "新优质项目学校逐步扩容到60所左右" in panel
    assert "60所" in panel and "0所（0%）" in panel


def test_a_leaders_home_counts_the_applications_by_status(
    world: World, client_for: Clients
) -> None:
    round_ = open_round(make_programme(world.district))
    application_in(world, round_, S.WITHDRAWN)
    _school_b_applies(round_, world)

    panel = _panel(client_for("leader").get("/").content.decode())

    assert "有效申报 1 份（不含草稿和已撤回）" in panel
    assert "已提交 1 · 已撤回 1" in panel


def test_a_leaders_home_leads_to_the_dashboard_and_the_latest_results(
    world: World, client_for: Clients
) -> None:
    programme = make_programme(world.district)
    first = open_round(programme, name="第一批次")
    _school_b_applies(first, world)
    open_round(programme, name="第二批次（尚无申报）", rubric=first.rubric)

    panel = _panel(client_for("leader").get("/").content.decode())

    assert f'href="{reverse("programmes:dashboard", args=[programme.pk])}"' in panel
    assert f'href="{reverse("programmes:round_results", args=[first.pk])}"' in panel


def test_a_leader_with_no_programme_running_is_told_so_and_asked_nothing(
    world: World, client_for: Clients
) -> None:
    panel = _panel(client_for("leader").get("/").content.decode())

    assert "目前没有进行中的项目" in panel
    assert "新建项目" not in panel


def test_a_leader_gets_the_leaders_panel_not_the_offices(world: World, client_for: Clients) -> None:
    page = client_for("leader").get("/").content.decode()

    assert 'data-panel="programmes-leader"' in page
    assert 'data-panel="programmes-office"' not in page


def test_the_office_gets_its_own_panel_not_the_leaders(world: World, client_for: Clients) -> None:
    page = client_for("programme_officer").get("/").content.decode()

    assert 'data-panel="programmes-office"' in page
    assert 'data-panel="programmes-leader"' not in page


# --- the results page --------------------------------------------------------------------------


def _scored_scene(world: World) -> tuple[ApplicationRound, Application]:
    s = scene(world)
    assignment = s.application.assignments.get()
    services.review_submit(actor=world.expert, assignment=assignment, scores=full_scores(s.round))
    return s.round, s.application


def _results(round_: ApplicationRound) -> str:
    return reverse("programmes:round_results", args=[round_.pk])


def test_a_leader_reads_the_review_aggregates(world: World, client_for: Clients) -> None:
    round_, _application = _scored_scene(world)

    page = _main(client_for("leader").get(_results(round_)).content.decode())

    assert (
        '<td data-label="平均分">8.00</td>' in page
    )  # the mean of the one expert's weighted total


def test_a_leader_reads_the_scores_without_the_experts_names(
    world: World, client_for: Clients
) -> None:
    round_, _application = _scored_scene(world)

    page = _main(client_for("leader").get(_results(round_)).content.decode())

    assert "专家 1：8.00" in page
    assert str(world.expert) not in page


def test_a_leader_reads_a_released_decision(world: World, client_for: Clients) -> None:
    round_, application = _scored_scene(world)
    decision = services.decision_record(
        actor=world.programme_officer, application=application, outcome="approve", reason="同意立项"
    )
    services.decision_release(actor=world.programme_officer, decision=decision)

    page = _main(client_for("leader").get(_results(round_)).content.decode())

    assert "同意立项" in page and "已发布" in page


def test_a_leader_does_not_read_a_decision_before_its_release(
    world: World, client_for: Clients
) -> None:
    round_, application = _scored_scene(world)
    services.decision_record(
        actor=world.programme_officer, application=application, outcome="reject", reason="暂不立项"
    )

    page = _main(client_for("leader").get(_results(round_)).content.decode())

    assert "暂不立项" not in page and "未发布" not in page


def test_the_office_still_decides_and_releases_on_the_results_page(
    world: World, client_for: Clients
) -> None:
    round_, application = _scored_scene(world)
    services.decision_record(
        actor=world.programme_officer, application=application, outcome="approve", reason="同意"
    )

    page = _main(client_for("programme_officer").get(_results(round_)).content.decode())

    assert reverse("programmes:round_release", args=[round_.pk]) in page
    assert reverse("programmes:decision_record", args=[application.pk]) in page
    assert str(world.expert) in page


# --- everything a leader can reach -------------------------------------------------------------

HREF = re.compile(r'href="(/programmes/[^"]*)"')


def _busy_programme(world: World) -> Programme:
    """A programme with something on every page: targets, a round with a scored, decided and
    released application, one under review, one withdrawn, a project school with its growth
    record, a community and its exhibition."""
    round_, application = _scored_scene(world)
    programme = round_.programme
    _target(programme)
    decision = services.decision_record(
        actor=world.programme_officer, application=application, outcome="approve", reason="同意"
    )
    services.decision_release(actor=world.programme_officer, decision=decision)
    _school_b_applies(round_, world)
    school = extra_school(world.district)
    admin = user_with_role(Role.SCHOOL_ADMIN, school)
    withdrawn = submitted_application(round_, school, admin)
    services.application_withdraw(actor=admin, application=withdrawn, reason="校长调整")
    community = services.community_create(
        actor=None, programme=programme, name="育人方式共同体", lead_school=world.school_a
    )
    services.event_create(
        actor=None,
        programme=programme,
        community=community,
        kind="exhibition",
        level="district",
        title="交流展示",
        held_on=date(2025, 11, 20),
        place="区教育学院",
        participants=[world.school_a],
    )
    return programme


def _crawl(client: Client, start: str, limit: int = 80) -> dict[str, str]:
    """Every programme page reachable by links from `start`: url -> the page's own content."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            seen[url] = ""
            continue
        seen[url] = _main(response.content.decode())
        for href in HREF.findall(seen[url]):
            link = urldefrag(href.replace("&amp;", "&")).url
            if link not in seen:
                queue.append(link)
    return seen


def test_a_leader_reaches_the_dashboard_and_the_results_from_home(
    world: World, client_for: Clients
) -> None:
    programme = _busy_programme(world)

    pages = _crawl(client_for("leader"), "/")

    assert reverse("programmes:dashboard", args=[programme.pk]) in pages
    assert reverse("programmes:round_results", args=[programme.rounds.get().pk]) in pages


def test_a_leader_meets_no_control_that_writes_on_any_page_they_reach(
    world: World, client_for: Clients
) -> None:
    _busy_programme(world)

    pages = _crawl(client_for("leader"), "/")

    writing = [url for url, html in pages.items() if re.search(r'method="post"', html, re.I)]
    assert len(pages) > 10
    assert writing == []
