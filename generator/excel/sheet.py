"""Finding the 台账 in a workbook: which sheet, which row holds the titles, which rows are cases.

Hand-made sheets put a title, 填报单位 and 填报时间 above the header, merge cells, leave blank
rows and add a signature line at the bottom; our own export adds columns after the form's. The
header row is the first of the top rows that carries enough known titles (the second level of a
two-level header under it). A mapping file names the columns instead (``excel.mapsheet``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from openpyxl.utils.datetime import WINDOWS_EPOCH
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.display import MASK_MARK
from generator.errors import DataError
from generator.excel.cells import folded, text
from generator.excel.columns import SEQ, SheetColumn, ledger_columns
from generator.excel.header import (
    Grid,
    Heading,
    SheetRow,
    data_rows,
    grid,
    has_sub_header,
    headings,
    shown,
    unit_text,
)
from generator.excel.workbook import open_workbook
from generator.ledger.fields import PEOPLE, Registry, registry
from generator.ledger.model import Campaign, Unit

HEADER_SEARCH_ROWS = 15
# What people head the form's columns with, besides the titles and the fields' names we write.
_OTHER_TITLES = {
    SEQ: ("序", "序列号", "排序"),
    "信访人.姓名": ("信访人", "信访人姓名", "当事人", "当事人姓名", "反映人", "姓名(信访人)"),
    "信访人.住址": ("住址", "家庭住址", "地址", "信访人地址", "现住址", "住址(信访人)"),
    "问题属地": ("属地", "问题发生地", "发生地", "所属地"),
    "主要诉求": ("诉求", "反映问题", "主要问题", "诉求内容", "主要诉求内容"),
    "工作措施": ("措施", "化解措施", "稳控化解措施", "工作措施及进展"),
    "包案领导": ("科级包案领导", "包案领导", "包案领导姓名、职务", "包案领导姓名及职务"),
    "责任部门": ("责任部门及责任人", "责任部门", "责任单位及责任人", "责任单位"),
    "分包民警": ("包案民警", "民警", "分包民警姓名、职务"),
    "问题类型": ("类型", "问题类别", "类别"),
    "是否已化解": ("是否化解", "化解与否", "是否已经化解"),  # 化解情况 is progress text
    "排查日期": ("排查时间", "登记日期", "登记时间"),
    "化解日期": ("化解时间",),
    "涉及人数": ("人数", "涉及人员数"),
    "风险等级": ("风险", "风险级别"),
    "典型案例": ("是否典型案例", "成功经验案例"),
}
NAME, DEMAND = "信访人.姓名", "主要诉求"  # a header row has one of them
REQUIRED = (
    NAME,
    "信访人.住址",
    "问题属地",
    DEMAND,
    "包案领导",
    "责任部门",
    "问题类型",
    "是否已化解",
)


def _key(title: str) -> str:
    return folded(title).rstrip(":")


def titles(reg: Registry) -> dict[str, str]:
    """Every header a column may carry (folded) → the column's key."""
    return _titles(ledger_columns(reg))


@cache
def _titles(columns: tuple[SheetColumn, ...]) -> dict[str, str]:
    out = {_key(c.title): c.key for c in columns}
    for key, words in _OTHER_TITLES.items():
        for word in words:
            out.setdefault(_key(word), key)
    for c in columns:  # the field's own name: 信访人姓名, 科级包案领导
        if c.field is not None:
            out.setdefault(_key(c.field.title), c.key)
    return out


def title_of(reg: Registry) -> dict[str, str]:
    """A column's key → its header in our export, the name messages give it."""
    return {c.key: c.title for c in ledger_columns(reg)}


@dataclass(frozen=True)
class Sheet:
    name: str
    header_row: int  # the header's last row (a two-level header's second)
    columns: dict[int, str]  # 1-based column index → column key (dotted for a person's part)
    unit_text: str  # what 填报单位 says, "" if nothing
    title: str  # the title row's text
    rows: tuple[SheetRow, ...]
    ignored: tuple[str, ...] = ()  # headers of columns nothing is read from
    epoch: dt.datetime = WINDOWS_EPOCH  # day 0 of the workbook's serial dates (1900 or 1904)
    labels: dict[str, str] = field(default_factory=dict)  # key → its column in messages
    numbering: str = ""  # the header of a column of the office's own numbers, not imported


_PART_WORDS = {"名称": ("单位", "部门", "单位名称", "部门名称"), "责任人": ("责任人姓名",)}


def _part(key: str, own: str, reg: Registry) -> str | None:
    """A person's or department's part (包案领导.职务) that a sub-header names."""
    for dotted, title in reg.titles.items():
        part = dotted.split(".")[-1]
        words = (part, _key(title), *_PART_WORDS.get(part, ()))
        if dotted.startswith(f"{key}.") and _key(own) in words:
            return dotted
    return None


def key_for(heading: Heading, reg: Registry) -> str | None:
    """The column key a header names: 信访人/姓名 as 信访人姓名, 包案领导/职务 as a part."""
    parent, own = heading
    found = titles(reg)
    if parent:
        if _key(parent + own) in found:
            return found[_key(parent + own)]
        group = found.get(_key(parent))
        if group and group != SEQ and reg.field(group).kind == PEOPLE:
            return _part(group, own, reg)
    return found.get(_key(own))


def _known(heads: dict[int, Heading], reg: Registry) -> tuple[dict[int, str], list[str]]:
    """(column → key of the columns it knows, headers of the others); a key's first column wins."""
    columns: dict[int, str] = {}
    ignored = []
    for col, heading in heads.items():
        key = key_for(heading, reg)
        if key and key not in columns.values():
            columns[col] = key
        else:
            ignored.append(shown(heading))
    return columns, ignored


