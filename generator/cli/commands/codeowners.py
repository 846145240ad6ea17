"""``codeowners [--check]``: write (or check) the root CODEOWNERS from campaign.yaml."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.editor.codeowners import FILE, render
from generator.ledger.casefile import write_atomic
from generator.ledger.validate import checked_campaign


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "codeowners",
        parents=[common],
        help="根据 campaign.yaml 的审核人生成仓库根目录的 CODEOWNERS",
        description="根据 campaign.yaml 中各单位的“审核人”生成仓库根目录的 CODEOWNERS，"
        "使每个单位文件夹的改动由该单位的审核人审核"
        "（GitHub、GitLab、Gitea、Forgejo 都读这个文件）。",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="只检查：CODEOWNERS 与 campaign.yaml 不一致时报告并以退出码 1 结束，不写文件",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    campaign = checked_campaign(root, "无法生成 CODEOWNERS")
    text = render(campaign)
    path = root / FILE
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            print(
                f"{FILE} 与 campaign.yaml 的审核人不一致，"
                "请运行 python -m generator codeowners 后提交"
            )
            return 1
        print(f"{FILE} 与 campaign.yaml 一致")
        return 0
    if current == text:
        print(f"{FILE} 已是最新，无需改动")
        return 0
    write_atomic(path, text)
    print(f"已根据 campaign.yaml 写入 {FILE}（{len(campaign.units)} 个单位）")
    return 0
