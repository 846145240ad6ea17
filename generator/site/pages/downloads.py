"""The site's downloads: each period's 汇总表 (CSV and Excel) and the 台账 workbooks.

The 汇总表 holds no personal data, so its downloads are the official forms on every site: the
CSV is ``summary --format csv --period P``, the Excel file the 汇总表 sheet of ``export
--period P`` (附件2) on its own. The 台账 workbooks are ``export`` and ``export --unit`` (附件1
and the unit's 汇总表): in a ``--privacy full`` build the official forms, byte for byte, so the
desk's restricted site serves them; in a masked build made of the masked cases, their titles
saying （脱敏）, so a file taken from a public site is never sent upward as the complete ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.core.display import MASK_MARK
from generator.core.reports import sent_on
from generator.core.summary import Summary
from generator.core.summary_text import summary_csv
from generator.excel.export import write_workbook
from generator.excel.summary_form import form_workbook
from generator.ledger.model import Campaign, Case

DIR = "downloads"
OFFICIAL = "（正式表格）"  # a download's link: the form itself, as export writes it

Target = Callable[[str], Path]  # site path → file path, checked to stay inside the output


def ledger_mark(masked: bool) -> str:
    """What a 台账 download's link says it is: masked (not for sending upward) or official."""
    return MASK_MARK if masked else OFFICIAL


def summary_csv_path(period_id: str) -> str:
    return f"{DIR}/summary-{period_id}.csv"


def summary_xlsx_path(period_id: str) -> str:
    return f"{DIR}/summary-{period_id}.xlsx"


def ledger_xlsx_path(unit: str | None) -> str:
    return f"{DIR}/ledger-{unit}.xlsx" if unit else f"{DIR}/ledger-all.xlsx"


def write_downloads(
    target: Target,
    campaign: Campaign,
    cases: Sequence[Case],
    summary: Summary,
    today: dt.date,
    created: dt.datetime | None,
    submitted: Mapping[str, Any],
    masked: bool,
) -> int:
    """Write every download at ``target(site path)``; returns how many files were written.

    ``cases`` are the site's (``Site.cases``): ``masked`` when the build is; ``submitted`` are
    the reports in reports/, whose dates are the 汇总表s' 报送时间.
    """
    count = 0
    for ps in summary.periods:
        pid = ps.period.id
        # summary_csv starts with a BOM, so that Excel on Windows reads the file as UTF-8.
        target(summary_csv_path(pid)).write_bytes(summary_csv(summary, pid).encode("utf-8"))
        sent = sent_on(summary, ps, submitted)
        # The sheet ``export --period`` writes first, alone: no personal data, so no （脱敏）.
        rows = [*ps.rows, ps.total]
        title = campaign.summary_title()
        path = target(summary_xlsx_path(pid))
        form_workbook(path, title, ps.period, rows, summary.as_of, sent, created)
        count += 2
    ledgers: list[tuple[str, str | None]] = [(ledger_xlsx_path(None), None)]
    ledgers += [(ledger_xlsx_path(u.code), u.code) for u in campaign.units]
    for rel, unit in ledgers:
        write_workbook(
            target(rel),
            campaign,
            list(cases),
            today,
            unit=unit,
            masked=masked,
            created=created,
            submitted=submitted,
        )
        count += 1
    return count
