"""What a roll-up gives to scripts and to the level above it: the district 汇总表 as JSON
(``rollup --format json``) and its own ``data/counts.json``, with the members as units, so a
city can roll up districts the way a district rolls up 街道.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from generator.core.counts import FORMAT, day_rows
from generator.core.rollup import District, Table, lower_missing, open_figures
from generator.core.summary import DayCounts
from generator.ledger.countsfile import OPEN_KEYS

_FIGURES = ("screened", "resolved", "rate", "cum_screened", "cum_resolved", "cum_rate")


def _period(table: Table, unread: frozenset[str]) -> dict[str, Any]:
    rows = []
    for line in table.lines:
        if line.code in unread:  # no figures at all: listed once, in "missing"
            continue
        figures = line.row.figures() if line.row else dict.fromkeys(_FIGURES)
        rows.append(
            {"unit": line.code, "name": line.name, **figures}
            | {"reported": line.reported, "reason": line.reason}
        )
    return {
        "id": table.period.id,
        "start": table.period.start.isoformat(),
        "end": table.period.end.isoformat(),
        "rows": rows,
        "total": table.total.figures() | {"unreported": table.unreported},
    }


def summary_json(d: District) -> dict[str, Any]:
    """The summary JSON shape of DESIGN.md, one row per member read, plus ``missing``."""
    unread = frozenset(m.name for m in d.missing())
    return {
        "campaign": d.rollup.name,
        "as_of": d.as_of.isoformat(),
        "rhythm": d.rollup.rhythm,
        "periods": [_period(t, unread) for t in d.tables],
        "missing": [{"name": m.name, "reason": m.reason} for m in d.missing()],
    }


def complete_until(d: District) -> dt.date:
    """The last day every member read has reported, capped by the as-of date (never before
    the roll-up's first day): what the roll-up's own counts.json can vouch for."""
    until = min((m.counts.complete_until() for m in d.read() if m.counts), default=d.as_of)
    return max(min(until, d.as_of), d.start)


def _days(d: District, until: dt.date) -> list[dict[str, Any]]:
    """The members' days, each member one unit, inside the window and up to ``until``."""
    screened: DayCounts = Counter()
    resolved: DayCounts = Counter()
    for m in d.read():
        assert m.counts is not None
        for day, _, s, r in m.counts.days:
            if d.start <= day <= until:
                screened[m.name, day] += s
                resolved[m.name, day] += r
    return day_rows(screened, resolved, [m.name for m in d.read()])


def district_counts(d: District) -> dict[str, Any]:
    """The roll-up's ``data/counts.json``: its members read are its units; its as-of date is
    the last day all of them cover; members it could not read (or that are incomplete
    roll-ups themselves) are listed in ``missing``, so the level above shows it 未报送."""
    until = complete_until(d)
    missing = [{"name": m.name, "reason": m.reason or ""} for m in d.missing()]
    for m in d.read():
        assert m.counts is not None
        lower = lower_missing(m.counts)
        if lower:
            missing.append({"name": m.name, "reason": lower})
    doc: dict[str, Any] = {
        "format": FORMAT,
        "campaign": d.rollup.name,
        "organizer": d.rollup.organizer,
        "start": d.start.isoformat(),
        "end": d.end.isoformat() if d.end else None,
        "as_of": until.isoformat(),
        "units": [{"code": m.name, "name": m.name, "type": "单位"} for m in d.read()],
        "days": _days(d, until),
        "open": [
            {"unit": m.name, **dict(zip(OPEN_KEYS, open_figures(m.counts), strict=True))}
            for m in d.read()
            if m.counts is not None
        ],
    }
    if missing:
        doc["missing"] = missing
    return doc
