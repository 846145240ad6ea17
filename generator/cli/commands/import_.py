"""``import FILE.xlsx --unit CODE [--map MAP.yaml] [--dry-run] [--update] …``: 台账 → cases."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.options import Command, date_option, flag, option
from generator.errors import UsageError
from generator.excel import importer, mapping, mapsheet
from generator.excel.sheet import Sheet, quoted
from generator.ledger.model import Campaign, Unit
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.terminal import printable

COMMAND = Command(
    "import",
    help="把 Excel 台账导入为案件文件",
    description="把 Excel 台账（.xlsx）导入为 cases/<单位代码>/ 下的案件文件："
    "本工具导出的台账可原样读回，手工填写的附件1 格式台账也可以（表头在前 15 行内即可）；"
    "其他格式的台账用 --map 映射文件说明哪一列是哪个字段。"
    "每一行都按 validate 的规则检查，"
    "不合格的行逐行报告（文件:第N行: 原因），不写入；已有的案件只有加 --update 才会改动。"
    "有行未导入时退出码为 1。",
    options=(
        option("file", metavar="文件.xlsx", help="要导入的 Excel 工作簿"),
        option(
            "--unit",
            required=True,
            metavar="单位",
            help="导入到哪个单位（名称或代码），如 东村 或 dongcun",
        ),
        option(
            "--map",
            metavar="映射.yaml",
            help="其他格式台账的映射文件：工作表、表头行、栏目（表头→字段）、取值、默认",
        ),
        flag("--dry-run", "只检查并报告（包括按内置同义词规整的值），不写入任何文件"),
        flag(
            "--update",
            "表中编号已存在（没有编号的表：信访人姓名、排查日期、问题属地相同）"
            "且内容不同时，按表格更新该案件文件",
        ),
        date_option("--screened-on", "表中没有排查日期时使用的排查日期（YYYY-MM-DD）"),
        date_option(
            "--resolved-on", "标为已化解、但表中没有化解日期时使用的化解日期（YYYY-MM-DD）"
        ),
        option(
            "--risk",
            metavar="等级",
            help="表中没有风险等级时使用的风险等级，须是台账的风险等级之一（默认为 高、中、低）",
        ),
    ),
)


_VERB = {"new": "新增", "update": "更新"}


def _risk(value: str | None, campaign: Campaign) -> str | None:
    """--risk, checked against the ledger's own scale (the profile's, not a fixed 高/中/低)."""
    allowed = campaign.profile.risks
    if value is not None and value not in allowed:
        raise UsageError(f"--risk 的值“{value}”不是台账的风险等级，可选：{'、'.join(allowed)}")
    return value


def _load(
    args: argparse.Namespace, campaign: Campaign, unit: Unit
) -> tuple[Sheet, mapping.Mapping | None]:
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"找不到文件“{args.file}”")
    if args.map is None:
        return importer.load(source, args.file, campaign, unit.code), None
    if not Path(args.map).is_file():
        raise UsageError(f"找不到映射文件“{args.map}”")
    found = mapping.load(Path(args.map), args.map, campaign.profile.registry)
    return mapsheet.read(source, args.file, found, campaign, unit), found


def _notes(sheet: Sheet, mapped: bool) -> None:
    """The columns nothing is read from: every one by name, never dropped silently."""
    if sheet.ignored and mapped:
        listed = quoted(sheet.ignored)
        print(
            printable(f"注意：这些列没有映射，没有导入：{listed}（不要的列请在“栏目”中写成 忽略）")
        )
    elif sheet.ignored:
        print(printable(f"注意：这些列不是台账的列，没有导入：{quoted(sheet.ignored)}"))
    if sheet.numbering:
        print(
            printable(
                f"注意：“{sheet.numbering}”列是本单位自编的编号，没有导入；要保留它，"
                "请在 campaign.yaml 的“台账.字段”中加上 原编号"
            )
        )


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    today = clock.today(args.today)
    campaign, cases = checked_ledger(root, today)
    risk = _risk(args.risk, campaign)
    unit = campaign.require_unit(args.unit)
    sheet, found = _load(args, campaign, unit)
    options = importer.Options(
        unit=unit.code,
        screened_on=args.screened_on,
        resolved_on=args.resolved_on,
        risk=risk,
        update=args.update,
        words=found.words if found else {},
        defaults=found.defaults if found else {},
    )
    plan = importer.plan_import(sheet, campaign, cases, options, today)
    _notes(sheet, found is not None)
    for number, reason in plan.refused:  # reasons quote cells: text from the sheet
        print(printable(f"{args.file}:第{number}行: {reason}"))
    prefix = "将" if args.dry_run else ""
    for item in plan.planned:
        if item.action in _VERB:
            rel = importer.case_path(root, item.case).relative_to(root).as_posix()
            print(f"  {prefix}{_VERB[item.action]} {rel}（第{item.row}行）")
    if args.dry_run:
        for number, said in plan.normalized:
            print(printable(f"  已规整 第{number}行 {said}"))
    else:
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
