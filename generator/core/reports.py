"""Submitted 汇总表: ``reports/<period-id>.json`` records what was sent upward; what moved since.

A report is the period's part of the summary JSON as it stood on the day it was sent, plus
``submitted_on``. It lives in git beside the cases, so a late, back-dated edit to a period that
was already reported shows up as a difference between the report and today's figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.periods import rhythm_of, valid_id
from generator.core.summary import TOTAL, PeriodSummary, Row, Summary, to_json
from generator.errors import DataError
from generator.ledger.reportnames import REPORTS_DIR

# The counts a report pins; rates follow from them.
FIGURES = {
    "screened": "排查数",
    "resolved": "化解数",
    "cum_screened": "累计排查数",
    "cum_resolved": "累计化解数",
}


def report_path(root: Path, period_id: str) -> Path:
    return root / REPORTS_DIR / f"{period_id}.json"


def report_text(summary: Summary, period_id: str, submitted_on: dt.date) -> str:
    """The file's text: the period's summary JSON and the day it was sent, keys in a fixed order."""
    data = {**to_json(summary, only=period_id), "submitted_on": submitted_on.isoformat()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sent_on(summary: Summary, ps: PeriodSummary, submitted: Mapping[str, Any]) -> dt.date:
    """报送时间 of a period's 汇总表: the day its report was submitted, else the period's last
    day, or the as-of date if that is earlier."""
    report = submitted.get(ps.period.id)
    recorded = report.get("submitted_on") if isinstance(report, dict) else None
    if isinstance(recorded, str):
        try:
            return dt.date.fromisoformat(recorded)
        except ValueError:  # a hand-edited report: the date it would have had
            pass
    return min(ps.period.end, summary.as_of)


def load_submitted(root: Path, rhythm: str | None = None) -> dict[str, dict[str, Any]]:
    """Every submitted report under root/reports named by a period id of the rhythm (of any
    rhythm when None), by period id; a broken file is a DataError. ``validate`` names the
    files skipped here (``generator.ledger.reportnames``)."""
    folder = root / REPORTS_DIR
    out: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.json")):
        if not (rhythm_of(path.stem) if rhythm is None else valid_id(path.stem, rhythm)):
            continue
        rel = f"{REPORTS_DIR}/{path.name}"
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            raise DataError(f"{rel}：不是 UTF-8 编码的文件") from None
        except json.JSONDecodeError as err:
            raise DataError(
                f"{rel}:{err.lineno}:{err.colno}: 不是有效的 JSON（{err.msg}）"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("periods"), list):
            raise DataError(f"{rel}：不是 submit 写出的报送记录（缺少 periods）")
        out[path.stem] = data
    return out


@dataclass(frozen=True)
class Difference:
    """One figure of one row that is not what was sent."""

    unit: str  # "" for 合计
    name: str
    figure: str  # a key of FIGURES
    submitted: int | None  # None: the row was not in the report
    current: int | None  # None: the unit is no longer in campaign.yaml

    @property
    def delta(self) -> int:
        return (self.current or 0) - (self.submitted or 0)


@dataclass(frozen=True)
class Comparison:
    period: PeriodSummary
    submitted_on: str
    differences: tuple[Difference, ...]


def sent_rows(report: dict[str, Any], period_id: str) -> tuple[dict[str, dict[str, Any]], Any]:
    """A report's rows of the period by unit code, and its 合计 row (None where it has none)."""
    for p in report.get("periods") or ():
        if isinstance(p, dict) and p.get("id") == period_id:
            rows = {
                str(r["unit"]): r
                for r in p.get("rows") or ()
                if isinstance(r, dict) and "unit" in r
            }
            return rows, p.get("total")
    return {}, None


def _figure(sent: Any, key: str) -> int | None:
    value = sent.get(key) if isinstance(sent, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _row_differences(unit: str, name: str, sent: Any, row: Row | None) -> list[Difference]:
    """Figures that moved; a row on one side only counts as zeros on the other."""
    out = []
    for key in FIGURES:
        before = _figure(sent, key)
        now: int | None = getattr(row, key) if row is not None else None
        if (before or 0) != (now or 0):
            out.append(Difference(unit, name, key, before, now))
    return out


def compare(summary: Summary, period_id: str, report: dict[str, Any]) -> Comparison:
    """Where the period's figures today differ from the report: per unit, then 合计."""
    ps = summary.period(period_id)
    assert ps is not None
    sent, sent_total = sent_rows(report, period_id)
    found: list[Difference] = []
    for row in ps.rows:
        found += _row_differences(row.unit, row.name, sent.get(row.unit), row)
    for unit, old in sent.items():  # a unit taken out of campaign.yaml since
        if ps.row(unit) is None:
            found += _row_differences(unit, str(old.get("name", unit)), old, None)
    found += _row_differences("", TOTAL, sent_total, ps.total)
    return Comparison(ps, str(report.get("submitted_on", "")), tuple(found))
