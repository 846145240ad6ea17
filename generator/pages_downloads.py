"""The site's downloads: each period's 汇总表 (CSV and Excel) and the 台账 workbooks.

Downloads are always masked, whatever the privacy mode of the pages: their title rows say
（脱敏）, so a file taken from the site is never sent upward as if it were the complete ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.model import Campaign, Case
from generator.summary import Summary

DIR = "downloads"

Target = Callable[[str], Path]  # site path → file path, checked to stay inside the output


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
) -> int:
    """Write every download at ``target(site path)``; returns how many files were written.

    ``cases`` have had the privacy mode applied; the workbooks are asked for their masked form too.
    """
    try:  # TODO(issue 3): generator.export and generator.tables are being written
        from generator.export import write_workbook
        from generator.tables import summary_csv
    except ModuleNotFoundError:
        return 0

    count = 0
    for ps in summary.periods:
        pid = ps.period.id
        # summary_csv starts with a BOM, so that Excel on Windows reads the file as UTF-8.
        target(summary_csv_path(pid)).write_bytes(summary_csv(summary, pid).encode("utf-8"))
        count += 1
    targets: list[tuple[str, str | None, str | None]] = [
        (summary_xlsx_path(ps.period.id), None, ps.period.id) for ps in summary.periods
    ]
    targets.append((ledger_xlsx_path(None), None, None))
    targets += [(ledger_xlsx_path(u.code), u.code, None) for u in campaign.units]
    for rel, unit, period in targets:
        path = target(rel)
        write_workbook(
            path,
            campaign,
            list(cases),
            today,
            unit=unit,
            period=period,
            masked=True,
            created=created,
        )
        count += 1
    return count
