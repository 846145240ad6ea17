"""The dashboard's figures and alert lists, counted at the as-of date. Pure: no files, no clock.

- open: not resolved on or before the as-of date;
- stalled: open, and no work measure for ``campaign.stall_days`` days or more
  (``Case.last_activity()``: the latest measure, or 排查日期 for a case without one);
- overdue: open for longer than ``campaign.overdue_days`` days since 排查日期.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.core.summary import rate
from generator.ledger.model import Campaign, Case, Phase

HIGH = "高"


def counted(case: Case, as_of: dt.date) -> bool:
    """Screened on or before the as-of date."""
    return case.screened_on <= as_of


def is_resolved(case: Case, as_of: dt.date) -> bool:
    return case.resolved_on is not None and case.resolved_on <= as_of


def idle_days(case: Case, as_of: dt.date) -> int:
    """Days since the last work measure (or since 排查日期), at the as-of date."""
    return (as_of - case.last_activity()).days


def age_days(case: Case, as_of: dt.date) -> int:
    return (as_of - case.screened_on).days


def is_stalled(case: Case, as_of: dt.date, stall_days: int) -> bool:
    return not is_resolved(case, as_of) and idle_days(case, as_of) >= stall_days


def is_overdue(case: Case, as_of: dt.date, overdue_days: int) -> bool:
    return not is_resolved(case, as_of) and age_days(case, as_of) > overdue_days


def is_high_open(case: Case, as_of: dt.date) -> bool:
    return case.risk == HIGH and not is_resolved(case, as_of)


@dataclass(frozen=True)
class Figures:
    """The KPI cards: counts of cases screened by the as-of date."""

    total: int  # 排查总数
    resolved: int  # 已化解
    high_open: int  # 高风险未化解
    overdue: int  # 超期
    stalled: int  # 停滞

    @property
    def open(self) -> int:  # 未化解
        return self.total - self.resolved

    @property
    def rate(self) -> float | None:  # 累计化解率
        return rate(self.resolved, self.total)


def figures(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> Figures:
    total = resolved = high_open = overdue = stalled = 0
    for case in cases:
        if not counted(case, as_of):
            continue
        total += 1
        resolved += is_resolved(case, as_of)
        high_open += is_high_open(case, as_of)
        overdue += is_overdue(case, as_of, campaign.overdue_days)
        stalled += is_stalled(case, as_of, campaign.stall_days)
    return Figures(total, resolved, high_open, overdue, stalled)


@dataclass(frozen=True)
class Alerts:
    """The alert lists, most urgent first."""

    high_open: tuple[Case, ...]  # oldest first
    stalled: tuple[Case, ...]  # longest idle first
    overdue: tuple[Case, ...]  # oldest first


def alerts(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> Alerts:
    shown = [c for c in cases if counted(c, as_of)]
    high = [c for c in shown if is_high_open(c, as_of)]
    stalled = [c for c in shown if is_stalled(c, as_of, campaign.stall_days)]
    overdue = [c for c in shown if is_overdue(c, as_of, campaign.overdue_days)]
    return Alerts(
        high_open=tuple(sorted(high, key=lambda c: (c.screened_on, c.id))),
        stalled=tuple(sorted(stalled, key=lambda c: (-idle_days(c, as_of), c.id))),
        overdue=tuple(sorted(overdue, key=lambda c: (c.screened_on, c.id))),
    )


@dataclass(frozen=True)
class Progress:
    """Where the campaign stands at the as-of date."""

    as_of: dt.date
    phase: Phase | None
    days_left: int  # days from the as-of date to the campaign's last day (0: a standing one)
    ended: bool  # today is after the campaign's end
    started: bool  # today is on or after the campaign's start


def progress(campaign: Campaign, today: dt.date) -> Progress:
    as_of = campaign.as_of(today)
    return Progress(
        as_of=as_of,
        phase=campaign.phase_on(as_of),
        days_left=max((campaign.end - as_of).days, 0) if campaign.end else 0,
        ended=campaign.end is not None and today > campaign.end,
        started=today >= campaign.start,
    )
