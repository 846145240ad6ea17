"""A sheet of another layout read through its mapping file: the columns it names, then the ones
the importer knows by itself; every other column is listed, never dropped silently.

A column the mapping names and the sheet lacks is a mistake in the mapping, reported at its
place in the file before a row is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.errors import ProblemsFound
from generator.excel.cells import folded, text
from generator.excel.columns import SEQ
from generator.excel.header import (
    Grid,
    Heading,
    data_rows,
    grid,
    has_sub_header,
    headings,
    unit_text,
)
from generator.excel.header import shown as header_text
from generator.excel.mapping import IGNORE, ColumnRef, Mapping
from generator.excel.sheet import (
    HEADER_SEARCH_ROWS,
    Sheet,
    check,
    key_for,
    own_numbering,
    read_sheet,
    with_numbering,
)
from generator.excel.workbook import open_workbook
from generator.ledger.fields import Registry
from generator.ledger.model import Campaign, Unit
from generator.ledger.problems import Problem


def _matches(ref: ColumnRef, col: int, heading: Heading) -> bool:
    if ref.letter:
        return ref.letter == col
    parent, own = folded(heading[0]), folded(heading[1])
    if ref.parent:  # 上级/下级, or one header that holds a / (户籍/住址)
        return (ref.parent, ref.own) == (parent, own) or f"{ref.parent}/{ref.own}" == own
    return (ref.own == own and not parent) or ref.own == f"{parent}{own}"


def _headings(g: Grid, row: int) -> dict[int, Heading]:
    return headings(g, row, two_level=row > 1 and has_sub_header(g, row - 1))


def _found(mapping: Mapping, heads: dict[int, Heading]) -> int:
    return sum(any(_matches(ref, c, h) for c, h in heads.items()) for ref, _ in mapping.columns)


def _header_row(g: Grid, mapping: Mapping) -> int:
    """The 表头行 the mapping gives, else the top row that has the most of its columns."""
    if mapping.header_row:
        return mapping.header_row
    rows = range(1, min(HEADER_SEARCH_ROWS, len(g.rows)) + 1)
    return max(rows, key=lambda r: (_found(mapping, _headings(g, r)), -r), default=1)


class _Columns:
    """Which sheet column is which field; a problem for each mapped column the sheet lacks."""

    def __init__(self, mapping: Mapping, heads: dict[int, Heading], where: str) -> None:
        self.columns: dict[int, str] = {}
        self.labels: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.ignored: set[int] = set()
        for ref, field in mapping.columns:
            cols = [c for c, h in heads.items() if _matches(ref, c, h)] or (
                [ref.letter] if ref.letter else []
            )
            if len(cols) != 1:
                self._problem(mapping, ref, cols, where)
            elif field == IGNORE:
                self.ignored.add(cols[0])
            else:
                self._add(cols[0], field, heads)

    def _problem(self, mapping: Mapping, ref: ColumnRef, cols: list[int], where: str) -> None:
        if cols:
            letters = "、".join(f"{get_column_letter(c)}列" for c in cols)
            why = (
                f"{where}有 {len(cols)} 列都是“{ref.written}”（{letters}），请用 列C 这样的写法指明"
            )
        else:
            why = f"{where}中没有“{ref.written}”这一列"
        line, col = ref.pos.line, ref.pos.col
        self.problems.append(Problem(mapping.shown, line, col, "map-column", why))

    def _add(self, col: int, field: str, heads: dict[int, Heading]) -> None:
        self.columns[col] = field
        name = header_text(heads[col]) if col in heads else ""
        self.labels[field] = f"{name}（{get_column_letter(col)}列）"

    def known(self, heads: dict[int, Heading], reg: Registry) -> Iterator[str]:
        """Add the columns the importer knows by their header; yield the headers of the rest."""
        for col, heading in heads.items():
            if col in self.columns or col in self.ignored:
                continue
            key = key_for(heading, reg)
            given = set(self.columns.values())
            whole = key.partition(".")[0] if key else ""
            if key and not any(g in (key, whole) or g.startswith(f"{key}.") for g in given):
                self._add(col, key, heads)
            else:
                yield header_text(heading)


def _worksheet(wb: Any, mapping: Mapping, reg: Registry) -> Worksheet:
    sheets = list(wb.worksheets)
    if mapping.sheet is None:
        return next((ws for ws in sheets if read_sheet(ws, reg) is not None), sheets[0])
    found = [ws for ws in sheets if ws.title == mapping.sheet]
    if not found:
        listed = "".join(f"“{ws.title}”" for ws in sheets)
        pos = mapping.sheet_pos
        why = f"工作簿中没有工作表“{mapping.sheet}”，有：{listed}"
        raise _failed([Problem(mapping.shown, pos.line, pos.col, "map-sheet", why)])
    return found[0]


def read(path: Path, shown: str, mapping: Mapping, campaign: Campaign, unit: Unit) -> Sheet:
    """The sheet as the mapping reads it, checked like any 台账; rows are not read yet."""
    reg = campaign.profile.registry
    ws = _worksheet(open_workbook(path, shown), mapping, reg)
    g = grid(ws)
    row = _header_row(g, mapping)
    heads = _headings(g, row)
    found = _Columns(mapping, heads, f"工作表“{ws.title}”第 {row} 行的表头")
    if found.problems:
        raise _failed(found.problems)
    unmapped = tuple(found.known(heads, reg))
    top = row - 1 if any(p for p, _ in heads.values()) else row
    sheet = Sheet(
        ws.title,
        row,
        found.columns,
        unit_text(g, top),
        next((text(v) for r in g.rows[: top - 1] for v in r if text(v)), ""),
        tuple(data_rows(g, row, found.columns, SEQ)),
        unmapped,
        ws.parent.epoch,
        found.labels,
    )
    check(sheet, shown, campaign, unit, [*found.columns.values(), *mapping.defaults], True)
    for col, key in found.columns.items():
        if key in (SEQ, "编号") and own_numbering(sheet.rows, key):
            return with_numbering(sheet, col, header_text(heads[col]), reg)
    return sheet


def _failed(problems: list[Problem]) -> ProblemsFound:
    return ProblemsFound("映射文件与表格不符，没有读取表格", problems, 1)
