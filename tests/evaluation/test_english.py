"""The evaluation pages speak English when the browser asks for it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.catalogues import english_catalogue, msgids_of
from tests.evaluation.factories import SchoolValueAddedFactory, ValueAddedRunFactory
from tests.personas import World
from yinling.evaluation.models import ValueAddedRun
from yinling.evaluation.services import runs

pytestmark = pytest.mark.django_db

CATALOGUE = english_catalogue("evaluation")


def _run(world: World) -> ValueAddedRun:
    run = ValueAddedRunFactory(district=world.district)
    SchoolValueAddedFactory(run=run, school=world.school_a, band="sig_above")
    SchoolValueAddedFactory(run=run, school=world.school_b, band="average", status="small", n=12)
    return run


def test_a_value_added_run_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("evaluation:run_detail", args=[_run(world).pk])

    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<h2>Schools per band</h2>" in page
    assert "<h2>Model and reproducibility</h2>" in page
    assert "Significantly above average" in page
    assert "Few students" in page
    assert "Publish to schools" in page
    assert "Value added of each school with its 95% interval" in page
    msgids = msgids_of(CATALOGUE, "evaluation/run_detail.html")
    assert len(msgids) > 30
    assert [m for m in msgids if m in page] == []


def test_a_value_added_run_stays_chinese_by_default(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("evaluation:run_detail", args=[_run(world).pk])

    page = client_for("district_admin").get(url).content.decode()

    assert "<h2>各等级学校数</h2>" in page
    assert "Schools per band" not in page


def test_a_running_runs_progress_speaks_english_when_asked(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=ValueAddedRun.Status.RUNNING)
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Calculating" in page
    assert "Waiting to start…" in page
    msgids = msgids_of(CATALOGUE, "evaluation/_run_progress.html")
    assert msgids
    assert [m for m in msgids if m in page] == []


FULL_WIDTH = re.compile(r"[：，；（）]")
ENGINE_SUMMARY = {
    "model": "ri",
    "fixed_effects": [
        {"name": "(Intercept)", "estimate": 0.01, "se": 0.03},
        {"name": "prior", "estimate": 0.8, "se": 0.02},
        {"name": "gender[M]", "estimate": -0.05, "se": 0.03},
        {"name": "cohort[2024]", "estimate": 0.1, "se": 0.05},
    ],
    "variance_components": {"school": 0.018, "residual": 0.144},
    "converged": True,
    "message": "REML 收敛（REML converged; variance ratio 0.126347）",
}


def _model_card(page: str) -> str:
    return page[page.index("<h2>Model and reproducibility</h2>") :]


def test_a_runs_model_speaks_english_with_the_engines_codes_kept_aside(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        covariates=["gender"],
        message=ENGINE_SUMMARY["message"],
        model_summaries=[{**ENGINE_SUMMARY, "subject": "数学"}],
    )
    SchoolValueAddedFactory(run=run, school=world.school_a)
    url = reverse("evaluation:run_detail", args=[run.pk])

    card = _model_card(
        client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

    assert '<span title="(Intercept)">Intercept</span><br><small><code>(Intercept)</code>' in card
    assert '<span title="gender[M]">Gender (Male)</span>' in card
    assert '<td data-term="cohort[2024]"><code>cohort[2024]</code></td>' in card
    assert (
        "Convergence: Converged (REML); ratio of between-school to between-student variance 0.125"
        in card
    )
    assert "REML 收敛" not in card and "0.126347" not in card
    assert "Student background variables: Gender" in card


def test_the_model_card_puts_no_chinese_punctuation_between_english_words(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district, model_summaries=[{**ENGINE_SUMMARY, "subject": "数学"}]
    )
    SchoolValueAddedFactory(run=run, school=world.school_a)
    url = reverse("evaluation:run_detail", args=[run.pk])

    card = _model_card(
        client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

    chinese = {run.entry_version, run.exit_version, run.created_by, "数学"}
    for text in chinese:
        card = card.replace(str(text), "")
    assert FULL_WIDTH.findall(card) == []


def test_a_failed_run_gives_its_reason_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=ValueAddedRun.Status.FAILED,
        error_code="VA013",
        message="各校有效学生人数过少（the schools have too few students with valid scores）："
        "no school has 10 students",
    )
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "The schools have too few students with valid scores" in page
    assert "<code>no school has 10 students</code>" in page
    assert "各校有效学生人数过少" not in page


def test_a_run_that_crashed_gives_its_reason_in_english_with_the_error_as_stored(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=ValueAddedRun.Status.FAILED,
        error_code=runs.RUN_UNEXPECTED,
        message=f"{runs.ERR_UNEXPECTED}：disk on fire",
    )
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "The calculation failed and no estimates were saved" in page
    assert "<code>RUN01</code>" in page
    assert "<code>disk on fire</code>" in page
    assert "计算时出错" not in page


def test_an_interrupted_run_gives_its_reason_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=ValueAddedRun.Status.FAILED,
        error_code=runs.RUN_INTERRUPTED,
        message=runs.ERR_INTERRUPTED,
    )
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "The calculation made no progress for a long time" in page
    assert "计算长时间没有进展" not in page


def test_an_interrupted_run_gives_its_reason_in_chinese_by_default(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(
        district=world.district,
        status=ValueAddedRun.Status.FAILED,
        error_code=runs.RUN_INTERRUPTED,
        message=runs.ERR_INTERRUPTED,
    )
    url = reverse("evaluation:run_detail", args=[run.pk])

    page = client_for("district_admin").get(url).content.decode()

    assert runs.ERR_INTERRUPTED in page


def _green_profile(world: World, client: Client, language: str) -> str:
    from yinling.evaluation.services import green_record_save, green_set_install

    indicator_set = green_set_install(
        actor=world.district_admin, district=world.district, version="1.0"
    )
    attainment = indicator_set.indicators.get(name="学业水平指数")
    for year, level, raw, se in ((2021, 6, 530.8, 2.0), (2023, 7, 542.6, 6.5)):
        green_record_save(
            actor=world.district_admin,
            school=world.school_a,
            indicator=attainment,
            test_year=year,
            level=level,
            raw_score=raw,
            se=se,
        )
    url = reverse("evaluation:school_profile", args=[world.school_a.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return page[page.index('data-section="green"') :]


def test_the_profiles_green_indicators_read_as_english_sentences(
    world: World, client_for: Callable[[str], Client]
) -> None:
    green = _green_profile(world, client_for("school_admin"), "en")

    assert "Level 6 <small>(raw score 530.80 ± 2.00)</small>" in green
    assert "Level 7 <small>(raw score 542.60 ± 6.50)</small>" in green
    assert (
        "2021→2023: +1 level, raw score +11.80 (95% interval -1.53 to 25.13; "
        "within the margin of error)" in green
    )
    assert "lvl" not in green
    assert 'data-axis-label="Level"' in green


def test_the_profiles_green_indicators_carry_no_chinese_punctuation_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    green = _green_profile(world, client_for("school_admin"), "en")

    for data in ("学业质量绿色指标（1.0 版）", "学业水平指数"):
        green = green.replace(data, "")
    assert FULL_WIDTH.findall(green.split("</section>")[0]) == []


def test_the_profiles_green_indicators_stay_chinese_by_default(
    world: World, client_for: Callable[[str], Client]
) -> None:
    green = _green_profile(world, client_for("school_admin"), "zh-hans")

    assert "6 级 <small>（原始分 530.80 ± 2.00）</small>" in green
    assert "2021→2023：+1 级，原始分 +11.80（95% 区间 -1.53 ~ 25.13，在误差范围内）" in green


def test_the_profiles_subjects_and_falls_read_as_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    run = ValueAddedRunFactory(district=world.district, status=ValueAddedRun.Status.PUBLISHED)
    SchoolValueAddedFactory(run=run, school=world.school_a, subject="combined", band="above")
    SchoolValueAddedFactory(run=run, school=world.school_a, subject="数学", band="average")
    SchoolValueAddedFactory(run=run, school=world.school_a, subject="语文", band="below")
    url = reverse("evaluation:school_profile", args=[world.school_a.pk])

    page = client_for("school_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<div>数学: Average</div><div>语文: Below average</div>" in page