def _header(g: Grid, reg: Registry) -> tuple[int, dict[int, Heading]] | None:
    for row in range(1, min(HEADER_SEARCH_ROWS, len(g.rows)) + 1):
        heads = headings(g, row, two_level=False)
        keys = set(_known(heads, reg)[0].values())
        if len(keys) >= 4 and {NAME, DEMAND} & keys:
            if has_sub_header(g, row):
                return row + 1, headings(g, row + 1, two_level=True)
            return row, heads
    return None


_OURS = re.compile(r"[a-z][a-z0-9]*-[0-9]")  # our 编号, maybe mistyped (dongcun-7)


def own_numbering(rows: Iterable[SheetRow], key: str) -> bool:
    """Does the column hold an office's own numbers (SF-2019-001) rather than ours or a count?"""
    values = [folded(r.values.get(key)) for r in rows]
    values = [v for v in values if v]
    return any(not v.isdigit() for v in values) and not any(_OURS.match(v) for v in values)


def with_numbering(sheet: Sheet, col: int, heading: str, reg: Registry) -> Sheet:
    """The sheet with column col (an office's own numbers) read as 原编号 where the profile keeps
    it, else dropped and named, so no row fails for it."""
    columns = dict(sheet.columns)
    old = columns.pop(col)
    if "原编号" in reg.titles:
        columns[col] = "原编号"
        rows = tuple(
            replace(r, values={("原编号" if k == old else k): v for k, v in r.values.items()})
            for r in sheet.rows
        )
        return replace(sheet, columns=columns, rows=rows)
    rows = tuple(
        replace(r, values={k: v for k, v in r.values.items() if k != old}) for r in sheet.rows
    )
    return replace(sheet, columns=columns, rows=rows, numbering=heading)


def read_sheet(ws: Worksheet, reg: Registry | None = None) -> Sheet | None:
    reg = reg or registry()
    g = grid(ws)
    found = _header(g, reg)
    if found is None:
        return None
    header_row, heads = found
    columns, ignored = _known(heads, reg)
    top = header_row - 1 if any(p for p, _ in heads.values()) else header_row
    sheet = Sheet(
        ws.title,
        header_row,
        columns,
        unit_text(g, top),
        next((text(v) for r in g.rows[: top - 1] for v in r if text(v)), ""),
        tuple(data_rows(g, header_row, columns, SEQ)),
        tuple(ignored),
        ws.parent.epoch,
    )
    for col, key in columns.items():
        if key in (SEQ, "编号") and own_numbering(sheet.rows, key):
            return with_numbering(sheet, col, shown(heads[col]), reg)
    return sheet


def _names(unit: Unit) -> set[str]:
    return {unit.name, unit.code, unicodedata.normalize("NFKC", unit.name)}


def choose(path: Path, shown: str, campaign: Campaign, unit: Unit) -> Sheet:
    """The one 台账 sheet of the workbook for unit, or a DataError saying why there is none."""
    wb = open_workbook(path, shown)
    reg = campaign.profile.registry
    sheets = [s for s in (read_sheet(ws, reg) for ws in wb.worksheets) if s is not None]
    if not sheets:
        raise DataError(
            f"{shown}: 找不到台账的表头：前 {HEADER_SEARCH_ROWS} 行中应有“姓名”“主要诉求”"
            "“问题类型”等列标题（附件1 的格式）；其他格式的台账请用 --map 映射文件导入"
        )
    if len(sheets) > 1:
        mine = [s for s in sheets if s.unit_text in _names(unit) or unit.name in s.name]
        if len(mine) != 1:
            listed = "、".join(f"“{s.name}”" for s in sheets)
            raise DataError(
                f"{shown}: 有 {len(sheets)} 张台账工作表（{listed}），"
                f"认不出哪一张是{unit.name}的：请只留下这一张，或把它的“填报单位”写成“{unit.name}”"
            )
        sheets = mine
    sheet = sheets[0]
    check(sheet, shown, campaign, unit, sheet.columns.values())
    return sheet


def quoted(names: Iterable[str]) -> str:
    """Titles one after another, each in its quotes: titles themselves hold 、 (姓名、职务)."""
    return "".join(f"“{n}”" for n in names)


def check(
    sheet: Sheet,
    shown: str,
    campaign: Campaign,
    unit: Unit,
    present: Iterable[str],
    mapped: bool = False,
) -> None:
    """Refuse a masked download, another unit's sheet, or one without the columns a case needs;
    ``present``: the keys the sheet (or a mapping's defaults) gives, parts dotted."""
    where = f"{shown}: 工作表“{sheet.name}”"
    if MASK_MARK in sheet.title:
        raise DataError(f"{where}是网站下载的脱敏表格，信访人姓名和住址已隐去，不能导入")
    others = {name: u for u in campaign.units if u.code != unit.code for name in _names(u)}
    if sheet.unit_text in others:
        other = others[sheet.unit_text]
        raise DataError(
            f"{where}的填报单位是“{sheet.unit_text}”（{other.code}），与 --unit {unit.code}"
            f"（{unit.name}）不符"
        )
    given = {k.split(".")[0] if k.split(".")[0] != "信访人" else k for k in present}
    missing = [k for k in REQUIRED if k not in given]
    if missing and mapped:  # the mapping's words: fields, and where to give them
        raise DataError(
            f"{where}按映射文件读，仍缺少这些字段：{quoted(missing)}；"
            "请在“栏目”中写明它们在哪一列，或在“默认”中给出"
        )
    if missing:
        titles = [title_of(campaign.profile.registry)[k] for k in missing]
        raise DataError(f"{where}第 {sheet.header_row} 行的表头缺少这些列：{quoted(titles)}")
