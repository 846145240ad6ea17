"""首页: campaign progress, the KPI cards, three charts and the alert lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from generator.core import alerts
from generator.core.periods import Period
from generator.core.summary import Row
from generator.site.context import Site
from generator.site.pages import alertpages
from generator.site.render import Page, page

ALERT_LIMIT = 10  # the dashboard lists the most urgent few; the alert pages list them all


def pct(value: float | None) -> float | None:
    """A rate as a percentage with one decimal, for the charts (the tables use ``percent``)."""
    return None if value is None else round(value * 100, 1)


class _Tallied(Protocol):
    """A period's table: the office's (``PeriodSummary``) or a roll-up's (``rollup.Table``)."""

    @property
    def period(self) -> Period: ...

    @property
    def total(self) -> Row: ...


def trend_of(periods: Sequence[_Tallied]) -> dict[str, Any]:
    """Each period's new screened and resolved cases, and the 累计化解率 line."""
    return {
        "labels": [p.period.label() for p in periods],
        "screened": [p.total.screened for p in periods],
        "resolved": [p.total.resolved for p in periods],
        "cum_rate": [pct(p.total.cum_rate) for p in periods],
    }


def trend_data(site: Site) -> dict[str, Any]:
    return trend_of(site.summary.periods)


def types_data(site: Site) -> dict[str, Any]:
    as_of = site.as_of
    return {
        "labels": [g.title for g in site.types],
        "resolved": [g.figures.resolved for g in site.types],
        "open": [g.figures.open for g in site.types],
        "total": [sum(alerts.counted(c, as_of) for c in g.cases) for g in site.types],
    }


def units_data(site: Site) -> dict[str, Any]:
    """累计化解率 of each unit as a stock: resolved to date over all screened to date, the figure
    its page's card shows (the 汇总表's 化解率 is a period's flow)."""
    return {
        "labels": [g.title for g in site.units],
        "rate": [pct(g.figures.rate) for g in site.units],
        "screened": [g.figures.total for g in site.units],
        "resolved": [g.figures.resolved for g in site.units],
    }


def home_page(site: Site) -> Page:
    # The same lists, order and days column as the alert pages, cut to the first few.
    alert_lists = [
        (a.title, a.key, a.cases(site.alerts), f"alerts/{a.key}.html", a.column(site))
        for a in alertpages.shown(site)
    ]
    return page(
        "index.md",
        "首页",
        "home.md.j2",
        meta={"charts": True, "hide": ["toc"]},
        site=site,
        p=site.progress,
        trend=trend_data(site),
        types=types_data(site),
        units=units_data(site),
        alert_lists=alert_lists,
        limit=ALERT_LIMIT,
    )
