"""``rollup ROLLUP.yaml [--out DIR] [--format json] [--strict]``: the district roll-up."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from generator.cli.explain import progress
from generator.cli.options import Command, flag, option
from generator.core.rollup import District, Member, district
from generator.core.rollup_json import summary_json
from generator.ledger.countsfile import CountsError, read_all
from generator.ledger.rollupfile import Rollup, load_rollup
from generator.site.rollup.build import RollupOptions, build_rollup, prepare
from generator.system import clock
from generator.terminal import printable_json, printable_lines

COMMAND = Command(
    "rollup",
    help="区县汇总：读取各街道网站发布的汇总数据，生成区县汇总网站",
    description="读取汇总设置文件（如 ROLLUP.yaml）中各成员网站的 data/counts.json"
    "（内网 http:// 或 https:// 地址，或相对于设置文件所在文件夹的路径；"
    "并行读取，每个成员最多 10 秒），"
    "按汇总的报送周期重新相加，生成区县汇总网站：各时段各成员的汇总表和合计、趋势图、"
    "各成员的未化解和预警件数、每个成员一页（列出其各单位），以及汇总表 Excel 下载。"
    "汇总网站只含数字，不含任何案件、姓名、住址或文字。读取失败的成员显示为“未报送”并写明原因；"
    "数据没有覆盖某一时段的成员，该时段为“未报送”。",
    options=(
        option("rollup_file", metavar="ROLLUP.yaml", help="汇总设置文件"),
        option(
            "--out",
            metavar="文件夹",
            help="输出文件夹（默认为设置文件所在文件夹中的 site/）；"
            "已有的文件夹只有是生成的或为空时才会被替换",
        ),
        option(
            "--format",
            choices=("site", "json"),
            default="site",
            help="site（默认）：生成汇总网站；json：不生成网站，输出汇总表 JSON（含 missing 列表）",
        ),
        flag("--strict", "有任何成员未报送（读取失败或数据未覆盖某一时段）时退出码为 1"),
    ),
)


def read_members(rollup: Rollup) -> list[Member]:
    """Every member as read, or with the reason it could not be."""
    sources = [m.source for m in rollup.members]
    found = read_all(sources, rollup.folder)
    return [
        Member(m.name, m.source, None, str(c)) if isinstance(c, CountsError)
        else Member(m.name, m.source, c)
        for m, c in zip(rollup.members, found, strict=True)
    ]  # fmt: skip


def unreported(d: District) -> list[str]:
    """One line per member that is 未报送 somewhere: for ``--strict`` and the closing note."""
    tables = d.tables
    lines = []
    for n, m in enumerate(d.members):
        reasons = [t.lines[n].reason for t in tables if not t.lines[n].reported]
        if reasons:
            lines.append(f"{m.name}：{len(reasons)}/{len(tables)} 个时段未报送（{reasons[-1]}）")
    return lines


def run(args: argparse.Namespace) -> int:
    path = Path(args.rollup_file)
    rollup = load_rollup(path.absolute(), args.rollup_file)
    today: dt.date = clock.today(args.today)
    out = Path(args.out).absolute() if args.out else rollup.folder / "site"
    # A refused output (or a missing ECharts) costs no fetching.
    ready = None if args.format == "json" else prepare(rollup.folder, out)
    members = read_members(rollup)
    d = district(rollup, members, today)
    if args.format == "json":
        text = json.dumps(summary_json(d), ensure_ascii=False, indent=2)
        sys.stdout.write(printable_json(text) + "\n")
    else:
        assert ready is not None
        opts = RollupOptions(today_given=args.today, progress=sys.stderr.isatty())
        built = build_rollup(d, ready, opts, say=progress)
        shown = args.out or os.path.relpath(out)
        counted = f"{len(d.members)} 个成员，读取成功 {len(d.read())} 个"
        pages = f"{built.pages} 个页面，用时 {built.seconds:.1f} 秒"
        print(f"已生成汇总网站：{shown}（{counted}，{pages}）")
    missing = unreported(d)
    for line in missing:
        print(printable_lines(f"未报送：{line}"), file=sys.stderr)
    return 1 if args.strict and missing else 0
