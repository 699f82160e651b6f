"""The item tree, built from numbering tokens in the order they appear.

Levels are not fixed per style: the first style seen is level 1, a new style nests under
the current item, and a style already open continues at its own level. A token is
accepted only where its number fits:

* the next sibling of an open item of the same style (二 after 一, or 四 after 二 when a
  draft skipped one), or
* the first child of the current item: 1, or one more than the last number of that style
  (documents number tasks 1–25 across measures （四）…（十五）, so 3 may open （五）).

Anything else ("2." in a list of attachments, a number that goes back or jumps ahead) is
ordinary text of the current item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yinling.policytext.numbering import Numbering, match_cell_number, match_numbering
from yinling.policytext.paragraphs import Paragraph
from yinling.policytext.tables import (
    HEADER_SEARCH_ROWS,
    NUMBER,
    TaskRow,
    is_heading_row,
    read_header,
    read_row,
    read_subheader,
)

# The next sibling is one more; two more is tolerated, since drafts lose an item now and
# then ("1. 2. 4."), and a line opening with a number two ahead is rarely anything else.
MAX_SIBLING_STEP = 2


@dataclass(slots=True)
class DraftItem:
    """An item while the outline is being built."""

    numbering: Numbering
    labels: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    has_children: bool = False
    row: TaskRow | None = None

    @property
    def path(self) -> str:
        return "/".join(self.labels)

    @property
    def level(self) -> int:
        return len(self.labels)


class OutlineBuilder:
    """Feeds paragraphs and table rows in; collects DraftItems."""

    def __init__(self) -> None:
        self.items: list[DraftItem] = []
        self.preamble: list[str] = []
        self._open: list[DraftItem] = []
        self._paths: set[tuple[str, ...]] = set()
        self._last_value: dict[str, int] = {}
        # The columns of the last task table; a heading row between its rows (which text
        # loses its cell tabs) must not make the rows after it headerless.
        self._columns: tuple[dict[int, str], int] | None = None

    def _depth_for(self, numbering: Numbering) -> int | None:
        """Where an item with this numbering goes in the open stack, or None if nowhere."""
        for depth, item in enumerate(self._open):
            if item.numbering.style == numbering.style:
                step = numbering.value - item.numbering.value
                return depth if 1 <= step <= MAX_SIBLING_STEP else None
        last = self._last_value.get(numbering.style, 0)
        if numbering.value in (1, last + 1):
            return len(self._open)
        return None

    def _append(self, text: str) -> None:
        (self._open[-1].lines if self._open else self.preamble).append(text)

    def _start(self, numbering: Numbering, depth: int, row: TaskRow | None = None) -> None:
        del self._open[depth:]
        parent = self._open[-1] if self._open else None
        labels = (*parent.labels, numbering.label) if parent else (numbering.label,)
        if parent:
            parent.has_children = True
        item = DraftItem(numbering, labels, row=row)
        self._paths.add(labels)
        if numbering.rest.strip():
            item.lines.append(numbering.rest.strip())
        self._open.append(item)
        self.items.append(item)
        self._last_value[numbering.style] = numbering.value

    def add_paragraph(self, text: str) -> None:
        numbering = match_numbering(text)
        depth = self._depth_for(numbering) if numbering else None
        if numbering is None or depth is None:
            self._append(text)
            self._columns = None
        else:
            self._start(numbering, depth)

    def _row_depth(self, numbering: Numbering) -> int:
        """A table's 序号 is authoritative even when it skips (an extract of a larger table)."""
        depth = self._depth_for(numbering)
        if depth is not None:
            return depth
        for index, item in enumerate(self._open):
            if item.numbering.style == numbering.style:
                return index
        return len(self._open)

    def add_row(self, row: TaskRow) -> None:
        if row.numbering is None:
            self._append(row.text)
            return
        depth = self._row_depth(row.numbering)
        parent = self._open[:depth]
        if (*(item.numbering.label for item in parent), row.numbering.label) in self._paths:
            # A table numbered afresh after items of the same style (no heading between):
            # its rows go under the current item rather than repeat paths.
            depth = len(self._open)
        self._start(row.numbering, depth, row)
        if row.text:
            self._open[-1].lines.append(row.text)

    def _find_header(self, rows: list[tuple[str, ...]]) -> tuple[int, dict[int, str], int] | None:
        """(index of the last header row, column roles, width), if the table has a header
        (or continues the last table's columns)."""
        for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
            roles = read_header(cells)
            if roles is not None:
                below = read_subheader(rows[index + 1], cells) if index + 1 < len(rows) else None
                if below:
                    # "责任单位" over "牵头单位 | 配合单位": the second row says which is which.
                    return index + 1, roles | below, len(cells)
                return index, roles, len(cells)
        if self._columns and all(len(cells) == self._columns[1] for cells in rows):
            return -1, *self._columns
        return None

    def add_table(self, rows: list[tuple[str, ...]]) -> None:
        found = self._find_header(rows)
        if found is None:
            for cells in rows:
                self._append(" ".join(cell for cell in cells if cell))
            return
        header_at, roles, width = found
        self._columns = (roles, width)
        for cells in rows[: max(header_at, 0)]:
            self._append(" ".join(cell for cell in cells if cell))
        body = rows[header_at + 1 :]
        if roles.get(0) == NUMBER:
            body = mend_broken_rows(body, width)
        for position, cells in enumerate(body, start=1):
            if is_heading_row(cells):
                self.add_paragraph(next(cell.strip() for cell in cells if cell.strip()))
                continue
            row = read_row(cells, roles, position)
            if row is not None:
                self.add_row(row)


def _continues_row(cells: tuple[str, ...]) -> bool:
    """A line of a row cut by a line break inside a cell: it opens with no number."""
    first = cells[0].strip()
    return bool(first) and match_cell_number(first) is None and match_numbering(first) is None


def mend_broken_rows(rows: list[tuple[str, ...]], width: int) -> list[tuple[str, ...]]:
    """Rows of a numbered table copied as text, where a line break inside a cell cut a row
    in two ("1 | 新建学校5所 | 区教育局" / "区财政局 | 2024年底"), joined again."""
    mended: list[tuple[str, ...]] = []
    for cells in rows:
        previous = mended[-1] if mended else None
        if (
            previous is not None
            and len(previous) < width
            and len(cells) < width
            and len(previous) + len(cells) - 1 <= width
            and _continues_row(cells)
        ):
            mended[-1] = (*previous[:-1], f"{previous[-1]}\n{cells[0]}", *cells[1:])
        else:
            mended.append(cells)
    return mended


def build_outline(paragraphs: list[Paragraph]) -> OutlineBuilder:
    """The outline of one part's paragraphs."""
    builder = OutlineBuilder()
    table: list[tuple[str, ...]] = []
    for paragraph in paragraphs:
        if paragraph.cells is not None:
            table.append(paragraph.cells)
            continue
        if table:
            builder.add_table(table)
            table = []
        builder.add_paragraph(paragraph.text)
    if table:
        builder.add_table(table)
    return builder
