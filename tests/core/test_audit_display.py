"""The audit page shows each event as a readable action and a field-by-field list of changes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.personas import World
from yinling.core import audit, services
from yinling.core.audit_display import Change, audit_action_label, audit_changes, audit_rows
from yinling.core.models import AuditEvent

pytestmark = pytest.mark.django_db
ClientFor = Callable[[str], Client]


def _event(
    action: str = "school.update", object_type: str = "core.school", **values: Any
) -> AuditEvent:
    return AuditEvent(action=action, object_type=object_type, **values)


def _change(changes: list[Change], key: str) -> Change:
    return next(c for c in changes if c.key == key)


def _main(response: Any) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


# --- changes ---------------------------------------------------------------------------------


def test_a_changed_field_is_named_and_shown_from_before_to_after() -> None:
    changes = audit_changes(_event(before={"address": ""}, after={"address": "友谊路1号"}))
    (change,) = changes
    assert change.label == "地址"
    assert change.before is not None and change.before.text == "—" and change.before.empty
    assert change.after.text == "友谊路1号"


def test_keys_whose_value_did_not_change_are_left_out() -> None:
    event = _event(
        before={"name": "甲校", "address": "旧址"}, after={"name": "甲校", "address": "新址"}
    )
    assert [c.key for c in audit_changes(event)] == ["address"]


def test_an_empty_value_is_shown_as_a_dash() -> None:
    event = _event(before={"address": "旧址"}, after={"address": None})
    assert _change(audit_changes(event), "address").after.text == "—"


def test_a_created_objects_values_are_listed_without_a_before_side_and_without_empty_ones() -> None:
    event = _event(action="school.create", after={"name": "新校", "address": ""})
    (change,) = audit_changes(event)
    assert change.key == "name" and change.before is None


def test_values_recorded_beside_a_change_are_shown_as_context() -> None:
    event = _event(before={"status": "draft"}, after={"status": "published", "items": 33})
    assert _change(audit_changes(event), "items").before is None


def test_floats_are_rounded_to_two_decimals() -> None:
    event = _event(object_type="", after={"score": 73.93333333333})
    assert _change(audit_changes(event), "score").after.text == "73.93"


def test_small_floats_keep_three_significant_digits() -> None:
    event = _event(object_type="", after={"slope": 0.0131234567})
    assert _change(audit_changes(event), "slope").after.text == "0.0131"


def test_decimal_strings_lose_their_trailing_zeros() -> None:
    event = _event(object_type="", after={"value": "89.0000"})
    assert _change(audit_changes(event), "value").after.text == "89"


def test_a_choice_code_is_shown_as_its_label() -> None:
    event = _event(action="school.create", after={"stage": "primary"})
    assert _change(audit_changes(event), "stage").after.text == "小学"


def test_the_id_of_a_related_object_is_shown_as_its_name(world: World) -> None:
    event = _event(action="school.create", after={"district": world.district.pk})
    assert _change(audit_changes(event), "district").after.text == "宝山区"


def test_names_behind_ids_are_read_once_per_model_for_a_whole_page(
    world: World, django_assert_num_queries
) -> None:  # noqa: ANN001
    moves = [
        _event(before={"district": world.district.pk}, after={"district": world.other_district.pk})
        for _ in range(20)
    ]
    grants = [
        _event(action="membership.grant", object_type="core.user", after={"school": school.pk})
        for school in (world.school_a, world.school_b, world.other_school) * 5
    ]
    with django_assert_num_queries(2):  # one for the districts, one for the schools
        rows = audit_rows(moves + grants)
    assert rows[0].changes[0].after.text == str(world.other_district)
    assert rows[-1].changes[0].after.text == str(world.other_school)


def test_a_nested_value_is_summarised_on_one_line() -> None:
    event = _event(object_type="", after={"mapping": {"student": "学籍号", "score": "成绩"}})
    assert _change(audit_changes(event), "mapping").after.text == "student: 学籍号；score: 成绩"


def test_a_list_of_plain_values_is_joined() -> None:
    event = _event(object_type="", after={"subjects": ["语文", "数学"]})
    assert _change(audit_changes(event), "subjects").after.text == "语文、数学"


def test_a_long_value_is_cut_and_the_full_value_kept() -> None:
    text = "很长的说明" * 40
    shown = _change(audit_changes(_event(after={"address": text})), "address").after
    assert len(shown.text) <= 80 and shown.text.endswith("…")
    assert shown.full == text


def test_an_event_with_no_values_has_no_changes() -> None:
    assert audit_changes(_event(action="auth.login", object_type="core.user")) == []


def test_a_list_of_the_models_field_names_is_shown_as_their_names() -> None:
    event = _event(action="school.update", after={"changed": ["name", "address"]})
    assert _change(audit_changes(event), "changed").after.text == "学校全称、地址"


def test_a_key_that_is_no_field_is_named_by_the_label_its_app_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit, "_KEY_LABELS", dict(audit._KEY_LABELS))
    audit.register_audit_keys({"school.import.rows": "行数"})
    event = _event(action="school.import", after={"rows": 12})
    assert _change(audit_changes(event), "rows").label == "行数"


def test_a_key_registered_for_one_action_keeps_its_raw_name_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit, "_KEY_LABELS", dict(audit._KEY_LABELS))
    audit.register_audit_keys({"school.import.rows": "行数"})
    event = _event(action="school.update", after={"rows": 12})
    assert _change(audit_changes(event), "rows").label == "rows"


def test_a_registered_key_holding_ids_shows_the_objects_name(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "_KEY_LABELS", dict(audit._KEY_LABELS))
    audit.register_audit_keys({"school.pair.partner": ("结对学校", "core.school")})
    event = _event(action="school.pair", after={"partner": world.school_b.pk})
    change = _change(audit_changes(event), "partner")
    assert (change.label, change.after.text) == ("结对学校", str(world.school_b))


def test_a_key_cannot_be_registered_with_a_second_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "_KEY_LABELS", dict(audit._KEY_LABELS))
    audit.register_audit_keys({"school.import.rows": "行数"})
    with pytest.raises(ValueError, match="school.import.rows"):
        audit.register_audit_keys({"school.import.rows": "条数"})


# --- action labels ---------------------------------------------------------------------------


def test_cores_actions_have_labels() -> None:
    assert audit_action_label("school.create", "core.school") == "新增学校"
    assert audit_action_label("auth.login", "core.user") == "登录"


def test_action_labels_follow_the_language() -> None:
    with translation.override("en"):
        assert audit_action_label("auth.login", "core.user") == "Logged in"


def test_an_unregistered_action_is_named_from_its_verb_and_model() -> None:
    assert audit_action_label("school.delete", "core.school") == "删除学校"


def test_an_unregistered_action_with_an_unknown_verb_falls_back_to_its_words() -> None:
    assert audit_action_label("school.teleport", "core.school") == "School · teleport"


def test_an_app_registers_labels_for_its_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "_ACTION_LABELS", dict(audit._ACTION_LABELS))
    audit.register_audit_actions({"widget.polish": "擦亮小部件"})
    assert audit_action_label("widget.polish") == "擦亮小部件"


def test_a_code_cannot_be_registered_with_a_second_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "_ACTION_LABELS", dict(audit._ACTION_LABELS))
    with pytest.raises(ValueError, match="school.create"):
        audit.register_audit_actions({"school.create": "建校"})


# --- the page ----------------------------------------------------------------------------------


def _create_school(world: World) -> None:
    services.school_create(
        actor=world.district_admin,
        district=world.district,
        name="上海市宝山区审计小学",
        code="AUD001",
        stage="primary",
    )


def test_the_audit_page_shows_the_action_label_and_keeps_the_code(
    world: World, client_for: ClientFor
) -> None:
    _create_school(world)
    main = _main(client_for("district_admin").get("/audit/"))
    assert "新增学校" in main
    assert "<code" in main and "school.create" in main


def test_the_audit_page_lists_changes_field_by_field(world: World, client_for: ClientFor) -> None:
    _create_school(world)
    main = _main(client_for("district_admin").get("/audit/"))
    assert "学校全称" in main and "上海市宝山区审计小学" in main
    assert "{&#x27;" not in main and "{'" not in main  # no raw dictionaries


def test_the_audit_page_finds_events_by_the_label_of_their_action(
    world: World, client_for: ClientFor
) -> None:
    _create_school(world)
    services.department_create(actor=world.district_admin, district=world.district, name="区财政局")
    main = _main(client_for("district_admin").get("/audit/", {"action": "新增学校"}))
    assert "上海市宝山区审计小学" in main
    assert "区财政局" not in main


def test_the_audit_page_offers_no_way_to_change_an_event(
    world: World, client_for: ClientFor
) -> None:
    _create_school(world)
    main = _main(client_for("district_admin").get("/audit/"))
    assert re.findall(r"<form[^>]*>", main) == ['<form method="get" class="filters">']
    assert re.findall(r"<button[^>]*>", main) == ['<button type="submit">']


def test_the_audit_page_speaks_english(world: World, client_for: ClientFor) -> None:
    _create_school(world)
    client = client_for("district_admin")
    main = _main(client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "School added" in main
    assert "Official name" in main
