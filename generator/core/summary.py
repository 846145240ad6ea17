"""The 汇总表: per unit and period, newly screened and newly resolved cases, and running sums.

Pure functions: models in, tables out; the as-of date is a parameter. The counting rules are
DESIGN.md "Summary semantics": 化解数 counts cases by 化解日期, whenever they were screened (the
"flow" reading of the form's note), so a period's 化解率 can exceed 100%.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.core.periods import (
    HALF_MONTH,
    MONTH,
    QUARTER,
    WEEK,
    DayIndex,
    Period,
    periods,
    rhythm_of,
)
from generator.errors import NotFound
from generator.ledger.model import Campaign, Case

TOTAL = "合计"


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """``33.3%``, or ``—`` where a rate is undefined."""
    return "—" if value is None else f"{value * 100:.1f}%"


@dataclass(frozen=True)
class Row:
    unit: str  # unit code, or "" for the total row
    name: str
    screened: int
    resolved: int
    cum_screened: int
    cum_resolved: int

    @property
    def rate(self) -> float | None:
        return rate(self.resolved, self.screened)

    @property
    def cum_rate(self) -> float | None:
        return rate(self.cum_resolved, self.cum_screened)

    def figures(self) -> dict[str, Any]:
        return {
            "screened": self.screened,
            "resolved": self.resolved,
            "rate": self.rate,
            "cum_screened": self.cum_screened,
            "cum_resolved": self.cum_resolved,
            "cum_rate": self.cum_rate,
        }


@dataclass(frozen=True)
class PeriodSummary:
    period: Period
    rows: tuple[Row, ...]
    total: Row

    def row(self, unit: str) -> Row | None:
        return next((r for r in self.rows if r.unit == unit), None)


@dataclass(frozen=True)
class Summary:
    campaign: str
    as_of: dt.date
    periods: tuple[PeriodSummary, ...]
    rhythm: str = HALF_MONTH

    def period(self, pid: str) -> PeriodSummary | None:
        return next((p for p in self.periods if p.period.id == pid), None)

    def latest(self) -> PeriodSummary:
        """The period holding the as-of date (the last one once the campaign has ended)."""
        current = [p for p in self.periods if p.period.start <= self.as_of]
        return current[-1] if current else self.periods[0]


def total_row(rows: Iterable[Row]) -> Row:
    """The 合计 row: the rows' sums, its rates computed from them (never averaged)."""
    rows = tuple(rows)
    return Row(
        "",
        TOTAL,
        sum(r.screened for r in rows),
        sum(r.resolved for r in rows),
        sum(r.cum_screened for r in rows),
        sum(r.cum_resolved for r in rows),
    )


def window_end(campaign: Campaign, as_of: dt.date) -> dt.date:
    """The last day of the periods: the campaign's end; for a standing ledger, the as-of date."""
    if campaign.end is not None:
        return campaign.end
    return max(as_of, campaign.start)


DayCounts = Counter[tuple[str, dt.date]]  # (unit, day) → cases


def day_counts(
    cases: Iterable[Case], start: dt.date, as_of: dt.date
) -> tuple[DayCounts, DayCounts]:
    """Cases screened and resolved per unit and day from ``start`` to ``as_of``: what every
    period of the 汇总表 adds up, and what ``data/counts.json`` publishes for a roll-up."""
    screened: DayCounts = Counter()
    resolved: DayCounts = Counter()
    for case in cases:
        if start <= case.screened_on <= as_of:
            screened[case.unit, case.screened_on] += 1
        if case.resolved_on is not None and start <= case.resolved_on <= as_of:
            resolved[case.unit, case.resolved_on] += 1
    return screened, resolved


