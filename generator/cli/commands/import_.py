"""``import FILE.xlsx --unit CODE [--dry-run] [--update] [--screened-on DATE]``: 台账 → cases."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.options import Command, date_option, flag, option
from generator.errors import UsageError
from generator.excel import importer
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.terminal import printable

COMMAND = Command(
    "import",
    help="把 Excel 台账导入为案件文件",
    description="把 Excel 台账（.xlsx）导入为 cases/<单位代码>/ 下的案件文件："
    "本工具导出的台账可原样读回，手工填写的附件1 格式台账也可以（表头在前 15 行内即可）。"
    "每一行都按 validate 的规则检查，"
    "不合格的行逐行报告（文件:第N行: 原因），不写入；已有的案件只有加 --update 才会改动。"
    "有行未导入时退出码为 1。",
    options=(
        option("file", metavar="文件.xlsx", help="要导入的 Excel 工作簿"),
        option("--unit", required=True, metavar="单位代码", help="导入到哪个单位，如 dongcun"),
        flag("--dry-run", "只检查并报告，不写入任何文件"),
        flag("--update", "表中编号已存在且内容不同时，按表格更新该案件文件"),
        date_option("--screened-on", "表中没有排查日期时使用的排查日期（YYYY-MM-DD）"),
        date_option(
            "--resolved-on", "标为已化解、但表中没有化解日期时使用的化解日期（YYYY-MM-DD）"
        ),
        option(
            "--risk",
            choices=("高", "中", "低"),
            metavar="等级",
            help="表中没有风险等级时使用的风险等级：高、中或低",
        ),
    ),
)


_VERB = {"new": "新增", "update": "更新"}


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"找不到文件“{args.file}”")
    today = clock.today(args.today)
    campaign, cases = checked_ledger(root, today)
    sheet = importer.load(source, args.file, campaign, args.unit)
    options = importer.Options(
        unit=args.unit,
        screened_on=args.screened_on,
        resolved_on=args.resolved_on,
        risk=args.risk,
        update=args.update,
    )
    plan = importer.plan_import(sheet, campaign, cases, options, today)
    unit = campaign.unit(args.unit)
    assert unit is not None
    if sheet.ignored:
        print(printable(f"注意：这些列不是台账的列，没有导入：{'、'.join(sheet.ignored)}"))
    for number, reason in plan.refused:  # reasons quote cells: text from the sheet
        print(printable(f"{args.file}:第{number}行: {reason}"))
    prefix = "将" if args.dry_run else ""
    for item in plan.planned:
        if item.action in _VERB:
            rel = importer.case_path(root, item.case).relative_to(root).as_posix()
            print(f"  {prefix}{_VERB[item.action]} {rel}（第{item.row}行）")
    if not args.dry_run:
        importer.write(root, plan)
    line = (
        f"{prefix}新增 {plan.count('new')} 件，{prefix}更新 {plan.count('update')} 件，"
        f"未导入 {len(plan.refused)} 行"
    )
    if plan.count("same"):
        line += f"，与已有案件相同 {plan.count('same')} 行"
    print(printable(f"{line}（{unit.name}，工作表“{sheet.name}”）"))
    if args.dry_run:
        print("试运行：没有写入任何文件")
    return 1 if plan.refused else 0
