"""The 汇总表 as text: an aligned table for a terminal and CSV for Excel and WPS.

The terminal table measures display width (a CJK character takes two columns), so the columns
line up under Chinese names; names from campaign.yaml are made ``printable`` first. The CSV
carries a BOM and CRLF line ends: without the BOM, Excel on Windows reads UTF-8 as the local code
page and shows garbage. Every CSV cell goes through ``csv_cell``, so no name can be a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from generator.core.reports import FIGURES, Comparison, Difference
from generator.core.summary import PeriodSummary, Row, Summary, percent, require_period
from generator.terminal import printable

BOM = "\ufeff"
FIGURE_HEADERS = ("排查数", "化解数", "化解率", "累计排查数", "累计化解数", "累计化解率")
FLOW_NOTE = (
    "注：化解数按化解日期计入当期（新化解数），不论何时排查，所以一期的化解率可能超过 100%；"
    "累计数从活动开始累计；排查数为 0 时化解率显示“—”。"
)
# The note under 附件2 in the campaign plan, word for word.
FORM_NOTE = "备注：表格中排查数、化解数为新排查、化解数，累计排查数、化解数为从第一次报送累计。"
# Excel, WPS and LibreOffice read a cell starting with one of these as a formula (OWASP's list);
# a number of ours ("+3", "-2") is only a number, so it stays as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?%?")


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as the text it is, never evaluates: ``'=…``."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(rows: Sequence[Sequence[str]]) -> str:
    """CSV for Excel and WPS: BOM, CRLF, every cell through ``csv_cell``."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def width(text: str) -> int:
    """Columns text takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def aligned(rows: Sequence[Sequence[str]], right_from: int = 1, sep: str = "  ") -> list[str]:
    """Rows of cells as lines, every column as wide as its widest cell; numbers right-aligned."""
    sizes = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        sep.join(pad(cell, sizes[i], right=i >= right_from) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def figures(row: Row) -> list[str]:
    """The six figures of a row as the form shows them (rates with one decimal)."""
    return [
        str(row.screened),
        str(row.resolved),
        percent(row.rate),
        str(row.cum_screened),
        str(row.cum_resolved),
        percent(row.cum_rate),
    ]


def selected(summary: Summary, period_id: str | None) -> tuple[PeriodSummary, ...]:
    """One period (checked), or every period of the campaign."""
    if period_id is None:
        return summary.periods
    return (require_period(summary, period_id),)


def span(ps: PeriodSummary) -> str:
    return f"{ps.period.start.isoformat()} 至 {ps.period.end.isoformat()}"


def summary_table(summary: Summary, period_id: str | None) -> str:
    """The 汇总表 of one period (or of every period, one block each) for a terminal."""
    lines = [printable(f"{summary.campaign} 汇总表（统计截至 {summary.as_of.isoformat()}）")]
    for ps in selected(summary, period_id):
        rows = [["报送单位", *FIGURE_HEADERS]]
        rows += [[printable(r.name), *figures(r)] for r in (*ps.rows, ps.total)]
        lines += ["", ps.period.with_days(span(ps)), *aligned(rows)]
    lines += ["", FLOW_NOTE]
    return "\n".join(lines) + "\n"


def summary_csv(summary: Summary, period_id: str | None) -> str:
    """CSV text, BOM included: one period's rows, or every period's with its dates in front."""
    one = period_id is not None
    lead = [] if one else ["时段", "开始日期", "结束日期"]
    rows = [[*lead, "报送单位", *FIGURE_HEADERS]]
    for ps in selected(summary, period_id):
        when = (
            []
            if one
            else [ps.period.label(), ps.period.start.isoformat(), ps.period.end.isoformat()]
        )
        rows += [[*when, row.name, *figures(row)] for row in (*ps.rows, ps.total)]
    return csv_text(rows)


def _value(value: int | None) -> str:
    return "—" if value is None else str(value)


def _delta(diff: Difference) -> str:
    return f"{diff.delta:+d}"


def comparison_table(summary: Summary, found: Sequence[Comparison], missing: str) -> str:
    """Each submitted period: what differs between the report and today's data, if anything.

    ``missing`` is said when there is no report to compare with.
    """
    title = f"{summary.campaign} 报送核对（当前数据统计截至 {summary.as_of.isoformat()}）"
    lines = [printable(title), ""]
    if not found:
        return "\n".join([*lines, missing]) + "\n"
    for cmp in found:
        head = printable(
            f"{cmp.period.period.with_days(span(cmp.period))}，{cmp.submitted_on} 报送"
        )
        if not cmp.differences:
            lines += [f"{head}：当前数据与报送的一致", ""]
            continue
        lines.append(f"{head}：当前数据有 {len(cmp.differences)} 项与报送的不同")
        rows = [["报送单位", "项目", "报送值", "当前值", "差值"]]
        rows += [
            [
                printable(d.name),
                FIGURES[d.figure],
                _value(d.submitted),
                _value(d.current),
                _delta(d),
            ]
            for d in cmp.differences
        ]
        lines += [*aligned(rows, right_from=2), ""]
    lines.append("注：差值 = 当前值 − 报送值；报送后补录、改动了已报送时段的日期，就会出现差值。")
    return "\n".join(lines) + "\n"


def comparison_json(summary: Summary, found: Sequence[Comparison]) -> dict[str, Any]:
    return {
        "campaign": summary.campaign,
        "as_of": summary.as_of.isoformat(),
        "periods": [
            {
                "id": cmp.period.period.id,
                "submitted_on": cmp.submitted_on,
                "differences": [
                    {
                        "unit": d.unit,
                        "name": d.name,
                        "figure": d.figure,
                        "submitted": d.submitted,
                        "current": d.current,
                        "delta": d.delta,
                    }
                    for d in cmp.differences
                ],
            }
            for cmp in found
        ],
    }


def comparison_csv(found: Sequence[Comparison]) -> str:
    rows = [["时段", "报送日期", "报送单位", "项目", "报送值", "当前值", "差值"]]
    rows += [
        [
            cmp.period.period.label(),
            cmp.submitted_on,
            d.name,
            FIGURES[d.figure],
            _value(d.submitted),
            _value(d.current),
            _delta(d),
        ]
        for cmp in found
        for d in cmp.differences
    ]
    return csv_text(rows)
