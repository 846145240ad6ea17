"""A page per member: its list of periods, its units' open cases and, per period, its units.
A long history (a standing ledger rolled up weekly) continues on further pages, so that no
page passes the site's size limit."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from generator.core.rollup import Member, unit_tables
from generator.site.pages.alertpages import PAGE_BUDGET
from generator.site.pages.documents import chunks
from generator.site.render import Page, page, render
from generator.site.rollup.context import OPEN_TITLES, OpenLine, RollupSite, html, more_path

PERIOD_LINE_BYTES = 200  # a row of a member's list of periods (about 130), generously


def _unit_open(member: Member) -> list[OpenLine]:
    counts = member.counts
    assert counts is not None
    zero = (0,) * len(OPEN_TITLES)
    figures = [counts.open.get(u.code, zero) for u in counts.units]
    return [
        OpenLine(u.name, "", counts.as_of, f, None)
        for u, f in zip(counts.units, figures, strict=True)
    ]


def _unit_periods(site: RollupSite, member: Member) -> list[list[Markup]]:
    """The member's per-period tables by unit, newest first, in its campaign's window, split
    into pages by size; the first page also holds the list of periods, so it takes fewer."""
    counts = member.counts
    assert counts is not None
    last = counts.end or dt.date.max
    tables = [  # only the periods of its own campaign: the others are all zeros
        Markup(render("rollup_unit_period.html.j2", table=t).strip())
        for t in reversed(unit_tables(site.d, member))
        if t.period.end >= counts.start and t.period.start <= last
    ]
    first_budget = PAGE_BUDGET - PERIOD_LINE_BYTES * len(site.tables)
    first: list[Markup] = []
    size = 0
    for table in tables:
        size += len(table.encode("utf-8"))
        if size > first_budget:
            break
        first.append(table)
    rest = tables[len(first) :]
    return [first, *chunks(rest, PAGE_BUDGET)] if rest else [first]


def _member(site: RollupSite, n: int) -> list[Page]:
    m = site.d.members[n]
    groups = _unit_periods(site, m) if m.counts is not None else [[]]
    pager = [(k, html(more_path(n, k))) for k in range(1, len(groups) + 1)]
    return [
        page(
            more_path(n, number),
            m.name if number == 1 else f"{m.name}（第 {number} 页）",
            "rollup_member.md.j2",
            site=site,
            member=m,
            number=number,
            pager=pager if len(groups) > 1 else [],
            lines=site.period_lines(n),
            unit_tables=part,
            open_lines=_unit_open(m) if m.counts is not None else [],
            open_titles=OPEN_TITLES,
        )
        for number, part in enumerate(groups, start=1)
    ]


def member_pages(site: RollupSite) -> list[Page]:
    """Every member's page and the continuations of the long ones."""
    return [p for n in range(len(site.d.members)) for p in _member(site, n)]
