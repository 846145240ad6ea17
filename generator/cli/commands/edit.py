"""``edit``: edit cases in the browser on this machine (``make edit``), saving into cases/."""

from __future__ import annotations

import argparse
import functools
import signal
import sys
import threading

from generator.cli.options import Command, option, port_option
from generator.editor import backend as editorbackend
from generator.editor import filter as editfilter
from generator.editor import server as editserver
from generator.editor.decap import ADMIN_DIR, config_text
from generator.errors import UsageError
from generator.ledger.validate import checked_campaign
from generator.system import files

COMMAND = Command(
    "edit",
    help="在本机用网页编辑器编辑案件（保存到工作目录，不需要代码托管平台）",
    description="启动网站预览（只在 127.0.0.1 上监听）和 Decap CMS 的本机代理 decap-server"
    "（藏在预览之后，只经预览转发）。在浏览器中打开显示的地址即可编辑，"
    "保存的案件直接写入 cases/；"
    "网页编辑器只能读写 cases/<单位代码>/<编号>.yaml，不能改动或删除其他文件。"
    "需要先生成网站（make site）；make edit 会先生成再启动。按 Ctrl+C 结束。",
    options=(
        option("--site", default="site", metavar="目录", help="已生成的网站目录，默认 site"),
        port_option("网站预览端口，默认 8000"),
    ),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    site = (root / args.site).resolve()
    if not (site / ADMIN_DIR / "index.html").is_file():
        raise UsageError(f"{args.site}/ 中没有网页编辑器，请先运行 make site")
    campaign = checked_campaign(root, "无法启动网页编辑器")
    backend = editorbackend.load(root)
    scope = editfilter.Scope(root.resolve(), frozenset(campaign.unit_codes()))

    @functools.cache  # two origins at most: 127.0.0.1 and localhost
    def config(origin: str) -> str:
        return config_text(campaign, backend, local_backend=editserver.api_url(origin))

    # ``kill`` (SIGTERM) must also stop decap-server, not leave it running on its port.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    decap = editserver.start_decap(root)
    try:
        server = editserver.serve(site, args.port, config, decap, scope)
        url = f"http://{editserver.HOST}:{server.server_address[1]}/{ADMIN_DIR}/"
        print(f"网页编辑器：{url}")
        print("保存的案件直接写入 cases/；改完后运行 python -m generator validate，再提交。")
        print("网站预览中的页面不会自动更新，需要时重新运行 make site。按 Ctrl+C 结束。")
        threading.Event().wait()
    finally:
        editserver.stop(decap)
    return 0
