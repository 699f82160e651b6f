"""Import a task breakdown (任务分解表) from the XLSX template into a draft plan.

Columns: 序号, 任务, 具体内容, 目标, 完成时限, 牵头部门, 配合部门 (the header may sit under a
title row, as in the exported breakdown), and optionally 编号. A task's place in the tree is
its path (三/（六）/5), written in 编号 where the sheet has that column (the exported breakdown
numbers its rows 1…N in 序号 and keeps the path there), otherwise in 序号. Every row is checked first and every problem is
reported by row and column; only a clean file is written, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from yinling.core.audit import audit_record
from yinling.core.models import Region
from yinling.core.tabular import (
    ERR_EMPTY,
    ERR_MISSING_COLUMNS,
    ERR_NOT_EXCEL,
    OFFICIAL_FONT,
    ImportRejected,
    RowError,
)
from yinling.plans.models import Plan, PlanItem, Target
from yinling.plans.periods import Frequency
from yinling.plans.services import _tree
from yinling.plans.services._common import year_end
from yinling.plans.services.matching import DepartmentIndex, assign_names, split_names
from yinling.plans.services.plans import completion_target, plan_create
from yinling.plans.status import Comparator

COLUMNS = ["序号", "任务", "具体内容", "目标", "完成时限", "牵头部门", "配合部门"]
PATH_COLUMN = "编号"  # optional: the item's path, when 序号 only counts the rows

ERR_ROW_EMPTY = gettext_noop("“任务”和“具体内容”不能都为空")
ERR_NUMBER_REQUIRED = gettext_noop("请填写序号")
ERR_NUMBER_REPEATED = gettext_noop("序号“%(number)s”与第 %(row)d 行重复")
ERR_TARGET = gettext_noop(
    "无法识别目标“%(text)s”，请写成“指标 ≥ 数值单位”，如“普惠性幼儿园覆盖率 ≥95%%”“新增托额 100个”"
)
ERR_DUE = gettext_noop("无法识别完成时限“%(text)s”，请写成 2025-12-31、2025年12月 或 2025年")

UNITS = (
    "万元",
    "万人",
    "%",
    "所",
    "名",
    "个",
    "门",
    "节",
    "项",
    "人",
    "元",
    "家",
    "次",
    "篇",
    "本",
    "套",
    "场",
    "园",
    "校",
    "座",
    "处",
    "条",
    "间",
    "台",
    "册",
    "课时",
    "学时",
    "小时",
    "天",
)
_SYMBOLS = {
    "≥": Comparator.AT_LEAST,
    ">=": Comparator.AT_LEAST,
    "不少于": Comparator.AT_LEAST,
    "不低于": Comparator.AT_LEAST,
    "至少": Comparator.AT_LEAST,
    "≤": Comparator.AT_MOST,
    "<=": Comparator.AT_MOST,
    "不超过": Comparator.AT_MOST,
    "不高于": Comparator.AT_MOST,
    "控制在": Comparator.AT_MOST,
    "约": Comparator.ABOUT,
    "~": Comparator.ABOUT,
    "≈": Comparator.ABOUT,
    "=": Comparator.EXACTLY,
    "＝": Comparator.EXACTLY,
    "达到": Comparator.EXACTLY,
    "达": Comparator.EXACTLY,
}
_SUFFIXES = {
    "及以上": Comparator.AT_LEAST,
    "以上": Comparator.AT_LEAST,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "左右": Comparator.ABOUT,
}
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_TARGET = re.compile(
    rf"^(?P<before>.*?)\s*(?P<symbol>{_SYMBOL_RE})?\s*(?P<value>\d+(?:\.\d+)?)"
    rf"(?:\s*[-~～至—]\s*(?P<max>\d+(?:\.\d+)?))?\s*(?P<unit>{_UNIT_RE}|％)?"
    rf"\s*(?P<suffix>及以上|以上|以下|以内|左右)?(?P<after>.*)$"
)
# The exported form first (indicator, a space, then the amount at the very end), so that digits
# inside an indicator (按1-3岁常住幼儿数) are not taken for its value.
_EXPORTED = re.compile(
    rf"^(?P<before>.*\S)\s+(?P<symbol>{_SYMBOL_RE})?\s*(?P<value>\d+(?:\.\d+)?)"
    rf"(?:\s*-\s*(?P<max>\d+(?:\.\d+)?))?\s*(?P<unit>{_UNIT_RE}|％)?(?P<suffix>)(?P<after>)$"
)
_ADDITION_WORDS = (
    "新增",
    "培养",
    "建设",
    "建成",
    "打造",
    "创建",
    "开设",
    "完成",
    "增加",
    "引进",
    "培育",
)
_TARGET_SEPARATORS = re.compile(r"[；;\n]+")


@dataclass
class ParsedTarget:
    indicator: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    kind: str
    text: str


def parse_target_text(text: str) -> ParsedTarget | None:
    """One target written in a cell: 普惠性幼儿园覆盖率 ≥95% / 新增托额 100个 / 建设2-3个特色专业."""
    match = _EXPORTED.match(text.strip()) or _TARGET.match(text.strip())
    if match is None:
        return None
    unit = (match["unit"] or "").replace("％", "%")
    comparator = _SYMBOLS.get(match["symbol"] or "", Comparator.EXACTLY)
    if match["suffix"]:
        comparator = _SUFFIXES[match["suffix"]]
    indicator = f"{match['before']}{match['after']}".strip(" ：:，,。")
    if not indicator:
        return None
    addition = unit != "%" and (
        any(word in text for word in _ADDITION_WORDS) or comparator != Comparator.EXACTLY or unit
    )
    value_max = Decimal(match["max"]) if match["max"] else None
    return ParsedTarget(
        indicator=indicator[:200],
        comparator=comparator,
        value=Decimal(match["value"]),
        value_max=value_max
        if value_max is not None and value_max >= Decimal(match["value"])
        else None,
        unit=unit,
        kind=Target.Kind.ADDITION if addition else Target.Kind.LEVEL,
        text=text.strip()[:500],
    )


def parse_due(value: Any) -> dt.date | None:
    """A due date written as a date cell, a year, or text: 2025-12-31, 2025年12月, 2025年底."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 2000 <= int(value) <= 2100:
        return year_end(int(value))
    text = str(value).strip().replace("/", "-").replace(".", "-")
    full = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", text) or re.match(
        r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", text
    )
    if full:
        try:
            return dt.date(int(full[1]), int(full[2]), int(full[3]))
        except ValueError:
            return None
    month = re.match(r"^(\d{4})(?:-|年)(\d{1,2})月?(?:底|末)?$", text)
    if month and 1 <= int(month[2]) <= 12:
        year, number = int(month[1]), int(month[2])
        return dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
    half = re.match(r"^(\d{4})年?上半年(?:底|末)?$", text)
    if half:
        return dt.date(int(half[1]), 6, 30)
    year = re.match(r"^(\d{4})年?(?:下半年|年底|年末|底|末)?$", text)
    if year:
        return year_end(int(year[1]))
    return None


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    label: str = ""
    targets: list[ParsedTarget] = field(default_factory=list)
    due: dt.date | None = None


