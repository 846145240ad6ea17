"""典型案例 (paged so no page passes the size limit), the printable 活动总结, and 使用说明."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from markupsafe import Markup

from generator.core import alerts
from generator.ledger import schema as schemas
from generator.ledger.fields import yes_no
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
    method_order = [*schemas.enum_values("化解方式"), "未填写"]
    leaders = [g.title for g in site.leaders]
    breakdowns = [
        (
            "按问题类型",
            "问题类型",
            _breakdown(site, lambda c: c.category, schemas.enum_values("问题类型")),
        ),
        (
            "按风险等级",
            "风险等级",
            _breakdown(site, lambda c: c.risk, schemas.enum_values("风险等级")),
        ),
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


class FieldHelp(NamedTuple):
    """One row of 使用说明's table of fields."""

    key: str
    title: str
    required: str  # 是 or 否
    description: str
    values: str


def field_help() -> list[FieldHelp]:
    """Each field of the case schema, nested ones as ``信访人.姓名``, from the schema itself."""
    schema = schemas.case_schema()
    out: list[FieldHelp] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        required = set(node.get("required", []))
        for key, prop in node["properties"].items():
            name = f"{prefix}{key}"
            out.append(
                FieldHelp(name, prop.get("title", key), yes_no(key in required),
                          prop.get("description", ""), _values(prop))
            )  # fmt: skip
            if prop.get("type") == "object":
                walk(prop, f"{name}.")
            elif prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
                walk(prop["items"], f"{name}[].")

    walk(schema, "")
    return out


def _values(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "、".join(str(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "boolean":
        return "true 或 false"
    if kind == "integer":
        return f"{prop.get('minimum', '')}–{prop.get('maximum', '')} 的整数"
    if kind == "string" and prop.get("pattern") == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$":
        return "日期 YYYY-MM-DD"
    if kind == "string":
        return f"文字，不超过 {prop['maxLength']} 字" if "maxLength" in prop else "文字"
    if kind == "array":
        return "列表，每条一项"
    return ""


def help_page(site: Site) -> Page:
    return page(
        "help.md",
        "使用说明",
        "help.md.j2",
        masked=site.masked,
        fields=field_help(),
        stall=site.campaign.stall_days,
        overdue=site.campaign.overdue_days,
    )
