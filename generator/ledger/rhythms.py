"""The four reporting rhythms (报送周期), one rule each: its ids, spans and labels.

``generator.core.periods`` builds a window's periods from these rules; validation checks the
names of the files in reports/ against them (the ledger layer cannot reach core).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.ledger.profile import RHYTHMS

WEEK, HALF_MONTH, MONTH, QUARTER = RHYTHMS
QUARTER_NAMES = "一二三四"

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    ident: Callable[[dt.date], str]  # the id of the period holding a day
    bounds: Callable[[dt.date], Span]  # its first and last day, unclipped
    first: Callable[[re.Match[str]], dt.date]  # an id's first day (ValueError if none)
    name: Callable[[re.Match[str], dt.date, dt.date], str]  # the label of an id and its span

    def span(self, pid: str) -> Span | None:
        """The full span of the period pid names; None when pid is no id of this rule."""
        match = self.pattern.fullmatch(pid)
        if match is None:
            return None
        try:
            return self.bounds(self.first(match))
        except (ValueError, OverflowError):  # month 13, week 53 of a 52-week year, year 0
            return None


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _half_bounds(day: dt.date) -> Span:
    if day.day <= 15:
        return day.replace(day=1), day.replace(day=15)
    return day.replace(day=16), _month_end(day)


def _week_bounds(day: dt.date) -> Span:
    monday = day - dt.timedelta(days=min(day.weekday(), (day - dt.date.min).days))
    return monday, day + dt.timedelta(days=min(6 - day.weekday(), (dt.date.max - day).days))


def _quarter_bounds(day: dt.date) -> Span:
    first = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return first, _month_end(first.replace(month=first.month + 2))


def _week_id(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _days(start: dt.date, end: dt.date, years: bool) -> str:
    """``7月1日—7月7日`` (one day alone where the window cuts a week to a day); with the years
    when a week's days are not all in its week-year."""
    first = f"{start.year}年" * years + f"{start.month}月{start.day}日"
    if end == start:
        return first
    return first + "—" + f"{end.year}年" * years + f"{end.month}月{end.day}日"


def _week_name(m: re.Match[str], start: dt.date, end: dt.date) -> str:
    year = int(m.group(1))
    days = _days(start, end, years=not start.year == end.year == year)
    return f"{year}年第{int(m.group(2))}周（{days}）"


RULES = {
    WEEK: Rule(
        re.compile(r"([0-9]{4})-W([0-9]{2})"),
        _week_id,
        _week_bounds,
        lambda m: dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1),
        _week_name,
    ),
    HALF_MONTH: Rule(
        re.compile(r"([0-9]{4})-([0-9]{2})-([12])"),
        lambda d: f"{d.year:04d}-{d.month:02d}-{1 if d.day <= 15 else 2}",
        _half_bounds,
        lambda m: dt.date(int(m.group(1)), int(m.group(2)), 1 if m.group(3) == "1" else 16),
        lambda m, *_: f"{m.group(1)}年{int(m.group(2))}月{'上下'[int(m.group(3)) - 1]}半月",
    ),
    MONTH: Rule(
        re.compile(r"([0-9]{4})-([0-9]{2})"),
        lambda d: f"{d.year:04d}-{d.month:02d}",
        lambda d: (d.replace(day=1), _month_end(d)),
        lambda m: dt.date(int(m.group(1)), int(m.group(2)), 1),
        lambda m, *_: f"{m.group(1)}年{int(m.group(2))}月",
    ),
    QUARTER: Rule(
        re.compile(r"([0-9]{4})-Q([1-4])"),
        lambda d: f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",
        _quarter_bounds,
        lambda m: dt.date(int(m.group(1)), int(m.group(2)) * 3 - 2, 1),
        lambda m, *_: f"{m.group(1)}年第{QUARTER_NAMES[int(m.group(2)) - 1]}季度",
    ),
}


def id_span(pid: str) -> Span | None:
    """The full span of the period pid names, whatever its rhythm; None for other text."""
    return next((s for r in RULES.values() if (s := r.span(pid)) is not None), None)


def label(pid: str, start: dt.date, end: dt.date) -> str:
    """The label of the period pid whose (clipped) span is start to end; other text as it is."""
    for rule in RULES.values():
        match = rule.pattern.fullmatch(pid)
        if match is not None:
            return rule.name(match, start, end)
    return pid
