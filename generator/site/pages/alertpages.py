"""The alert pages (高风险未化解, 停滞, 超期, and 逾期 where the profile has 化解时限): every
case of the list, most urgent first, with the days column the 首页's lists show.

A long list is split into pages (DESIGN: no HTML page over 200 KB), as 典型案例 is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from markupsafe import Markup

from generator.core import alerts
from generator.ledger.model import Case
from generator.site.context import Site
from generator.site.pages.documents import chunks
from generator.site.render import Page, page, relative, render

PAGE_BUDGET = 120_000  # bytes of table rows per page; the theme adds ~30 KB around them

Column = tuple[str, Callable[[Case], int]]  # the days column: heading, days of a case


@dataclass(frozen=True)
class Alert:
    """One list of cases that need attention: its page, what it holds and its days column."""

    key: str
    title: str
    intro: str  # {high}, {stall}, {overdue}: the profile's top 风险等级, 停滞天数 and 超期天数
    days: str  # the days column's heading
    count: Callable[[Case, dt.date], int]  # a case's days at the as-of date
    cases: Callable[[alerts.Alerts], tuple[Case, ...]]  # the list, most days first, then 编号

    def column(self, site: Site) -> Column:
        return (self.days, lambda case: self.count(case, site.as_of))


AGE = ("已排查天数", alerts.age_days)
ALERTS = (
    Alert("high", "高风险未化解", "风险等级为“{high}”且在统计截至日尚未化解的案件。",
          *AGE, attrgetter("high_open")),
    Alert("stalled", "停滞", "未化解，且连续 {stall} 天以上没有工作措施的案件。",
          "未见措施天数", alerts.idle_days, attrgetter("stalled")),
    Alert("overdue", "超期", "未化解，且自排查日期起超过 {overdue} 天的案件。",
          *AGE, attrgetter("overdue")),
)  # fmt: skip
# Only where the profile has 化解时限 (see ``deadline_pages``).
PAST_DEADLINE = Alert(
    "deadline", "逾期", "未化解，且统计截至日已过本案化解时限的案件。",
    "逾期天数", alerts.days_past_deadline, attrgetter("past_deadline"),
)  # fmt: skip


def shown(site: Site) -> tuple[Alert, ...]:
    """The site's alert lists: 逾期 beside 超期 where the profile has 化解时限."""
    return (*ALERTS, PAST_DEADLINE) if site.deadlines else ALERTS


def path(alert: Alert, number: int) -> str:
    return f"alerts/{alert.key}.md" if number == 1 else f"alerts/{alert.key}-{number}.md"


def alert_pages(site: Site, alert: Alert) -> list[Page]:
    """The alert's list on one page, or on several when it is long."""
    campaign, cases, column = site.campaign, alert.cases(site.alerts), alert.column(site)
    text = alert.intro.format(
        high=campaign.profile.high, stall=campaign.stall_days, overdue=campaign.overdue_days
    )
    here = f"alerts/{alert.key}.html"  # every page of the list sits beside the first
    rows = [
        Markup(render("case_row.html.j2", rel=lambda t: relative(t, here), c=c, site=site,
                      extra=column).strip())
        for c in cases
    ]  # fmt: skip
    groups = chunks(rows, PAGE_BUDGET)
    pager = [(n, path(alert, n)[:-3] + ".html") for n in range(1, len(groups) + 1)]
    return [
        page(
            path(alert, number),
            alert.title if number == 1 else f"{alert.title}（第 {number} 页）",
            "alert.md.j2",
            meta={"hide": ["toc"]},
            site=site,
            heading=alert.title,
            intro=f"{text}统计截至 {site.as_of.isoformat()}。",
            days=alert.days,
            total=len(cases),
            rows=part,
            pager=pager if len(groups) > 1 else [],
            number=number,
        )
        for number, part in enumerate(groups, start=1)
    ]


def deadline_pages(site: Site) -> list[Page]:
    """The 逾期 page, beside 超期: none where the profile has no 化解时限."""
    return alert_pages(site, PAST_DEADLINE) if site.deadlines else []
