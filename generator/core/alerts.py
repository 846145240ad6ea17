"""The dashboard's figures and alert lists, counted at the as-of date. Pure: no files, no clock.

- open: not resolved on or before the as-of date;
- stalled: open, and no work measure for ``campaign.stall_days`` days or more
  (``Case.last_activity()``: the latest measure, or 排查日期 for a case without one);
- overdue (超期): open for longer than ``campaign.overdue_days`` days since 排查日期;
- past deadline (逾期): open after its own 化解时限 (a profile's optional field);
- high risk: at the profile's highest 风险等级 (高 in the 2019 plan, 红 or 重大 elsewhere).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.core.summary import rate
from generator.ledger.model import Campaign, Case, Phase


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


def is_high_open(case: Case, as_of: dt.date, high: str) -> bool:
    """Open at ``high``, the profile's highest risk level (``Profile.high``)."""
    return case.risk == high and not is_resolved(case, as_of)


def is_past_deadline(case: Case, as_of: dt.date) -> bool:
    """Open after its own 化解时限 (逾期); the deadline day itself is still in time."""
    return case.deadline is not None and case.deadline < as_of and not is_resolved(case, as_of)


@dataclass(frozen=True)
class Figures:
    """The KPI cards: counts of cases screened by the as-of date."""

    total: int  # 排查总数
    resolved: int  # 已化解
    high_open: int  # 高风险未化解
    overdue: int  # 超期
    stalled: int  # 停滞
    past_deadline: int  # 逾期 (only where the profile has 化解时限)

    @property
    def open(self) -> int:  # 未化解
        return self.total - self.resolved

    @property
    def rate(self) -> float | None:  # 累计化解率
        return rate(self.resolved, self.total)


def figures(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> Figures:
    total = resolved = high_open = overdue = stalled = late = 0
    high = campaign.profile.high
    for case in cases:
        if not counted(case, as_of):
            continue
        total += 1
        resolved += is_resolved(case, as_of)
        high_open += is_high_open(case, as_of, high)
        overdue += is_overdue(case, as_of, campaign.overdue_days)
        stalled += is_stalled(case, as_of, campaign.stall_days)
        late += is_past_deadline(case, as_of)
    return Figures(total, resolved, high_open, overdue, stalled, late)


@dataclass(frozen=True)
class Alerts:
    """The alert lists, most urgent first."""

    high_open: tuple[Case, ...]  # oldest first
    stalled: tuple[Case, ...]  # longest idle first
    overdue: tuple[Case, ...]  # oldest first
    past_deadline: tuple[Case, ...]  # earliest 化解时限 first


def alerts(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> Alerts:
    shown = [c for c in cases if counted(c, as_of)]
    high = [c for c in shown if is_high_open(c, as_of, campaign.profile.high)]
    stalled = [c for c in shown if is_stalled(c, as_of, campaign.stall_days)]
    overdue = [c for c in shown if is_overdue(c, as_of, campaign.overdue_days)]
    late = [c for c in shown if is_past_deadline(c, as_of)]
    return Alerts(
        high_open=tuple(sorted(high, key=lambda c: (c.screened_on, c.id))),
        stalled=tuple(sorted(stalled, key=lambda c: (-idle_days(c, as_of), c.id))),
        overdue=tuple(sorted(overdue, key=lambda c: (c.screened_on, c.id))),
        past_deadline=tuple(sorted(late, key=lambda c: (c.deadline or as_of, c.id))),
    )


@dataclass(frozen=True)
class Progress:
    """Where the campaign stands at the as-of date."""

    as_of: dt.date
    phase: Phase | None
    days_left: int  # days from the as-of date to the campaign's last day (0: a standing one)
    ended: bool  # today is after the campaign's end
    started: bool  # today is on or after the campaign's start


def days_past_deadline(case: Case, as_of: dt.date) -> int:
    """Days from its 化解时限 to the as-of date (for a case that has one)."""
    return (as_of - case.deadline).days if case.deadline else 0


def progress(campaign: Campaign, today: dt.date) -> Progress:
    as_of = campaign.as_of(today)
    return Progress(
        as_of=as_of,
        phase=campaign.phase_on(as_of),
        days_left=max((campaign.end - as_of).days, 0) if campaign.end else 0,
        ended=campaign.end is not None and today > campaign.end,
        started=today >= campaign.start,
    )
