"""Wide programme tables stay readable: one card per row on a phone, codes and scores unbroken."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from tests.personas import World
from tests.programmes.factories import full_scores, scene
from yinling.programmes import services

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]
STATIC = Path(__file__).resolve().parents[2] / "src/yinling/programmes/static/programmes"


def _cells(html: str) -> list[str]:
    body = html.split('<table class="row-cards">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td[^>]*>", body.split("<tbody>", 1)[1])


def test_the_programme_stylesheet_turns_marked_tables_into_cards_on_a_phone() -> None:
    css = (STATIC / "programmes.css").read_text()
    phone = css.split("@media (max-width:720px)", 1)[1]
    assert "table.row-cards thead { display:none; }" in phone
    assert "td[data-label]::before { content:attr(data-label);" in phone
    assert ".nowrap, .status { white-space:nowrap; }" in css


def test_every_cell_of_the_round_list_names_its_column_and_the_code_never_wraps(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    html = client_for("programme_officer").get(f"/programmes/rounds/{s.round.pk}/").content.decode()

    cells = _cells(html)
    assert len(cells) == 7 and all("data-label=" in cell for cell in cells)
    assert f'data-label="编号" class="nowrap">{s.application.display_id}<' in html


def test_each_results_row_is_a_card_and_a_name_and_score_stay_on_one_line(
    world: World, client_for: Clients
) -> None:
    s = scene(world)
    services.review_submit(
        actor=world.expert,
        assignment=s.application.assignments.get(),
        scores=full_scores(s.round, 9),
        comment_to_school="",
        comment_to_office="",
    )
    html = (
        client_for("programme_officer")
        .get(f"/programmes/rounds/{s.round.pk}/results/")
        .content.decode()
    )

    cells = _cells(html)
    assert cells[0] == '<td class="application">'  # the card's heading: the project itself
    assert all("data-label=" in cell for cell in cells[1:])
    assert f'<div class="nowrap">{world.expert.full_name}：9.00</div>' in html


def test_the_domain_chart_shows_every_domain_name_instead_of_a_paged_legend() -> None:
    script = (STATIC / "dashboard.js").read_text()
    assert 'type: "scroll"' not in script and 'type: "pie"' not in script
    assert 'yAxis: { type: "category"' in script and "interval: 0" in script


def test_the_dashboards_row_of_cards_keeps_a_gap_above_the_calendar(
    world: World, client_for: Clients
) -> None:
    programme = scene(world).programme
    html = (
        client_for("programme_officer")
        .get(f"/programmes/{programme.pk}/dashboard/")
        .content.decode()
    )
    assert '<div class="panels dashboard-row">' in html
    css = (STATIC / "programmes.css").read_text()
    assert ".panels.dashboard-row { margin-bottom:1rem; }" in css
