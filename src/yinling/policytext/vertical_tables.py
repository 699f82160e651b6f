"""Tables that arrive one cell per line, as web pages and some converters give them.

    序号 / 重点工作任务 / 主要责任单位 / 协同配合单位 / 1 / 新建学校5所。/ 区教育局 / 区财政局 …

A run of short header lines opening with 序号 (each a known column name) fixes the number
of columns; then every bare number opens a row of that many cells, and a numbered line
("一、…") between rows is a heading row. A PDF wraps a long cell onto more lines: a row
with more lines than columns gives the extra ones to its content column. The rows are folded back into tab-separated lines
for the ordinary table reader. Bare numbers outside such tables are page numbers.
"""

from __future__ import annotations

import re

from yinling.policytext.closing import ORG_SUFFIX
from yinling.policytext.departments import COOPERATING, LEAD, RESPONSIBLE
from yinling.policytext.numbering import match_numbering
from yinling.policytext.tables import CONTENT, DEADLINE, TARGET, TASK, column_role

_NUMBER_HEADERS = frozenset({"序号", "编号"})
MAX_ROW_NUMBER_DIGITS = 3
MAX_HEADER_CELL = 12
MIN_COLUMNS = 3
# A PDF wraps a long cell onto a few lines; more than this is no longer one row.
MAX_WRAPPED_LINES = 4
_DEADLINE_CELL = re.compile(r"\d|年|月|前|底|长期|持续|每|季度")


def _next_filled(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index]:
        index += 1
    return index


def _header(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """The header cells starting at ``index`` and the index after them, if there is one."""
    if lines[index] not in _NUMBER_HEADERS:
        return None
    cells = [lines[index]]
    position = _next_filled(lines, index + 1)
    while position < len(lines):
        line = lines[position]
        if len(line) > MAX_HEADER_CELL or "\t" in line or column_role(line) is None:
            break
        cells.append(line)
        position = _next_filled(lines, position + 1)
    return (cells, position) if len(cells) >= MIN_COLUMNS else None


def _is_bare_number(line: str) -> bool:
    return line.isdigit() and len(line) <= MAX_ROW_NUMBER_DIGITS


def _ends_row(line: str) -> bool:
    return _is_bare_number(line) or _is_heading_row(line)


def _is_heading_row(line: str) -> bool:
    return match_numbering(line) is not None and len(line) <= 40 and not line.endswith("。")


def _fits(cell: str, role: str | None) -> bool:
    """Whether ``cell`` can be a cell of a column with ``role`` (for the last row's end)."""
    if role == DEADLINE:
        return bool(_DEADLINE_CELL.search(cell))
    if role in (LEAD, COOPERATING, RESPONSIBLE):
        return bool(ORG_SUFFIX.search(cell.rstrip("。；;，,"))) or cell.startswith("各")
    return True


def _fold_row(number: str, lines: list[str], roles: list[str | None]) -> str:
    """One row from its number and its cells' lines; a cell wrapped onto more lines (a PDF
    cuts long cells) is the content column's: the other columns take one line each."""
    width = len(roles)
    extra = len(lines) - (width - 1)
    if extra > 0:
        elastic = next(
            (roles.index(role) for role in (CONTENT, TASK, TARGET) if role in roles[1:]), 1
        )
        head = lines[: elastic - 1]
        body = "".join(lines[elastic - 1 : elastic + extra])
        lines = [*head, body, *lines[elastic + extra :]]
    return "\t".join([number, *lines] + [""] * (width - 1 - len(lines)))


def _rows(lines: list[str], index: int, roles: list[str | None]) -> tuple[list[str], int]:
    """Folded rows from ``index`` on, and the index where the table ends."""
    width = len(roles)
    folded: list[str] = []
    position = _next_filled(lines, index)
    while position < len(lines):
        line = lines[position]
        if _is_heading_row(line):
            folded.append(line)
            position = _next_filled(lines, position + 1)
            continue
        if not _is_bare_number(line):
            break
        taken: list[tuple[int, str]] = []
        cursor = _next_filled(lines, position + 1)
        while (
            len(taken) < width - 1 + MAX_WRAPPED_LINES
            and cursor < len(lines)
            and not _ends_row(lines[cursor])
        ):
            taken.append((cursor, lines[cursor]))
            cursor = _next_filled(lines, cursor + 1)
        next_row = cursor < len(lines) and _ends_row(lines[cursor])
        count = min(len(taken), width - 1)
        if len(taken) > width - 1:
            if next_row:
                count = len(taken)
            else:
                # The last row: the table ends where a row's last cell fits its column.
                count = next(
                    (
                        k
                        for k in range(width - 1, len(taken) + 1)
                        if _fits(taken[k - 1][1], roles[-1])
                    ),
                    width - 1,
                )
        folded.append(_fold_row(line, [text for _, text in taken[:count]], roles))
        position = _next_filled(lines, taken[count - 1][0] + 1) if count else cursor
    return folded, position


def fold_vertical_tables(lines: list[str]) -> list[str]:
    """``lines`` with one-cell-per-line tables folded into rows and page numbers dropped."""
    if _NUMBER_HEADERS.isdisjoint(lines):
        return ["" if _is_bare_number(line) else line for line in lines]
    folded: list[str] = []
    index = 0
    while index < len(lines):
        header = _header(lines, index) if lines[index] else None
        if header is None:
            folded.append("" if _is_bare_number(lines[index]) else lines[index])
            index += 1
            continue
        cells, index = header
        rows, index = _rows(lines, index, [column_role(cell) for cell in cells])
        folded.extend(["", "\t".join(cells), *rows, ""])
    return folded
