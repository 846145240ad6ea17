"""A page per case: every field the privacy mode allows, the work-measure timeline, the git history
of its file (when, who, which fields changed) and an 编辑 link into the web editor (Decap CMS at
the site's admin/)."""

from __future__ import annotations

from generator.ledger.model import Case
from generator.ledger.schema import title
from generator.site.context import Site, case_url
from generator.site.render import Page, page


def fields(site: Site, case: Case) -> list[tuple[str, str]]:
    """(label, value) rows in the schema's order; labels are the schema's titles."""
    rows = [
        (title("编号"), case.id),
        (title("单位"), f"{site.unit_name(case.unit)}（{case.unit}）"),
        (title("排查日期"), case.screened_on.isoformat()),
        ("信访人姓名", case.petitioner_name),
    ]
    if not site.masked:
        rows.append(("信访人住址", case.petitioner_address))
    rows += [
        (title("涉及人数"), str(case.people_count)),
        (title("问题属地"), case.location),
        (title("问题类型"), case.category),
        (title("主要诉求"), case.demand),
        (title("风险等级"), case.risk),
        (title("包案领导"), case.leader.label()),
        (title("责任部门"), case.department.label()),
        (title("分包民警"), case.police.label() if case.police else "—"),
        (title("是否已化解"), "是" if case.resolved else "否"),
        (title("化解日期"), case.resolved_on.isoformat() if case.resolved_on else "—"),
        (title("化解方式"), case.resolution or "—"),
        (title("典型案例"), "是" if case.typical else "否"),
        (title("备注"), case.note or "—"),
    ]
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
