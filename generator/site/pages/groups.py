"""A page per unit, per 问题类型 and per 包案领导, their overview pages, and the alert pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from generator.core import alerts
from generator.ledger.model import Case
from generator.site.context import Group, Site
from generator.site.pages import downloads as pages_downloads
from generator.site.pages.tables import FLAG_HIGH, FLAG_OVERDUE, FLAG_STALLED
from generator.site.render import Page, page

Breakdown = tuple[str, str, list[tuple[str, str, alerts.Figures]]]


def _by_unit(site: Site, cases: Sequence[Case]) -> Breakdown:
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        grouped[case.unit].append(case)
    rows = [
        (u.name, f"units/{u.code}.html", alerts.figures(site.campaign, grouped[u.code], site.as_of))
        for u in site.campaign.units
        if grouped[u.code]
    ]
    return ("按单位", "单位", rows)


def _by_type(site: Site, cases: Sequence[Case]) -> Breakdown:
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        grouped[case.category].append(case)
    rows = [
        (g.title, g.url, alerts.figures(site.campaign, grouped[g.title], site.as_of))
        for g in site.types
        if grouped[g.title]
    ]
    return ("按问题类型", "问题类型", rows)


def unit_page(site: Site, g: Group) -> Page:
    rows = [(ps.period, ps.row(g.key)) for ps in reversed(site.summary.periods)]
    return page(
        f"units/{g.key}.md",
        g.title,
        "group.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        g=g,
        heading=f"{g.title}",
        intro=f"单位代码 {g.key}，统计截至 {site.as_of.isoformat()}。",
        unit_rows=rows,
        breakdown=_by_type(site, g.cases),
        list_title="台账",
        where=f"u={g.key}",
        downloads=[(f"{g.title}台账 Excel（脱敏）", pages_downloads.ledger_xlsx_path(g.key))],
    )


def type_page(site: Site, g: Group) -> Page:
    return page(
        f"types/{g.key}.md",
        g.title,
        "group.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        g=g,
        heading=f"问题类型：{g.title}",
        intro=f"统计截至 {site.as_of.isoformat()}。",
        unit_rows=None,
        breakdown=_by_unit(site, g.cases),
        list_title="案件",
        where=f"t={g.key}",
        downloads=(),
    )


def leader_page(site: Site, g: Group) -> Page:
    return page(
        f"leaders/{g.key}.md",
        g.title,
        "group.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        g=g,
        heading=f"包案领导：{g.title}",
        intro=f"包案“一包到底”的案件，统计截至 {site.as_of.isoformat()}。",
        unit_rows=None,
        breakdown=_by_unit(site, g.cases),
        list_title="包案案件",
        where=f"l={g.key}",
        downloads=(),
    )


def overview_page(site: Site, path: str, title: str, first: str, groups: Sequence[Group]) -> Page:
    return page(
        path,
        title,
        "index_list.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        heading=title,
        intro=f"统计截至 {site.as_of.isoformat()}，点击名称查看详情。",
        first=first,
        groups=groups,
    )


ALERT_PAGES = (
    ("high", "高风险未化解", FLAG_HIGH, "风险等级为“高”且在统计截至日尚未化解的案件。"),
    ("stalled", "停滞", FLAG_STALLED, "未化解，且连续 {stall} 天以上没有工作措施的案件。"),
    ("overdue", "超期", FLAG_OVERDUE, "未化解，且自排查日期起超过 {overdue} 天的案件。"),
)


def alert_pages(site: Site) -> list[Page]:
    out = []
    for key, title, flag, intro in ALERT_PAGES:
        text = intro.format(stall=site.campaign.stall_days, overdue=site.campaign.overdue_days)
        out.append(
            page(
                f"alerts/{key}.md",
                title,
                "ledger.md.j2",
                meta={"hide": ["toc"]},
                site=site,
                intro=f"{text}统计截至 {site.as_of.isoformat()}。",
                units=(),
                where=f"f={flag}",
                downloads=(),
            )
        )
    return out


def group_pages(site: Site) -> list[Page]:
    pages = [
        overview_page(site, "units/index.md", "各单位", "单位", site.units),
        overview_page(site, "types/index.md", "各问题类型", "问题类型", site.types),
        overview_page(site, "leaders/index.md", "各包案领导", "包案领导", site.leaders),
    ]
    pages += [unit_page(site, g) for g in site.units]
    pages += [type_page(site, g) for g in site.types]
    pages += [leader_page(site, g) for g in site.leaders]
    return pages + alert_pages(site)
