"""Excel workbooks in the campaign's forms: 附件1 台账 and 附件2 汇总表.

For one unit: its 台账, then its one-row 汇总表, as a village sends them. For the office: the
汇总表 with a row per unit and 合计, then one 台账 sheet per unit. The 台账 carries, after the
form's twelve columns, every field the form lacks (编号, dates, …, then the optional fields the
profile switches on), so ``import`` reads an export back without loss. Titles are the
profile's (``台账.标题``), else the 2019 plan's wording. Masked workbooks (the site's
downloads) say （脱敏） in every title; their cases come masked by the one engine
(``privacy.Masker``), with every other output's masks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from copy import copy
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.display import MASK_MARK
from generator.core.reports import sent_on
from generator.core.summary import PeriodSummary, Row, require_period, summarize
from generator.excel import style as st
from generator.excel.columns import SheetColumn, cells, form_count, ledger_columns
from generator.excel.summary_form import clean, cn_date, summary_form
from generator.ledger.model import Campaign, Case, Unit

LEDGER_HEADER_ROW = 4
LINE_HEIGHT = 14.5  # points per line of 10-point 宋体 (LibreOffice's CJK substitute is taller)
CJK_UNITS = 1.8
_KIND_STYLE = {
    "text": st.TEXT,
    "long": st.TEXT,
    "center": st.CENTER,
    "date": st.DATE,
    "int": st.INT,
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _title(title: str, masked: bool) -> str:
    """A form's title row: the profile's (or the 2019 plan's) wording, （脱敏） when masked."""
    return title + (MASK_MARK if masked else "")


def _style_of(ws: Worksheet, name: str) -> StyleArray:
    """The style array a cell gets from a named style (through a scratch cell, then removed)."""
    scratch = Cell(ws)
    scratch.style = name
    return scratch._style


def _units(text: str) -> float:
    """Excel width units text takes in 10-point 宋体 (a CJK character a little under two)."""
    if text.isascii():
        return float(len(text))
    wide = sum(1 for ch in text if ch > "\u10ff" and unicodedata.east_asian_width(ch) in "WF")
    return len(text) + (CJK_UNITS - 1.0) * wide


def _lines(text: str, size: float) -> int:
    """Lines a wrapped cell of this width needs."""
    usable = max(1.0, size - 1.0)
    return sum(max(1, math.ceil(_units(line) / usable)) for line in text.split("\n"))


def row_height(values: Sequence[object], columns: Sequence[SheetColumn]) -> float:
    """Excel and LibreOffice do not grow a row for wrapped text on opening: set it here."""
    lines = max(
        (
            _lines(v, c.width)
            for v, c in zip(values, columns, strict=True)
            if isinstance(v, str) and v
        ),
        default=1,
    )
    return min(409.0, LINE_HEIGHT * lines + 4)


def ledger_sheet(
    ws: Worksheet,
    campaign: Campaign,
    unit: Unit,
    cases: Sequence[Case],
    as_of: dt.date,
    masked: bool,
) -> None:
    """附件1 for one unit: title, 填报单位, 填报时间, the header row, a row per case."""
    columns = ledger_columns(campaign.profile.registry)
    printed = form_count(columns)
    st.banner(ws, 1, _title(campaign.ledger_title(), masked), printed, st.TITLE, 32)
    st.banner(ws, 2, f"填报单位：{unit.name}", printed, st.INFO, 20)
    st.banner(ws, 3, f"填报时间：{cn_date(as_of)}", printed, st.INFO, 20)
    for i, column in enumerate(columns, 1):
        cell = ws.cell(row=LEDGER_HEADER_ROW, column=i, value=column.title)
        cell.style = st.HEADER if column.form else st.HEADER_EXTRA
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.row_dimensions[LEDGER_HEADER_ROW].height = 42
    # Styles are looked up once per column and copied into each cell: assigning a named style
    # to 190,000 cells one by one takes seconds.
    templates = [_style_of(ws, _KIND_STYLE[c.kind]) for c in columns]
    ordered = sorted(cases, key=lambda c: (c.screened_on, c.id))
    for n, case in enumerate(ordered, 1):
        values = cells(case, n, columns)
        row = []
        for value, template in zip(values, templates, strict=True):
            cell = Cell(ws, value=clean(value))
            if cell.data_type == "f":  # text from a case file is never a formula
                cell.data_type = "s"
            cell._style = copy(template)
            row.append(cell)
        ws.append(row)
        ws.row_dimensions[LEDGER_HEADER_ROW + n].height = row_height(values, columns)
    ws.freeze_panes = ws.cell(row=LEDGER_HEADER_ROW + 1, column=3)
    last_row = LEDGER_HEADER_ROW + len(ordered)
    st.print_setup(ws, LEDGER_HEADER_ROW, printed, last_row)
    ws.auto_filter.ref = f"A{LEDGER_HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"


def summary_sheet(
    ws: Worksheet,
    campaign: Campaign,
    ps: PeriodSummary,
    rows: Sequence[Row],
    as_of: dt.date,
    masked: bool,
    sent: dt.date,
) -> None:
    """附件2: title, period, header row, then a unit's one row, or every unit's and 合计;
    ``sent`` is the 报送时间 (``reports.sent_on``)."""
    summary_form(ws, _title(campaign.summary_title(), masked), ps.period, rows, as_of, sent)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title: no []:*?/\\, at most 31 characters."""
    base = _SHEET_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", name)).strip("'") or "台账"
    title = base[:31]
    n = 2
    while title.lower() in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def _unit_book(
    wb: Workbook,
    campaign: Campaign,
    unit: Unit,
    cases: Sequence[Case],
    ps: PeriodSummary,
    as_of: dt.date,
    masked: bool,
    sent: dt.date,
) -> None:
    """A unit's workbook, as a village sends it: its 台账, then its one-row 汇总表."""
    own = [c for c in cases if c.unit == unit.code]
    ledger_sheet(wb.create_sheet("台账"), campaign, unit, own, as_of, masked)
    row = ps.row(unit.code)
    assert row is not None
    summary_sheet(wb.create_sheet("汇总表"), campaign, ps, [row], as_of, masked, sent)


def _office_book(
    wb: Workbook,
    campaign: Campaign,
    cases: Sequence[Case],
    ps: PeriodSummary,
    as_of: dt.date,
    masked: bool,
    sent: dt.date,
) -> None:
    """The office's workbook: the 汇总表 with every unit and 合计, then a 台账 per unit."""
    taken = {"汇总表"}
    rows = [*ps.rows, ps.total]
    summary_sheet(wb.create_sheet("汇总表"), campaign, ps, rows, as_of, masked, sent)
    by_unit: dict[str, list[Case]] = {u.code: [] for u in campaign.units}
    for case in cases:
        by_unit.setdefault(case.unit, []).append(case)
    for u in campaign.units:
        ws = wb.create_sheet(sheet_title(f"{u.name}台账", taken))
        ledger_sheet(ws, campaign, u, by_unit[u.code], as_of, masked)


def write_workbook(
    target: Path | IO[bytes],
    campaign: Campaign,
    cases: Sequence[Case],
    today: dt.date,
    unit: str | None = None,
    period: str | None = None,
    masked: bool = False,
    created: dt.datetime | None = None,
    submitted: Mapping[str, Any] | None = None,
) -> None:
    """The workbook for one unit (its 台账 and 汇总表) or for the office (汇总表, every 台账),
    written to target; the same arguments and ``created`` give the same bytes.

    ``masked``: the cases have been masked (``privacy.Masker.case``); the titles say （脱敏）.
    ``submitted``: the reports in reports/ (``reports.load_submitted``), for 报送时间.
    """
    chosen = None if unit is None else campaign.require_unit(unit)
    if masked and any(c.petitioner_address for c in cases):
        # Masked cases carry no address; a real one here would publish the ledger unmasked.
        raise ValueError("a masked workbook needs masked cases")
    summary = summarize(campaign, cases, today)
    ps = summary.latest() if period is None else require_period(summary, period)
    sent = sent_on(summary, ps, submitted or {})
    wb = st.blank()
    if chosen is not None:
        _unit_book(wb, campaign, chosen, cases, ps, summary.as_of, masked, sent)
    else:
        _office_book(wb, campaign, cases, ps, summary.as_of, masked, sent)
    st.save(wb, target, created)
