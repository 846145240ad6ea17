"""What a change does to the 汇总表: per-period and running-sum deltas, submitted figures moved.

A submitted period (``reports/<period>.json``, written by ``submit``) is what was sent upward;
a change that alters one of its figures needs a word to the petition desk, so it is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.core.periods import Period
from generator.core.reports import FIGURES, sent_rows
from generator.core.summary import Row, Summary


@dataclass(frozen=True)
class RowDelta:
    """One 汇总表 row of one period, before and after."""

    period: Period
    unit: str  # "" for the 合计 row
    name: str
    old: Row
    new: Row


@dataclass(frozen=True)
class Drift:
    """A figure of a submitted 汇总表 that this change moves away from what was sent upward."""

    period: Period
    submitted_on: str
    unit: str
    name: str
    figure: str  # a key of FIGURES
    submitted: int
    base: int
    head: int


def _rows(summary: Summary) -> dict[tuple[str, str], Row]:
    """Every row of every period, by (period id, unit code); the 合计 row has unit ""."""
    return {(p.period.id, r.unit): r for p in summary.periods for r in (*p.rows, p.total)}


def _before(old: dict[tuple[str, str], Row], pid: str, row: Row) -> Row:
    """The base's row, or zeros where the base had no such period or unit."""
    return old.get((pid, row.unit)) or Row(row.unit, row.name, 0, 0, 0, 0)


def period_deltas(base: Summary, head: Summary) -> tuple[RowDelta, ...]:
    """Rows whose 排查数 or 化解数 changed, period by period, then the period's changed 合计."""
    old = _rows(base)
    out: list[RowDelta] = []
    for p in head.periods:
        found = []
        for row in p.rows:
            before = _before(old, p.period.id, row)
            if (before.screened, before.resolved) != (row.screened, row.resolved):
                found.append(RowDelta(p.period, row.unit, row.name, before, row))
        total = _before(old, p.period.id, p.total)
        if found and (total.screened, total.resolved) != (p.total.screened, p.total.resolved):
            # A move between units changes two rows and leaves the 合计 as it was.
            found.append(RowDelta(p.period, "", p.total.name, total, p.total))
        out += found
    return tuple(out)


def cumulative_deltas(base: Summary, head: Summary) -> tuple[RowDelta, ...]:
    """Rows of the as-of period whose running sums changed (合计 last)."""
    latest = head.latest()
    old = _rows(base)
    out = []
    for row in (*latest.rows, latest.total):
        before = _before(old, latest.period.id, row)
        if (before.cum_screened, before.cum_resolved) != (row.cum_screened, row.cum_resolved):
            out.append(RowDelta(latest.period, row.unit, row.name, before, row))
    return tuple(out)


def drifts(base: Summary, head: Summary, reports: dict[str, dict[str, Any]]) -> tuple[Drift, ...]:
    """Submitted figures this change alters: now unlike the report, and unlike before the change.

    A figure that already differed before the change (an earlier back-dated edit) is not this
    change's doing and is not repeated; one the change puts back to the submitted value is fine.
    """
    old = _rows(base)
    out = []
    for pid, report in sorted(reports.items()):
        period = head.period(pid)
        if period is None:
            continue
        submitted_rows, _ = sent_rows(report, pid)
        for row in period.rows:
            sent = submitted_rows.get(row.unit)
            if sent is None:
                continue
            before = _before(old, pid, row)
            for figure in FIGURES:
                s, b, h = sent.get(figure), getattr(before, figure), getattr(row, figure)
                if isinstance(s, int) and h != s and h != b:
                    out.append(
                        Drift(
                            period.period,
                            str(report.get("submitted_on", "")),
                            row.unit,
                            row.name,
                            figure,
                            s,
                            b,
                            h,
                        )
                    )
    return tuple(out)
