"""``submit --period ID``: record a period's office 汇总表 as sent upward, in reports/<ID>.json.

A period is reported once it is over, so a period whose last day is still to come is refused
(its figures would still grow). Recording a period again with other figures (a corrected
report) needs ``--replace``; git keeps the earlier one.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from generator.cli.options import Command, flag, period_option
from generator.core import reports
from generator.core.summary import require_period, summarize
from generator.errors import DataError, UsageError
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.system.files import write_atomic

COMMAND = Command(
    "submit",
    help="把某一时段的汇总表记为已报送（写入 reports/<时段>.json）",
    description="把某一时段的全办汇总表按今天的数据记为已报送，写入 reports/<时段>.json，"
    "请连同该文件一起提交。时段须已结束（今天不早于时段的最后一天）。"
    "之后用 summary --period <时段> --compare-submitted 可查看报送后数字的变化。",
    options=(
        period_option("要报送的时段", required=True),
        flag("--replace", "该时段已有报送记录且数字不同时（更正后重报），用新数字替换"),
    ),
)


def _figures(report: dict[str, Any]) -> Any:
    """What a report says about the period, without the dates it was counted and sent on."""
    return report.get("periods")


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    today = clock.today(args.today)
    campaign, cases = checked_ledger(root, today)
    summary = summarize(campaign, cases, today)
    ps = require_period(summary, args.period)
    pid = ps.period.id  # --period may name a day inside the period
    label = ps.period.label()
    dated = ps.period.with_days(f"{ps.period.start} 至 {ps.period.end}")
    if today < ps.period.end:
        raise UsageError(f"{dated}尚未结束，今天是 {today}：时段的最后一天起才能报送")
    path = reports.report_path(root, pid)
    rel = path.relative_to(root).as_posix()
    text = reports.report_text(summary, pid, today)
    if path.exists():
        try:
            old = reports.load_submitted(root, summary.rhythm).get(pid, {})
        except DataError:
            old = {}
        if _figures(old) == _figures(json.loads(text)):
            sent = old.get("submitted_on", "?")
            print(f"{label}的汇总表已于 {sent} 报送，数字没有变化，未改动 {rel}")
            return 0
        if not args.replace:
            raise DataError(
                f"{label}的汇总表已报送过（{rel}），现在的数字与当时不同；"
                "要用现在的数字替换报送记录，请加 --replace"
                f"（先用 summary --period {pid} --compare-submitted 查看差异）"
            )
    write_atomic(path, text)
    total = ps.total
    print(
        f"已记录{dated}的汇总表："
        f"排查 {total.screened} 件，化解 {total.resolved} 件；"
        f"累计排查 {total.cum_screened} 件，累计化解 {total.cum_resolved} 件"
    )
    print(f"  写入 {rel}，请提交：git add {rel}")
    return 0