def _text(row: _Row, column: str) -> str:
    value = row.values.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_breakdown(stream: IO[bytes]) -> list[_Row]:
    """The data rows of the first sheet, found under the header row wherever it sits."""
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejected([_(ERR_NOT_EXCEL)]) from exc
    try:
        raw = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    header_at = next(
        (
            i
            for i, cells in enumerate(raw[:10])
            if {"序号", "任务"} <= {str(c or "").strip().replace("*", "") for c in cells}
        ),
        None,
    )
    if header_at is None:
        raise ImportRejected([_(ERR_MISSING_COLUMNS) % {"columns": "、".join(COLUMNS)}])
    headers = [str(c or "").strip().replace("*", "").replace("\n", "") for c in raw[header_at]]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise ImportRejected([_(ERR_MISSING_COLUMNS) % {"columns": "、".join(missing)}])
    rows = []
    for offset, cells in enumerate(raw[header_at + 1 :], start=header_at + 2):
        values = {
            h: (c.strip() or None) if isinstance(c, str) else c
            for h, c in zip(headers, cells, strict=False)
            if h
        }
        if any(v is not None for v in values.values()):
            rows.append(_Row(offset, values))
    if not rows:
        raise ImportRejected([_(ERR_EMPTY)])
    return rows


def _check(rows: list[_Row]) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for row in rows:
        column = PATH_COLUMN if _text(row, PATH_COLUMN) else "序号"
        row.label = _text(row, column)
        if not row.label:
            errors.append(RowError(row.number, "序号", _(ERR_NUMBER_REQUIRED)))
        elif row.label in seen:
            errors.append(
                RowError(
                    row.number,
                    column,
                    _(ERR_NUMBER_REPEATED) % {"number": row.label, "row": seen[row.label]},
                )
            )
        seen.setdefault(row.label, row.number)
        if not (_text(row, "任务") or _text(row, "具体内容")):
            errors.append(RowError(row.number, "", _(ERR_ROW_EMPTY)))
        for piece in _TARGET_SEPARATORS.split(_text(row, "目标")):
            if not piece.strip():
                continue
            parsed = parse_target_text(piece)
            if parsed is None:
                errors.append(RowError(row.number, "目标", _(ERR_TARGET) % {"text": piece.strip()}))
            else:
                row.targets.append(parsed)
        due = row.values.get("完成时限")
        if due is not None:
            row.due = parse_due(due)
            if row.due is None:
                errors.append(RowError(row.number, "完成时限", _(ERR_DUE) % {"text": due}))
    return errors


