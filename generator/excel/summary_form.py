"""The 汇总表 form (附件2) on a worksheet: the office's, a unit's, or a district roll-up's,
whose members may be 未报送 for a period; and the few cell writers every form shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.periods import Period
from generator.core.rollup import Line
from generator.core.summary import Row
from generator.core.summary_text import FIGURE_HEADERS, FORM_NOTE
from generator.excel import style as st

SUMMARY_HEADERS = ("报送单位", "报送时间", *FIGURE_HEADERS)
SUMMARY_HEADER_ROW = 3
TOTAL_FONT = Font(name=st.BODY_FONT, size=10, bold=True)


def cn_date(day: dt.date) -> str:
    """``2019年9月25日``, the way the forms write 填报时间 and 报送时间."""
    return f"{day.year}年{day.month}月{day.day}日"


def clean(value: object) -> object:
    # Control characters cannot be stored in a worksheet; a case file may hold one escaped.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def put(ws: Worksheet, row: int, col: int, value: object, style: str) -> None:
    """One cell; text from a case file stays text (a leading “=” is not a formula)."""
    cell = ws.cell(row=row, column=col, value=clean(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    cell.style = style


def _summary_row(ws: Worksheet, row: int, r: Row, sent: dt.date) -> None:
    values: list[object] = [
        r.name,
        sent,
        r.screened,
        r.resolved,
        r.rate,
        r.cum_screened,
        r.cum_resolved,
        r.cum_rate,
    ]
    styles = [st.MIDDLE, st.CN_DATE, st.FIGURE, st.FIGURE, st.PERCENT]
    styles += [st.FIGURE, st.FIGURE, st.PERCENT]
    for i, (value, style) in enumerate(zip(values, styles, strict=True), 1):
        if value is None:  # a rate with nothing screened
            put(ws, row, i, "—", st.MIDDLE)
        else:
            put(ws, row, i, value, style)
        if not r.unit:  # the 合计 row stands out
            ws.cell(row=row, column=i).font = TOTAL_FONT


def _unreported_row(ws: Worksheet, row: int, line: Line, sent: dt.date) -> None:
    """A roll-up member without figures for the period: 未报送 and why, across the figures."""
    put(ws, row, 1, line.name, st.MIDDLE)
    put(ws, row, 2, sent, st.CN_DATE)
    put(ws, row, 3, f"未报送（{line.reason}）", st.MIDDLE)
    for col in range(4, len(SUMMARY_HEADERS) + 1):
        put(ws, row, col, None, st.MIDDLE)
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(SUMMARY_HEADERS))


def summary_form(
    ws: Worksheet,
    title: str,
    period: Period,
    rows: Sequence[Row | Line],
    as_of: dt.date,
    sent: dt.date,
) -> None:
    """The 汇总表 form under ``title``: a roll-up's lines may be 未报送 (``rollup.Line``)."""
    width = len(SUMMARY_HEADERS)
    st.banner(ws, 1, title, width, st.TITLE, 32)
    st.banner(
        ws,
        2,
        f"统计时段：{period.with_days(f'{cn_date(period.start)}至{cn_date(period.end)}')}，"
        f"统计截至{cn_date(as_of)}",
        width,
        st.INFO,
        20,
    )
    for i, heading in enumerate(SUMMARY_HEADERS, 1):
        ws.cell(row=SUMMARY_HEADER_ROW, column=i, value=heading).style = st.HEADER
        ws.column_dimensions[get_column_letter(i)].width = 16 if i <= 2 else 11
    ws.row_dimensions[SUMMARY_HEADER_ROW].height = 30
    for n, r in enumerate(rows, 1):
        if isinstance(r, Row):
            _summary_row(ws, SUMMARY_HEADER_ROW + n, r, sent)
        elif r.row is not None:
            _summary_row(ws, SUMMARY_HEADER_ROW + n, r.row, sent)
        else:
            _unreported_row(ws, SUMMARY_HEADER_ROW + n, r, sent)
    last = SUMMARY_HEADER_ROW + len(rows)
    st.banner(ws, last + 1, FORM_NOTE, width, st.NOTE, 30)
    ws.freeze_panes = ws.cell(row=SUMMARY_HEADER_ROW + 1, column=2)
    st.print_setup(ws, SUMMARY_HEADER_ROW, width, last + 1)


def form_workbook(
    path: Path,
    title: str,
    period: Period,
    rows: Sequence[Row | Line],
    as_of: dt.date,
    sent: dt.date,
    created: dt.datetime | None,
) -> None:
    """One period's 汇总表 form alone in a workbook: the official form a site offers (no
    personal data in it), the office's or a roll-up's."""
    wb = st.blank()
    summary_form(wb.create_sheet("汇总表"), title, period, rows, as_of, sent)
    st.save(wb, path, created)
