from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.core.spreadsheets import workbook
from tests.personas import World
from yinling.core.models import School
from yinling.core.services.school_import import school_import, school_import_template
from yinling.core.tabular import ImportRejected

pytestmark = pytest.mark.django_db

GOOD = ["BS9001", "上海市宝山区导入一小", "导入一小", "小学", "公办", "宝山区", "导入路1号", ""]


def _import(world: World, rows: list[list[object]], **kwargs: object) -> object:
    return school_import(
        actor=world.district_admin,
        stream=workbook(rows),
        allowed_district_ids={world.district.pk},
        **kwargs,
    )


def _errors(world: World, rows: list[list[object]]) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(world, rows)
    return [str(e) for e in rejected.value.errors]


def test_valid_rows_create_schools(world: World) -> None:
    second = [
        "BS9002",
        "上海市宝山区导入中学",
        "",
        "初级中学",
        "民办",
        "宝山区",
        "",
        "宝山区罗店教育集团",
    ]
    result = _import(world, [GOOD, second])
    assert len(result.created) == 2
    assert School.objects.get(code="BS9002").ownership == School.Ownership.PRIVATE


def test_a_duplicate_code_in_the_file_is_named_by_row_and_nothing_is_written(world: World) -> None:
    duplicate = [*GOOD[:1], "上海市宝山区另一校", *GOOD[2:]]
    errors = _errors(world, [GOOD, duplicate])
    assert errors == ["第 3 行“学校代码”列：学校代码“BS9001”与第 2 行重复"]
    assert not School.objects.filter(code="BS9001").exists()


def test_a_code_that_already_exists_is_refused_unless_updating(world: World) -> None:
    existing = [
        world.school_a.code,
        "上海市宝山区甲校",
        "甲校",
        "小学",
        "公办",
        "宝山区",
        "新地址",
        "",
    ]
    assert "已存在" in _errors(world, [existing])[0]
    _import(world, [existing], update_existing=True)
    world.school_a.refresh_from_db()
    assert world.school_a.address == "新地址"


def test_an_unknown_district_is_named_with_its_row_and_column(world: World) -> None:
    assert _errors(world, [[*GOOD[:5], "浦东新区", *GOOD[6:]]]) == [
        "第 2 行“所属区”列：未知的区“浦东新区”"
    ]


def test_a_district_the_admin_does_not_manage_is_refused(world: World) -> None:
    assert "无权" in _errors(world, [[*GOOD[:5], "闵行区", *GOOD[6:]]])[0]


def test_a_missing_name_is_refused(world: World) -> None:
    assert _errors(world, [[GOOD[0], None, *GOOD[2:]]]) == ["第 2 行“学校全称”列：必填"]


def test_an_unknown_stage_lists_the_valid_choices(world: World) -> None:
    error = _errors(world, [[*GOOD[:3], "大学", *GOOD[4:]]])[0]
    assert "第 2 行“学段”列" in error and "小学" in error


def test_every_bad_row_is_reported_at_once(world: World) -> None:
    rows = [
        GOOD,
        [GOOD[0], None, *GOOD[2:]],
        ["BS9003", "x校", "", "小学", "公办", "火星区", "", ""],
    ]
    assert len(_errors(world, rows)) == 3
    assert School.objects.filter(code__startswith="BS900").count() == 0


def test_a_file_that_is_not_excel_is_refused(world: World) -> None:
    not_excel = io.BytesIO(b"name,code\n")
    with pytest.raises(ImportRejected) as rejected:
        school_import(actor=None, stream=not_excel, allowed_district_ids=None)
    assert "不是有效的 Excel" in str(rejected.value)


def test_a_sheet_without_required_columns_is_refused(world: World) -> None:
    with pytest.raises(ImportRejected) as rejected:
        school_import(
            actor=None, stream=workbook([["x"]], headers=["名称"]), allowed_district_ids=None
        )
    assert "缺少必需的列" in str(rejected.value)


def test_the_template_has_the_import_columns(world: World) -> None:
    sheet = load_workbook(io.BytesIO(school_import_template())).active
    assert [c.value for c in sheet[1]][:4] == ["学校代码", "学校全称", "简称", "学段"]


def test_the_import_page_lists_errors_by_row(world: World, client_for) -> None:  # noqa: ANN001
    upload = SimpleUploadedFile("s.xlsx", workbook([[*GOOD[:5], "浦东新区", *GOOD[6:]]]).getvalue())
    response = client_for("district_admin").post("/org/schools/import/", {"file": upload})
    assert response.status_code == 400
    assert "第 2 行“所属区”列" in response.content.decode()


def test_the_import_page_refuses_other_file_types(world: World, client_for) -> None:  # noqa: ANN001
    upload = SimpleUploadedFile("s.csv", b"a,b\n")
    response = client_for("district_admin").post("/org/schools/import/", {"file": upload})
    assert "不支持的文件类型" in response.content.decode()


def test_the_template_round_trips_through_the_import(world: World, client_for) -> None:  # noqa: ANN001
    template = load_workbook(io.BytesIO(school_import_template()))
    template.active["A2"] = "RT0001"
    buffer = io.BytesIO()
    template.save(buffer)
    upload = SimpleUploadedFile("t.xlsx", buffer.getvalue())
    response = client_for("district_admin").post("/org/schools/import/", {"file": upload})
    assert response.status_code == 302
    assert School.objects.filter(code="RT0001").exists()