def plan_import_xlsx(
    *,
    actor: Any,
    district: Region,
    stream: IO[bytes],
    title: str,
    doc_number: str = "",
    issuer: str = "",
    issued_on: dt.date | None = None,
) -> Plan:
    """Read the template into a new draft plan: every row becomes a task (序号 written as a
    path such as 三/（六）/5 places it in the tree). All rows are checked before anything is
    written; any problem rejects the whole file with each problem's row and column."""
    rows = read_breakdown(stream)
    errors = _check(rows)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.column)))
    dues = [row.due for row in rows if row.due]
    start = issued_on or timezone.localdate()
    with transaction.atomic():
        plan = plan_create(
            actor=actor,
            district=district,
            title=title,
            doc_number=doc_number,
            issuer=issuer,
            issued_on=issued_on,
            period_start=min([start, *dues]),
            period_end=max([year_end(start.year), *dues]),
            source=Plan.Source.SPREADSHEET,
        )
        _write(plan, rows)
        audit_record(actor=actor, action="plan.import", obj=plan, after={"rows": len(rows)})
    return plan


def _write(plan: Plan, rows: list[_Row]) -> None:
    index = DepartmentIndex(plan.district)
    by_path: dict[str, PlanItem] = {}
    children: _tree.Children = {}

    def item_for(path: str, **fields: Any) -> PlanItem:
        segments = path.split("/")
        parent = None
        if len(segments) > 1:
            parent_path = "/".join(segments[:-1])
            parent = by_path.get(parent_path) or item_for(parent_path, is_task=False)
        item = PlanItem.objects.create(plan=plan, parent=parent, number=segments[-1], **fields)
        by_path[path] = item
        children.setdefault(parent.pk if parent else None, []).append(item)
        return item

    for row in rows:
        path = "/".join(s.strip() for s in row.label.split("/") if s.strip())
        item = item_for(
            path, heading=_text(row, "任务")[:300], text=_text(row, "具体内容"), is_task=True
        )
        assign_names(
            item, index, split_names(_text(row, "牵头部门")), split_names(_text(row, "配合部门"))
        )
        due = row.due or plan.period_end
        targets = [
            Target(
                item=item,
                position=position,
                indicator=t.indicator,
                source_text=t.text,
                kind=t.kind,
                comparator=t.comparator,
                baseline=Decimal(0) if t.kind == Target.Kind.ADDITION else None,
                value=t.value,
                value_max=t.value_max,
                unit=t.unit,
                due_on=due,
                frequency=Frequency.QUARTERLY,
            )
            for position, t in enumerate(row.targets)
        ]
        if not targets:
            targets = [completion_target(due)]
            targets[0].item = item
        Target.objects.bulk_create(targets)
    _tree.reindex(children)


def breakdown_template() -> bytes:
    """The downloadable template: the header, two example rows, and notes on filling it in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务分解"
    sheet.append(COLUMNS)
    sheet.append(
        [
            "一/1",
            "推进学前教育普惠发展",
            "推动学前教育优质普惠发展，提高普惠性幼儿园覆盖率。",
            "普惠性幼儿园覆盖率 ≥95%；新增托额 100个",
            "2025-12-31",
            "区教育局",
            "区财政局、各街镇",
        ]
    )
    sheet.append(
        [
            "一/2",
            "深化教育评价改革",
            "落实教育评价改革行动方案。",
            "",
            "2025年",
            "区教育局",
            "区教育督导室",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(name=OFFICIAL_FONT, bold=True)
        cell.alignment = Alignment(horizontal="center")
    for letter, width in zip("ABCDEFG", (10, 24, 50, 36, 14, 24, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    notes = workbook.create_sheet("填写说明")
    for line in (
        "每行一项任务。序号可写成“三/（六）/5”表示所属的章节和措施，系统据此建立层级。",
        "序号也可按顺序写 1、2、3……，另加一列“编号”写“三/（六）/5”（导出的任务分解表即如此）。",
        "目标可写多项，用“；”分隔，每项写成“指标 比较符 数值单位”，比较符可用 ≥、≤、约，省略表示达到该值。",
        "完成时限写成 2025-12-31、2025年12月 或 2025年；留空则为规划截止日期。",
        "牵头部门、配合部门写部门全称，多个部门用“、”分隔；系统中没有的部门导入后可在草稿中新建。",
        "导入时全部校验通过才会写入，任一行有误则整份文件不导入，并列出出错的行和列。",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
