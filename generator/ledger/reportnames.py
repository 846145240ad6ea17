"""The names of submitted reports: ``reports/<period-id>.json``, an id of the campaign's rhythm.

The rhythm (报送周期) is fixed for a campaign because these names depend on it: a report whose
name is no period id of the rhythm would be skipped without a word by every command that reads
reports, so validation names it instead. What is inside a report is read (and refused when
broken) by ``generator.core.reports``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.ledger.problems import Problem
from generator.ledger.rhythms import RHYTHMS, RULES

REPORTS_DIR = "reports"


def _message(stem: str, rhythm: str, start: dt.date) -> str:
    example = RULES[rhythm].ident(start)
    fits = f"本次活动按{rhythm}报送，报送记录的文件名应为时段编号，如 {example}.json"
    other = next((r for r in RHYTHMS if RULES[r].span(stem) is not None), None)
    if other is not None:
        return f"“{stem}”是按{other}报送的时段编号；{fits}"
    return f"文件名“{stem}”不是时段编号；{fits}"


def report_name_problems(root: Path, rhythm: str, start: dt.date) -> list[Problem]:
    """A ``report-period`` problem at 1:1 for each reports/*.json not named by a period id of
    the rhythm; the example id in the message is the period of start (the campaign's first)."""
    folder = root / REPORTS_DIR
    if not folder.is_dir():
        return []
    return [
        Problem(
            f"{REPORTS_DIR}/{path.name}", 1, 1, "report-period", _message(path.stem, rhythm, start)
        )
        for path in sorted(folder.glob("*.json"))
        if RULES[rhythm].span(path.stem) is None
    ]
