"""From a parsed breakdown to a draft, correcting it, and publishing (the services)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.personas import World
from tests.plans.breakdowns import item, sample
from tests.plans.breakdowns import target as target_of
from tests.plans.builders import department
from yinling.core.models import AuditEvent, Department
from yinling.plans import services
from yinling.plans.models import Plan, PlanItem, PlanItemDepartment, Target
from yinling.plans.services import plans as plan_services
from yinling.plans.services.items import ERR_NO_PREVIOUS, ERR_SPLIT_NOT_FOUND

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(world: World) -> dict[str, Department]:
    names = ["区教育局", "区财政局", "区体育局", "区卫健委"]
    return {name: department(world.district, name) for name in names}


def draft(world: World, breakdown: dict | None = None) -> Plan:
    return services.plan_create_from_breakdown(
        actor=world.programme_officer, district=world.district, breakdown=breakdown or sample()
    )


def items(plan: Plan) -> dict[str, PlanItem]:
    return {i.path: i for i in plan.items.order_by("position")}


def roles(item: PlanItem) -> dict[str, str]:
    return dict(item.assignments.values_list("department__name", "role"))


def test_a_breakdown_becomes_a_draft_with_its_tree_in_document_order(
    world: World, departments: dict
) -> None:
    plan = draft(world)
    assert plan.status == Plan.State.DRAFT
    assert (plan.doc_number, plan.issuer, plan.issued_on) == (
        "宝委发〔2024〕2号",
        "中共宝山区委、宝山区人民政府",
        date(2024, 3, 2),
    )
    tree = items(plan)
    assert list(tree) == [
        "一",
        "一/（一）",
        "二",
        "二/（二）",
        "二/（二）/1",
        "二/（二）/2",
        "二/（三）",
        "二/（三）/3",
    ]
    assert tree["二/（三）/3"].parent == tree["二/（三）"]
    assert tree["二/（三）/3"].depth == 3
    assert AuditEvent.objects.filter(action="plan.create", object_id=str(plan.pk)).exists()


def test_tasks_are_items_with_departments_or_targets_and_the_deepest_leaves(
    world: World, departments: dict
) -> None:
    tree = items(draft(world))
    tasks = [path for path, i in tree.items() if i.is_task]
    assert tasks == ["二/（二）/1", "二/（二）/2", "二/（三）/3"]  # not 一/（一）, a shallow leaf


def test_departments_are_matched_by_name_and_unknown_names_are_kept(
    world: World, departments: dict
) -> None:
    tree = items(draft(world))
    preschool = tree["二/（二）/1"]
    assert roles(preschool) == {"区教育局": "lead", "区财政局": "lead"}
    assert preschool.unmatched_departments == [{"name": "各街镇", "role": "lead"}]


def test_leads_and_cooperating_units_are_told_apart_where_the_text_does(
    world: World, departments: dict
) -> None:
    sport = items(draft(world))["二/（二）/2"]
    assert roles(sport) == {
        "区体育局": "lead",
        "区教育局": "cooperating",
        "区卫健委": "cooperating",
    }


def test_a_short_name_or_the_name_without_its_district_prefix_matches(world: World) -> None:
    Department.objects.create(district=world.district, name="宝山区教育局", short_name="区教育局")
    Department.objects.create(district=world.district, name="区卫健委")
    breakdown = {
        "title": "t",
        "items": [item("1", "任务", departments=["区教育局", "卫健委"])],
    }
    task = items(draft(world, breakdown))["1"]
    assert roles(task) == {"宝山区教育局": "lead", "区卫健委": "lead"}
    assert task.unmatched_departments == []


def test_targets_get_baselines_due_dates_and_periods(world: World, departments: dict) -> None:
    plan = draft(world)
    coverage = Target.objects.get(item__plan=plan, indicator="普惠性幼儿园覆盖率")
    places = Target.objects.get(item__plan=plan, indicator="托额")
    assert (coverage.comparator, coverage.kind, coverage.baseline) == (">=", "level", None)
    assert (places.kind, places.baseline, places.value) == ("addition", Decimal(0), Decimal(100))
    assert coverage.due_on == date(2025, 12, 31)
    assert coverage.frequency == "quarterly"
    assert plan.period_start == date(2024, 3, 2)
    assert plan.period_end == date(2027, 12, 31)  # the latest target year


def test_a_target_that_states_where_it_starts_takes_that_baseline(world: World) -> None:
    rise = {**target_of("优质学校覆盖率", 80, "%", kind="level"), "baseline": 60.0}
    breakdown = {**sample(), "items": [item("1", "扩大优质资源", targets=[rise])]}
    plan = draft(world, breakdown)
    stored = Target.objects.get(item__plan=plan, indicator="优质学校覆盖率")
    assert (stored.baseline, stored.value) == (Decimal(60), Decimal(80))


def test_a_task_that_sets_no_number_is_tracked_by_its_completion(
    world: World, departments: dict
) -> None:
    sport = items(draft(world))["二/（二）/2"]
    (completion,) = sport.targets.all()
    assert (completion.indicator, completion.value, completion.unit, completion.baseline) == (
        "完成进度",
        Decimal(100),
        "%",
        Decimal(0),
    )


def test_a_plan_issued_as_an_attachment_takes_the_attachments_title(world: World) -> None:
    breakdown = {
        "title": "关于印发《工作补充意见》的通知",
        "attachments": [{"label": "附件", "title": "2023年下半年工作补充意见"}],
        "items": [item("一", "任务", part="附件", targets=[])],
    }
    assert draft(world, breakdown).title == "2023年下半年工作补充意见"


def test_a_breakdown_without_items_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        draft(world, {"title": "空", "items": []})
    assert "未找到编号条目" in str(refused.value)
    assert not Plan.objects.exists()


def test_renumbering_an_item_renames_the_paths_below_it(world: World, departments: dict) -> None:
    plan = draft(world)
    section = items(plan)["二/（三）"]
    services.item_update(
        actor=world.programme_officer,
        item=section,
        number="（四）",
        heading=section.heading,
        text=section.text,
        is_task=False,
    )
    assert "二/（四）/3" in items(plan)


def test_merging_joins_an_item_into_the_one_before_it(world: World, departments: dict) -> None:
    plan = draft(world)
    tree = items(plan)
    kept = services.item_merge(actor=world.programme_officer, item=tree["二/（二）/2"])
    assert kept.pk == tree["二/（二）/1"].pk
    assert "深化学校体育改革" in kept.text
    assert roles(kept)["区体育局"] == "lead"
    assert roles(kept)["区卫健委"] == "cooperating"
    # the merged task's generic completion target gives way to the real targets
    assert sorted(kept.targets.values_list("indicator", flat=True)) == [
        "托额",
        "普惠性幼儿园覆盖率",
    ]
    assert "二/（二）/2" not in items(plan)


def test_the_first_item_among_its_siblings_cannot_be_merged(
    world: World, departments: dict
) -> None:
    first = items(draft(world))["二/（二）/1"]
    with pytest.raises(ValidationError) as refused:
        services.item_merge(actor=world.programme_officer, item=first)
    assert ERR_NO_PREVIOUS in refused.value.messages


def test_splitting_makes_the_rest_of_the_text_the_next_item(
    world: World, departments: dict
) -> None:
    plan = draft(world)
    preschool = items(plan)["二/（二）/1"]
    new = services.item_split(
        actor=world.programme_officer,
        item=preschool,
        split_from="新增托额100个",
        number="1-2",
    )
    preschool.refresh_from_db()
    assert preschool.text.endswith("覆盖率达到95%以上，")
    assert new.text.startswith("新增托额100个")
    assert new.path == "二/（二）/1-2"
    assert [i.path for i in plan.items.order_by("position")][4:6] == [
        "二/（二）/1",
        "二/（二）/1-2",
    ]
    assert roles(new) == roles(preschool)
    assert list(new.targets.values_list("indicator", flat=True)) == ["托额"]


def test_splitting_at_text_that_is_not_there_is_refused(world: World, departments: dict) -> None:
    task = items(draft(world))["二/（二）/1"]
    with pytest.raises(ValidationError) as refused:
        services.item_split(actor=world.programme_officer, item=task, split_from="不存在的文字")
    assert refused.value.message_dict["split_from"] == [
        ERR_SPLIT_NOT_FOUND % {"text": "不存在的文字"}
    ]


def test_items_move_up_down_in_and_out(world: World, departments: dict) -> None:
    plan = draft(world)
    sport = items(plan)["二/（二）/2"]
    services.item_move(actor=world.programme_officer, item=sport, direction="up")
    assert list(items(plan))[4:6] == ["二/（二）/2", "二/（二）/1"]
    services.item_move(actor=world.programme_officer, item=sport, direction="outdent")
    assert items(plan)["二/2"].parent == items(plan)["二"]
    assert list(items(plan))[3:6] == ["二/（二）", "二/（二）/1", "二/2"]  # after its old parent
    services.item_move(actor=world.programme_officer, item=sport, direction="indent")
    assert items(plan)["二/（二）/2"].parent == items(plan)["二/（二）"]
    with pytest.raises(ValidationError):
        services.item_move(actor=world.programme_officer, item=items(plan)["一"], direction="up")


def test_an_unknown_name_becomes_a_department_for_every_item_that_names_it(world: World) -> None:
    breakdown = {
        "title": "t",
        "items": [
            item("1", "甲", departments=["各街镇"]),
            item("2", "乙", departments=["区新部门", "各街镇"]),
        ],
    }
    plan = draft(world, breakdown)
    tree = items(plan)
    created = services.item_department_create(
        actor=world.programme_officer, item=tree["1"], name="各街镇"
    )
    assert created.district == world.district
    assert created.kind == Department.Kind.TOWN
    tree = items(plan)
    assert roles(tree["1"]) == {"各街镇": "lead"}
    assert roles(tree["2"]) == {"各街镇": "lead"}
    assert tree["2"].unmatched_departments == [{"name": "区新部门", "role": "lead"}]
    services.item_department_map(
        actor=world.programme_officer, item=tree["2"], name="区新部门", department=world.department
    )
    assert roles(items(plan)["2"]) == {"各街镇": "lead", "区体育局": "lead"}


def test_setting_departments_by_name_keeps_unknown_names_for_later(
    world: World, departments: dict
) -> None:
    task = items(draft(world))["二/（二）/2"]
    unknown = services.item_set_departments(
        actor=world.programme_officer,
        item=task,
        lead=["区教育局"],
        cooperating=["区体育局", "区外单位"],
    )
    assert unknown == ["区外单位"]
    assert roles(task) == {"区教育局": "lead", "区体育局": "cooperating"}
    services.item_department_dismiss(actor=world.programme_officer, item=task, name="区外单位")
    task.refresh_from_db()
    assert task.unmatched_departments == []


def test_publishing_is_refused_with_every_problem_named(world: World, departments: dict) -> None:
    plan = draft(world)
    with pytest.raises(ValidationError) as refused:
        services.plan_publish(actor=world.programme_officer, plan=plan)
    problems = refused.value.messages
    assert any("各街镇" in p and "二/（二）/1" in p for p in problems)
    assert any("普惠性幼儿园覆盖率" in p and "基线值" in p for p in problems)
    plan.refresh_from_db()
    assert plan.status == Plan.State.DRAFT


def _make_publishable(world: World, plan: Plan) -> None:
    preschool = items(plan)["二/（二）/1"]
    services.item_department_dismiss(actor=world.programme_officer, item=preschool, name="各街镇")
    for target in Target.objects.filter(item__plan=plan, baseline=None):
        services.target_update(actor=world.programme_officer, target=target, baseline=Decimal(80))


def test_a_corrected_draft_publishes_and_is_then_locked(world: World, departments: dict) -> None:
    plan = draft(world)
    _make_publishable(world, plan)
    assert plan_services.publish_problems(plan) == []
    services.plan_publish(actor=world.programme_officer, plan=plan)
    plan.refresh_from_db()
    assert plan.status == Plan.State.PUBLISHED
    assert plan.published_by == world.programme_officer
    with pytest.raises(ValidationError) as refused:
        services.item_merge(actor=world.programme_officer, item=items(plan)["二/（二）/2"])
    assert "已发布" in refused.value.messages[0]


def test_a_due_date_outside_the_plan_period_stops_publishing(
    world: World, departments: dict
) -> None:
    plan = draft(world)
    _make_publishable(world, plan)
    services.plan_update(actor=world.programme_officer, plan=plan, period_end=date(2026, 12, 31))
    problems = plan_services.publish_problems(plan)
    assert any("骨干教师" in p and "不在规划期" in p for p in problems)


def test_a_document_number_is_published_once_per_district(world: World, departments: dict) -> None:
    first = draft(world)
    _make_publishable(world, first)
    services.plan_publish(actor=world.programme_officer, plan=first)
    second = draft(world)
    assert any("宝委发〔2024〕2号" in p for p in plan_services.publish_problems(second))


def test_a_task_without_a_lead_cannot_be_published(world: World, departments: dict) -> None:
    plan = draft(world)
    _make_publishable(world, plan)
    sport = items(plan)["二/（二）/2"]
    PlanItemDepartment.objects.filter(item=sport, role="lead").delete()
    assert any("还没有牵头部门" in p for p in plan_services.publish_problems(plan))
