"""``editor-config [--check]``: regenerate the web editor's admin/config.yml."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.editor import backend as editorbackend
from generator.editor.decap import CONFIG_FILE, config_text
from generator.errors import DataError
from generator.ledger.casefile import write_atomic
from generator.ledger.validate import checked_campaign


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "editor-config",
        parents=[common],
        help="重新生成网页编辑器的 admin/config.yml",
        description="根据 schema/case.schema.json、campaign.yaml 和 editor.yaml 生成"
        "网页编辑器（Decap CMS）的配置 admin/config.yml。"
        "改动这三个文件后运行，并把 admin/config.yml 一同提交。",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="只检查 admin/config.yml 是否已是最新，不写文件；过期时退出码为 1",
    )
    p.set_defaults(func=run)


def expected(root: Path) -> str:
    """The config.yml that the schema, campaign.yaml and editor.yaml call for."""
    campaign = checked_campaign(root, "无法生成网页编辑器配置")
    return config_text(campaign, editorbackend.load(root))


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    text = expected(root)
    path = root / CONFIG_FILE
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            raise DataError(
                f"{CONFIG_FILE} 已过期，请运行 python -m generator editor-config 重新生成并提交"
            )
        print(f"{CONFIG_FILE} 已是最新")
        return 0
    if current == text:
        print(f"{CONFIG_FILE} 已是最新，未改动")
        return 0
    write_atomic(path, text)
    print(f"已生成 {CONFIG_FILE}")
    return 0
