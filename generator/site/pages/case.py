"""A page per case: every field the privacy mode allows, the work-measure timeline, the git history
of its file (when, who, which fields changed) and an 编辑 link into the web editor (Decap CMS at
the site's admin/)."""

from __future__ import annotations

from generator.core import display
from generator.ledger.fields import ADDRESS, LIST, registry
from generator.ledger.model import Case
from generator.site.context import Site, case_url
from generator.site.render import Page, page

NOTHING = "—"


def fields(site: Site, case: Case) -> list[tuple[str, str]]:
    """(label, value) rows in the schema's order, labelled with its titles; the work measures
    have a timeline of their own, the address is left out of a masked site."""
    rows = []
    for f in registry().fields:
        if f.kind == LIST or (site.masked and f.personal == ADDRESS):
            continue
        if f.key == "单位":
            value = f"{site.unit_name(case.unit)}（{case.unit}）"
        else:
            value = display.text(case, f) or NOTHING
        rows.append((f.title, value))
    return rows


def edit_url(case: Case) -> str:
    """Decap CMS's address of the entry, relative to the case page at cases/<unit>/<id>.html."""
    return f"../../admin/#/collections/{case.unit}/entries/{case.id}"


def case_page(site: Site, case: Case, *, searchable: bool) -> Page:
    url = case_url(case)
    meta: dict[str, object] = {"hide": ["toc"], "tz_case": True}
    if not searchable:
        meta["search"] = {"exclude": True}
    return page(
        url[: -len(".html")] + ".md",
        f"{case.id} {site.unit_name(case.unit)}",
        "case.md.j2",
        meta=meta,
        c=case,
        unit_name=site.unit_name(case.unit),
        unit_url=f"units/{case.unit}.html",
        fields=fields(site, case),
        history=site.history.get(case.path, ()),
        edit_url=edit_url(case),
    )


def case_pages(site: Site, *, searchable: bool) -> list[Page]:
    return [case_page(site, c, searchable=searchable) for c in site.cases]
