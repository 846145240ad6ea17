"""A page per case: every field the privacy mode allows, the work-measure timeline, the git history
of its file (when, who, which fields changed) and an 编辑 link into the web editor (Decap CMS at
the site's admin/)."""

from __future__ import annotations

from generator.core import display
from generator.ledger.fields import ADDRESS, LIST, NO, YES
from generator.ledger.model import Case
from generator.site.context import Site, case_url
from generator.site.pages.tables import BESIDE_ID
from generator.site.render import Page, page

NOTHING = "—"


def fields(site: Site, case: Case) -> list[tuple[str, str]]:
    """(label, value) rows in the profile's schema order (原编号 beside 编号), labelled with its
    titles; the work measures have a timeline of their own, a masked site leaves out the address."""
    rows = []
    for f in sorted(site.registry.fields, key=lambda f: (f.key != "编号", f.key != BESIDE_ID)):
        if f.kind == LIST or (site.masked and f.personal == ADDRESS):
            continue
        # 单位: the name a clerk knows, not the folder's code.
        value = site.unit_name(case.unit) if f.key == "单位" else display.text(case, f) or NOTHING
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
        # A profile's own word (稳控中, 息诉罢访 …) beside the group it counts in.
        status="" if case.status in (YES, NO) else f"（{case.status}）",
        history=site.history.get(case.path, ()),
        edit_url=edit_url(case),
    )


def case_pages(site: Site, *, searchable: bool) -> list[Page]:
    return [case_page(site, c, searchable=searchable) for c in site.cases]
