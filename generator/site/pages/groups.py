"""A page per unit, per 问题类型 and per 包案领导, and their overview pages."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.core import alerts
from generator.ledger.model import Case
from generator.site.context import Group, Site
from generator.site.pages import downloads as pages_downloads
from generator.site.pages.tables import ledger_label
from generator.site.render import Page, page

Breakdown = tuple[str, str, list[tuple[str, str, alerts.Figures]]]
TOC = {"hide": ["toc"]}


def _breakdown(
    site: Site,
    cases: Sequence[Case],
    key: Callable[[Case], str],
    rows: Sequence[tuple[str, str, str]],  # (key, name, url) in the order shown
    heading: str,
    first: str,
) -> Breakdown:
    """A group's cases counted by unit or by type: only rows that have cases."""
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        grouped[key(case)].append(case)
    figures = [
        (name, url, alerts.figures(site.campaign, grouped[k], site.as_of))
        for k, name, url in rows
        if grouped[k]
    ]
    return (heading, first, figures)


def _by_unit(site: Site, cases: Sequence[Case]) -> Breakdown:
    units = [(u.code, u.name, f"units/{u.code}.html") for u in site.campaign.units]
    return _breakdown(site, cases, lambda c: c.unit, units, "按单位", "单位")


def _by_type(site: Site, cases: Sequence[Case]) -> Breakdown:
    types = [(g.title, g.title, g.url) for g in site.types]
    return _breakdown(site, cases, lambda c: c.category, types, "按问题类型", "问题类型")


def _group_page(site: Site, g: Group, folder: str, **context: Any) -> Page:
    return page(f"{folder}/{g.key}.md", g.title, "group.md.j2", meta=TOC, site=site, g=g, **context)


def unit_page(site: Site, g: Group) -> Page:
    rows = [(ps.period, ps.row(g.key)) for ps in reversed(site.summary.periods)]
    download = (ledger_label(site, g.title), pages_downloads.ledger_xlsx_path(g.key))
    intro = f"统计截至 {site.as_of.isoformat()}。"
    return _group_page(
        site, g, "units", heading=g.title, intro=intro, unit_rows=rows,
        breakdown=_by_type(site, g.cases), list_title="台账", where=f"u={g.key}",
        downloads=[download],
    )  # fmt: skip


@dataclass(frozen=True)
class ByUnit:
    """A group page whose cases are counted by unit: a 问题类型's or a 包案领导's."""

    folder: str  # types | leaders
    heading: str  # before the group's title
    intro: str  # before the as-of date
    list_title: str
    where: str  # the 台账 table's filter key


TYPE = ByUnit("types", "问题类型：", "", "案件", "t")
LEADER = ByUnit("leaders", "包案领导：", "包案“一包到底”的案件，", "包案案件", "l")


def by_unit_page(site: Site, g: Group, kind: ByUnit) -> Page:
    return _group_page(
        site, g, kind.folder, heading=f"{kind.heading}{g.title}",
        intro=f"{kind.intro}统计截至 {site.as_of.isoformat()}。", unit_rows=None,
        breakdown=_by_unit(site, g.cases), list_title=kind.list_title,
        where=f"{kind.where}={g.key}", downloads=(),
    )  # fmt: skip


def unit_pages(site: Site) -> list[Page]:
    return [unit_page(site, g) for g in site.units]


def type_pages(site: Site) -> list[Page]:
    return [by_unit_page(site, g, TYPE) for g in site.types]


def leader_pages(site: Site) -> list[Page]:
    return [by_unit_page(site, g, LEADER) for g in site.leaders]


def summed(figures: Sequence[alerts.Figures]) -> alerts.Figures:
    """The 合计 of rows of figures: each count summed (the rate follows from the sums)."""
    names = [f.name for f in dataclasses.fields(alerts.Figures)]
    return alerts.Figures(**{n: sum(getattr(f, n) for f in figures) for n in names})


def overview_page(site: Site, path: str, title: str, first: str, groups: Sequence[Group]) -> Page:
    """各单位, 各问题类型, 各包案领导: each case is in exactly one row, so 合计 is every case."""
    return page(
        path,
        title,
        "index_list.md.j2",
        meta=TOC,
        site=site,
        heading=title,
        intro=f"统计截至 {site.as_of.isoformat()}，点击名称查看详情。",
        first=first,
        groups=groups,
        total=summed([g.figures for g in groups]),
    )
