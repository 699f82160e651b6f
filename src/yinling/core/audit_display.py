"""Reading the audit trail: a label for each action and a field-by-field list of what changed.

Events store `before` and `after` as JSON written by many apps' services. This module turns them
into rows a person can read: only the keys that changed, model field names instead of keys,
choice labels instead of codes, names instead of ids, empty values as "—", numbers rounded and
long values shortened (the full value stays available).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Field, ForeignKey, Model, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from yinling.core.audit import (
    registered_audit_actions,
    registered_audit_key,
    registered_audit_label,
)
from yinling.core.models import AuditEvent

EMPTY = "—"
SHORT = 80  # characters shown before a value is folded away

# Verbs for labels derived from unregistered codes ("evidence.add" → "添加成长证据").
_VERBS = {
    "accept": pgettext_lazy("audit verb", "采纳"),
    "add": pgettext_lazy("audit verb", "添加"),
    "admit": pgettext_lazy("audit verb", "纳入"),
    "cancel": pgettext_lazy("audit verb", "取消"),
    "close": pgettext_lazy("audit verb", "关闭"),
    "configure": pgettext_lazy("audit verb", "设置"),
    "create": pgettext_lazy("audit verb", "新增"),
    "delete": pgettext_lazy("audit verb", "删除"),
    "discard": pgettext_lazy("audit verb", "废弃"),
    "end": pgettext_lazy("audit verb", "结束"),
    "finish": pgettext_lazy("audit verb", "完成"),
    "grant": pgettext_lazy("audit verb", "授予"),
    "import": pgettext_lazy("audit verb", "导入"),
    "install": pgettext_lazy("audit verb", "安装"),
    "issue": pgettext_lazy("audit verb", "下发"),
    "publish": pgettext_lazy("audit verb", "发布"),
    "record": pgettext_lazy("audit verb", "记录"),
    "release": pgettext_lazy("audit verb", "发布"),
    "remove": pgettext_lazy("audit verb", "移除"),
    "reply": pgettext_lazy("audit verb", "回复"),
    "return": pgettext_lazy("audit verb", "退回"),
    "revoke": pgettext_lazy("audit verb", "撤销"),
    "save": pgettext_lazy("audit verb", "保存"),
    "start": pgettext_lazy("audit verb", "开始"),
    "submit": pgettext_lazy("audit verb", "提交"),
    "update": pgettext_lazy("audit verb", "修改"),
    "upload": pgettext_lazy("audit verb", "上传"),
    "withdraw": pgettext_lazy("audit verb", "撤回"),
}
_MISSING = object()
_LONG_DECIMAL = re.compile(r"^-?\d+\.\d{3,}$")


@dataclass(frozen=True)
class Shown:
    """A value as displayed: `text` is short; `full` holds the whole value when it was cut."""

    text: str
    full: str = ""
    empty: bool = False


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    after: Shown
    before: Shown | None = None  # None: a value recorded, not a value changed


@dataclass
class AuditRow:
    event: AuditEvent
    label: str
    registered: bool
    object_kind: str
    changes: list[Change] = field(default_factory=list)


# --- action labels ------------------------------------------------------------------------------


def audit_action_label(code: str, object_type: str = "") -> str:
    """The registered label of an action code, or one derived from the code and the object."""
    label = registered_audit_label(code)
    if label is not None:
        return str(label)
    entity, _dot, verb = code.rpartition(".")
    verb_label = _VERBS.get(verb)
    model = _model_named(entity, object_type)
    if verb_label is not None and model is not None:
        return pgettext("audit action", "%(verb)s%(object)s") % {
            "verb": verb_label,
            "object": model._meta.verbose_name,
        }
    words = (entity or code).replace("_", " ")
    action = str(verb_label) if verb_label is not None else verb.replace("_", " ")
    return f"{capfirst(words)} · {action}" if entity else capfirst(words)


def audit_action_filter(text: str) -> Q:
    """Events whose action matches the text: by code ("school."), by registered label
    ("新增学校") or by the verb of a derived label ("修改" finds every `*.update`)."""
    needle = text.strip().casefold()
    if not needle:
        return Q()
    labelled = [
        code
        for code, label in registered_audit_actions().items()
        if needle in str(label).casefold()
    ]
    condition = Q(action__icontains=needle) | Q(action__in=labelled)
    for verb, label in _VERBS.items():
        if needle in str(label).casefold():
            condition |= Q(action__endswith=f".{verb}")
    return condition


def _model_named(entity: str, object_type: str) -> type[Model] | None:
    """The model an action code's entity names, looked for in the app of the event's object.

    "green_record" finds GreenIndicatorRecord and "round" finds ApplicationRound: a model whose
    name starts with the entity's first word and ends with its last.
    """
    if not entity or not object_type:
        return None
    app_label = object_type.partition(".")[0]
    try:
        models = list(apps.get_app_config(app_label).get_models())
    except LookupError:
        return None
    words = entity.lower().split("_")
    exact = "".join(words)
    candidates = [
        m
        for m in models
        if m._meta.model_name == exact
        or (
            m._meta.model_name.endswith(words[-1])
            and (len(words) == 1 or m._meta.model_name.startswith(words[0]))
        )
    ]
    if not candidates:
        return None
    candidates.sort(
        key=lambda m: (
            m._meta.model_name != exact,
            m._meta.label_lower != object_type,
            len(m._meta.model_name),
        )
    )
    return candidates[0]


# --- changes ------------------------------------------------------------------------------------


def audit_rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    """The events of one page, ready to show; names behind ids are fetched in one go per model."""
    prepared = []
    references: dict[type[Model], set[Any]] = {}
    for event in events:
        models = _models_of(event)
        diffs = _diff(event.before, event.after)
        for key, _kind, before, after in diffs:
            target = _target_model(models, event.action, key)
            if target is not None:
                references.setdefault(target, set()).update(_pk_values(target, [before, after]))
        prepared.append((event, models, diffs))
    names = _names(references)
    rows = []
    for event, models, diffs in prepared:
        model = _model(event.object_type)
        row = AuditRow(
            event=event,
            label=audit_action_label(event.action, event.object_type),
            registered=registered_audit_label(event.action) is not None,
            object_kind=str(capfirst(model._meta.verbose_name)) if model else "",
        )
        for key, kind, before, after in diffs:
            model_field = _field(models, key)
            label = _key_label(model_field, event.action, key)
            target = _target_model(models, event.action, key)
            lookup = names.get(target, {}) if target is not None else None
            before, after = _field_names(models, before), _field_names(models, after)
            after_shown = _shown(after, model_field, lookup)
            before_shown = _shown(before, model_field, lookup) if kind == "changed" else None
            row.changes.append(Change(key=key, label=label, after=after_shown, before=before_shown))
        rows.append(row)
    return rows


def audit_changes(event: AuditEvent) -> list[Change]:
    return audit_rows([event])[0].changes


def _diff(before: Any, after: Any) -> list[tuple[str, str, Any, Any]]:
    """(key, "changed" or "recorded", before, after) for the keys worth showing.

    A key in both with the same value did not change and is left out. A key that only `after`
    has is context recorded with the event (shown when not empty); one only `before` has was
    cleared.
    """
    if before is None and after is None:
        return []
    old = before if isinstance(before, dict) else ({} if before is None else {"value": before})
    new = after if isinstance(after, dict) else ({} if after is None else {"value": after})
    keys = list(new) + [k for k in old if k not in new]
    diffs = []
    for key in keys:
        was, now = old.get(key, _MISSING), new.get(key, _MISSING)
        if was is _MISSING:
            if not _is_empty(now):
                diffs.append((key, "recorded", None, now))
        elif now is _MISSING:
            diffs.append((key, "changed", was, None))
        elif was != now and not (_is_empty(was) and _is_empty(now)):
            diffs.append((key, "changed", was, now))
    return diffs


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _model(object_type: str) -> type[Model] | None:
    if not object_type or "." not in object_type:
        return None
    try:
        return apps.get_model(object_type)
    except LookupError:
        return None


def _models_of(event: AuditEvent) -> list[type[Model]]:
    """Where the keys of an event's values are fields: the object's model, then the model the
    action names ("membership.grant" on a user records a RoleMembership's role)."""
    models = [
        m
        for m in (
            _model(event.object_type),
            _model_named(event.action.rpartition(".")[0], event.object_type),
        )
        if m is not None
    ]
    return list(dict.fromkeys(models))


def _field(models: list[type[Model]], key: str) -> Field | None:
    for model in models:
        try:
            found = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if isinstance(found, Field):
            return found
    return None


def _key_label(model_field: Field | None, action: str, key: str) -> str:
    """A field's verbose name, else the label the app registered for the key, else the key."""
    if model_field is not None:
        return str(capfirst(model_field.verbose_name))
    registered = registered_audit_key(action, key)
    return str(capfirst(str(registered.label))) if registered is not None else key


def _target_model(models: list[type[Model]], action: str, key: str) -> type[Model] | None:
    """The model whose ids the key holds: a foreign key's, or the one registered for the key."""
    found = _field(models, key)
    if isinstance(found, ForeignKey):
        return found.related_model
    registered = registered_audit_key(action, key) if found is None else None
    if registered is not None and registered.model:
        return _model(registered.model)
    return None


def _field_names(models: list[type[Model]], value: Any) -> Any:
    """A list of the model's field names ("which fields changed") as their verbose names."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return value
    fields = [_field(models, name) for name in value]
    if any(f is None for f in fields):
        return value
    return [str(f.verbose_name) for f in fields if f is not None]


def _pk_values(model: type[Model], values: list[Any]) -> set[Any]:
    """The values that can be primary keys of the model (a code stored in its place cannot)."""
    found = set()
    for value in values:
        if value is None or isinstance(value, bool | list | dict):
            continue
        try:
            found.add(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return found


def _names(references: dict[type[Model], set[Any]]) -> dict[type[Model], dict[str, str]]:
    return {
        model: {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=pks)}
        for model, pks in references.items()
        if pks
    }


def _shown(value: Any, model_field: Field | None, names: dict[str, str] | None) -> Shown:
    """`names` maps ids to names when the key is a foreign key, else it is None."""
    if _is_empty(value):
        return Shown(EMPTY, empty=True)
    if names is not None and isinstance(value, int | str) and not isinstance(value, bool):
        name = names.get(str(value))
        if name is not None:
            return _cut(name)
        return _cut(f"#{value}" if isinstance(value, int) else value)
    if model_field is not None and model_field.choices and not isinstance(value, list | dict):
        choices = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in choices:
            return _cut(str(choices[str(value)]))
    if isinstance(value, list):
        if all(not isinstance(v, list | dict) for v in value):
            return _cut("、".join(_scalar(v) for v in value))
        return _cut(_compact(value), full=_json(value))
    if isinstance(value, dict):
        return _cut(_compact(value), full=_json(value))
    return _cut(_scalar(value))


def _scalar(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float):
        return _number(Decimal(repr(value))) if math.isfinite(value) else str(value)
    if isinstance(value, str) and _LONG_DECIMAL.match(value):
        try:
            return _number(Decimal(value))
        except InvalidOperation:
            return value
    return str(value)


def _number(value: Decimal) -> str:
    """Two decimals at most, more only for small numbers; no trailing zeros."""
    if value == 0:
        return "0"
    places = 2 if abs(value) >= 1 else 3 - value.adjusted() - 1
    rounded = round(value, max(places, 2))
    text = format(rounded, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _compact(value: Any) -> str:
    """A nested value on one line: `key: value；key: value` or `[a, b]`."""
    if isinstance(value, dict):
        if not value:
            return EMPTY
        return "；".join(f"{k}: {_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(_compact(v) for v in value) + "]"
    return _scalar(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False, default=str)


def _cut(text: str, *, full: str = "") -> Shown:
    if len(text) <= SHORT:
        return Shown(text)
    return Shown(text[: SHORT - 1] + "…", full=full or text)
