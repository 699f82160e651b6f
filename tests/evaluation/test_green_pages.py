from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World
from yinling.evaluation.models import GreenIndicatorRecord, GreenIndicatorSet
from yinling.evaluation.services import green_set_install

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(world: World) -> GreenIndicatorSet:
    return green_set_install(actor=world.district_admin, district=world.district, version="1.0")


def test_the_office_enables_a_standard_index_set(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("programme_officer")
    response = client.post(
        reverse("evaluation:green_set_install"), {"district": world.district.pk, "version": "2024"}
    )
    assert response.status_code == 302
    assert (
        GreenIndicatorSet.objects.get(district=world.district, version="2024").indicators.count()
        == 9
    )


def test_a_schools_results_are_entered_in_one_form(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    motivation, burden = v1.indicators.get(code="motivation"), v1.indicators.get(code="burden")
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    data = {
        "school": world.school_a.pk,
        "test_year": 2023,
        f"i{motivation.pk}_level": 6,
        f"i{burden.pk}_level": 4,
    }
    assert client_for("district_admin").post(url, data).status_code == 302
    levels = dict(GreenIndicatorRecord.objects.values_list("indicator__code", "level"))
    assert levels == {"motivation": 6, "burden": 4}


def test_an_entry_error_is_shown_beside_its_index_and_nothing_is_saved(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    motivation, burden = v1.indicators.get(code="motivation"), v1.indicators.get(code="burden")
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    data = {
        "school": world.school_a.pk,
        "test_year": 2023,
        f"i{motivation.pk}_level": 6,
        f"i{burden.pk}_raw": 55,  # no cut points configured for this index
    }
    html = client_for("district_admin").post(url, data).content.decode()
    assert "请填写等级，或填写原始分并先为该指标设置等级划分点" in html
    assert not GreenIndicatorRecord.objects.exists()


def test_an_entry_for_a_test_year_in_the_future_is_refused_beside_the_year(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    motivation = v1.indicators.get(code="motivation")
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    data = {"school": world.school_a.pk, "test_year": 2099, f"i{motivation.pk}_level": 6}
    response = client_for("district_admin").post(url, data)
    assert response.status_code == 200
    assert 'id="id_test_year"' in response.content.decode()
    assert response.context["form"].errors["test_year"]
    assert not GreenIndicatorRecord.objects.exists()


def test_saving_an_empty_entry_says_nothing_was_filled_in_rather_than_saved(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    response = client_for("district_admin").post(
        url, {"school": world.school_a.pk, "test_year": 2023}
    )
    assert response.status_code == 200
    assert "没有填写任何指数：请至少为一个指数填写等级或原始分" in response.content.decode()


def test_saving_an_entry_says_how_many_indices_were_saved(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    motivation, burden = v1.indicators.get(code="motivation"), v1.indicators.get(code="burden")
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    data = {
        "school": world.school_a.pk,
        "test_year": 2023,
        f"i{motivation.pk}_level": 6,
        f"i{burden.pk}_level": 4,
    }
    page = client_for("district_admin").post(url, data, follow=True).content.decode()
    assert "已保存 2 项指数" in page


def test_the_register_lists_schools_by_code_for_a_test_year(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    url = reverse("evaluation:green_entry", kwargs={"pk": v1.pk})
    motivation = v1.indicators.get(code="motivation")
    for school in (world.school_b, world.school_a):
        client_for("district_admin").post(
            url, {"school": school.pk, "test_year": 2021, f"i{motivation.pk}_level": 5}
        )
    html = (
        client_for("leader")
        .get(reverse("evaluation:green_overview") + f"?set={v1.pk}")
        .content.decode()
    )
    assert html.index(world.school_a.code) < html.index(world.school_b.code)


def test_cut_points_are_configured_on_the_page(
    world: World, client_for: Callable[[str], Client], v1: GreenIndicatorSet
) -> None:
    indicator = v1.indicators.get(code="academic_level")
    url = reverse("evaluation:green_indicator_edit", kwargs={"pk": indicator.pk})
    data = {
        "level_cuts": "400，450, 480 500 520 540 560 600",
        "raw_direction": "higher_better",
        "weight": 1,
    }
    assert client_for("district_admin").post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.level_cuts == [400, 450, 480, 500, 520, 540, 560, 600]
    assert indicator.weight == 1
