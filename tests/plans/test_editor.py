"""The draft editor's pages: HTMX fragments and plain posts lead to the same changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.personas import World
from tests.plans.builders import SmallPlan, small_plan
from yinling.plans.models import Plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(world: World) -> SmallPlan:
    return small_plan(world, status=Plan.State.DRAFT)


def test_editing_an_item_inline_returns_the_item_fragment(
    draft: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    url = f"/plans/items/{draft.sport.pk}/edit/"
    form = client.get(url, **HTMX).content.decode()
    assert 'hx-post="' in form and "<html" not in form
    response = client.post(
        url,
        {"number": "1.", "heading": "深化体育改革", "text": "新的内容", "is_task": "on"},
        **HTMX,
    )
    fragment = response.content.decode()
    assert f'id="item-{draft.sport.pk}"' in fragment and "新的内容" in fragment
    draft.sport.refresh_from_db()
    assert draft.sport.heading == "深化体育改革"


def test_a_structure_change_without_javascript_redirects_to_the_editor(
    draft: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("programme_officer").post(
        f"/plans/items/{draft.preschool.pk}/structure/", {"action": "up"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/plans/{draft.plan.pk}/edit/#item-{draft.preschool.pk}")
    assert [i.path for i in draft.plan.items.order_by("position")] == ["一", "一/2", "一/1"]


def test_a_refused_merge_shows_its_message_in_the_tree_fragment(
    draft: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    response = client_for("programme_officer").post(
        f"/plans/items/{draft.sport.pk}/structure/", {"action": "merge"}, **HTMX
    )
    assert "没有可以合并进去的上一条目" in response.content.decode()


def test_departments_are_typed_by_name_and_unknown_ones_offered_for_creation(
    draft: SmallPlan, client_for: Callable[[str], Client], world: World
) -> None:
    client = client_for("programme_officer")
    url = f"/plans/items/{draft.sport.pk}/departments/"
    client.post(url, {"lead": "区教育局", "cooperating": "区体育局、区新设部门"})
    editor = client.get(f"/plans/{draft.plan.pk}/edit/").content.decode()
    assert "区新设部门" in editor and "新建该部门" in editor
    client.post(
        f"/plans/items/{draft.sport.pk}/departments/resolve/",
        {"action": "create", "name": "区新设部门"},
    )
    roles = dict(draft.sport.assignments.values_list("department__name", "role"))
    assert roles == {"区教育局": "lead", "区体育局": "cooperating", "区新设部门": "cooperating"}


def test_the_publishing_checklist_fills_baselines_and_publishes(
    draft: SmallPlan, client_for: Callable[[str], Client]
) -> None:
    draft.fitness.baseline = None
    draft.fitness.save(update_fields=["baseline"])
    client = client_for("programme_officer")
    url = f"/plans/{draft.plan.pk}/publish/"
    page = client.get(url).content.decode()
    assert "基线值" in page and f"baseline_{draft.fitness.pk}" in page
    refused = client.post(url, {"publish": "1"})
    assert "未能发布" in refused.content.decode()
    client.post(url, {"save_baselines": "1", f"baseline_{draft.fitness.pk}": "48"})
    response = client.post(url, {"publish": "1"})
    assert response.status_code == 302
    draft.plan.refresh_from_db()
    assert draft.plan.status == Plan.State.PUBLISHED


def test_typing_a_plan_in_by_hand_starts_an_empty_draft(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    response = client.post(
        "/plans/new/",
        {
            "district": world.district.pk,
            "title": "手工规划",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    plan = Plan.objects.get(title="手工规划")
    assert response["Location"] == f"/plans/{plan.pk}/edit/"
    client.post(
        f"/plans/{plan.pk}/items/new/", {"number": "1.", "heading": "第一项任务", "is_task": "on"}
    )
    item = plan.items.get()
    assert (item.path, item.is_task, item.targets.get().indicator) == ("1", True, "完成进度")
