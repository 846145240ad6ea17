"""The district roll-up's figures: every member's day counts re-added into the roll-up's own
periods, whatever rhythm the member reports in (DESIGN.md "Beyond one office").

Pure: the members as read, the roll-up settings and the as-of date in; tables out. A member is
未报送 for a period when it could not be read at all, when its figures stop before the period
does (its as-of date is before min(period end, its campaign's end, the roll-up's as-of date)),
or when it is itself a roll-up that is missing members. An 未报送 line has no figures and never
counts towards a total; it is never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.core.periods import DayIndex, Period, periods
from generator.core.summary import Row, total_row
from generator.ledger.countsfile import OPEN_KEYS, Counts
from generator.ledger.rollupfile import Rollup


@dataclass(frozen=True)
class Member:
    """A member as read: its counts, or why there are none."""

    name: str
    source: str
    counts: Counts | None
    reason: str | None = None  # why it could not be read (counts is None)


@dataclass(frozen=True)
class Line:
    """A member (or one of its units) in one period: its figures, or 未报送 and why."""

    code: str  # the member's name, or the unit's code on a member's page
    name: str
    row: Row | None
    reason: str | None = None

    @property
    def reported(self) -> bool:
        return self.row is not None


@dataclass(frozen=True)
class Table:
    period: Period
    lines: tuple[Line, ...]
    total: Row  # the reported lines' sums; rates from the sums

    @property
    def unreported(self) -> int:
        return sum(1 for line in self.lines if not line.reported)


@dataclass(frozen=True)
class District:
    rollup: Rollup
    start: dt.date
    end: dt.date | None  # None: some member is a standing ledger, and so is the roll-up
    as_of: dt.date
    periods: tuple[Period, ...]
    members: tuple[Member, ...]

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """Per period, one line per member: computed once for the pages, the JSON and the
        closing lines."""
        return member_tables(self)

    def read(self) -> list[Member]:
        return [m for m in self.members if m.counts is not None]

    def missing(self) -> list[Member]:
        return [m for m in self.members if m.counts is None]


def _window(
    rollup: Rollup, read: Sequence[Counts], today: dt.date
) -> tuple[dt.date, dt.date | None, dt.date]:
    """First day, last day (None: standing) and as-of date of the roll-up."""
    # No member read and no 开始日期: a window of one day, never one that ends before it starts.
    start = rollup.start or min((c.start for c in read), default=min(today, rollup.end or today))
    end = rollup.end
    if end is None and read and all(c.end is not None for c in read):
        end = max(c.end for c in read if c.end is not None)
    as_of = min(today, end) if end is not None else today
    return start, end, as_of


def district(rollup: Rollup, members: Sequence[Member], today: dt.date) -> District:
    """The roll-up of the members as of min(today, its end)."""
    read = [m.counts for m in members if m.counts is not None]
    start, end, as_of = _window(rollup, read, today)
    last = end if end is not None else max(as_of, start)
    window = tuple(periods(start, last, rollup.rhythm))
    return District(rollup, start, end, as_of, window, tuple(members))


def lower_missing(counts: Counts) -> str | None:
    """Why a member that is itself a roll-up is incomplete: the members it could not read."""
    if not counts.missing:
        return None
    return "下级汇总有成员未报送：" + "、".join(name for name, _ in counts.missing)


def gap(counts: Counts, period: Period, as_of: dt.date) -> str | None:
    """Why the member's figures do not cover the period, or None when they do."""
    need = min(period.end, counts.end or period.end, as_of)
    if counts.as_of < need:
        return f"数据截至 {counts.as_of.isoformat()}，未覆盖本时段"
    return lower_missing(counts)


def by_unit(d: District, counts: Counts) -> dict[str, list[list[int]]]:
    """Screened and resolved per unit and roll-up period, from the days up to the as-of date
    and inside the roll-up's window."""
    slot = DayIndex(d.periods)
    out = {u.code: [[0, 0] for _ in d.periods] for u in counts.units}
    for day, unit, screened, resolved in counts.days:
        k = slot(day) if day <= d.as_of else None
        if k is not None:
            out[unit][k][0] += screened
            out[unit][k][1] += resolved
    return out


def _rows(code: str, name: str, figures: Sequence[Sequence[int]]) -> list[Row]:
    rows, cum_s, cum_r = [], 0, 0
    for screened, resolved in figures:
        cum_s, cum_r = cum_s + screened, cum_r + resolved
        rows.append(Row(code, name, screened, resolved, cum_s, cum_r))
    return rows


def _total(lines: Sequence[Line]) -> Row:
    return total_row(line.row for line in lines if line.row is not None)


# A line's code and name, its rows of every period (None: never read) and its reasons.
PerLine = tuple[str, str, list[Row] | None, list[str | None]]


def _tables(d: District, per_line: Sequence[PerLine]) -> tuple[Table, ...]:
    tables = []
    for k, period in enumerate(d.periods):
        lines = []
        for code, name, rows, reasons in per_line:
            reason = reasons[k]
            shown = rows[k] if rows is not None and reason is None else None
            lines.append(Line(code, name, shown, reason))
        tables.append(Table(period, tuple(lines), _total(lines)))
    return tuple(tables)


def member_tables(d: District) -> tuple[Table, ...]:
    """Per period, one line per member in ROLLUP.yaml order, unread members included."""
    per_line: list[PerLine] = []
    for m in d.members:
        if m.counts is None:
            per_line.append((m.name, m.name, None, [m.reason] * len(d.periods)))
            continue
        units = by_unit(d, m.counts).values()
        summed = [[sum(u[k][i] for u in units) for i in (0, 1)] for k in range(len(d.periods))]
        reasons = [gap(m.counts, p, d.as_of) for p in d.periods]
        per_line.append((m.name, m.name, _rows(m.name, m.name, summed), reasons))
    return _tables(d, per_line)


def unit_tables(d: District, member: Member) -> tuple[Table, ...]:
    """Per period, one line per unit of a read member, in its own order."""
    assert member.counts is not None
    counts = member.counts
    reasons = [gap(counts, p, d.as_of) for p in d.periods]
    figures = by_unit(d, counts)
    per_line: list[PerLine] = [
        (u.code, u.name, _rows(u.code, u.name, figures[u.code]), reasons) for u in counts.units
    ]
    return _tables(d, per_line)


def open_figures(counts: Counts) -> tuple[int, ...]:
    """The member's open cases and alerts (``OPEN_KEYS``), all its units together."""
    return tuple(sum(row[i] for row in counts.open.values()) for i in range(len(OPEN_KEYS)))
