"""JSON and Markdown renderings of a PolicyDocument, and the task rows both exports share."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from yinling.policytext.departments import strip_department_clauses
from yinling.policytext.model import Item, PolicyDocument

EXCERPT = 40
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def to_json(document: PolicyDocument, *, indent: int | None = 2) -> str:
    """The document as JSON (UTF-8 text, Chinese kept as is)."""
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=indent)


def task_body(item: Item) -> str:
    """An item's text without its heading and department clauses."""
    text = item.text
    if item.heading and text.startswith(item.heading):
        text = text[len(item.heading) :].lstrip("。！？\n ")
    return strip_department_clauses(text)


def task_title(item: Item) -> str:
    if item.heading:
        return item.heading
    first = item.text.split("\n", 1)[0]
    return first if len(first) <= EXCERPT else first[:EXCERPT] + "…"


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One line of a task breakdown (任务分解表)."""

    number: str
    task: str
    content: str
    targets: str
    deadline: str
    lead: str
    cooperating: str


def _deadline(item: Item) -> str:
    years = sorted({t.year for t in item.targets if t.year} | ({item.deadline} - {None}))
    return "、".join(f"{year}年" for year in years)


def task_rows(document: PolicyDocument) -> list[TaskRow]:
    """The tasks of a document: leaf items and items that assign work or set targets."""
    parts_with_items = [part for part in document.parts if part.items]
    prefix_parts = len(parts_with_items) > 1
    rows: list[TaskRow] = []
    for item in document.tasks:
        number = f"{item.part}/{item.path}" if prefix_parts else item.path
        leads = item.lead_departments or item.departments
        rows.append(
            TaskRow(
                number=number,
                task=task_title(item),
                content=task_body(item),
                targets="；\n".join(target.describe() for target in item.targets),
                deadline=_deadline(item),
                lead="、".join(leads),
                cooperating="、".join(item.cooperating_departments),
            )
        )
    return rows


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _item_lines(item: Item) -> list[str]:
    indent = "  " * (item.level - 1)
    lines = [f"{indent}- **{_md(item.number)}** {_md(task_title(item))}"]
    detail = f"{indent}  - "
    if item.lead_departments:
        lines.append(f"{detail}牵头：{_md('、'.join(item.lead_departments))}")
        if item.cooperating_departments:
            lines.append(f"{detail}配合：{_md('、'.join(item.cooperating_departments))}")
    elif item.departments:
        lines.append(f"{detail}责任部门：{_md('、'.join(item.departments))}")
    lines.extend(f"{detail}目标：{_md(target.describe())}" for target in item.targets)
    return lines


def to_markdown(document: PolicyDocument) -> str:
    """A readable outline of the document."""
    lines = [f"# {_md(document.title or '（无标题）')}", ""]
    facts = [
        ("文号", document.doc_number),
        ("发文机关", document.issuer),
        ("日期", document.date.isoformat() if document.date else None),
    ]
    lines.extend(f"- {name}：{_md(value)}" for name, value in facts if value)
    for part in document.parts:
        if not part.items:
            continue
        heading = (
            part.label
            if part.title is None or part is document.body
            else f"{part.label}　{part.title}"
        )
        lines.extend(["", f"## {_md(heading)}", ""])
        for item in part.items:
            lines.extend(_item_lines(item))
    return "\n".join(lines) + "\n"
