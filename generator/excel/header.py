"""A sheet's cells as a grid, its header (one level or two), and which rows below it are cases.

Hand-made sheets merge cells, put a group title over several columns (信访人 over 姓名 and 住址),
and end with notes and a signature line spread over several cells; none of these is a case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.cells import text

# A line under the table: notes, and who filled it in (填表人：刘洋 | 审核人：张军 | 联系电话：…).
_LABELS = (
    "备注|注|说明|填表人|填报人|审核人|制表人|负责人|联系人|联系电话|电话|单位负责人|"
    "分管领导|主要领导|填报时间|填表时间|填表日期|报送时间"
)
_ALONE = re.compile(rf"^({_LABELS})")  # the only text in its row
_FIRST = re.compile(rf"^({_LABELS})\s*([0-9０-９]+)?\s*([:：.．、]|$)")  # first of several
_LABEL_CELL = re.compile(r"^[^\s:：]{1,8}[:：]$")  # “调解员：” alone in its cell: never a case's


@dataclass(frozen=True)
class SheetRow:
    number: int  # the spreadsheet's row number, as the clerk sees it
    values: dict[str, Any]  # column key → raw cell value


@dataclass(frozen=True)
class Grid:
    rows: list[list[Any]]
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) of a cell in a
    # merge across columns (1-based) → the merge's first column

    def cell(self, row: int, col: int) -> Any:
        cells = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return cells[col - 1] if 0 < col <= len(cells) else None

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def grid(ws: Worksheet) -> Grid:
    """Cell values row by row; a cell merged down a column repeats its value in every row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    spans: dict[tuple[int, int], int] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_col != merged.max_col:  # across columns: a title, a note or a group
            if merged.min_row == merged.max_row:
                for col in range(merged.min_col, merged.max_col + 1):
                    spans[(merged.min_row, col)] = merged.min_col
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row + 1, merged.max_row + 1):
            if r - 1 < len(rows):
                rows[r - 1][merged.min_col - 1] = value
    return Grid(rows, spans)


def _parent(g: Grid, row: int, col: int) -> str:
    """The group title over (row, col): a cell merged across columns in the row above."""
    first = g.spans.get((row - 1, col))
    return text(g.cell(row - 1, first)) if first is not None else ""


Heading = tuple[str, str]  # (the group title over a column, or ""; the column's own title)


def shown(heading: Heading) -> str:
    """A header as messages and mapping files write it: 上级/下级 under a group title."""
    parent, own = heading
    return f"{parent}/{own}" if parent else own


def headings(g: Grid, row: int, two_level: bool) -> dict[int, Heading]:
    """Each titled column's header in ``row``; ``two_level``: the row above holds group titles."""
    out: dict[int, Heading] = {}
    for col in range(1, g.width() + 1):
        own = text(g.cell(row, col))
        parent = _parent(g, row, col) if two_level else ""
        if parent and own and own != parent:
            out[col] = (parent, own)
        elif own or parent:
            out[col] = ("", own or parent)
    return out


def has_sub_header(g: Grid, row: int) -> bool:
    """Is the row under ``row`` the second level of its header (姓名, 住址 under 信访人)?

    It is when it has text under a group title of ``row`` and, elsewhere, nothing but copies of
    the header merged down into it: a case row has its own values in single-level columns.
    """
    if len({text(v) for v in g.rows[row - 1] if text(v)}) < 2:
        return False  # a title or 填报单位 line merged across the sheet, not a header
    under_group = False
    for col in range(1, g.width() + 1):
        below = text(g.cell(row + 1, col))
        if not below:
            continue
        if (row, col) in g.spans:
            under_group = True
        elif below != text(g.cell(row, col)):
            return False
    return under_group


def _footer(row: list[Any]) -> bool:
    filled = [text(v) for v in row if text(v)]
    if len(filled) == 1:
        return bool(_ALONE.match(filled[0]))
    return bool(filled) and bool(_FIRST.match(filled[0]) or _LABEL_CELL.match(filled[0]))


def data_rows(g: Grid, header_row: int, columns: dict[int, str], skip: str) -> Iterator[SheetRow]:
    """The rows under the header that hold a case: not blank, not a footer or a notes line;
    ``skip`` is a column key whose value alone does not make a row (序号 numbered in advance)."""
    for number, row in enumerate(g.rows[header_row:], header_row + 1):
        values = {key: row[col - 1] for col, key in columns.items() if col - 1 < len(row)}
        if not [k for k, v in values.items() if text(v) and k != skip] or _footer(row):
            continue
        yield SheetRow(number, values)


def unit_text(g: Grid, header_row: int) -> str:
    """What the lines above the header say after 填报单位 (or 报送单位), up to the next label:
    “填报单位：西村　填报时间：2019年7月20日” in one cell says 西村."""
    for row in g.rows[: header_row - 1]:
        for i, value in enumerate(row):
            match = re.match(r"^(填报|报送)单位\s*[:：]?\s*(.*)$", text(value), re.S)
            if not match:
                continue
            rest = re.split(r"\s|(?:填报|填表|报送)(?:时间|日期)", match.group(2))[0]
            after = [text(v) for v in row[i + 1 :] if text(v)]
            if not rest and after and not re.search(r"[:：]", after[0]):
                rest = after[0]  # 填报单位： in one cell, the unit in the next
            return rest.strip()
    return ""