def summarize(
    campaign: Campaign, cases: Iterable[Case], today: dt.date, rhythm: str | None = None
) -> Summary:
    """The 汇总表 of every period of the campaign, counted as of min(today, campaign end), in
    the periods of the campaign's rhythm (of ``rhythm`` when given: the diff counts a base
    in the head's periods)."""
    as_of = campaign.as_of(today)
    rhythm = rhythm or campaign.profile.rhythm
    window = periods(campaign.start, window_end(campaign, as_of), rhythm)
    slot = DayIndex(window)
    screened: Counter[tuple[str, int | None]] = Counter()
    resolved: Counter[tuple[str, int | None]] = Counter()
    by_day = day_counts(cases, campaign.start, as_of)
    for into, days in zip((screened, resolved), by_day, strict=True):
        for (code, day), n in days.items():
            into[code, slot(day)] += n
    cum_s = dict.fromkeys(campaign.unit_codes(), 0)
    cum_r = dict.fromkeys(campaign.unit_codes(), 0)
    out = []
    for n, period in enumerate(window):
        rows = []
        for unit in campaign.units:
            s = screened[unit.code, n]
            r = resolved[unit.code, n]
            cum_s[unit.code] += s
            cum_r[unit.code] += r
            rows.append(Row(unit.code, unit.name, s, r, cum_s[unit.code], cum_r[unit.code]))
        out.append(PeriodSummary(period, tuple(rows), total_row(rows)))
    return Summary(campaign.name, as_of, tuple(out), rhythm)


# How an id of each rhythm is written, said after the ids of a campaign.
ID_FORMATS = {
    WEEK: "格式 YYYY-Www 为按 ISO 8601 编号的年和周，也可给出时段内的一天，如 {day}",
    HALF_MONTH: "格式 YYYY-MM-1 为上半月，YYYY-MM-2 为下半月",
    MONTH: "格式 YYYY-MM 为一个月，也可给出时段内的一天，如 {day}",
    QUARTER: "格式 YYYY-Qn 为第 n 季度，也可给出时段内的一天，如 {day}",
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _example(summary: Summary) -> str:
    """An id and a day of the campaign's own periods, for a message."""
    first = summary.periods[0].period
    return (
        f"本次活动按{summary.rhythm}报送，时段编号如 {first.id}，"
        f"也可给出时段内的一天，如 {first.start}"
    )


def _by_date(summary: Summary, text: str) -> PeriodSummary:
    """The period holding the day text names; a usage error for a day outside the window."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise NotFound(f"“{text}”不是有效的日期；{_example(summary)}") from None
    found = next((p for p in summary.periods if p.period.contains(day)), None)
    if found is None:
        first, last = summary.periods[0].period.start, summary.periods[-1].period.end
        raise NotFound(f"日期 {day} 不在统计范围（{first} 至 {last}）内；{_example(summary)}")
    return found


def require_period(summary: Summary, text: str) -> PeriodSummary:
    """The period ``--period`` names, by its id or by a day inside it; NotFound otherwise,
    naming every valid id."""
    if _DATE.fullmatch(text):
        return _by_date(summary, text)
    found = summary.period(text)
    if found is not None:
        return found
    other = rhythm_of(text)
    if other is not None and other != summary.rhythm:
        raise NotFound(f"“{text}”是按{other}报送的时段编号；{_example(summary)}")
    ids = "、".join(p.period.id for p in summary.periods)
    day = summary.periods[0].period.start
    raise NotFound(
        f"没有时段“{text}”；本次活动的时段有：{ids}（{ID_FORMATS[summary.rhythm].format(day=day)}）"
    )


def to_json(summary: Summary, only: str | None = None) -> dict[str, Any]:
    """The JSON shape of DESIGN.md, rates at full precision."""
    return {
        "campaign": summary.campaign,
        "as_of": summary.as_of.isoformat(),
        "periods": [
            {
                "id": p.period.id,
                "start": p.period.start.isoformat(),
                "end": p.period.end.isoformat(),
                "rows": [{"unit": r.unit, "name": r.name, **r.figures()} for r in p.rows],
                "total": p.total.figures(),
            }
            for p in summary.periods
            if only is None or p.period.id == only
        ],
    }
