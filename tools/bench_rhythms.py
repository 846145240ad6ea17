"""Benchmark of the 汇总表 in each reporting rhythm (issue 11's budget): summary over 100,000
cases for 周, 半月, 月 and 季, at most 2 s each.

Two windows: the sample campaign's three months, and a standing ledger of three years (the
weekly one has 158 periods there). The cases are built in memory once per window (loading them
is the validate benchmark's business); each figure is the median of several runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core.periods import RHYTHMS
from generator.core.summary import summarize
from generator.ledger.model import Campaign, Case, Phase
from generator.ledger.validate import load_campaign
from tools.bench_summary import models

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
CASES = 100_000
BUDGET = 2.0
RUNS = 5


def _standing(campaign: Campaign) -> Campaign:
    """The sample's units over three years, one phase: a long window with many periods."""
    start, end = dt.date(2017, 1, 1), dt.date(2019, 12, 31)
    return replace(campaign, start=start, end=end, phases=(Phase("全面排查", start, end),))


def _median(campaign: Campaign, cases: list[Case], rhythm: str) -> tuple[float, int]:
    """The median time of the summary with the profile's 报送周期 set to rhythm; its periods."""
    campaign = replace(campaign, profile=replace(campaign.profile, rhythm=rhythm))
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        summary = summarize(campaign, cases, TODAY)
        times.append(time.perf_counter() - started)
    assert summary.periods[-1].total.cum_screened == len(cases)
    return statistics.median(times), len(summary.periods)


def run() -> list[str]:
    sample, problems = load_campaign(ROOT)
    assert sample is not None, problems
    lines = []
    for title, campaign in (
        ("示例活动（3 个月）", sample),
        ("常设台账（3 年）", _standing(sample)),
    ):
        cases = models(campaign, CASES)
        lines.append(f"汇总表，{CASES:,} 件，{title}，上限 {BUDGET:g} 秒（{RUNS} 次的中位数）：")
        for rhythm in RHYTHMS:
            seconds, count = _median(campaign, cases, rhythm)
            over = "" if seconds <= BUDGET else "  超出上限！"
            lines.append(f"  按{rhythm}报送（{count} 期）：{seconds * 1000:.0f} 毫秒{over}")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
