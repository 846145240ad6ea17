"""``summary [--period ID] [--format table|csv|json] [--compare-submitted]``: the 汇总表."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.cli.options import Command, choice, flag, period_option
from generator.core import reports
from generator.core import summary_text as tables
from generator.core.summary import Summary, require_period, summarize, to_json
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.terminal import printable_json

COMMAND = Command(
    "summary",
    help="汇总表：各单位每期的排查数、化解数和累计数",
    description="按报送周期（campaign.yaml 的 台账.报送周期，默认半月）"
    "统计各单位的排查数、化解数、化解率及累计数（附件2 汇总表）。"
    "排查数按排查日期、化解数按化解日期计入当期（新化解数，不论何时排查）。"
    "统计截至今天与活动结束日期中较早的一天。",
    options=(
        period_option("只列出这一时段（默认列出全部时段）"),
        choice(
            "--format",
            ("table", "csv", "json"),
            "table",
            "输出格式：table（默认，终端表格）、csv（带 BOM，可用 Excel/WPS 打开）、json",
        ),
        flag("--compare-submitted", "与 reports/ 中已报送的汇总表核对，列出报送后变化了的数字"),
    ),
)


def write_bytes(text: str) -> None:
    """CSV goes out byte for byte (UTF-8, BOM, CRLF), whatever the platform translates."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _json(data: object) -> str:
    return printable_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def compare(root: Path, summary: Summary, period_id: str | None, fmt: str) -> str:
    submitted = reports.load_submitted(root, summary.rhythm)
    if period_id is not None:
        label = summary.period(period_id).period.label()  # type: ignore[union-attr]
        wanted = [period_id] if period_id in submitted else []
        missing = (
            f"{label}尚未报送（没有 {reports.REPORTS_DIR}/{period_id}.json），没有可核对的报送记录"
        )
    else:
        wanted = [pid for pid in submitted if summary.period(pid) is not None]
        missing = f"尚无报送记录（{reports.REPORTS_DIR}/ 中没有本次活动时段的报送文件）"
    found = [reports.compare(summary, pid, submitted[pid]) for pid in wanted]
    if fmt == "json":
        return _json(tables.comparison_json(summary, found))
    if fmt == "csv":
        return tables.comparison_csv(found)
    return tables.comparison_table(summary, found, missing)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    campaign, cases = checked_ledger(root, clock.today(args.today))
    summary = summarize(campaign, cases, clock.today(args.today))
    # --period names a period by its id or by a day inside it: from here on, by its id
    pid = None if args.period is None else require_period(summary, args.period).period.id
    if args.compare_submitted:
        text = compare(root, summary, pid, args.format)
    elif args.format == "json":
        text = _json(to_json(summary, only=pid))
    elif args.format == "csv":
        text = tables.summary_csv(summary, pid)
    else:
        text = tables.summary_table(summary, pid)
    if args.format == "csv":
        write_bytes(text)
    else:
        sys.stdout.write(text)
    return 0
