"""The district roll-up site's page list: 首页, 汇总表 and a page per period, 各成员 and a page
per member, 使用说明.

Everything shown comes from the members' counts.json files (numbers, dates, the names of
campaigns, organizers and units) and ROLLUP.yaml; there is no case, name or text to show. A
member's 来源 address is not printed: the intranet addresses are the district's business.
"""

from __future__ import annotations

from typing import Any

from generator.core.rollup import Table
from generator.core.summary import rate
from generator.site.entries import Entry
from generator.site.pages.home import pct, trend_of
from generator.site.render import Page, page
from generator.site.rollup.context import (
    OPEN_TITLES,
    RollupSite,
    html,
    member_path,
    period_path,
    summary_xlsx_path,
)
from generator.site.rollup.members import member_pages


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
            meta={"hide": ["toc"]},
            site=site,
            lines=site.period_lines(),
            xlsx=summary_xlsx_path,
        )
    ]


def period_pages(site: RollupSite) -> list[Page]:
    """A page per period: its members' table, 合计 and the Excel download."""
    return [
        page(
            period_path(t.period.id),
            t.period.label(),
            "rollup_period.md.j2",
            site=site,
            table=t,
            xlsx=summary_xlsx_path,
        )
        for t in site.tables
    ]


def members_page(site: RollupSite) -> list[Page]:
    links = [html(member_path(n)) for n in range(len(site.d.members))]
    return [
        page(
            "members/index.md",
            "各成员",
            "rollup_members.md.j2",
            site=site,
            members=list(zip(site.d.members, links, strict=True)),
        )
    ]


def help_page(site: RollupSite) -> list[Page]:
    return [page("help.md", "使用说明", "rollup_help.md.j2", site=site)]


PAGES: tuple[Entry[RollupSite], ...] = (
    Entry("index.md", "首页", home_page),
    Entry("summary.md", "汇总表", summary_page),
    Entry("members/index.md", "各成员", members_page),
    # Pages of periods and of members are listed on 汇总表 and 各成员, not in the navigation:
    # hundreds of entries would be rendered into every page (most of MkDocs' time).
    Entry("periods/", "", period_pages, top=False, in_nav=False),
    Entry("members/", "", member_pages, top=False, in_nav=False),
    Entry("help.md", "使用说明", help_page),
)
