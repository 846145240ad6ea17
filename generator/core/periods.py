"""Reporting periods (报送周期): weeks, half months, months or quarters, clipped to the window.

| rhythm | id | span |
|---|---|---|
| 周 | ``GGGG-Www`` (ISO 8601 week-year and week) | Monday to Sunday |
| 半月 | ``YYYY-MM-1``, ``YYYY-MM-2`` | days 1–15, day 16 to month end |
| 月 | ``YYYY-MM`` | the calendar month |
| 季 | ``YYYY-Qn`` | the calendar quarter |

The ids of the four rhythms never look alike, so an id alone says its rhythm (``rhythm_of``)
and its label (``period_label``), which is what a file in reports/ has to go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.ledger import rhythms
from generator.ledger.rhythms import HALF_MONTH, MONTH, QUARTER, RHYTHMS, WEEK

__all__ = [
    "HALF_MONTH",
    "MONTH",
    "QUARTER",
    "RHYTHMS",
    "WEEK",
    "DayIndex",
    "Period",
    "find",
    "half_bounds",
    "period_id",
    "period_label",
    "periods",
    "rhythm_of",
    "valid_id",
]


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    id: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        """How the office names the period; a week shows its days as clipped to the window."""
        return rhythms.label(self.id, self.start, self.end)

    def with_days(self, days: str) -> str:
        """The label followed by ``（days）``, once: a week's label already shows its days."""
        name = self.label()
        return name if name.endswith("）") else f"{name}（{days}）"


def period_label(pid: str) -> str:
    """``2019-07-1`` → ``2019年7月上半月`` from the id alone (a week: its full ISO week);
    text that is no period id stays as it is."""
    span = rhythms.id_span(pid)
    return pid if span is None else rhythms.label(pid, *span)


def period_id(day: dt.date, rhythm: str = HALF_MONTH) -> str:
    """The id of the period of the rhythm that holds day."""
    return rhythms.RULES[rhythm].ident(day)


def half_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the half month that holds day (unclipped)."""
    return rhythms.RULES[HALF_MONTH].bounds(day)


def periods(start: dt.date, end: dt.date, rhythm: str = HALF_MONTH) -> list[Period]:
    """Every period of the rhythm from start to end, in order, clipped to the window."""
    rule = rhythms.RULES[rhythm]
    out: list[Period] = []
    day = start
    while day <= end:
        first, last = rule.bounds(day)
        out.append(Period(max(first, start), min(last, end), rule.ident(day)))
        if last >= end:
            break
        day = last + dt.timedelta(days=1)
    return out


def find(all_periods: Sequence[Period], pid: str) -> Period | None:
    return next((p for p in all_periods if p.id == pid), None)


def rhythm_of(pid: str) -> str | None:
    """The rhythm whose ids pid is a valid one of, or None (not a period id at all)."""
    return next((r for r in RHYTHMS if valid_id(pid, r)), None)


def valid_id(pid: str, rhythm: str = HALF_MONTH) -> bool:
    """pid is a period id of the rhythm, naming a real period (no month 13, no week 53 of a
    52-week year)."""
    return rhythms.RULES[rhythm].span(pid) is not None


class DayIndex:
    """Which of a window's periods holds a day, in constant time: a table with one slot per day
    of the window (a summary looks up two days of every case)."""

    def __init__(self, window: Sequence[Period]) -> None:
        self.first = window[0].start.toordinal() if window else 0
        self.slots: list[int] = []
        for n, p in enumerate(window):
            self.slots += [n] * ((p.end - p.start).days + 1)

    def __call__(self, day: dt.date) -> int | None:
        """The position in the window of the period holding day; None outside the window."""
        k = day.toordinal() - self.first
        return self.slots[k] if 0 <= k < len(self.slots) else None
