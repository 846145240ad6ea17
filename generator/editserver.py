"""``make edit``: the web editor on one machine, without a git host.

decap-server (Decap's local proxy, from node_modules) reads and writes the case files of the
working tree; a small web server shows the built site with an admin/config.yml that points the
editor at that proxy. Both listen on 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from generator.decap import ADMIN_DIR, ROOT
from generator.errors import DataError

HOST = "127.0.0.1"
DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"


def proxy_url(port: int) -> str:
    return f"http://{HOST}:{port}/api/v1"


class _Handler(SimpleHTTPRequestHandler):
    """Static files of the built site; admin/config.yml is the preview's own."""

    extensions_map = {  # noqa: RUF012 - the base class's own attribute, overridden per class
        **SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
    }
    config: ClassVar[bytes] = b""

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == f"/{ADMIN_DIR}/config.yml":
            self.send_response(200)
            self.send_header("Content-Type", "text/yaml; charset=utf-8")
            self.send_header("Content-Length", str(len(self.config)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(self.config)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the clerk's terminal shows what matters, not every request


def serve(site_dir: Path, port: int, config: str) -> ThreadingHTTPServer:
    """Serve site_dir on 127.0.0.1:port (0: any free port) in a background thread."""
    handler = type("PreviewHandler", (_Handler,), {"config": config.encode("utf-8")})
    server = ThreadingHTTPServer((HOST, port), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_proxy(repo: Path, port: int) -> subprocess.Popen[bytes]:
    """Start decap-server on 127.0.0.1:port, writing into repo's working tree; wait until up."""
    if not DECAP_SERVER.exists():
        raise DataError(
            f"找不到 {DECAP_SERVER.relative_to(ROOT)}，请先运行 npm ci（或 make install）"
        )
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": HOST,
        "GIT_REPO_DIRECTORY": str(repo.resolve()),
        "MODE": "fs",  # write files into the working tree; the clerk commits (or not) later
        "LOG_LEVEL": "warn",
    }
    proc = subprocess.Popen([str(DECAP_SERVER)], cwd=repo, env=env)
    try:
        wait_for_proxy(port, proc)
    except BaseException:
        stop(proc)
        raise
    return proc


def wait_for_proxy(port: int, proc: subprocess.Popen[bytes], seconds: float = 20) -> None:
    request = urllib.request.Request(
        proxy_url(port),
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise DataError(
                f"decap-server 启动失败（退出码 {proc.returncode}），端口 {port} 可能已被占用"
            )
        try:
            with urllib.request.urlopen(request, timeout=1) as response:
                if json.load(response).get("type") == "local_fs":
                    return
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.1)
    raise DataError(f"decap-server 在 {seconds:.0f} 秒内没有响应（{proxy_url(port)}）")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
