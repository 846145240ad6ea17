"""The office site's pages: the one list that the build, the navigation and the tests read.

To add a page, add one entry here and its template in ``generator/templates/site/`` (with a
function in ``site/pages/`` that gives the template what it shows). The order is the
navigation's; entries with the same section share one navigation heading.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.site.context import Site
from generator.site.entries import Entry
from generator.site.pages import alertpages, groups
from generator.site.pages.case import case_pages
from generator.site.pages.documents import report_page, typical_pages
from generator.site.pages.help import help_page
from generator.site.pages.home import home_page
from generator.site.pages.tables import ledger_page, summary_page
from generator.site.render import Page


def one(function: Callable[[Site], Page]) -> Callable[[Site], list[Page]]:
    return lambda site: [function(site)]


def alert(which: alertpages.Alert) -> Entry[Site]:
    return Entry(
        f"alerts/{which.key}.md",
        which.title,
        lambda site: alertpages.alert_pages(site, which),
        section="预警",
        more=f"alerts/{which.key}-*.md",
    )


def overview(folder: str, title: str, section: str) -> Entry[Site]:
    """The overview of the units, the types or the leaders: ``folder`` is the Site's field."""
    path = f"{folder}/index.md"
    return Entry(
        path,
        title,
        lambda site: [groups.overview_page(site, path, title, section, getattr(site, folder))],
        section=section,
    )


PAGES: tuple[Entry[Site], ...] = (
    Entry("index.md", "首页", one(home_page)),
    Entry("summary.md", "汇总表", one(summary_page)),
    Entry("ledger.md", "台账", one(ledger_page)),
    *(alert(which) for which in alertpages.ALERTS),
    # 逾期 beside 超期 where the profile has 化解时限: a page of its own, or none at all.
    Entry("alerts/", "", alertpages.deadline_pages, section="预警", top=False),
    overview("units", "各单位", "单位"),
    Entry("units/", "", groups.unit_pages, section="单位", top=False),
    overview("types", "各问题类型", "问题类型"),
    Entry("types/", "", groups.type_pages, section="问题类型", top=False),
    overview("leaders", "各包案领导", "包案领导"),
    Entry("leaders/", "", groups.leader_pages, section="包案领导", top=False),
    Entry("typical.md", "典型案例", typical_pages, more="typical-*.md"),
    Entry("report.md", "活动总结", one(report_page)),
    Entry("help.md", "使用说明", one(help_page)),
    # Built, but out of the navigation: thousands of entries would be rendered into every page.
    Entry(
        "cases/",
        "",
        lambda site: case_pages(site, searchable=site.index_cases),
        top=False,
        in_nav=False,
    ),
)
