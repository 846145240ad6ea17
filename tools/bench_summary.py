"""Benchmarks of the 汇总表 and the Excel files (issue 3's budgets).

- summary over 100,000 cases, built in memory (loading them is the validate benchmark's
  business): at most 2 s;
- export of 10,000 cases (the office workbook: 汇总表 and every unit's 台账): at most 10 s;
- for scale, import of that workbook's largest 台账 sheet.

Medians of several runs, each figure beside its budget.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core.summary import summarize
from generator.core.summary_text import summary_csv, summary_table
from generator.excel.export import write_workbook
from generator.excel.importer import Options, plan_import
from generator.excel.sheet import read_sheet
from generator.ledger.model import Campaign, Case
from generator.ledger.records import case_from_dict
from generator.ledger.validate import load_campaign
from tools.synthetic import make_cases

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
SUMMARY_CASES = 100_000
EXPORT_CASES = 10_000
SUMMARY_BUDGET = 2.0
EXPORT_BUDGET = 10.0


def models(campaign: Campaign, n: int) -> list[Case]:
    return [case_from_dict(d, unit, cid) for unit, cid, d in make_cases(campaign, n, seed=3)]


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _verdict(seconds: float, budget: float) -> str:
    return f"{seconds:.3f} 秒（上限 {budget:g} 秒，占 {seconds / budget:.0%}）" + (
        "" if seconds <= budget else "  超出上限！"
    )


def run() -> list[str]:
    campaign, problems = load_campaign(ROOT)
    assert campaign is not None, problems
    lines = []

    many = models(campaign, SUMMARY_CASES)
    summary = summarize(campaign, many, TODAY)
    assert summary.periods[-1].total.cum_screened == SUMMARY_CASES
    t_summary = median(lambda: summarize(campaign, many, TODAY), 5)
    t_text = median(lambda: (summary_table(summary, None), summary_csv(summary, None)), 5)
    lines.append(f"汇总表，{SUMMARY_CASES:,} 件（不含读取）：{_verdict(t_summary, SUMMARY_BUDGET)}")
    lines.append(f"  终端表格和 CSV 的排版：{t_text * 1000:.2f} 毫秒")

    some = models(campaign, EXPORT_CASES)
    out = io.BytesIO()

    def export() -> None:
        out.seek(0)
        out.truncate()
        write_workbook(out, campaign, some, TODAY)

    t_export = median(export, 3)
    size = len(out.getvalue())
    lines.append(
        f"导出 Excel，{EXPORT_CASES:,} 件（全办汇总表和 {len(campaign.units)} 张台账，"
        f"{size / 1024 / 1024:.1f} MB）：{_verdict(t_export, EXPORT_BUDGET)}"
    )
    lines.append(f"  比值：导出 ÷ 汇总 = {t_export / t_summary:.0f} 倍")

    # Import reads one unit's sheet back: the largest one, through the same code as the command.
    counts = {u.code: sum(1 for c in some if c.unit == u.code) for u in campaign.units}
    unit = max(counts, key=lambda code: counts[code])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unit.xlsx"
        write_workbook(path, campaign, some, TODAY, unit=unit)
        from openpyxl import load_workbook

        def read_back() -> None:
            sheet = read_sheet(load_workbook(path, data_only=True)["台账"])
            assert sheet is not None
            plan = plan_import(sheet, campaign, [], Options(unit=unit), TODAY)
            assert len(plan.planned) == counts[unit] and not plan.refused

        t_import = median(read_back, 3)
    lines.append(
        f"导入一张台账，{counts[unit]:,} 行（读表、逐行检查，不写文件）：{t_import:.3f} 秒"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
