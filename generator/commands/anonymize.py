"""``anonymize``: mask every petitioner's name and address in every case file."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import clock
from generator.anonymize import plan
from generator.casefile import write_atomic
from generator.errors import DataError
from generator.validate import checked_ledger


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "anonymize",
        parents=[common],
        help="把所有案件中信访人的姓名和住址替换为脱敏形式（保存期满后使用）",
        description="个人信息保存期满后使用：把每个案件文件中的信访人姓名改为只留首字"
        "（王建国 → 王**），几人合署的姓名逐人处理"
        "（张伟、刘芳 → 张*、刘*），住址改为“（住址已隐去）”，"
        "并把所有信访人的姓名（含合署姓名中的每个人）和住址从所有案件的问题属地、主要诉求、工作措施、备注中替换掉"
        "（住址替换为“住址已隐去”），身份证号、电话号码、银行卡号替换为“号码已隐去”。"
        "数据有误时不做任何改动。重复运行不会再改动。"
        "改完后 git 历史中仍有原文，见 README“个人信息保护与数据保留”。",
    )
    p.add_argument("--dry-run", action="store_true", help="只列出将要改动的文件，不写入")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    _, cases = checked_ledger(root, clock.today(args.today))
    rewrites, refused = plan(cases)
    if refused:
        for line in refused:
            print(line)
        raise DataError("有案件脱敏后不再符合格式，没有改动任何文件；请先缩短上面列出的字段")
    for rewrite in rewrites:
        if not args.dry_run:
            write_atomic(root / rewrite.path, rewrite.text)
        print(f"{rewrite.path}：{'、'.join(rewrite.fields)}（{len(rewrite.fields)} 项）")
    if not rewrites:
        print(f"没有需要脱敏的内容（共 {len(cases)} 个案件文件）")
    elif args.dry_run:
        print(f"试运行：将脱敏 {len(rewrites)} 个案件文件（共 {len(cases)} 个），未写入任何文件")
    else:
        print(f"已脱敏 {len(rewrites)} 个案件文件（共 {len(cases)} 个）")
    return 0
