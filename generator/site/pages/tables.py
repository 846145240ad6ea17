"""汇总表 and 台账 pages, and the 台账's JSON data file that every case table on the site reads.

The 台账 is filled in the browser from ``data/ledger.json`` so that no HTML page grows with the
number of cases; rows carry the keys the tables filter on (unit, 问题类型, 包案领导, alert flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.core import alerts, display
from generator.ledger.fields import ADDRESS, BOOL, DATE, ENUM, INT, Field
from generator.ledger.model import Case
from generator.site.context import Site
from generator.site.pages import downloads as pages_downloads
from generator.site.render import Page, json_file, page

FLAG_HIGH, FLAG_STALLED, FLAG_OVERDUE, FLAG_TYPICAL, FLAG_OPEN = "h", "s", "o", "t", "u"
FLAG_PAST_DEADLINE = "d"  # 逾期: past its own 化解时限
# The office's own number stands beside 编号 (DESIGN: the optional field 原编号).
BESIDE_ID = "原编号"


@dataclass(frozen=True)
class TableColumn:
    title: str
    kind: str = "text"  # text | num | date: how the browser sorts it
    select: bool = False  # offer a drop-down filter of its distinct values
    wide: bool = False  # long text: the browser clips it
    order: tuple[str, ...] = ()  # the drop-down's order (the profile's list); else by collation


# Besides every field with a fixed list of values, the table filters by the groups the site has
# pages for: the units and the 包案领导.
SELECT_FIELDS = ("包案领导",)
_SORT = {INT: "num", DATE: "date"}


def _shown(site: Site) -> list[Field]:
    """The 台账's columns that the privacy mode shows, 原编号 first when the profile has it
    (beside 编号, which the table starts with)."""
    shown = [
        f
        for f in site.registry.ledger
        if not f.in_path and not (site.masked and f.personal == ADDRESS)
    ]
    return sorted(shown, key=lambda f: f.key != BESIDE_ID)  # stable: the rest keep their order


def _column(f: Field) -> TableColumn:
    select = f.kind in (ENUM, BOOL) or f.key in SELECT_FIELDS
    return TableColumn(f.heading, _SORT.get(f.kind, "text"), select, f.long, f.values)


def _beside(site: Site) -> int:
    """How many columns stand between 编号 and 单位: 原编号, where the profile has it."""
    return 1 if site.profile.has(BESIDE_ID) else 0


def columns(site: Site) -> list[TableColumn]:
    """编号, 原编号 (if any) and 单位, then the 台账's columns (序号 is numbered in the browser)."""
    shown, beside = [_column(f) for f in _shown(site)], _beside(site)
    units = tuple(u.name for u in site.campaign.units)
    unit = TableColumn(site.registry.title("单位"), select=True, order=units)
    return [TableColumn(site.registry.title("编号")), *shown[:beside], unit, *shown[beside:]]


def flags(site: Site, case: Case) -> str:
    as_of, campaign = site.as_of, site.campaign
    out = ""
    if alerts.is_high_open(case, as_of, campaign.profile.high):
        out += FLAG_HIGH
    if alerts.is_stalled(case, as_of, campaign.stall_days):
        out += FLAG_STALLED
    if alerts.is_overdue(case, as_of, campaign.overdue_days):
        out += FLAG_OVERDUE
    if alerts.is_past_deadline(case, as_of):
        out += FLAG_PAST_DEADLINE
    if case.typical:
        out += FLAG_TYPICAL
    if not alerts.is_resolved(case, as_of):
        out += FLAG_OPEN
    return out


def cells(site: Site, case: Case, shown: list[Field]) -> list[Any]:
    """A row of the 台账 table: counts as numbers (the browser sorts them), the rest as text."""
    row = [display.value(case, f) if f.kind == INT else display.text(case, f) for f in shown]
    beside = _beside(site)
    return [case.id, *row[:beside], site.unit_name(case.unit), *row[beside:]]


def ledger_data(site: Site) -> bytes:
    """``data/ledger.json``: columns, then one row per case with its filter keys."""
    shown = _shown(site)
    doc = {
        "columns": [
            {"title": c.title, "kind": c.kind, "select": c.select, "wide": c.wide}
            | ({"order": list(c.order)} if c.select else {})
            for c in columns(site)
        ],
        "rows": [
            {
                "id": c.id,
                "u": c.unit,
                "t": site.type_key(c.category),
                "l": site.leader_slug[c.leader],
                "f": flags(site, c),
                "c": cells(site, c, shown),
            }
            for c in site.cases
        ],
    }
    return json_file(doc).encode("utf-8")


def _tables_page(url: str, title: str, site: Site, **context: Any) -> Page:
    """A page of wide tables: no table of contents beside them; its template is named for it."""
    return page(url, title, f"{url}.j2", meta={"hide": ["toc"]}, site=site, **context)


def ledger_label(site: Site, unit: str | None) -> str:
    """A 台账 download's link: the office's title of the form, if it gave one (DESIGN: 标题)."""
    own, mark = site.profile.ledger_title, pages_downloads.ledger_mark(site.masked)
    if not own:
        return f"{unit or '全部'}台账 Excel{mark}"
    return f"{own}（{unit}）Excel{mark}" if unit else f"{own} Excel{mark}"


def summary_page(site: Site) -> Page:
    periods = list(reversed(site.summary.periods))
    csv, xlsx = pages_downloads.summary_csv_path, pages_downloads.summary_xlsx_path
    return _tables_page("summary.md", "汇总表", site, periods=periods, csv=csv, xlsx=xlsx)


def ledger_page(site: Site) -> Page:
    intro = f"全部 {len(site.cases)} 件案件。"
    download = (ledger_label(site, None), pages_downloads.ledger_xlsx_path(None))
    context = {"intro": intro, "units": site.units, "where": "", "downloads": [download]}
    return _tables_page("ledger.md", "台账", site, heading=site.ledger_name, **context)
