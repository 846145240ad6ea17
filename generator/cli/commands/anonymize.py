"""``anonymize``: mask every petitioner's name and address in every case file."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.options import Command, flag, option
from generator.core.anonymize import plan
from generator.errors import DataError, UsageError
from generator.git import retire
from generator.git.history import EMPTY, read_history
from generator.ledger.validate import checked_ledger
from generator.system import clock, files
from generator.system.files import write_atomic

COMMAND = Command(
    "anonymize",
    help="把所有案件中信访人的姓名和住址替换为脱敏形式（保存期满后使用）",
    description="个人信息保存期满后使用：把每个案件文件中的信访人姓名改为只留首字"
    "（王建国 → 王**），几人合署的姓名逐人处理"
    "（张伟、刘芳 → 张*、刘*），住址改为“（住址已隐去）”，"
    "并把所有信访人的姓名（含合署姓名中的每个人）和住址从所有案件的问题属地、主要诉求、工作措施、备注中替换掉"
    "（住址替换为“住址已隐去”），身份证号、电话号码、银行卡号替换为“号码已隐去”。"
    "数据有误时不做任何改动。重复运行不会再改动。"
    "改完后 git 历史中仍有原文，见 README“个人信息保护与数据保留”。",
    options=(
        flag("--dry-run", "只列出将要改动的文件，不写入"),
        option(
            "--history-replacements",
            metavar="文件",
            type=Path,
            help="不改动案件文件，只把 git 历史中出现过的全部信访人姓名和住址写成"
            " git filter-repo 的替换表"
            "（供 --replace-text 和 --replace-message 使用；文件须在仓库之外），见 README",
        ),
    ),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    if args.history_replacements is not None:
        return write_history_replacements(root, args.history_replacements)
    campaign, cases = checked_ledger(root, clock.today(args.today))
    rewrites, refused = plan(cases, profile=campaign.profile)
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


def write_history_replacements(root: Path, out: Path) -> int:
    """The filter-repo expressions for every name and address in HEAD's ancestry (README)."""
    top = files.repository_top(root)
    if out.resolve().is_relative_to(top):
        raise UsageError(
            f"替换表 {out} 在仓库之中：表中是全部信访人的姓名和住址，不能放进仓库（会被提交），"
            "请写到仓库之外，如 ../替换表.txt"
        )
    history = read_history(root, every_version=True)
    if history is EMPTY:
        raise DataError("这里不是 git 仓库，或者还没有任何提交：没有需要重写的历史")
    if history.shallow:
        raise DataError(
            "这是一个浅克隆（git clone --depth），看不到较早的版本，替换表会漏掉其中的姓名和住址；"
            "请先运行 git fetch --unshallow 取得完整历史"
        )
    found = retire.replacements(history.people)
    # Only the person running the retirement should read the list: owner-only permissions.
    with files.replacing(out, 0o600) as f:
        f.write(retire.expressions(found).encode("utf-8"))
    counts = f"{found.names} 个姓名、{found.addresses} 个住址，共 {len(found.pairs)} 行"
    print(f"已写出替换表 {out}：{counts}；没有改动案件文件")
    if found.skipped:
        print(
            f"注意：有 {len(found.skipped)} 个姓名或住址含换行或“==>”，替换表写不下，"
            "重写后请用 git log --all -p 查找并另行处理"
        )
    print("下一步：在新的克隆中用 git filter-repo 按此表重写历史（README“个人信息保护与数据保留”）")
    return 0
