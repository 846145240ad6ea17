"""汇总表 and 台账 pages, and the 台账's JSON data file that every case table on the site reads.

The 台账 is filled in the browser from ``data/ledger.json`` so that no HTML page grows with the
number of cases; rows carry the keys the tables filter on (unit, 问题类型, 包案领导, alert flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.core import alerts
from generator.ledger.model import Case
from generator.site.context import Site
from generator.site.pages import downloads as pages_downloads
from generator.site.render import Page, json_file, page

FLAG_HIGH, FLAG_STALLED, FLAG_OVERDUE, FLAG_TYPICAL, FLAG_OPEN = "h", "s", "o", "t", "u"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text | num | date: how the browser sorts it
    select: bool = False  # offer a drop-down filter of its distinct values
    wide: bool = False  # long text: the browser clips it


def columns(site: Site) -> list[Column]:
    """附件1's columns (序号 is numbered in the browser), then the fields that keep nothing lost."""
    cols = [
        Column("编号"),
        Column("单位", select=True),
        Column("姓名"),
    ]
    if not site.masked:
        cols.append(Column("信访人住址"))
    cols += [
        Column("问题属地"),
        Column("主要诉求", wide=True),
        Column("工作措施", wide=True),
        Column("科级包案领导姓名、职务", select=True),
        Column("责任部门及责任人姓名、职务"),
        Column("分包民警"),
        Column("问题类型", select=True),
        Column("是否已化解", select=True),
        Column("备注", wide=True),
        Column("排查日期", "date"),
        Column("化解日期", "date"),
        Column("涉及人数", "num"),
        Column("风险等级", select=True),
        Column("化解方式", select=True),
        Column("典型案例", select=True),
    ]
    return cols


def flags(site: Site, case: Case) -> str:
    as_of, campaign = site.as_of, site.campaign
    out = ""
    if alerts.is_high_open(case, as_of):
        out += FLAG_HIGH
    if alerts.is_stalled(case, as_of, campaign.stall_days):
        out += FLAG_STALLED
    if alerts.is_overdue(case, as_of, campaign.overdue_days):
        out += FLAG_OVERDUE
    if case.typical:
        out += FLAG_TYPICAL
    if not alerts.is_resolved(case, as_of):
        out += FLAG_OPEN
    return out


def cells(site: Site, case: Case) -> list[Any]:
    row: list[Any] = [case.id, site.unit_name(case.unit), case.petitioner_name]
    if not site.masked:
        row.append(case.petitioner_address)
    row += [
        case.location,
        case.demand,
        "\n".join(f"{m.date.isoformat()} {m.text}" for m in case.measures),
        case.leader.label(),
        case.department.label(),
        case.police.label() if case.police else "",
        case.category,
        "是" if case.resolved else "否",
        case.note,
        case.screened_on.isoformat(),
        case.resolved_on.isoformat() if case.resolved_on else "",
        case.people_count,
        case.risk,
        case.resolution or "",
        "是" if case.typical else "否",
    ]
    return row


def ledger_data(site: Site) -> bytes:
    """``data/ledger.json``: columns, then one row per case with its filter keys."""
    doc = {
        "columns": [
            {"title": c.title, "kind": c.kind, "select": c.select, "wide": c.wide}
            for c in columns(site)
        ],
        "rows": [
            {
                "id": c.id,
                "u": c.unit,
                "t": site.type_key(c.category),
                "l": site.leader_slug[c.leader],
                "f": flags(site, c),
                "c": cells(site, c),
            }
            for c in site.cases
        ],
    }
    return json_file(doc).encode("utf-8")


def summary_page(site: Site) -> Page:
    return page(
        "summary.md",
        "汇总表",
        "summary.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        periods=list(reversed(site.summary.periods)),
        csv=pages_downloads.summary_csv_path,
        xlsx=pages_downloads.summary_xlsx_path,
    )


def ledger_page(site: Site) -> Page:
    return page(
        "ledger.md",
        "台账",
        "ledger.md.j2",
        meta={"hide": ["toc"]},
        site=site,
        intro=f"全部 {len(site.cases)} 件案件。",
        units=site.units,
        where="",
        downloads=[("全部台账 Excel（脱敏）", pages_downloads.ledger_xlsx_path(None))],
    )
