"""Half-month reporting periods: ``YYYY-MM-1`` is days 1–15, ``YYYY-MM-2`` day 16 to month end."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PERIOD_ID = re.compile(r"([0-9]{4})-([0-9]{2})-([12])")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    id: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        return period_label(self.id)


def period_label(pid: str) -> str:
    """``2019-07-1`` → ``2019年7月上半月``: how the office names a period; other text as it is."""
    match = PERIOD_ID.fullmatch(pid)
    if not match:
        return pid
    half = "上" if match.group(3) == "1" else "下"
    return f"{match.group(1)}年{int(match.group(2))}月{half}半月"


def period_id(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{1 if day.day <= 15 else 2}"


def half_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the half month that holds day (unclipped)."""
    if day.day <= 15:
        return day.replace(day=1), day.replace(day=15)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=16), day.replace(day=last)


def periods(start: dt.date, end: dt.date) -> list[Period]:
    """Every half month from start to end, in order, clipped to the window."""
    out: list[Period] = []
    day = start
    while day <= end:
        first, last = half_bounds(day)
        out.append(Period(max(first, start), min(last, end), period_id(day)))
        day = last + dt.timedelta(days=1)
    return out


def find(all_periods: list[Period], pid: str) -> Period | None:
    return next((p for p in all_periods if p.id == pid), None)


def valid_id(pid: str) -> bool:
    match = PERIOD_ID.fullmatch(pid)
    return bool(match) and 1 <= int(match.group(2)) <= 12  # type: ignore[union-attr]
