"""``schema [--check]``: write (or check) schema/*.json from the package and the profile."""

from __future__ import annotations

import argparse

from generator.cli.generated import refresh
from generator.cli.options import Command, flag
from generator.errors import DataError
from generator.ledger.profile import schema_text
from generator.ledger.schema import load_schema
from generator.ledger.validate import checked_campaign
from generator.system import files

FOLDER = "schema"
COMMAND = Command(
    "schema",
    help="根据台账配置生成 schema/ 中的案件格式（JSON Schema）",
    description="根据 campaign.yaml 的台账配置（问题类型、风险等级、化解状态、可选字段等）"
    "生成 schema/case.schema.json，并复制 schema/campaign.schema.json。"
    "持续集成、代码编辑器和网页表单都按这些文件检查案件；改了台账配置后运行本命令并提交。",
    options=(flag("--check", "只检查：schema/ 与台账配置不一致时报告并以退出码 1 结束，不写文件"),),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    campaign = checked_campaign(root, "无法生成 schema/")
    wanted = {
        "case.schema.json": schema_text(campaign.profile.case_schema),
        "campaign.schema.json": schema_text(load_schema("campaign")),
    }
    linked = files.linked_part(root, root / FOLDER)
    if linked is not None:
        raise DataError(f"{linked} 是符号链接，不能经过它写 schema；请把它换成真正的文件夹")
    stale = []
    if not args.check:
        (root / FOLDER).mkdir(exist_ok=True)
    for name, text in wanted.items():
        path = root / FOLDER / name
        if path.is_symlink():  # an old checkout's link into the package: a real file now
            if args.check:
                stale.append(name)
                continue
            path.unlink()
        state = refresh(path, text, args.check)
        if state == "stale":
            stale.append(name)
        elif state == "written":
            print(f"已写入 {FOLDER}/{name}")
    if stale:
        names = "，".join(f"{FOLDER}/{name}" for name in stale)
        print(f"{names} 与台账配置不一致，请运行 python -m generator schema 后提交")
        return 1
    if args.check:
        print(f"{FOLDER}/ 与台账配置一致")
    return 0
