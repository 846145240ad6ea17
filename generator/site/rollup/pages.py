"""The district roll-up site's pages: 首页, 汇总表, 各成员 and a page per member, 使用说明.

Everything shown comes from the members' counts.json files (numbers, dates, the names of
campaigns, organizers and units) and ROLLUP.yaml; there is no case, name or text to show. A
member's 来源 address is not printed: the intranet addresses are the district's business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.core.rollup import District, Member, Table, member_tables, open_figures, unit_tables
from generator.core.summary import rate
from generator.site.entries import Entry
from generator.site.pages.home import pct, trend_of
from generator.site.render import Page, page

OPEN_TITLES = ("未化解", "高风险未化解", "超期", "逾期", "停滞")


def summary_xlsx_path(period_id: str) -> str:
    return f"downloads/rollup-summary-{period_id}.xlsx"


def member_path(n: int) -> str:
    """A member's page by its place in ROLLUP.yaml (names may be any text)."""
    return f"members/m{n + 1}.md"


@dataclass(frozen=True)
class OpenLine:
    """A member's (or unit's) open cases and alerts, as of its own as-of date; None: 未报送."""

    name: str
    url: str
    as_of: dt.date | None
    figures: tuple[int, ...] | None
    reason: str | None


@dataclass(frozen=True)
class RollupSite:
    d: District

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        return member_tables(self.d)

    @property
    def name(self) -> str:
        return self.d.rollup.name

    def latest(self) -> Table:
        """The period holding the as-of date (the last one once the roll-up has ended)."""
        current = [t for t in self.tables if t.period.start <= self.d.as_of]
        return current[-1] if current else self.tables[0]

    def open_lines(self) -> list[OpenLine]:
        out = []
        for n, m in enumerate(self.d.members):
            url = member_path(n).replace(".md", ".html")
            if m.counts is None:
                out.append(OpenLine(m.name, url, None, None, m.reason))
            else:
                out.append(OpenLine(m.name, url, m.counts.as_of, open_figures(m.counts), None))
        return out

    def open_total(self) -> tuple[int, ...]:
        lines = [line.figures for line in self.open_lines() if line.figures is not None]
        return tuple(sum(f[i] for f in lines) for i in range(len(OPEN_TITLES)))


def members_data(table: Table) -> dict[str, Any]:
    """Each member's 累计化解率 in the latest period; an 未报送 member has no bar."""
    rows = [line.row for line in table.lines]
    return {
        "labels": [line.name for line in table.lines],
        "rate": [pct(r.cum_rate) if r else None for r in rows],
        "screened": [r.cum_screened if r else 0 for r in rows],
        "resolved": [r.cum_resolved if r else 0 for r in rows],
        "notes": ["未报送" if r is None else "无案件" for r in rows],
    }


def home_page(site: RollupSite) -> list[Page]:
    latest = site.latest()
    return [
        page(
            "index.md",
            "首页",
            "rollup_home.md.j2",
            meta={"charts": True, "hide": ["toc"]},
            site=site,
            latest=latest,
            trend=trend_of(site.tables),
            units=members_data(latest),
            open_titles=OPEN_TITLES,
            rate=rate,
        )
    ]


def summary_page(site: RollupSite) -> list[Page]:
    return [
        page(
            "summary.md",
            "汇总表",
            "rollup_summary.md.j2",
            site=site,
            tables=site.tables,
            xlsx=summary_xlsx_path,
        )
    ]


def members_page(site: RollupSite) -> list[Page]:
    links = [member_path(n).replace(".md", ".html") for n in range(len(site.d.members))]
    return [
        page(
            "members/index.md",
            "各成员",
            "rollup_members.md.j2",
            site=site,
            members=list(zip(site.d.members, links, strict=True)),
        )
    ]


def _unit_open(member: Member) -> list[OpenLine]:
    counts = member.counts
    assert counts is not None
    return [
        OpenLine(u.name, "", counts.as_of, counts.open.get(u.code, (0,) * 5), None)
        for u in counts.units
    ]


def member_pages(site: RollupSite) -> list[Page]:
    out = []
    for n, m in enumerate(site.d.members):
        read = m.counts is not None
        out.append(
            page(
                member_path(n),
                m.name,
                "rollup_member.md.j2",
                site=site,
                member=m,
                tables=unit_tables(site.d, m) if read else (),
                open_lines=_unit_open(m) if read else [],
                open_titles=OPEN_TITLES,
            )
        )
    return out


def help_page(site: RollupSite) -> list[Page]:
    return [page("help.md", "使用说明", "rollup_help.md.j2", site=site)]


PAGES: tuple[Entry[RollupSite], ...] = (
    Entry("index.md", "首页", home_page),
    Entry("summary.md", "汇总表", summary_page),
    Entry("members/index.md", "各成员", members_page, section="成员"),
    Entry("members/", "", member_pages, section="成员", top=False),
    Entry("help.md", "使用说明", help_page),
)
