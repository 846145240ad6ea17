"""``codeowners [--check]``: write (or check) the root CODEOWNERS from campaign.yaml."""

from __future__ import annotations

import argparse

from generator.cli.generated import refresh
from generator.cli.options import Command, flag
from generator.editor.codeowners import FILE, codeowners_text
from generator.ledger.validate import checked_campaign
from generator.system import files

COMMAND = Command(
    "codeowners",
    help="根据 campaign.yaml 的审核人生成仓库根目录的 CODEOWNERS",
    description="根据 campaign.yaml 中各单位的“审核人”生成仓库根目录的 CODEOWNERS，"
    "使每个单位文件夹的改动由该单位的审核人审核"
    "（GitHub、GitLab、Gitea、Forgejo 都读这个文件）。",
    options=(
        flag(
            "--check", "只检查：CODEOWNERS 与 campaign.yaml 不一致时报告并以退出码 1 结束，不写文件"
        ),
    ),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    campaign = checked_campaign(root, "无法生成 CODEOWNERS")
    text = codeowners_text(campaign)
    path = root / FILE
    state = refresh(path, text, args.check)
    if state == "stale":
        print(
            f"{FILE} 与 campaign.yaml 的审核人不一致，请运行 python -m generator codeowners 后提交"
        )
        return 1
    if state == "written":
        print(f"已根据 campaign.yaml 写入 {FILE}（{len(campaign.units)} 个单位）")
    else:
        print(f"{FILE} 与 campaign.yaml 一致" if args.check else f"{FILE} 已是最新，无需改动")
    return 0
