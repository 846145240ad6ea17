"""``build [--out DIR] [--privacy masked|full]``: the static intranet site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import clock, privacy
from generator.build import Options, build


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "build",
        parents=[common],
        help="校验数据并生成内网静态网站",
        description="先校验全部数据，有问题时列出问题、退出码为 1，原有网站保持不变；"
        "数据无误时生成首页、汇总表、台账和每案一页等网站页面，全部成功后才替换输出文件夹。"
        "设置 SOURCE_DATE_EPOCH 或给出 --today 时，同样的数据生成逐字节相同的网站。",
    )
    p.add_argument("--out", default="site", metavar="文件夹", help="输出文件夹（默认 site/）")
    p.add_argument(
        "--privacy",
        choices=[privacy.MASKED, privacy.FULL],
        default=privacy.MASKED,
        help="masked（默认）：信访人姓名只显示首字、不显示住址；"
        "full：显示完整个人信息，仅供限定人员访问的部署，每页都有提示横幅",
    )
    p.set_defaults(func=run)


def options_from(args: argparse.Namespace) -> Options:
    """Build options from ``--out``, ``--privacy`` and ``--today`` (shared with ``serve``)."""
    root = Path.cwd()
    out = Path(args.out)
    return Options(
        root=root,
        out=out if out.is_absolute() else root / out,
        today=clock.today(args.today),
        privacy=args.privacy,
        progress=sys.stderr.isatty(),
    )


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    report = build(options, today_given=args.today)
    counts = f"{report.cases} 件案件，{report.pages} 个页面"
    print(f"已生成网站：{args.out}（{counts}，用时 {report.seconds:.1f} 秒）")
    return 0
