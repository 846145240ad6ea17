"""汇总表 and 台账 pages, and the 台账's JSON data file that every case table on the site reads.

The 台账 is filled in the browser from ``data/ledger.json`` so that no HTML page grows with the
number of cases; rows carry the keys the tables filter on (unit, 问题类型, 包案领导, alert flags).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.core import alerts, display
from generator.excel.columns import SEQ, ledger_columns
from generator.ledger.fields import ADDRESS, BOOL, DATE, ENUM, INT, NO, YES, Field
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
    key: str  # the field's key: the name of its filter in the page's address (?问题类型=…)
    title: str
    label: str  # the drop-down's and the column chooser's label: the field's own title
    kind: str = "text"  # text | num | date: how the browser sorts it
    select: bool = False  # offer a drop-down filter of its distinct values
    wide: bool = False  # long text: the browser clips it
    order: tuple[str, ...] = ()  # the drop-down's order (the profile's list); else by collation


# Besides every field with a fixed list of values, the table filters by the groups the site has
# pages for: the units and the 包案领导.
SELECT_FIELDS = ("包案领导",)
_SORT = {INT: "num", DATE: "date"}
# The printed 单位 column's width in Excel's units (the workbook has none: a sheet per unit).
UNIT_WIDTH = 12
# The columns a screen shows before the reader picks others (the rest are one click away): enough
# to find a case and see where it stands, narrow enough to fit a laptop's width. Keys a profile
# lacks are simply not there.
SHOWN_FIRST = (
    "编号", "原编号", "单位", "信访人.姓名", "主要诉求", "包案领导", "问题类型", "是否已化解",
    "排查日期", "风险等级", "化解时限",
)  # fmt: skip


def _shown(site: Site) -> list[Field]:
    """The 台账's columns that the privacy mode shows, 原编号 first when the profile has it
    (beside 编号, which the table starts with)."""
    shown = [
        f
        for f in site.registry.ledger
        if not f.in_path and not (site.masked and f.personal == ADDRESS)
    ]
    return sorted(shown, key=lambda f: f.key != BESIDE_ID)  # stable: the rest keep their order


def _column(f: Field, leaders: tuple[str, ...]) -> TableColumn:
    select = f.kind in (ENUM, BOOL) or f.key in SELECT_FIELDS
    order = leaders if f.key == "包案领导" else f.values or ((YES, NO) if f.kind == BOOL else ())
    return TableColumn(f.key, f.heading, f.title, _SORT.get(f.kind, "text"), select, f.long, order)


def _beside(site: Site) -> int:
    """How many columns stand between 编号 and 单位: 原编号, where the profile has it."""
    return 1 if site.profile.has(BESIDE_ID) else 0


def columns(site: Site) -> list[TableColumn]:
    """编号, 原编号 (if any) and 单位, then the 台账's columns (序号 is numbered in the browser)."""
    leaders = tuple(g.title for g in site.leaders)  # the campaign's roster first
    shown, beside = [_column(f, leaders) for f in _shown(site)], _beside(site)
    units = tuple(u.name for u in site.campaign.units)
    unit_title, id_title = site.registry.title("单位"), site.registry.title("编号")
    unit = TableColumn("单位", unit_title, unit_title, select=True, order=units)
    first = TableColumn("编号", id_title, id_title)
    return [first, *shown[:beside], unit, *shown[beside:]]


def print_columns(site: Site, table: list[TableColumn]) -> list[dict[str, Any]]:
    """The printed 台账: 序号 and every column of the Excel 附件1 in its order and proportions,
    with 单位 after 编号; each names the data's column it prints (None: a blank column, such
    as 住址 on a masked site, as the masked workbook leaves it)."""
    index = {c.key: i for i, c in enumerate(table)}
    out: list[dict[str, Any]] = []
    for sheet in ledger_columns(site.profile.registry):
        width = sheet.width
        if sheet.key == SEQ:
            out.append({"title": sheet.title, "seq": True, "width": width})
            continue
        out.append({"title": sheet.title, "col": index.get(sheet.key), "width": width})
        if sheet.key == "编号":
            unit = table[index["单位"]]
            out.append({"title": unit.title, "col": index["单位"], "width": UNIT_WIDTH})
    return out


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
    shown, table = _shown(site), columns(site)
    doc = {
        "columns": [
            {"key": c.key, "title": c.title, "label": c.label, "kind": c.kind}
            | {"select": c.select, "wide": c.wide, "first": c.key in SHOWN_FIRST}
            | ({"order": list(c.order)} if c.select else {})
            for c in table
        ],
        "print": print_columns(site, table),
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
    # Only the 台账 page prints every case: the other pages that show a 台账 have no print view.
    return _tables_page(
        "ledger.md", "台账", site, heading=site.ledger_name, count=len(site.cases),
        printable=True, **context,
    )  # fmt: skip
