"""Importing the task breakdown template: every row checked, errors by row, all or nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from tests.personas import World
from tests.plans.builders import SmallPlan, department
from yinling.core.tabular import ImportRejected
from yinling.plans import services
from yinling.plans.exports import breakdown_xlsx
from yinling.plans.models import Plan, Target
from yinling.plans.services.imports import COLUMNS, parse_due, parse_target_text

pytestmark = pytest.mark.django_db

GOOD = [
    [
        "一/（一）/1",
        "推进学前教育普惠发展",
        "提高普惠性幼儿园覆盖率。",
        "普惠性幼儿园覆盖率 ≥95%；新增托额 100个",
        "2025-12-31",
        "区教育局",
        "区财政局、各街镇",
    ],
    ["一/（一）/2", "深化学校体育改革", "推进学校体育课程教学改革。", "", "2025年", "区体育局", ""],
]


def workbook(
    rows: list[list[object]], *, title: bool = True, headers: list[str] = COLUMNS
) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["某区规划任务分解表"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "breakdown.xlsx"
    return buffer


def run(world: World, rows: list[list[object]], **kwargs: object) -> Plan:
    return services.plan_import_xlsx(
        actor=world.programme_officer,
        district=world.district,
        stream=workbook(rows, **kwargs),
        title="导入的规划",
        issued_on=date(2024, 1, 1),
    )


def errors(world: World, rows: list[list[object]], **kwargs: object) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        run(world, rows, **kwargs)
    return [str(e) for e in rejected.value.errors]


def test_the_template_imports_into_a_draft_with_its_tree_targets_and_departments(
    world: World,
) -> None:
    department(world.district, "区教育局")
    department(world.district, "区财政局")
    plan = run(world, GOOD)
    assert (plan.status, plan.source) == (Plan.State.DRAFT, Plan.Source.SPREADSHEET)
    paths = list(plan.items.order_by("position").values_list("path", "is_task"))
    assert paths == [
        ("一", False),
        ("一/（一）", False),
        ("一/（一）/1", True),
        ("一/（一）/2", True),
    ]
    preschool = plan.items.get(path="一/（一）/1")
    assert dict(preschool.assignments.values_list("department__name", "role")) == {
        "区教育局": "lead",
        "区财政局": "cooperating",
    }
    assert preschool.unmatched_departments == [{"name": "各街镇", "role": "cooperating"}]
    coverage, places = preschool.targets.order_by("position")
    assert (
        coverage.indicator,
        coverage.comparator,
        coverage.value,
        coverage.unit,
        coverage.kind,
    ) == (
        "普惠性幼儿园覆盖率",
        ">=",
        Decimal(95),
        "%",
        "level",
    )
    assert (places.indicator, places.kind, places.baseline) == ("新增托额", "addition", Decimal(0))
    sport = plan.items.get(path="一/（一）/2")
    assert sport.targets.get().indicator == "完成进度"
    assert sport.targets.get().due_on == date(2025, 12, 31)
    assert plan.period_end == date(2025, 12, 31)


def test_every_bad_row_is_named_and_nothing_is_written(world: World) -> None:
    rows = [
        GOOD[0],
        ["一/（一）/1", "重复", "序号重复", "", "", "", ""],
        ["3", "", "", "", "", "", ""],
        ["4", "任务四", "", "覆盖率很高", "明年", "", ""],
    ]
    assert errors(world, rows) == [
        "第 4 行“序号”列：序号“一/（一）/1”与第 3 行重复",
        "第 5 行：“任务”和“具体内容”不能都为空",
        "第 6 行“完成时限”列：无法识别完成时限“明年”，请写成 2025-12-31、2025年12月 或 2025年",
        "第 6 行“目标”列：无法识别目标“覆盖率很高”，请写成“指标 ≥ 数值单位”，如“普惠性幼儿园覆盖率 ≥95%”“新增托额 100个”",
    ]
    assert not Plan.objects.exists()
    assert not Target.objects.exists()


def test_missing_columns_are_named(world: World) -> None:
    assert errors(world, [GOOD[0][:3]], headers=COLUMNS[:3]) == [
        "缺少必需的列：目标、完成时限、牵头部门、配合部门"
    ]


def test_a_file_that_is_not_a_workbook_is_refused(world: World) -> None:
    with pytest.raises(ImportRejected) as rejected:
        services.plan_import_xlsx(
            actor=world.programme_officer,
            district=world.district,
            stream=io.BytesIO(b"not a workbook"),
            title="t",
        )
    assert "不是有效的 Excel 工作簿" in str(rejected.value.errors[0])


def test_an_exported_breakdown_imports_as_it_was(world: World, plan: SmallPlan) -> None:
    exported = io.BytesIO(breakdown_xlsx(plan.plan))
    copy = services.plan_import_xlsx(
        actor=world.programme_officer, district=world.district, stream=exported, title="副本"
    )
    for original in (plan.sport, plan.preschool):
        imported = copy.items.get(path=original.path)
        assert imported.heading == original.heading
        assert set(imported.assignments.values_list("department__name", "role")) == set(
            original.assignments.values_list("department__name", "role")
        )
        assert [(t.indicator, t.comparator, t.value, t.unit) for t in imported.targets.all()] == [
            (t.indicator, t.comparator, t.value, t.unit) for t in original.targets.all()
        ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("普惠性幼儿园覆盖率 ≥95%", ("普惠性幼儿园覆盖率", ">=", "95", None, "%")),
        ("各街镇要按1-3岁常住幼儿数 ≥15%", ("各街镇要按1-3岁常住幼儿数", ">=", "15", None, "%")),
        ("建设2-3个特色产业学院", ("建设特色产业学院", "=", "2", "3", "个")),
        ("覆盖率达到95%以上", ("覆盖率", ">=", "95", None, "%")),
        ("严控民办学生 ≤5%", ("严控民办学生", "<=", "5", None, "%")),
        ("引领校 约10所", ("引领校", "~", "10", None, "所")),
    ],
)
def test_targets_are_read_from_a_cell(text: str, expected: tuple) -> None:
    parsed = parse_target_text(text)
    assert parsed is not None
    value_max = str(parsed.value_max) if parsed.value_max is not None else None
    assert (
        parsed.indicator,
        parsed.comparator,
        str(parsed.value),
        value_max,
        parsed.unit,
    ) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-06-30", date(2025, 6, 30)),
        ("2025年6月", date(2025, 6, 30)),
        ("2025年", date(2025, 12, 31)),
        (2025, date(2025, 12, 31)),
        ("2023年下半年", date(2023, 12, 31)),
        ("2024年上半年", date(2024, 6, 30)),
        ("2025年底", date(2025, 12, 31)),
        ("下个月", None),
    ],
)
def test_due_dates_are_read_from_a_cell(cell: object, expected: date | None) -> None:
    assert parse_due(cell) == expected


def test_the_import_page_lists_the_errors_by_row(
    world: World, client_for: Callable[[str], Client]
) -> None:
    file = SimpleUploadedFile(
        "breakdown.xlsx", workbook([["1", "", "", "", "", "", ""]]).getvalue()
    )
    response = client_for("programme_officer").post(
        "/plans/import/", {"district": world.district.pk, "title": "t", "file": file}
    )
    assert response.status_code == 400
    assert "第 3 行：“任务”和“具体内容”不能都为空" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_template_has_the_columns_and_notes(client_for: Callable[[str], Client]) -> None:
    response = client_for("programme_officer").get("/plans/import/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["任务分解"][1]] == COLUMNS
    assert "填写说明" in book.sheetnames
