"""典型案例 (paged so no page passes the size limit) and the printable 活动总结."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from generator.core import alerts
from generator.ledger.model import Case
from generator.site.context import Site, case_url
from generator.site.render import Page, page, render

PAGE_BUDGET = 120_000  # bytes of cards per 典型案例 page; the theme adds ~30 KB around them
REPORT_BUDGET = 100_000  # bytes of typical cases printed inside 活动总结


def typical_cases(site: Site) -> list[Case]:
    return [c for c in site.cases if c.typical]


def card(site: Site, case: Case) -> Markup:
    html = render(
        "typical_card.html.j2",
        c=case,
        unit_name=site.unit_name(case.unit),
        case_url=case_url(case),
        rel=lambda target: target,  # cards sit on top-level pages: site paths are relative URLs
    )
    return Markup(html.strip())  # rendered with autoescape on


def chunks(cards: Sequence[Markup], budget: int) -> list[list[Markup]]:
    """Cards split into pages of at most ``budget`` bytes (a card larger than that gets its own)."""
    out: list[list[Markup]] = [[]]
    size = 0
    for item in cards:
        n = len(item.encode("utf-8"))
        if out[-1] and size + n > budget:
            out.append([])
            size = 0
        out[-1].append(item)
        size += n
    return out


def typical_path(number: int) -> str:
    return "typical.md" if number == 1 else f"typical-{number}.md"


def typical_pages(site: Site) -> list[Page]:
    cases = typical_cases(site)
    groups = chunks([card(site, c) for c in cases], PAGE_BUDGET)
    pager = [(n, typical_path(n)[:-3] + ".html") for n in range(1, len(groups) + 1)]
    return [
        page(
            typical_path(number),
            "典型案例" if number == 1 else f"典型案例（第 {number} 页）",
            "typical.md.j2",
            meta={"hide": ["toc"]},
            heading="典型案例",
            total=len(cases),
            pages_total=len(groups),
            pager=pager if len(groups) > 1 else [],
            number=number,
            cards=cards,
        )
        for number, cards in enumerate(groups, start=1)
    ]


def _breakdown(site: Site, key: Any, order: Sequence[str]) -> list[tuple[str, alerts.Figures]]:
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in site.cases:
        grouped[key(case)].append(case)
    names = [n for n in order if grouped[n]] + sorted(n for n in grouped if n not in order)
    return [(n, alerts.figures(site.campaign, grouped[n], site.as_of)) for n in names]


def report_page(site: Site) -> Page:
    typical = typical_cases(site)
    printed = chunks([card(site, c) for c in typical], REPORT_BUDGET)[0] if typical else []
    methods = Counter(
        c.resolution or "未填写" for c in site.cases if alerts.is_resolved(c, site.as_of)
    )
    profile = site.profile
    method_order = [*profile.methods, "未填写"]
    leaders = [g.title for g in site.leaders]
    breakdowns = [
        ("按问题类型", "问题类型", _breakdown(site, lambda c: c.category, profile.categories)),
        ("按风险等级", "风险等级", _breakdown(site, lambda c: c.risk, profile.risks)),
        ("按包案领导", "包案领导", _breakdown(site, lambda c: c.leader.label(), leaders)),
    ]
    return page(
        "report.md",
        "活动总结",
        "report.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        f=site.figures,
        latest=site.summary.latest(),
        breakdowns=breakdowns,
        methods=[(m, methods[m]) for m in method_order if methods[m]],
        typical=typical,
        cards=printed,
    )
