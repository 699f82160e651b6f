"""A real browser imports scores through the mapping preview and reads a school's charts."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest

from yinling.core.demo import load_core
from yinling.core.demo.people import DEMO_PASSWORD
from yinling.core.models import Region, School
from yinling.evaluation import demo
from yinling.evaluation.models import Assessment
from yinling.evaluation.services import assessment_create

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")  # type: ignore[attr-defined]
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/")  # type: ignore[attr-defined]


def test_the_office_maps_columns_with_a_live_preview_and_imports(
    live_server: object, page: object, tmp_path: Path
) -> None:
    load_core(lambda line: None)
    assessment = assessment_create(
        actor=None,
        district=Region.objects.get(code="310112"),
        name="2024学年七年级区测",
        kind=Assessment.Kind.DISTRICT_TEST,
        grade=7,
        subjects=["语文", "数学"],
        school_year=2024,
        held_on=datetime.date(2025, 1, 10),
    )
    scores = tmp_path / "七年级.csv"
    scores.write_text(
        "学号,学校代码,语文,数学\nX1,MH-QX-004,81,92\nX2,MH-QX-001,77,65\n", encoding="gb18030"
    )
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "mh_office")
    page.goto(f"{base}/evaluation/assessments/{assessment.pk}/import/")  # type: ignore[attr-defined]
    page.set_input_files("input[type=file]", str(scores))  # type: ignore[attr-defined]
    page.click("form.form button[type=submit]")  # type: ignore[attr-defined]
    # Waiting for the URL waits for the load event too: the first preview is in the page's
    # HTML, so it shows before htmx (a deferred script) listens for changes to the mapping.
    page.wait_for_url(re.compile(r"/evaluation/imports/\d+/$"))  # type: ignore[attr-defined]
    page.wait_for_selector("table[data-preview]")  # type: ignore[attr-defined]
    assert "龙柏中学" in page.inner_text("#preview")  # type: ignore[attr-defined]
    page.select_option("select[name=student]", "")  # type: ignore[attr-defined]
    page.wait_for_selector("#preview .errors")  # type: ignore[attr-defined]
    assert "请选择“学生编号”对应的列" in page.inner_text("#preview")  # type: ignore[attr-defined]
    page.select_option("select[name=student]", "学号")  # type: ignore[attr-defined]
    page.wait_for_selector("table[data-preview]")  # type: ignore[attr-defined]
    assert "X1" not in page.inner_text("#preview")  # type: ignore[attr-defined]
    page.click("text=开始导入")  # type: ignore[attr-defined]
    page.wait_for_selector("text=已成为第 1 版数据")  # type: ignore[attr-defined]
    assert assessment.current_version.row_count == 4


def test_a_school_reads_its_profile_charts(live_server: object, page: object) -> None:
    load_core(lambda line: None)
    demo.load(lambda line: None)
    school = School.objects.get(code="MH-QX-004")
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "mh_school")
    page.click("nav.mainnav >> text=本校评价")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/evaluation/schools/{school.pk}/")  # type: ignore[attr-defined]
    for kind in ("trend", "radar", "lines"):
        chart = page.locator(f"[data-chart={kind}]")  # type: ignore[attr-defined]
        chart.locator("canvas").wait_for()
        assert chart.is_visible()


# Every line of text a chart draws, where it lands on its canvas. Text the chart clips on
# purpose (the pages of a scrolling legend) is left out: only what shows must fit.
DRAWN_TEXT = """el => {
  const chart = echarts.getInstanceByDom(el);
  const texts = [];
  chart.getZr().storage.getDisplayList(true).forEach(span => {
    if (span.type !== "tspan" || !span.style || !span.style.text) { return; }
    if (span.__clipPaths && span.__clipPaths.length) { return; }
    const box = span.getBoundingRect().clone();
    const transform = span.getComputedTransform();
    if (transform) { box.applyTransform(transform); }
    texts.push({
      line: span.style.text, whole: span.parent ? span.parent.style.text : span.style.text,
      left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height
    });
  });
  return {width: chart.getWidth(), height: chart.getHeight(), texts: texts};
}"""
SES_INDEX = "社会经济背景对学业成绩的影响指数"


def _outside(drawn: dict) -> list[str]:
    return [
        t["line"]
        for t in drawn["texts"]
        if t["left"] < -0.5
        or t["top"] < -0.5
        or t["right"] > drawn["width"] + 0.5
        or t["bottom"] > drawn["height"] + 0.5
    ]


def _demo_page(browser: object, live_server: object, username: str, width: int) -> object:
    load_core(lambda line: None)
    demo.load(lambda line: None)
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="zh-CN", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    _log_in(page, live_server.url, username)  # type: ignore[attr-defined]
    return page


@pytest.mark.parametrize("width", [1366, 375], ids=["desktop", "phone"])
def test_the_profile_charts_draw_every_name_inside_their_canvas(
    browser: object, live_server: object, width: int
) -> None:
    page = _demo_page(browser, live_server, "mh_school", width)
    page.goto(f"{live_server.url}/evaluation/schools/mine/")  # type: ignore[attr-defined]
    for kind in ("trend", "radar", "lines"):
        chart = page.locator(f"[data-chart={kind}]")  # type: ignore[attr-defined]
        chart.locator("canvas").wait_for()

        drawn = chart.evaluate(DRAWN_TEXT)

        assert _outside(drawn) == [], kind
    names = {t["line"] for t in drawn["texts"]}
    assert "等级" in names  # the line chart's axis name, above its axis


@pytest.mark.parametrize("width", [1366, 375], ids=["desktop", "phone"])
def test_a_long_radar_name_wraps_onto_two_lines_instead_of_being_cut(
    browser: object, live_server: object, width: int
) -> None:
    page = _demo_page(browser, live_server, "mh_school", width)
    page.goto(f"{live_server.url}/evaluation/schools/mine/")  # type: ignore[attr-defined]
    chart = page.locator("[data-chart=radar]")  # type: ignore[attr-defined]
    chart.locator("canvas").wait_for()

    drawn = chart.evaluate(DRAWN_TEXT)

    lines = [t for t in drawn["texts"] if t["whole"] and t["whole"].replace("\n", "") == SES_INDEX]
    assert len(lines) == 2
    assert "".join(t["line"] for t in lines) == SES_INDEX


def test_hovering_a_wrapped_radar_name_shows_it_whole(browser: object, live_server: object) -> None:
    page = _demo_page(browser, live_server, "mh_school", 1366)
    page.goto(f"{live_server.url}/evaluation/schools/mine/")  # type: ignore[attr-defined]
    chart = page.locator("[data-chart=radar]")  # type: ignore[attr-defined]
    chart.locator("canvas").wait_for()
    chart.scroll_into_view_if_needed()
    first = next(t for t in chart.evaluate(DRAWN_TEXT)["texts"] if t["line"] in SES_INDEX)
    box = chart.bounding_box()

    page.mouse.move(  # type: ignore[attr-defined]
        box["x"] + (first["left"] + first["right"]) / 2,
        box["y"] + (first["top"] + first["bottom"]) / 2,
        steps=4,
    )

    tooltip = chart.locator("div").last
    tooltip.wait_for()
    assert tooltip.inner_text() == SES_INDEX


@pytest.mark.parametrize("width", [1366, 375], ids=["desktop", "phone"])
def test_the_caterpillar_draws_every_name_inside_its_canvas(
    browser: object, live_server: object, width: int
) -> None:
    page = _demo_page(browser, live_server, "mh_office", width)
    page.goto(f"{live_server.url}/evaluation/runs/")  # type: ignore[attr-defined]
    page.locator("table a").first.click()  # type: ignore[attr-defined]
    chart = page.locator("[data-chart=caterpillar]")  # type: ignore[attr-defined]
    chart.locator("canvas").wait_for()

    drawn = chart.evaluate(DRAWN_TEXT)

    assert _outside(drawn) == []
    assert "增值（标准差）" in {t["line"] for t in drawn["texts"]}
