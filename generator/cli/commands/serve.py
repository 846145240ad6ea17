"""``serve``: build the site, serve it on this computer, and rebuild when a case file changes."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import time
from pathlib import Path
from typing import Any

from generator.cli.commands.build import OUT_HELP, options_from
from generator.cli.options import Command, option, port_option, privacy_option
from generator.cli.report import explain
from generator.errors import DataError
from generator.ledger.validate import CAMPAIGN_FILE, CASES_DIR
from generator.site import output as site_output
from generator.site.build import Options, build
from generator.system import clock, localhttp

POLL_SECONDS = 1.0


COMMAND = Command(
    "serve",
    help="本地预览网站，案件改动后自动重新生成",
    description="生成网站并在本机 http://127.0.0.1:端口/ 上预览；每秒检查一次 cases/ 和 "
    "campaign.yaml，有改动就重新生成（刷新浏览器即可看到）。数据有误时列出问题，继续显示上一版网站。"
    "按 Ctrl+C 停止。",
    options=(
        option("--out", default="site", metavar="文件夹", help=OUT_HELP),
        port_option("端口（默认 8000）"),
        privacy_option("同 build"),
    ),
)


def snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the site is built from, cheaply: every data file's path, size and modification time."""
    paths = [root / CAMPAIGN_FILE, root / "mkdocs.yml"]
    cases = root / CASES_DIR
    if cases.is_dir():
        paths += sorted(cases.rglob("*"))
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        out.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def _rebuild(options: Options, today_given: Any) -> bool:
    # Today is looked up again on every rebuild: a preview may stay open past midnight.
    options = dataclasses.replace(options, today=clock.today(today_given))
    try:
        report = build(options, today_given=today_given)
    except DataError as err:
        explain(err)  # the problems, then why; the preview keeps the last good site
        return False
    print(f"已重新生成（{report.cases} 件案件，用时 {report.seconds:.1f} 秒）", flush=True)
    return True


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    root = options.root
    # An output that may not be replaced is refused before anything else (exit 1): a failed
    # first build would otherwise leave serve publishing whatever folder that is.
    site_output.check(root, options.out)
    seen = snapshot(root)
    if not _rebuild(options, args.today) and not options.out.is_dir():
        return 1
    handler = functools.partial(localhttp.LocalHandler, directory=str(options.out))
    server = localhttp.listen(args.port, handler)
    print(f"预览地址：http://127.0.0.1:{server.server_address[1]}/（按 Ctrl+C 停止）", flush=True)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            if now != seen:
                seen = now
                print("发现改动，重新生成……", flush=True)
                _rebuild(options, args.today)
    except KeyboardInterrupt:
        print("已停止预览", flush=True)
    finally:
        server.shutdown()
        server.server_close()
    return 0
