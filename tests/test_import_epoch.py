"""A workbook saved with the 1904 date system (Excel for Mac's old default): a date typed as a
bare serial number counts its days from 1904-01-01, not from 1899-12-30."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from generator.excel.importer import Options, plan_import
from generator.excel.sheet import read_sheet
from generator.excel.workbook import open_workbook
from generator.ledger.validate import load_ledger

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 29)
HEADERS = ["序号", "姓名", "信访人住址", "问题属地", "主要诉求", "科级包案领导姓名、职务"]
HEADERS += ["责任部门及责任人姓名、职务", "问题类型", "是否已化解", "风险等级", "排查日期"]
HEADERS += ["化解日期", "化解方式"]
# 2019-07-03 in the 1904 system, by hand: 1904-01-01 to 2019-01-01 is 115 years with 29 leap
# days (1904 … 2016), 115 × 365 + 29 = 42004 days; to 07-01 another 31+28+31+30+31+30 = 181,
# to 07-03 two more: 42004 + 181 + 2 = 42187. (In the 1900 system the same day is 43649.)
SERIAL_1904 = 42187


def test_a_1904_workbook_read_back_by_the_importer(tmp_path: Path) -> None:
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.append(["东村台账"])
    ws.append(HEADERS)
    row = [1, "王建国", "东村三组12号", "东村三组", "补偿", "李志强（办事处主任）"]
    # 排查日期 a bare number (a cell not formatted as a date), 化解日期 a real date cell.
    row += ["城建办：赵敏（主任）", "城建拆迁", "是", "高", SERIAL_1904, dt.date(2019, 7, 12)]
    ws.append([*row, "调解"])
    path = tmp_path / "mac.xlsx"
    wb.save(path)

    book = open_workbook(path, "mac.xlsx")
    assert book.epoch == CALENDAR_MAC_1904
    sheet = read_sheet(book.worksheets[0])
    assert sheet is not None
    ledger = load_ledger(ROOT, DAY)
    assert ledger.campaign is not None
    plan = plan_import(sheet, ledger.campaign, [], Options("dongcun"), DAY)
    assert plan.refused == []
    [planned] = plan.planned
    assert (planned.case.screened_on, planned.case.resolved_on) == (
        dt.date(2019, 7, 3),
        dt.date(2019, 7, 12),
    )
