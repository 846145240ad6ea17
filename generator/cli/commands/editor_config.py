"""``editor-config [--check]``: regenerate the web editor's admin/config.yml."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.generated import refresh
from generator.cli.options import Command, flag
from generator.editor import backend as editorbackend
from generator.editor.decap import CONFIG_FILE, config_text
from generator.errors import DataError
from generator.ledger.validate import checked_campaign
from generator.system import files

COMMAND = Command(
    "editor-config",
    help="重新生成网页编辑器的 admin/config.yml",
    description="根据 schema/case.schema.json、campaign.yaml 和 editor.yaml 生成"
    "网页编辑器（Decap CMS）的配置 admin/config.yml。"
    "改动这三个文件后运行，并把 admin/config.yml 一同提交。",
    options=(flag("--check", "只检查 admin/config.yml 是否已是最新，不写文件；过期时退出码为 1"),),
)


def expected(root: Path) -> str:
    """The config.yml that the schema, campaign.yaml and editor.yaml call for."""
    campaign = checked_campaign(root, "无法生成网页编辑器配置")
    return config_text(campaign, editorbackend.load(root))


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    text = expected(root)
    path = root / CONFIG_FILE
    linked = files.linked_part(root, path.parent)
    if linked is not None:
        raise DataError(f"{linked} 是符号链接，不能经过它写 {CONFIG_FILE}；请把它换成真正的文件夹")
    state = refresh(path, text, args.check)
    if state == "stale":
        raise DataError(
            f"{CONFIG_FILE} 已过期，请运行 python -m generator editor-config 重新生成并提交"
        )
    if state == "written":
        print(f"已生成 {CONFIG_FILE}")
    else:
        print(f"{CONFIG_FILE} 已是最新" if args.check else f"{CONFIG_FILE} 已是最新，未改动")
    return 0
