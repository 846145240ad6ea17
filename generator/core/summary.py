"""The 汇总表: per unit and period, newly screened and newly resolved cases, and running sums.

Pure functions: models in, tables out; the as-of date is a parameter. The counting rules are
DESIGN.md "Summary semantics": 化解数 counts cases by 化解日期, whenever they were screened (the
"flow" reading of the form's note), so a period's 化解率 can exceed 100%.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.core.periods import Period, period_id, periods
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

    def period(self, pid: str) -> PeriodSummary | None:
        return next((p for p in self.periods if p.period.id == pid), None)

    def latest(self) -> PeriodSummary:
        """The period holding the as-of date (the last one once the campaign has ended)."""
        current = [p for p in self.periods if p.period.start <= self.as_of]
        return current[-1] if current else self.periods[0]


def summarize(campaign: Campaign, cases: Iterable[Case], today: dt.date) -> Summary:
    """The 汇总表 of every period of the campaign, counted as of min(today, campaign end)."""
    as_of = campaign.as_of(today)
    screened: Counter[tuple[str, str]] = Counter()
    resolved: Counter[tuple[str, str]] = Counter()
    for case in cases:
        if case.screened_on <= as_of:
            screened[case.unit, period_id(case.screened_on)] += 1
        if case.resolved_on is not None and case.resolved_on <= as_of:
            resolved[case.unit, period_id(case.resolved_on)] += 1
    cum_s = dict.fromkeys(campaign.unit_codes(), 0)
    cum_r = dict.fromkeys(campaign.unit_codes(), 0)
    out = []
    for period in periods(campaign.start, campaign.end or as_of):
        rows = []
        for unit in campaign.units:
            s = screened[unit.code, period.id]
            r = resolved[unit.code, period.id]
            cum_s[unit.code] += s
            cum_r[unit.code] += r
            rows.append(Row(unit.code, unit.name, s, r, cum_s[unit.code], cum_r[unit.code]))
        total = Row(
            "",
            TOTAL,
            sum(r.screened for r in rows),
            sum(r.resolved for r in rows),
            sum(r.cum_screened for r in rows),
            sum(r.cum_resolved for r in rows),
        )
        out.append(PeriodSummary(period, tuple(rows), total))
    return Summary(campaign.name, as_of, tuple(out))


def require_period(summary: Summary, pid: str) -> PeriodSummary:
    """The period with id pid; NotFound, naming every valid id, otherwise."""
    found = summary.period(pid)
    if found is None:
        ids = "、".join(p.period.id for p in summary.periods)
        raise NotFound(
            f"没有时段“{pid}”；本次活动的时段有：{ids}"
            "（格式 YYYY-MM-1 为上半月，YYYY-MM-2 为下半月）"
        )
    return found


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
