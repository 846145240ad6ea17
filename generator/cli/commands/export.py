"""``export --out FILE.xlsx [--unit UNIT] [--period ID]``: the 台账 and 汇总表 as Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.options import Command, option, period_option
from generator.core import reports
from generator.errors import UsageError
from generator.excel.export import write_workbook
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.terminal import printable

COMMAND = Command(
    "export",
    help="导出 Excel：台账（附件1）和汇总表（附件2）",
    description="导出 Excel 工作簿（完整数据，未脱敏）。"
    "给出 --unit 时导出该单位的台账和它的一行汇总表（村、社区报送用）；"
    "不给时导出全办汇总表（每单位一行及合计）"
    "和每个单位一张台账。"
    "台账在附件1的 12 列之后还有编号、排查日期等列，import 可原样读回。",
    options=(
        option("--out", required=True, metavar="文件.xlsx", help="输出文件，扩展名为 .xlsx"),
        option("--unit", metavar="单位", help="只导出这个单位（名称或代码），如 东村 或 dongcun"),
        period_option("汇总表的时段（默认为统计截止日所在的时段）"),
    ),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"输出文件“{args.out}”的扩展名应为 .xlsx")
    if not out.parent.is_dir():
        raise UsageError(f"文件夹“{out.parent}”不存在")
    today = clock.today(args.today)
    campaign, cases = checked_ledger(root, today)
    unit = None if args.unit is None else campaign.require_unit(args.unit)
    made = clock.made_at()
    sent = reports.load_submitted(root, campaign.profile.rhythm)  # for 报送时间
    write_workbook(
        out,
        campaign,
        cases,
        today,
        unit=unit.code if unit else None,
        period=args.period,
        created=made,
        submitted=sent,
    )
    if unit:
        count = sum(1 for c in cases if c.unit == unit.code)
        print(printable(f"已导出{unit.name}的台账（{count} 件）和汇总表：{out}"))
    else:
        print(f"已导出全办汇总表和 {len(campaign.units)} 个单位的台账（共 {len(cases)} 件）：{out}")
    return 0
