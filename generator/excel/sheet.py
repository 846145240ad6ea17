"""Finding the 台账 in a workbook: which sheet, which row holds the titles, which rows are cases.

Hand-made sheets put a title, 填报单位 and 填报时间 above the header, merge cells, leave blank
rows and add a signature line at the bottom; our own export adds columns after the form's. The
header row is the first of the top rows that carries enough known titles.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import WINDOWS_EPOCH
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.display import MASK_MARK
from generator.errors import DataError
from generator.excel.cells import folded, text
from generator.excel.columns import SEQ, SheetColumn, ledger_columns
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
    "是否已化解": ("是否化解", "化解情况", "化解与否", "是否已经化解"),
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
_FOOTER = re.compile(
    r"^(备注|注|说明|填表人|填报人|审核人|制表人|负责人|联系人|联系电话|单位负责人)"
)


def _key(title: str) -> str:
    return folded(title).rstrip(":")


def titles() -> dict[str, str]:
    """Every header a column may carry (folded) → the column's key."""
    return _titles(ledger_columns())


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


def title_of() -> dict[str, str]:
    """A column's key → its header in our export, the name messages give it."""
    return {c.key: c.title for c in ledger_columns()}


@dataclass(frozen=True)
class SheetRow:
    number: int  # the spreadsheet's row number, as the clerk sees it
    values: dict[str, Any]  # column key → raw cell value


@dataclass(frozen=True)
class Sheet:
    name: str
    header_row: int
    columns: dict[int, str]  # 1-based column index → column key
    unit_text: str  # what 填报单位 says, "" if nothing
    title: str  # the title row's text
    rows: tuple[SheetRow, ...]
    ignored: tuple[str, ...] = ()  # titles of columns nothing is read from
    epoch: dt.datetime = WINDOWS_EPOCH  # day 0 of the workbook's serial dates (1900 or 1904)


MAX_UNPACKED_MB = 20


def _unpacked_mb(path: Path) -> float:
    """What the workbook's parts add up to unpacked, as their headers say (zipfile reads no
    more than that); 0 where it is no zip, which load_workbook then reports."""
    try:
        with zipfile.ZipFile(path) as z:
            return sum(item.file_size for item in z.infolist()) / (1024 * 1024)
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0.0


def open_workbook(path: Path, shown: str) -> Any:
    """The workbook at path; a Chinese message for .xls/.et files and anything not .xlsx."""
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix in (".xls", ".et", ".ett") or head.startswith(b"\xd0\xcf\x11\xe0"):
        kind = "WPS 表格（.et）" if suffix in (".et", ".ett") else "旧版 Excel（.xls）"
        raise DataError(
            f"{shown}: 这是{kind}文件，无法直接导入；"
            "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx），再导入另存的文件"
        )
    if suffix == ".csv":
        raise DataError(f"{shown}: 只能导入 Excel 工作簿（.xlsx）；请用 Excel 或 WPS 另存为 .xlsx")
    unpacked = _unpacked_mb(path)
    if unpacked > MAX_UNPACKED_MB:  # openpyxl holds every cell: 62 MB of XML took 870 MB, 26 s
        raise DataError(
            f"{shown}: 工作簿解压后有 {unpacked:.1f} MB，超过 {MAX_UNPACKED_MB} MB 的上限"
            "（台账表格通常不到 1 MB）；请删除表格末尾多余的空行和格式后另存，再导入"
        )
    try:
        with warnings.catch_warnings():  # WPS files trip openpyxl's "unsupported extension" notes
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        # openpyxl's own wording is English and says nothing a clerk can act on
        raise DataError(
            f"{shown}: 无法读取，不是有效的 Excel 工作簿（.xlsx）；"
            "请用 Excel 或 WPS 打开后另存为 .xlsx"
        ) from None
    except Exception as err:  # a damaged file can fail anywhere inside openpyxl; never a traceback
        raise DataError(f"{shown}: 无法读取，文件可能已损坏（{type(err).__name__}）") from None


def _grid(ws: Worksheet) -> list[list[Any]]:
    """Cell values row by row; a cell merged down a column repeats its value in every row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        if merged.min_col != merged.max_col:  # across columns: a title or a note, not a value
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row + 1, merged.max_row + 1):
            if r - 1 < len(rows):
                rows[r - 1][merged.min_col - 1] = value
    return rows


def _header(rows: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[int, str] = {}
        for col, value in enumerate(row, 1):
            key = titles().get(_key(text(value))) if value is not None else None
            if key and key not in found.values():
                found[col] = key
        if len(found) >= 4 and {NAME, DEMAND} & set(found.values()):
            return i + 1, found
    return None


def _unit_text(rows: list[list[Any]], header_row: int) -> str:
    """What the lines above the header say after 填报单位 (or 报送单位)."""
    for row in rows[: header_row - 1]:
        for value in row:
            match = re.match(r"^(填报|报送)单位\s*[:：]?\s*(.*)$", text(value))
            if match:
                return match.group(2).strip()
    return ""


def _data_rows(
    rows: list[list[Any]], header_row: int, columns: dict[int, str]
) -> Iterator[SheetRow]:
    for number, row in enumerate(rows[header_row:], header_row + 1):
        values = {key: row[col - 1] for col, key in columns.items() if col - 1 < len(row)}
        filled = [k for k, v in values.items() if text(v) and k != SEQ]
        if not filled:
            continue  # a blank row, or one numbered in advance
        others = [text(v) for v in row if text(v)]
        if len(others) == 1 and _FOOTER.match(others[0]):
            continue  # 填表人：…, 备注：… under the table
        yield SheetRow(number, values)


def read_sheet(ws: Worksheet) -> Sheet | None:
    rows = _grid(ws)
    found = _header(rows)
    if found is None:
        return None
    header_row, columns = found
    title = next((text(v) for r in rows[: header_row - 1] for v in r if text(v)), "")
    return Sheet(
        ws.title,
        header_row,
        columns,
        _unit_text(rows, header_row),
        title,
        tuple(_data_rows(rows, header_row, columns)),
        tuple(
            text(v)
            for col, v in enumerate(rows[header_row - 1], 1)
            if text(v) and col not in columns
        ),
        ws.parent.epoch,
    )


def _names(unit: Unit) -> set[str]:
    return {unit.name, unit.code, unicodedata.normalize("NFKC", unit.name)}


def choose(path: Path, shown: str, campaign: Campaign, unit: Unit) -> Sheet:
    """The one 台账 sheet of the workbook for unit, or a DataError saying why there is none."""
    wb = open_workbook(path, shown)
    sheets = [s for s in (read_sheet(ws) for ws in wb.worksheets) if s is not None]
    if not sheets:
        raise DataError(
            f"{shown}: 找不到台账的表头：前 {HEADER_SEARCH_ROWS} 行中应有“姓名”“主要诉求”"
            "“问题类型”等列标题（附件1 的格式）"
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
    missing = [title_of()[k] for k in REQUIRED if k not in sheet.columns.values()]
    if missing:
        raise DataError(f"{where}第 {sheet.header_row} 行的表头缺少这些列：{'、'.join(missing)}")
    return sheet
