"""``build [--out DIR] [--privacy masked|full]``: the static intranet site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.explain import progress
from generator.cli.options import Command, option, privacy_option
from generator.site.build import Options, build
from generator.system import clock, files

OUT_HELP = "输出文件夹（默认 site/）；已有的文件夹只有是 build 生成的或为空时才会被替换"


COMMAND = Command(
    "build",
    help="校验数据并生成内网静态网站",
    description="先校验全部数据，有问题时列出问题、退出码为 1，原有网站保持不变；"
    "数据无误时生成首页、汇总表、台账和每案一页等网站页面，全部成功后才替换输出文件夹。"
    "设置 SOURCE_DATE_EPOCH 或给出 --today 时，同样的数据生成逐字节相同的网站。"
    "输出文件夹不能是仓库本身或包含仓库，不能在 cases/、.git/、schema/、generator/ 中，"
    "也不能是或经过符号链接；已有的输出文件夹只有带 .taizhang-site 标记（build 生成的）"
    "或为空时才会被替换。同时运行的两次生成会排队（最多等 1 分钟）。",
    options=(
        option("--out", default="site", metavar="文件夹", help=OUT_HELP),
        privacy_option(
            "masked（默认）：信访人姓名只显示首字、不显示住址；"
            "full：显示完整个人信息，仅供限定人员访问的部署，每页都有提示横幅"
        ),
    ),
)


def options_from(args: argparse.Namespace) -> Options:
    """Build options from ``--out``, ``--privacy`` and ``--today`` (shared with ``serve``)."""
    root = files.repository()
    out = Path(args.out)
    return Options(
        root=root,
        out=out if out.is_absolute() else root / out,
        today=clock.today(args.today),
        privacy=args.privacy,
        progress=sys.stderr.isatty(),
        say=progress,
    )


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    built = build(options, today_given=args.today)
    counts = f"{built.cases} 件案件，{built.pages} 个页面"
    print(f"已生成网站：{args.out}（{counts}，用时 {built.seconds:.1f} 秒）")
    return 0
