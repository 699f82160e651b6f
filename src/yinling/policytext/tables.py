"""Task tables (任务分解表): a header row with 序号 / 任务 / 牵头单位 … and one task per row.

Rows of other tables (forms, name lists) stay text. A task table needs a task or content
column and at least one more recognised column; each row becomes an item whose number is
its 序号 cell (or its position), whose heading is its task cell, and whose departments
come from the 牵头 / 配合 / 责任 columns. Indicator tables (指标 | 单位 | 2026年目标) are
read the same way, their targets from cells (see ``indicator_tables``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yinling.policytext.departments import COOPERATING, LEAD, RESPONSIBLE, cell_assignment
from yinling.policytext.indicator_tables import compose, indicator_cells, read_indicator_header
from yinling.policytext.model import Target
from yinling.policytext.numbering import ROW, Numbering, match_cell_number, match_numbering

NUMBER = "number"
TASK = "task"
CONTENT = "content"
TARGET = "target"
DEADLINE = "deadline"
CATEGORY = "category"

# Checked in this order: "牵头单位" is a lead column before it is anything else.
_HEADER_ROLES: list[tuple[str, re.Pattern[str]]] = [
    (NUMBER, re.compile(r"^(?:序号|编号|序|No\.?)$", re.IGNORECASE)),
    (LEAD, re.compile(r"牵头|主责|主办")),
    (COOPERATING, re.compile(r"配合|协办|参与|协同|协作|协助")),
    (RESPONSIBLE, re.compile(r"责任|负责|实施(?:单位|主体)|承办|落实单位")),
    (DEADLINE, re.compile(r"时限|完成时间|时间节点|时间安排|进度|期限|截止|^时间$|完成年份")),
    (TARGET, re.compile(r"目标|指标|成效|预期成果")),
    (TASK, re.compile(r"^(?:重点|主要|工作|具体)?(?:任务|工作|事项|项目)(?:名称)?$")),
    (CONTENT, re.compile(r"内容|措施|举措|要求|具体|任务")),
    (CATEGORY, re.compile(r"类别|领域|板块|分类|方面")),
]
_DEPARTMENT_ROLES = (LEAD, COOPERATING, RESPONSIBLE)
HEADER_SEARCH_ROWS = 3


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One row of a task table, ready to become an item."""

    numbering: Numbering | None
    heading: str
    text: str
    departments: list[tuple[str, str]] = field(default_factory=list)
    deadline_text: str = ""
    # An indicator table's row states its target in cells, not in a sentence.
    targets: tuple[Target, ...] = ()


def column_role(cell: str) -> str | None:
    """The role of a column from its header cell ("牵头单位" -> LEAD), or None."""
    cell = re.sub(r"\s+", "", cell)
    if not cell:
        return None
    for role, pattern in _HEADER_ROLES:
        if pattern.search(cell):
            return role
    return None


def read_header(cells: tuple[str, ...]) -> dict[int, str] | None:
    """Column roles of a header row, or None if it does not head a task table."""
    roles = {index: role for index, cell in enumerate(cells) if (role := column_role(cell))}
    kinds = set(roles.values())
    if len(roles) < 2 or not kinds & {TASK, CONTENT}:
        indicator_roles = read_indicator_header(cells)
        if indicator_roles is None:
            return None
        # Responsibility columns of an indicator table still name departments.
        extra = {i: r for i, r in roles.items() if r in _DEPARTMENT_ROLES or r == NUMBER}
        return extra | indicator_roles
    return roles


def _span_start(header: tuple[str, ...], width: int) -> int | None:
    """Where a merged header cell spans ``width`` columns: a filled cell, then blanks."""
    for index, cell in enumerate(header):
        span = header[index + 1 : index + width]
        if cell.strip() and len(span) == width - 1 and not any(c.strip() for c in span):
            return index
    return None


def read_subheader(cells: tuple[str, ...], header: tuple[str, ...]) -> dict[int, str] | None:
    """Column roles of a second header row ("牵头单位 | 配合单位" under a merged "责任单位"),
    or None: every filled cell names a column and none is a row's number. Text loses a
    row's leading empty cells, so a short row is placed under the merged cell it splits."""
    offset = 0
    if len(cells) < len(header):
        start = _span_start(header, len(cells))
        if start is None:
            return None
        offset = start
    roles: dict[int, str] = {}
    for index, cell in enumerate(cells):
        above = header[index + offset] if index + offset < len(header) else None
        if not cell.strip() or cell == above:
            continue  # blank, or a cell merged down from the first header row (Word)
        role = column_role(cell)
        if role is None or role == NUMBER or match_cell_number(cell) is not None:
            return None
        roles[index + offset] = role
    return roles or None


def _row_numbering(cell: str, position: int) -> Numbering | None:
    if cell:
        return match_cell_number(cell)
    return None if position < 0 else Numbering(ROW, position, str(position), f"{position}.", "")


def _compose_text(heading: str, contents: list[str], targets: list[str]) -> str:
    body = "".join(contents)
    if heading and body:
        joiner = "" if re.search(r"[。！？；：]$", heading) else "。"
        text = f"{heading}{joiner}{body}"
    else:
        text = heading or body
    return "\n".join(part for part in [text, *targets] if part)


def read_row(cells: tuple[str, ...], roles: dict[int, str], position: int) -> TaskRow | None:
    """The TaskRow of a data row; None for an empty one."""
    by_role: dict[str, list[str]] = {}
    for index, cell in enumerate(cells):
        role = roles.get(index)
        if role and cell.strip():
            by_role.setdefault(role, []).append(cell.strip())
    indicator = indicator_cells(by_role)
    if indicator is None and not any(by_role.get(role) for role in (TASK, CONTENT, TARGET)):
        return None
    has_number_column = NUMBER in roles.values()
    number_cell = " ".join(by_role.get(NUMBER, []))
    numbering = _row_numbering(number_cell, -1 if has_number_column else position)
    departments: list[tuple[str, str]] = []
    for role in _DEPARTMENT_ROLES:
        for cell in by_role.get(role, []):
            departments.extend(cell_assignment(role, cell))
    if indicator is not None:
        text, target = compose(indicator)
        return TaskRow(
            numbering=numbering,
            heading=indicator.indicator,
            text=text,
            departments=departments,
            deadline_text=f"{indicator.year}年" if indicator.year else "",
            targets=(target,) if target else (),
        )
    heading = " ".join(by_role.get(TASK, []))
    return TaskRow(
        numbering=numbering,
        heading=heading,
        text=_compose_text(heading, by_role.get(CONTENT, []), by_role.get(TARGET, [])),
        departments=departments,
        deadline_text=" ".join(by_role.get(DEADLINE, [])),
    )


def is_heading_row(cells: tuple[str, ...]) -> bool:
    """A row with a single numbered cell, such as a merged "一、组织保障" row."""
    filled = [cell for cell in cells if cell.strip()]
    return len(filled) == 1 and match_numbering(filled[0].strip()) is not None
