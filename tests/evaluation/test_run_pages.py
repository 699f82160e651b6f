from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.evaluation.factories import ValueAddedRunFactory
from tests.evaluation.scores import simulated_pair
from tests.factories import SchoolFactory
from tests.personas import World
from yinling.evaluation.models import ValueAddedRun

STATIC = Path(__file__).parents[2] / "src/yinling/evaluation/static/evaluation"

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world: World) -> object:
    schools = [
        world.school_a,
        world.school_b,
        *(SchoolFactory(district=world.district) for _ in range(5)),
    ]
    return simulated_pair(schools, subjects=("语文", "数学"))


def _create(client: Client, pair: object, **extra: object) -> ValueAddedRun:
    data = {
        "entry": pair.entry.pk,
        "exit": pair.exit.pk,
        "model": "ri",
        "covariates": ["ses"],
        "min_n": 30,
        "suppress_below": 10,
        "band_low": 1,
        "band_high": 1.96,
        **extra,
    }
    response = client.post(reverse("evaluation:run_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ValueAddedRun.objects.latest("pk")


def test_the_office_runs_value_added_from_the_form(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    run = _create(client_for("programme_officer"), pair)
    assert run.status == ValueAddedRun.Status.DRAFT
    assert run.covariates == ["ses"]


def test_the_district_view_is_a_caterpillar_of_intervals_without_ranks(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    run = _create(client_for("district_admin"), pair)
    html = client_for("leader").get(reverse("evaluation:run_detail", kwargs={"pk": run.pk}))
    text = html.content.decode()
    points = json.loads(re.search(r'id="caterpillar-data"[^>]*>(.*?)</script>', text, re.S)[1])
    assert len(points) == 7
    assert all(p["low"] < p["estimate"] < p["high"] for p in points)
    assert not re.search(
        r"排名|名次|第\s*\d+\s*名", text.replace("不排名次", "").replace("不表示名次", "")
    )


def test_the_table_lists_schools_by_code_not_by_estimate(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    run = _create(client_for("district_admin"), pair)
    url = reverse("evaluation:run_detail", kwargs={"pk": run.pk}) + "?subject=数学"
    text = client_for("district_admin").get(url).content.decode()
    codes = re.findall(r"<tr>\s*<td>(T\d+)</td>", text)
    assert codes == sorted(codes) and len(codes) == 7


def test_school_codes_and_intervals_keep_to_one_line_on_a_phone(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    run = _create(client_for("district_admin"), pair)
    text = client_for("district_admin").get(reverse("evaluation:run_detail", args=[run.pk]))
    header = re.search(r'<table class="estimates">\s*<thead><tr>(.*?)</tr>', text.content.decode())
    columns = re.findall(r"<th>(.*?)</th>", header[1])
    assert (columns[0], columns[4]) == ("学校代码", "95% 区间")
    css = (STATIC / "evaluation.css").read_text()
    assert (
        "table.estimates td:nth-child(1), table.estimates td:nth-child(5) { white-space:nowrap; }"
        in css
    )
    assert "table.estimates td:nth-child(2) { min-width:7em; }" in css  # names stay legible


def test_a_run_that_cannot_be_estimated_shows_the_engines_message(
    world: World, client_for: Callable[[str], Client]
) -> None:
    pair = simulated_pair([world.school_a, world.school_b], with_prior=0.1, seed=9)
    client = client_for("district_admin")
    run = _create(client, pair)
    page = client.get(reverse("evaluation:run_detail", kwargs={"pk": run.pk})).content.decode()
    assert "大多数学生缺少入口成绩" in page
    assert "没有保存任何估计值" in page


def test_a_failed_run_names_the_subject_and_folds_the_engines_detail_away(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=ValueAddedRun.Status.FAILED,
        error_code="VA011",
        message="至少需要两所学校才能比较（at least two schools are needed for a comparison）："
        "数学: only school ['4']",
    )
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url).content.decode()

    assert "数学：至少需要两所学校才能比较" in page
    folded = re.search(r"<details>.*?</details>", page, re.DOTALL)
    assert folded and "技术信息" in folded[0] and "only school" in folded[0]
    assert "only school" not in page.replace(folded[0], "")


def test_schools_never_see_the_district_view(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    run = _create(client_for("district_admin"), pair)
    url = reverse("evaluation:run_detail", kwargs={"pk": run.pk})
    assert client_for("school_admin").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_the_value_added_command_runs_the_engine(tmp_path: Path) -> None:
    import polars as pl

    rows = [
        {
            "student_id": f"S{i}",
            "school_id": f"K{i % 3}",
            "prior": float(i % 17),
            "score": float(i % 13 + i % 17 + i % 3),
        }
        for i in range(120)
    ]
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    pl.DataFrame(rows).write_csv(source)
    call_command(
        "value_added", "--input", str(source), "--model", "ols", "--min-n", "20", "-o", str(target)
    )
    assert pl.read_csv(target).height == 3


def test_a_run_exports_as_a_ledger_in_school_code_order(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    import io

    from openpyxl import load_workbook

    run = _create(client_for("district_admin"), pair)
    response = client_for("leader").get(reverse("evaluation:run_export", kwargs={"pk": run.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 7 * 3
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert sheet.cell(row=2, column=4).value == "等级"


def test_the_ledger_gives_numbers_as_the_page_does_not_to_fifteen_places(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    import io

    from openpyxl import load_workbook

    run = _create(client_for("district_admin"), pair)
    response = client_for("leader").get(reverse("evaluation:run_export", kwargs={"pk": run.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = [
        value
        for row in sheet.iter_rows(min_row=3, values_only=True)
        for value in row
        if isinstance(value, float)
    ]
    assert numbers and all(value == round(value, 2) for value in numbers)
    first = run.schools.order_by("school__code", "subject").first()
    assert sheet.cell(row=3, column=5).value == round(first.estimate, 2)


def _model_card(page: str) -> str:
    return page[page.index("模型与可复现信息") :]


def _prior(summary: dict[str, object]) -> str:
    from django.template.defaultfilters import floatformat

    effect = next(e for e in summary["fixed_effects"] if e["name"] == "prior")  # type: ignore[attr-defined]
    return floatformat(effect["estimate"], 4)


def test_choosing_a_subject_shows_that_subjects_model(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    client = client_for("district_admin")
    run = _create(client, pair)
    summaries = {s["subject"]: s for s in run.model_summaries}
    url = reverse("evaluation:run_detail", kwargs={"pk": run.pk}) + "?subject=数学"

    card = _model_card(client.get(url).content.decode())

    assert "模型摘要：数学" in card
    assert _prior(summaries["数学"]) in card
    assert _prior(summaries["语文"]) not in card


def test_the_combination_shows_the_combined_model_by_default(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    client = client_for("district_admin")
    run = _create(client, pair)
    combined = next(s for s in run.model_summaries if s["subject"] == "combined")

    card = _model_card(
        client.get(reverse("evaluation:run_detail", kwargs={"pk": run.pk})).content.decode()
    )

    assert "模型摘要：综合" in card
    assert _prior(combined) in card


def _running(world: World, **fields: object) -> ValueAddedRun:
    return ValueAddedRunFactory(
        district=world.district, status=ValueAddedRun.Status.RUNNING, **fields
    )


def test_a_running_run_shows_a_progress_card_that_polls_and_no_estimates(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = _running(world)

    page = client_for("leader").get(reverse("evaluation:run_detail", kwargs={"pk": run.pk}))

    text = page.content.decode()
    progress = reverse("evaluation:run_progress", kwargs={"pk": run.pk})
    assert f'hx-get="{progress}" hx-trigger="every 1s"' in text
    assert "计算中" in text
    assert "caterpillar-data" not in text
    assert reverse("evaluation:run_export", kwargs={"pk": run.pk}) not in text


def test_a_running_run_offers_neither_publishing_nor_reproducing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = _running(world)

    text = (
        client_for("district_admin")
        .get(reverse("evaluation:run_detail", kwargs={"pk": run.pk}))
        .content.decode()
    )

    assert reverse("evaluation:run_publish", kwargs={"pk": run.pk}) not in text
    assert reverse("evaluation:run_reproduce", kwargs={"pk": run.pk}) not in text


def test_the_progress_fragment_of_a_running_run_keeps_polling(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = _running(world)
    url = reverse("evaluation:run_progress", kwargs={"pk": run.pk})

    response = client_for("district_admin").get(url, HTTP_HX_REQUEST="true")

    assert "HX-Refresh" not in response
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_the_progress_fragment_of_a_finished_run_reloads_the_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(district=world.district)
    url = reverse("evaluation:run_progress", kwargs={"pk": run.pk})

    response = client_for("district_admin").get(url, HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"


def test_a_stale_run_says_so_and_offers_to_reproduce_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    import datetime

    from django.utils import timezone

    run = _running(world)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ValueAddedRun.objects.filter(pk=run.pk).update(created_at=an_hour_ago)

    text = (
        client_for("district_admin")
        .get(reverse("evaluation:run_detail", kwargs={"pk": run.pk}))
        .content.decode()
    )

    assert "长时间没有进展，计算可能已中断" in text
    assert reverse("evaluation:run_reproduce", kwargs={"pk": run.pk}) in text


def test_publishing_a_running_run_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = _running(world)
    client = client_for("district_admin")

    response = client.post(reverse("evaluation:run_publish", kwargs={"pk": run.pk}), follow=True)

    assert "该增值评估当前为“计算中”，不能执行此操作" in response.content.decode()
    run.refresh_from_db()
    assert run.status == ValueAddedRun.Status.RUNNING


def test_a_running_run_cannot_be_exported(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = _running(world)

    response = client_for("leader").get(reverse("evaluation:run_export", kwargs={"pk": run.pk}))

    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:run_detail", kwargs={"pk": run.pk})


def test_the_run_list_shows_a_run_still_being_fitted(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _running(world)

    text = client_for("leader").get(reverse("evaluation:run_list")).content.decode()

    assert '<span class="tag">计算中</span>' in text


def test_the_model_card_names_each_term_and_keeps_its_code_beside_it(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    client = client_for("district_admin")
    run = _create(client, pair)

    card = _model_card(
        client.get(reverse("evaluation:run_detail", kwargs={"pk": run.pk})).content.decode()
    )

    assert (
        '<span title="(Intercept)">截距</span><br><small><code>(Intercept)</code></small>' in card
    )
    assert '<span title="prior">入口成绩</span>' in card
    assert '<span title="ses">家庭社会经济地位指数</span>' in card


def test_the_model_card_states_convergence_in_words_not_the_engines_message(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    client = client_for("district_admin")
    run = _create(client, pair)

    card = _model_card(
        client.get(reverse("evaluation:run_detail", kwargs={"pk": run.pk})).content.decode()
    )

    assert "收敛情况：已收敛（REML），学校间方差与学生间方差之比 " in card
    assert run.message.startswith("REML 收敛")  # kept as the engine wrote it
    assert "REML 收敛" not in card and "REML converged" not in card


def test_the_model_card_names_the_background_variables(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    client = client_for("district_admin")
    run = _create(client, pair, covariates=["ses", "gender"])

    card = _model_card(
        client.get(reverse("evaluation:run_detail", kwargs={"pk": run.pk})).content.decode()
    )

    assert "学生背景变量：家庭社会经济地位指数、性别" in card
    assert "科目：语文、数学" in card


def test_the_run_page_writes_its_times_the_chinese_way_throughout(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    import datetime

    from django.utils import timezone

    run = _create(client_for("district_admin"), pair)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, 1, 19))
    ValueAddedRun.objects.filter(pk=run.pk).update(created_at=moment, published_at=moment)
    url = reverse("evaluation:run_detail", kwargs={"pk": run.pk})
    page = client_for("district_admin").get(url).content.decode()
    listing = client_for("district_admin").get(reverse("evaluation:run_list")).content.decode()
    assert "2026年11月23日 01:19" in page and "2026年11月23日 01:19" in listing
    assert "2026-11-23" not in page and "2026-11-23" not in listing


def test_the_run_page_writes_its_times_the_english_way_in_english(
    world: World, client_for: Callable[[str], Client], pair: object
) -> None:
    import datetime

    from django.utils import timezone

    run = _create(client_for("district_admin"), pair)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, 1, 19))
    ValueAddedRun.objects.filter(pk=run.pk).update(created_at=moment)
    url = reverse("evaluation:run_detail", kwargs={"pk": run.pk})
    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11/23/2026 1:19 a.m." in page
    assert "2026-11-23" not in page
