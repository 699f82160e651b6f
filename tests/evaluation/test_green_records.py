from __future__ import annotations

import io

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from tests.evaluation.factories import AssessmentFactory, DataVersionFactory
from tests.evaluation.scores import key, store
from tests.factories import SchoolFactory
from tests.personas import World
from yinling.core.tabular import ImportRejected
from yinling.evaluation.models import GreenIndicator, GreenIndicatorRecord, GreenIndicatorSet
from yinling.evaluation.services import (
    green_import,
    green_indicator_configure,
    green_record_save,
    green_ses_compute,
    green_set_install,
)
from yinling.evaluation.services.green import (
    ERR_CUTS,
    ERR_LEVEL,
    ERR_LEVEL_MISMATCH,
    ERR_LEVEL_OR_RAW,
    ERR_OTHER_DISTRICT,
    ERR_SES_YEAR,
    ERR_YEAR,
    IMPORT_COLUMNS,
    latest_test_year,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(world: World) -> GreenIndicatorSet:
    return green_set_install(actor=world.district_admin, district=world.district, version="1.0")


def _indicator(indicator_set: GreenIndicatorSet, name: str) -> GreenIndicator:
    return indicator_set.indicators.get(name=name)


def test_version_one_installs_its_ten_indices(v1: GreenIndicatorSet) -> None:
    names = list(v1.indicators.values_list("name", flat=True))
    assert len(names) == 10
    assert names[0] == "学业水平指数" and names[-1] == "跨年度进步指数"
    assert all(i.weight == 0 for i in v1.indicators.all())


def test_the_2024_version_has_four_areas_and_five_student_development_sub_areas(
    world: World,
) -> None:
    v2024 = green_set_install(actor=world.district_admin, district=world.district, version="2024")
    areas = v2024.indicators.filter(parent=None)
    assert list(areas.values_list("name", flat=True)) == [
        "学生发展",
        "成长环境",
        "均衡程度",
        "增值发展",
    ]
    children = areas.get(name="学生发展").children.values_list("name", flat=True)
    assert list(children) == ["品德发展", "学业水平", "身心健康", "审美素养", "劳动素养"]


def test_a_level_is_recorded_directly_when_no_cut_points_are_configured(
    world: World, v1: GreenIndicatorSet
) -> None:
    record = green_record_save(
        actor=world.district_admin,
        school=world.school_a,
        indicator=_indicator(v1, "学习动力指数"),
        test_year=2023,
        level=7,
    )
    assert (record.level, record.source) == (7, "entered")


def test_configured_cut_points_turn_raw_scores_into_levels(
    world: World, v1: GreenIndicatorSet
) -> None:
    indicator = green_indicator_configure(
        actor=world.district_admin,
        indicator=_indicator(v1, "学业水平指数"),
        level_cuts=[400, 450, 480, 500, 520, 540, 560, 600],
        weight=2,
        raw_direction="higher_better",
    )
    record = green_record_save(
        actor=world.district_admin,
        school=world.school_a,
        indicator=indicator,
        test_year=2023,
        raw_score=530,
    )
    assert record.level == 6
    with pytest.raises(ValidationError) as error:
        green_record_save(
            actor=world.district_admin,
            school=world.school_a,
            indicator=indicator,
            test_year=2023,
            raw_score=530,
            level=8,
        )
    assert error.value.message_dict["level"] == [
        ERR_LEVEL_MISMATCH % {"raw": "530", "expected": 6, "level": 8}
    ]


def test_cut_points_must_be_eight_rising_numbers(world: World, v1: GreenIndicatorSet) -> None:
    with pytest.raises(ValidationError) as error:
        green_indicator_configure(
            actor=world.district_admin,
            indicator=_indicator(v1, "学业水平指数"),
            level_cuts=[1, 2, 3],
            weight=0,
            raw_direction="higher_better",
        )
    assert error.value.message_dict["level_cuts"] == [ERR_CUTS]


def test_a_level_outside_one_to_nine_or_missing_is_refused(
    world: World, v1: GreenIndicatorSet
) -> None:
    indicator = _indicator(v1, "学习动力指数")
    for level, message in ((10, ERR_LEVEL), (None, ERR_LEVEL_OR_RAW)):
        with pytest.raises(ValidationError) as error:
            green_record_save(
                actor=world.district_admin,
                school=world.school_a,
                indicator=indicator,
                test_year=2023,
                level=level,
            )
        assert error.value.message_dict["level"] == [message]


def test_a_school_of_another_district_cannot_be_recorded(
    world: World, v1: GreenIndicatorSet
) -> None:
    with pytest.raises(ValidationError) as error:
        green_record_save(
            actor=world.district_admin,
            school=world.other_school,
            indicator=_indicator(v1, "学习动力指数"),
            test_year=2023,
            level=5,
        )
    assert error.value.message_dict["school"] == [
        ERR_OTHER_DISTRICT % {"school": world.other_school}
    ]


@pytest.mark.parametrize("year", [1999, "next"])
def test_a_test_year_before_2000_or_beyond_the_current_school_year_is_refused(
    world: World, v1: GreenIndicatorSet, year: int | str
) -> None:
    year = latest_test_year() + 1 if year == "next" else year
    with pytest.raises(ValidationError) as error:
        green_record_save(
            actor=world.district_admin,
            school=world.school_a,
            indicator=_indicator(v1, "学习动力指数"),
            test_year=year,
            level=5,
        )
    assert error.value.message_dict["test_year"] == [
        ERR_YEAR % {"year": year, "first": 2000, "last": latest_test_year()}
    ]


def test_an_imported_row_with_a_future_test_year_is_named(
    world: World, v1: GreenIndicatorSet
) -> None:
    rows = [[world.school_a.code, 2099, "学习动力指数", 6, None, None]]
    with pytest.raises(ImportRejected) as rejected:
        green_import(actor=world.district_admin, indicator_set=v1, stream=_workbook(rows))
    assert str(rejected.value.errors[0]).startswith("第 2 行“测试年度”列：测试年度 2099 不合理")
    assert not GreenIndicatorRecord.objects.exists()


def _workbook(rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(IMPORT_COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_an_import_saves_every_row(world: World, v1: GreenIndicatorSet) -> None:
    a = world.school_a.code
    rows = [[a, 2021, "学习动力指数", 6, None, None], [a, 2023, "学习动力指数", 7, None, None]]
    assert (
        green_import(actor=world.district_admin, indicator_set=v1, stream=_workbook(rows)).saved
        == 2
    )
    assert GreenIndicatorRecord.objects.filter(source="imported").count() == 2


def test_an_import_names_each_bad_row_and_writes_nothing(
    world: World, v1: GreenIndicatorSet
) -> None:
    a = world.school_a.code
    rows = [
        [a, 2023, "学习动力指数", 6, None, None],
        ["NOPE", 2023, "学习动力指数", 6, None, None],
        [a, 2023, "幸福指数", 6, None, None],
        [a, 2023, "师生关系指数", 12, None, None],
        [a, 2023, "学习动力指数", 5, None, None],
        [a, "二〇二三", "教学方式指数", 5, None, None],
    ]
    with pytest.raises(ImportRejected) as rejected:
        green_import(actor=world.district_admin, indicator_set=v1, stream=_workbook(rows))
    assert [str(e) for e in rejected.value.errors] == [
        "第 3 行“学校代码”列：学校代码“NOPE”不是本区的学校",
        "第 4 行“指标”列：“幸福指数”不是该指标体系中的指标",
        "第 5 行“等级”列：等级须为 1 到 9 的整数",
        "第 6 行：与第 2 行重复（同一学校、年度和指标）",
        "第 7 行“测试年度”列：“二〇二三”不是数字",
    ]
    assert not GreenIndicatorRecord.objects.exists()


def test_the_ses_impact_index_is_computed_from_student_data(
    world: World, v1: GreenIndicatorSet
) -> None:
    rng = np.random.default_rng(5)
    schools = [world.school_a, world.school_b, SchoolFactory(district=world.district)]
    assessment = AssessmentFactory(district=world.district, subjects=["数学"], score_max=1000)
    version = DataVersionFactory(assessment=assessment, subjects=["数学"])
    rows, index = [], 0
    for slope, school in zip((0, 20, 40), schools, strict=True):
        for _ in range(200):
            index += 1
            ses = float(rng.normal())
            rows.append(
                (key(index), school.pk, "数学", 500 + slope * ses + rng.normal(0, 50), "", ses)
            )
    rows.append((key(0), world.school_a.pk, "数学", 500.0, "", None))  # no SES: left out
    store(version, rows)
    computed = green_ses_compute(
        actor=world.district_admin,
        indicator=_indicator(v1, "社会经济背景对学业成绩的影响指数"),
        assessment=assessment,
        test_year=2023,
    )
    by_school = {r.school_id: r for r in computed.records}
    r2 = [by_school[s.pk].raw_score for s in schools]
    assert r2[0] < r2[1] < r2[2]  # steeper gradients explain more
    levels = [by_school[s.pk].level for s in schools]
    assert levels[0] > levels[2]  # less impact is the better level
    details = by_school[schools[2].pk].details
    assert details["n"] == 200 and details["slope_low"] < details["slope"] < details["slope_high"]


def test_an_ses_computation_for_another_year_than_the_assessments_is_refused(
    world: World, v1: GreenIndicatorSet
) -> None:
    assessment = AssessmentFactory(district=world.district, subjects=["数学"], school_year=2023)
    store(
        DataVersionFactory(assessment=assessment, subjects=["数学"]),
        [(key(1), world.school_a.pk, "数学", 80.0, "", 0.5)],
    )
    with pytest.raises(ValidationError) as error:
        green_ses_compute(
            actor=world.district_admin,
            indicator=_indicator(v1, "社会经济背景对学业成绩的影响指数"),
            assessment=assessment,
            test_year=2021,
        )
    assert error.value.message_dict["test_year"] == [
        ERR_SES_YEAR % {"year": 2021, "name": assessment.name, "school_year": 2023}
    ]
    assert not GreenIndicatorRecord.objects.exists()
