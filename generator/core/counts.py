"""``data/counts.json``: the figures a district roll-up reads from an office site (DESIGN.md
"Beyond one office"). Pure: models in, a plain dict out; the as-of date is a parameter.

Day × unit counts rather than the 汇总表 itself, so a roll-up of any rhythm can add days up into
its own periods (and their 累计 figures); the open alerts as of the as-of date. Only numbers,
dates and the names of the campaign and its units: never a case, an 编号, a name or a text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from generator.core import alerts
from generator.core.summary import DayCounts, day_counts
from generator.ledger.model import Campaign, Case

FORMAT = "taizhang-counts/1"


def _days(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> list[dict[str, Any]]:
    """Days with a non-zero count, by date, then unit in campaign order; only the days the
    汇总表's periods hold (开始日期 to the as-of date), so the periods re-add exactly."""
    screened, resolved = day_counts(cases, campaign.start, as_of)
    return day_rows(screened, resolved, campaign.unit_codes())


def day_rows(
    screened: DayCounts, resolved: DayCounts, units: Sequence[str]
) -> list[dict[str, Any]]:
    """The ``days`` of counts.json: (unit, day) → cases made rows, by date, then unit in the
    order given; a day with nothing is left out."""
    order = {code: n for n, code in enumerate(units)}
    keys = sorted(screened.keys() | resolved.keys(), key=lambda k: (k[1], order[k[0]]))
    return [
        {"date": day.isoformat(), "unit": unit, "screened": screened[unit, day]}
        | {"resolved": resolved[unit, day]}
        for unit, day in keys
        if screened[unit, day] or resolved[unit, day]
    ]


def _open(campaign: Campaign, cases: Iterable[Case], as_of: dt.date) -> list[dict[str, Any]]:
    """Every unit in campaign order, zeros included: the dashboard's alert counts per unit."""
    by_unit: dict[str, list[Case]] = {code: [] for code in campaign.unit_codes()}
    for case in cases:
        by_unit[case.unit].append(case)
    out = []
    for code, mine in by_unit.items():
        f = alerts.figures(campaign, mine, as_of)
        out.append(
            {"unit": code, "open": f.open, "high_risk": f.high_open, "overdue": f.overdue}
            | {"late": f.past_deadline, "stalled": f.stalled}
        )
    return out


def counts(campaign: Campaign, cases: Iterable[Case], today: dt.date) -> dict[str, Any]:
    """The document of ``schema/counts.schema.json`` for the campaign as of ``today``."""
    as_of = campaign.as_of(today)
    cases = tuple(cases)
    return {
        "format": FORMAT,
        "campaign": campaign.name,
        "organizer": campaign.organizer,
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat() if campaign.end else None,
        "as_of": as_of.isoformat(),
        "units": [{"code": u.code, "name": u.name, "type": u.kind} for u in campaign.units],
        "days": _days(campaign, cases, as_of),
        "open": _open(campaign, cases, as_of),
    }
