"""``diff --base REF [--head REF] [--privacy masked|full]``: what a change does to the ledger and
the 汇总表."""

from __future__ import annotations

import argparse
import sys

from generator.cli.options import Command, choice, option, privacy_option
from generator.core import privacy
from generator.diff.compare import compare
from generator.diff.render import FORMATS
from generator.errors import DataError
from generator.git.history import read_history, shallow_message
from generator.system import clock, files

COMMAND = Command(
    "diff",
    help="比较两个 git 版本的台账：新增、删除、移交、化解、风险升级、汇总表变化",
    description="从 git 读取两个版本的案件和 campaign.yaml（不改动工作区），"
    "分别校验后说明改动：新增、删除、移交、化解、重新打开的案件，按中文字段名列出的修改（信访人信息已脱敏），"
    "风险升级，各期汇总表的变化，以及改动了已报送期次的数字。"
    "退出码：0 正常，1 新版本的数据有误，2 版本不存在或用法错误。",
    options=(
        option("--base", required=True, metavar="版本", help="比较的基准，如 origin/main"),
        option(
            "--head",
            default="HEAD",
            metavar="版本",
            help="要审核的版本，默认 HEAD（当前提交；未提交的改动不算在内）",
        ),
        choice(
            "--format",
            sorted(FORMATS),
            "text",
            "输出格式：text（默认，终端）、markdown（合并请求和检查摘要）、json（供程序读取）",
        ),
        privacy_option(
            "masked（默认）：信访人姓名只留首字，住址不显示，文字中出现的信访人姓名和住址一并替换；"
            "full：显示完整姓名和住址，只用于限定人员查看的场合。两种方式下身份证号、电话号码、银行卡号都会隐去"
        ),
    ),
)


def run(args: argparse.Namespace) -> int:
    today = clock.today(args.today)
    root = files.repository()
    earlier: frozenset[tuple[str, str]] = frozenset()
    if args.privacy != privacy.FULL:
        # Every petitioner ever named in the history is masked, as on the site.
        history = read_history(root, every_version=True)
        if history.shallow:
            raise DataError(shallow_message("输出脱敏的台账变更", "diff --privacy full "))
        earlier = history.people
    result = compare(root, args.base, args.head, today, earlier, mode=args.privacy)
    sys.stdout.write(FORMATS[args.format](result))
    return 0 if result.valid else 1
