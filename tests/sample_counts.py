"""Expected figures of the sample, computed without the generator: the golden CSV, and a plain
count over the case files read with ``yaml.safe_load`` (a second, simpler computation)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_CSV = ROOT / "tests" / "golden" / "summary.csv"
END = dt.date(2019, 9, 25)  # the sample campaign's 结束日期, its as-of date from then on


def half_month(day: dt.date) -> str:
    """The period id of a date: ``2019-07-1`` for the 1st to the 15th, ``-2`` after."""
    return f"{day.year}-{day.month:02d}-{1 if day.day <= 15 else 2}"


def ratio(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def golden_summary() -> dict[str, list[list[str]]]:
    """Each period of tests/golden/summary.csv: its rows as 报送单位 and the six figures."""
    with GOLDEN_CSV.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    out: dict[str, list[list[str]]] = {}
    for row in rows:
        out.setdefault(half_month(dt.date.fromisoformat(row[1])), []).append(row[3:])
    return out


def case_files(root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Every case file of the sample as plain YAML data, by ``unit/id``."""
    return {
        f"{p.parent.name}/{p.stem}": yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "cases").glob("*/*.yaml"))
    }


def count_summary(units: list[tuple[str, str]], pids: list[str]) -> dict[str, list[list[str]]]:
    """The 汇总表 counted from the files: by 排查日期 and 化解日期, running sums per unit."""
    screened: dict[tuple[str, str], int] = {}
    resolved: dict[tuple[str, str], int] = {}
    for key, case in case_files().items():
        unit = key.split("/")[0]
        s = (unit, half_month(case["排查日期"]))
        screened[s] = screened.get(s, 0) + 1
        if case.get("化解日期"):
            r = (unit, half_month(case["化解日期"]))
            resolved[r] = resolved.get(r, 0) + 1
    out: dict[str, list[list[str]]] = {}
    cum = {code: [0, 0] for code, _ in units}
    for pid in pids:
        rows, sums = [], [0, 0, 0, 0]
        for code, name in units:
            s, r = screened.get((code, pid), 0), resolved.get((code, pid), 0)
            cum[code][0] += s
            cum[code][1] += r
            figures = [s, r, *cum[code]]
            sums = [a + b for a, b in zip(sums, figures, strict=True)]
            rows.append([name, *_texts(figures)])
        out[pid] = [*rows, ["合计", *_texts(sums)]]
    return out


def _texts(figures: list[int]) -> list[str]:
    s, r, cs, cr = figures
    return [str(s), str(r), ratio(r, s), str(cs), str(cr), ratio(cr, cs)]


def sample_cards() -> list[str]:
    """The dashboard's seven figures at the end of the campaign, counted from the files."""
    cases = list(case_files().values())
    resolved = sum(1 for c in cases if c.get("化解日期"))
    open_ = [c for c in cases if not c.get("化解日期")]

    def last(case: dict[str, Any]) -> dt.date:
        dates = [m["日期"] for m in case.get("工作措施") or []]
        return max(dates) if dates else case["排查日期"]

    figures = [
        len(cases),
        resolved,
        ratio(resolved, len(cases)),
        len(open_),
        sum(1 for c in open_ if c["风险等级"] == "高"),
        sum(1 for c in open_ if (END - c["排查日期"]).days > 60),
        sum(1 for c in open_ if (END - last(c)).days >= 15),
    ]
    return [str(f) for f in figures]
