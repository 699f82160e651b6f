"""Import schools from the district's Excel sheet: validate every row, then write all or nothing."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from yinling.core.audit import audit_record
from yinling.core.models import Region, School
from yinling.core.services.schools import school_create, school_update
from yinling.core.tabular import ImportRejected, RowError, read_xlsx, require_columns

COLUMNS = ["学校代码", "学校全称", "简称", "学段", "办学性质", "所属区", "地址", "所属教育集团"]
REQUIRED = ["学校代码", "学校全称", "学段", "所属区"]
ERR_REQUIRED = gettext_noop("必填")
ERR_DUPLICATE_IN_FILE = gettext_noop("学校代码“%(code)s”与第 %(row)d 行重复")
ERR_CODE_EXISTS = gettext_noop(
    "学校代码“%(code)s”已存在（%(name)s）；如需更新已有学校，请勾选“更新已有学校”"
)
ERR_UNKNOWN_DISTRICT = gettext_noop("未知的区“%(name)s”")
ERR_OUTSIDE_DISTRICTS = gettext_noop("无权导入“%(name)s”的学校")
ERR_UNKNOWN_CHOICE = gettext_noop("“%(value)s”不是有效选项，可选：%(choices)s")
ERR_NAME_IN_FILE = gettext_noop("学校全称“%(name)s”与第 %(row)d 行重复")
ERR_TOO_LONG = gettext_noop("超过 %(max)d 个字符")


@dataclass
class ImportResult:
    created: list[School] = field(default_factory=list)
    updated: list[School] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    district: Region | None = None


def _choice(value: str, choices: type[School.Stage] | type[School.Ownership]) -> str | None:
    by_label = {str(label): val for val, label in choices.choices}
    return by_label.get(value) or (value if value in choices.values else None)


def _check_row(row: _Row, districts: dict[str, Region], allowed: set[int] | None) -> list[RowError]:
    errors: list[RowError] = []
    v = row.values
    for column in REQUIRED:
        if not v.get(column):
            errors.append(RowError(row.number, column, _(ERR_REQUIRED)))
    for column, limit in (
        ("学校代码", 20),
        ("学校全称", 100),
        ("简称", 50),
        ("地址", 200),
        ("所属教育集团", 100),
    ):
        if v.get(column) and len(str(v[column])) > limit:
            errors.append(RowError(row.number, column, _(ERR_TOO_LONG) % {"max": limit}))
    name = v.get("所属区")
    if name:
        row.district = districts.get(str(name))
        if row.district is None:
            errors.append(RowError(row.number, "所属区", _(ERR_UNKNOWN_DISTRICT) % {"name": name}))
        elif allowed is not None and row.district.pk not in allowed:
            errors.append(RowError(row.number, "所属区", _(ERR_OUTSIDE_DISTRICTS) % {"name": name}))
    for column, choices, default in (
        ("学段", School.Stage, None),
        ("办学性质", School.Ownership, "公办"),
    ):
        raw = v.get(column) or default
        if raw and _choice(str(raw), choices) is None:
            labels = "、".join(str(label) for _, label in choices.choices)
            errors.append(
                RowError(
                    row.number, column, _(ERR_UNKNOWN_CHOICE) % {"value": raw, "choices": labels}
                )
            )
    return errors


def _check_duplicates(rows: list[_Row], update_existing: bool) -> list[RowError]:
    errors: list[RowError] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple[int, str], int] = {}
    codes = [str(r.values.get("学校代码") or "") for r in rows]
    existing = {s.code: s for s in School.objects.filter(code__in=codes)}
    for row in rows:
        code = str(row.values.get("学校代码") or "")
        if not code:
            continue
        if code in seen_codes:
            errors.append(
                RowError(
                    row.number,
                    "学校代码",
                    _(ERR_DUPLICATE_IN_FILE) % {"code": code, "row": seen_codes[code]},
                )
            )
        seen_codes.setdefault(code, row.number)
        if code in existing and not update_existing:
            errors.append(
                RowError(
                    row.number,
                    "学校代码",
                    _(ERR_CODE_EXISTS) % {"code": code, "name": existing[code].name},
                )
            )
        if row.district is not None and row.values.get("学校全称"):
            key = (row.district.pk, str(row.values["学校全称"]))
            if key in seen_names:
                errors.append(
                    RowError(
                        row.number,
                        "学校全称",
                        _(ERR_NAME_IN_FILE) % {"name": key[1], "row": seen_names[key]},
                    )
                )
            seen_names.setdefault(key, row.number)
    return errors


def _fields(row: _Row) -> dict[str, Any]:
    v = row.values
    return {
        "name": str(v["学校全称"]),
        "short_name": str(v.get("简称") or ""),
        "stage": _choice(str(v["学段"]), School.Stage),
        "ownership": _choice(str(v.get("办学性质") or "公办"), School.Ownership),
        "district": row.district,
        "address": str(v.get("地址") or ""),
        "education_group": str(v.get("所属教育集团") or ""),
    }


def _apply_row(actor: Any, row: _Row, result: ImportResult) -> None:
    code = str(row.values["学校代码"])
    existing = School.objects.filter(code=code).first()
    try:
        if existing is None:
            result.created.append(school_create(actor=actor, code=code, **_fields(row)))
        else:
            result.updated.append(school_update(actor=actor, school=existing, **_fields(row)))
    except Exception as exc:  # a rule only the database or a service knows: name the row
        from django.core.exceptions import ValidationError

        if not isinstance(exc, ValidationError):
            raise
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        raise ImportRejected(
            [
                RowError(
                    row.number,
                    "",
                    f"{field}: {'；'.join(msgs)}" if field != "__all__" else "；".join(msgs),
                )
                for field, msgs in messages.items()
            ]
        ) from exc


def school_import(
    *,
    actor: Any,
    stream: IO[bytes],
    allowed_district_ids: set[int] | None,
    update_existing: bool = False,
) -> ImportResult:
    """Validate every row and then create (or update) all schools in one transaction, or none."""
    sheet = read_xlsx(stream)
    require_columns(sheet, REQUIRED)
    districts = {r.name: r for r in Region.objects.filter(kind=Region.Kind.DISTRICT)}
    rows = [_Row(number, values) for number, values in sheet.rows]
    errors = [e for row in rows for e in _check_row(row, districts, allowed_district_ids)]
    errors += _check_duplicates(rows, update_existing)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.column)))
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            _apply_row(actor, row, result)
        audit_record(
            actor=actor,
            action="school.import",
            object_repr=_("学校导入"),
            after={"created": len(result.created), "updated": len(result.updated)},
        )
    return result


def school_import_template() -> bytes:
    """The downloadable template: the header, one example row, and drop-down lists."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "学校"
    sheet.append(COLUMNS)
    sheet.append(
        ["DEMO0001", "上海市示例区示例小学", "示例小学", "小学", "公办", "宝山区", "示例路1号", ""]
    )
    for cell in sheet[1]:
        cell.font = Font(name="仿宋", bold=True)
    for index, width in enumerate([14, 34, 16, 16, 10, 10, 30, 20], start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    stages = ",".join(str(label) for _, label in School.Stage.choices)
    for formula, column in ((f'"{stages}"', "D"), ('"公办,民办"', "E")):
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.add(f"{column}2:{column}2000")
        sheet.add_data_validation(validation)
    notes = workbook.create_sheet("填写说明")
    for line in (
        "带 * 的列为必填：学校代码、学校全称、学段、所属区。",
        "学校代码在全市唯一；同一文件内不得重复。",
        "所属区须为系统中已有的区，如：宝山区、闵行区。",
        "导入时全部校验通过才会写入，任一行有误则整份文件不导入。",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
