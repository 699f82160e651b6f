from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.evaluation.factories import SchoolValueAddedFactory, ValueAddedRunFactory
from tests.personas import PERSONAS, World
from yinling.evaluation.models import ValueAddedRun
from yinling.evaluation.selectors import programme_status
from yinling.evaluation.services import green_record_save, green_set_install

STATIC = Path(__file__).parents[2] / "src/yinling/evaluation/static/evaluation"

pytestmark = pytest.mark.django_db


def _profile(world: World, school: object | None = None) -> str:
    return reverse("evaluation:school_profile", kwargs={"pk": (school or world.school_a).pk})


def _published(world: World, **row: object) -> ValueAddedRun:
    run = ValueAddedRunFactory(district=world.district, status=ValueAddedRun.Status.PUBLISHED)
    SchoolValueAddedFactory(run=run, school=world.school_a, estimate_sd=0.2, se_sd=0.05, **row)
    return run


def test_the_permission_matrix_of_a_schools_profile(
    world: World, client_for: Callable[[str], Client]
) -> None:
    allowed = {
        "superuser",
        "district_admin",
        "programme_officer",
        "leader",
        "school_admin",
        "school_staff",
    }
    for persona in PERSONAS:
        status = client_for(persona).get(_profile(world)).status_code
        if persona in allowed:
            assert status == 200, persona
        else:
            assert status in {302, 403, 404}, persona


def test_a_school_is_sent_to_its_own_profile(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("school_b_admin").get(reverse("evaluation:my_profile"))
    assert response["Location"] == _profile(world, world.school_b)
    assert client_for("school_b_admin").get(_profile(world)).status_code == 404


def test_only_published_runs_reach_the_profile(
    world: World, client_for: Callable[[str], Client]
) -> None:
    draft = ValueAddedRunFactory(district=world.district, status=ValueAddedRun.Status.DRAFT)
    SchoolValueAddedFactory(run=draft, school=world.school_a, estimate=-3.5)
    _published(world, estimate=1.75)
    html = client_for("school_admin").get(_profile(world)).content.decode()
    assert "1.75" in html and "-3.50" not in html


def test_the_value_added_trend_carries_intervals_in_sd_units(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _published(world)
    html = client_for("school_staff").get(_profile(world)).content.decode()
    points = json.loads(re.search(r'id="va-trend"[^>]*>(.*?)</script>', html, re.S)[1])
    assert points[0]["low"] == pytest.approx(0.2 - 1.959963984540054 * 0.05)
    assert points[0]["band"] == "above"


def test_the_profile_shows_green_indicators_as_radar_trend_and_change(
    world: World, client_for: Callable[[str], Client]
) -> None:
    v1 = green_set_install(actor=world.district_admin, district=world.district, version="1.0")
    motivation = v1.indicators.get(name="学习动力指数")
    for year, level in ((2021, 5), (2023, 7)):
        green_record_save(
            actor=world.district_admin,
            school=world.school_a,
            indicator=motivation,
            test_year=year,
            level=level,
        )
    html = client_for("school_admin").get(_profile(world)).content.decode()
    radar = json.loads(re.search(r'id="green-radar"[^>]*>(.*?)</script>', html, re.S)[1])
    assert radar == {
        "indicators": ["学习动力指数"],
        "series": [{"name": "2021", "values": [5]}, {"name": "2023", "values": [7]}],
    }
    assert "2021→2023：+2 级" in html


def test_the_radar_compares_the_latest_years_with_a_shape_not_a_lone_level(
    world: World, client_for: Callable[[str], Client]
) -> None:
    v1 = green_set_install(actor=world.district_admin, district=world.district, version="1.0")
    names = ["学业水平指数", "学习动力指数", "学业负担指数"]
    for year in (2021, 2023):
        for name in names:
            green_record_save(
                actor=world.district_admin,
                school=world.school_a,
                indicator=v1.indicators.get(name=name),
                test_year=year,
                level=5,
            )
    green_record_save(  # 2025: only the first index so far
        actor=world.district_admin,
        school=world.school_a,
        indicator=v1.indicators.get(name=names[0]),
        test_year=2025,
        level=6,
    )
    html = client_for("school_admin").get(_profile(world)).content.decode()
    radar = json.loads(re.search(r'id="green-radar"[^>]*>(.*?)</script>', html, re.S)[1])
    assert [s["name"] for s in radar["series"]] == ["2021", "2023"]
    trend = json.loads(re.search(r'id="green-trend"[^>]*>(.*?)</script>', html, re.S)[1])
    assert trend["years"] == ["2021", "2023", "2025"]


def test_the_radar_and_the_trend_share_the_row_half_and_half(
    world: World, client_for: Callable[[str], Client]
) -> None:
    v1 = green_set_install(actor=world.district_admin, district=world.district, version="1.0")
    green_record_save(
        actor=world.district_admin,
        school=world.school_a,
        indicator=v1.indicators.get(name="学习动力指数"),
        test_year=2023,
        level=5,
    )
    html = client_for("school_admin").get(_profile(world)).content.decode()
    pair = re.search(r'<div class="chart-pair">(.*?)</div>\s*</div>', html, re.S)
    assert pair and 'data-chart="radar"' in pair[1] and 'data-chart="lines"' in pair[1]
    css = (STATIC / "evaluation.css").read_text()
    assert ".chart-pair { display:grid; grid-template-columns:repeat(2,minmax(0,1fr));" in css


def test_a_profile_of_a_school_in_no_programme_says_so(
    world: World, client_for: Callable[[str], Client]
) -> None:
    assert programme_status(world.school_a) is None
    html = client_for("district_admin").get(_profile(world)).content.decode()
    assert "本校目前没有参加" in html


def test_the_profile_list_is_in_school_code_order(
    world: World, client_for: Callable[[str], Client]
) -> None:
    html = client_for("leader").get(reverse("evaluation:profile_list")).content.decode()
    codes = re.findall(r"<tr><td>(T\d+)</td>", html)
    assert codes == sorted(codes) and len(codes) == 2


def test_the_api_gives_a_school_its_own_profile_only(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _published(world, estimate=1.75)
    url = reverse("api:evaluation_school_profile", kwargs={"school_id": world.school_a.pk})
    data = client_for("school_admin").get(url).json()
    assert [row["estimate"] for row in data["value_added"]] == [1.75]
    assert "rank" not in data["value_added"][0]
    assert data["programme_status"] is None
    assert client_for("school_b_admin").get(url).status_code == 404


def test_the_home_page_tells_a_school_what_comes_and_shows_its_latest_band(
    world: World, client_for: Callable[[str], Client]
) -> None:
    home = client_for("school_admin").get(reverse("home")).content.decode()
    assert "教育局尚未发布本校的增值评估结果" in home
    _published(world)
    home = client_for("school_admin").get(reverse("home")).content.decode()
    assert "为“高于”" in home


def test_the_home_page_tells_the_office_to_import_scores_first(
    world: World, client_for: Callable[[str], Client]
) -> None:
    home = client_for("programme_officer").get(reverse("home")).content.decode()
    assert "请先在“测试与成绩”中新增入口和出口测试并导入成绩" in home
