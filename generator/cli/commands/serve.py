"""``serve``: build the site, serve it on this computer, and rebuild when a case file changes."""

from __future__ import annotations

import argparse
import dataclasses
import functools
from typing import Any

from generator.cli.commands.build import OUT_HELP, options_from
from generator.cli.explain import explain
from generator.cli.options import Command, option, port_option, privacy_option
from generator.errors import DataError
from generator.site import output as site_output
from generator.site.build import Options, build
from generator.site.watch import watching
from generator.system import clock, localhttp

COMMAND = Command(
    "serve",
    help="本地预览网站，案件改动后自动重新生成",
    description="生成网站并在本机 http://127.0.0.1:端口/ 上预览；监视 cases/、campaign.yaml "
    "和 mkdocs.yml，一有改动就重新生成（刷新浏览器即可看到）。"
    "数据有误时列出问题，继续显示上一版网站。按 Ctrl+C 停止。",
    options=(
        option("--out", default="site", metavar="文件夹", help=OUT_HELP),
        port_option("端口（默认 8000）"),
        privacy_option("同 build"),
    ),
)


def _rebuild(options: Options, today_given: Any) -> bool:
    # Today is looked up again on every rebuild: a preview may stay open past midnight.
    options = dataclasses.replace(options, today=clock.today(today_given))
    try:
        built = build(options, today_given=today_given)
    except DataError as err:
        explain(err)  # the problems, then why; the preview keeps the last good site
        return False
    print(f"已重新生成（{built.cases} 件案件，用时 {built.seconds:.1f} 秒）", flush=True)
    return True


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    root = options.root
    # An output that may not be replaced is refused before anything else (exit 1): a failed
    # first build would otherwise leave serve publishing whatever folder that is.
    site_output.check(root, options.out)
    # Watching starts before the first build, so a change made while it runs is not missed.
    with watching(root) as changes:
        if not _rebuild(options, args.today) and not options.out.is_dir():
            return 1
        handler = functools.partial(localhttp.LocalHandler, directory=str(options.out))
        server = localhttp.listen(args.port, handler)
        print(
            f"预览地址：http://127.0.0.1:{server.server_address[1]}/（按 Ctrl+C 停止）", flush=True
        )
        try:
            while True:
                if changes.wait(timeout=1.0):
                    print("发现改动，重新生成……", flush=True)
                    _rebuild(options, args.today)
        except KeyboardInterrupt:
            print("已停止预览", flush=True)
        finally:
            server.shutdown()
            server.server_close()
    return 0
