"""``make edit``: the web editor on one machine, without a git host.

One web server on 127.0.0.1 shows the built site, with an admin/config.yml that points the
editor at ``/api/v1`` of that same server. There a filter (``editfilter``) lets through only
what the editor needs on case files, to decap-server (Decap's local proxy, from node_modules),
which reads and writes the working tree. decap-server listens on a private random port and,
with ``decap-guard.js`` loaded before it, answers only requests that carry the secret this
server was given: a browser page never reaches it.
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from importlib.resources import as_file
from pathlib import Path
from typing import Any, ClassVar

from generator.editor import filter as editfilter
from generator.editor.decap import ADMIN_DIR
from generator.errors import DataError
from generator.ledger.yamlload import MAX_BYTES
from generator.system import files, localhttp, resources

HOST = localhttp.HOST
API_PATH = "/api/v1"
DECAP_SERVER = "decap-server/dist/index.js"  # in the node_modules of the repository being edited
GUARD = "assets/decap-guard.js"  # package data of generator
SECRET_HEADER = "X-Taizhang-Proxy"
# A request carries at most one case file (≤ 1 MB); JSON escapes (\n, \") make it longer.
MAX_BODY = 3 * MAX_BYTES
TIMEOUT = 30


class DecapFailed(Exception):
    """decap-server gave no usable answer; the message (Chinese) goes back to the page."""


@dataclass(frozen=True)
class DecapServer:
    """A running decap-server: its process, private port and the secret it asks for."""

    proc: subprocess.Popen[bytes]
    port: int
    secret: str

    def ask(self, payload: dict[str, Any]) -> Any:
        """decap-server's answer (JSON) to one request; DecapFailed when there is none."""
        try:
            status, raw = self.post(payload)
            data = json.loads(raw)
        except (OSError, ValueError):
            raise DecapFailed("decap-server 没有响应，请重新运行 make edit") from None
        if status != 200:
            raise DecapFailed(f"decap-server 处理请求出错（状态 {status}）")
        return data

    def post(self, payload: dict[str, Any]) -> tuple[int, bytes]:
        """Send one request to decap-server; its status and body."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
        try:
            conn.request(
                "POST",
                API_PATH,
                body=json.dumps(payload).encode("ascii"),
                headers={"Content-Type": "application/json", SECRET_HEADER: self.secret},
            )
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


def api_url(origin: str) -> str:
    """The editor's proxy on the preview at origin (``http://127.0.0.1:8000``)."""
    return origin + API_PATH


class _Handler(localhttp.LocalHandler):
    """The built site; admin/config.yml for the page's own origin; the filtered /api/v1."""

    extensions_map = {  # noqa: RUF012 - the base class's own attribute, overridden per class
        **localhttp.LocalHandler.extensions_map,
        ".yml": "text/yaml",
    }
    config: ClassVar[Callable[[str], str]]
    decap: ClassVar[DecapServer | None] = None
    scope: ClassVar[editfilter.Scope | None] = None

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == f"/{ADMIN_DIR}/config.yml":
            # Host is one of this server's own names (checked already): the editor then talks
            # to the origin it was loaded from, 127.0.0.1 or localhost alike, never cross-origin.
            body = type(self).config(f"http://{self.headers['Host']}").encode("utf-8")
            self.send_body(200, "text/yaml; charset=utf-8", body, {"Cache-Control": "no-store"})
            return
        super().do_GET()

    def do_POST(self) -> None:
        decap, scope = type(self).decap, type(self).scope
        if self.path != API_PATH or decap is None or scope is None:
            self.close_connection = True
            self.send_json(404, {"error": "没有这个地址"})
            return
        body = self._body()
        if body is None:
            return
        try:
            data = editfilter.respond(scope, body, decap.ask)
        except editfilter.Refused as err:
            self.send_json(403, {"error": str(err)})
        except DecapFailed as err:
            self.send_json(502, {"error": str(err)})
        else:
            self.send_json(200, data)

    def _body(self) -> Any:
        """The request's JSON body, or None after an error answer."""
        self.close_connection = True  # a refused body is never read: do not reuse the socket
        if self.headers.get_content_type() != "application/json":
            self.send_json(415, {"error": "只接受 JSON（Content-Type: application/json）"})
            return None
        if "Transfer-Encoding" in self.headers:
            self.send_json(411, {"error": "请求需要 Content-Length"})
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.send_json(411, {"error": "请求需要 Content-Length"})
            return None
        if not 0 <= length <= MAX_BODY:
            self.send_json(413, {"error": "请求太大：一次只能保存一个不超过 1 MB 的案件文件"})
            return None
        try:
            body = json.loads(self.rfile.read(length))
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's stack
            self.send_json(400, {"error": "请求不是有效的 JSON"})
            return None
        self.close_connection = False
        return body


def serve(
    site_dir: Path,
    port: int,
    config: Callable[[str], str],
    decap: DecapServer | None = None,
    scope: editfilter.Scope | None = None,
) -> ThreadingHTTPServer:
    """Serve site_dir on 127.0.0.1:port (0: any free port) in a background thread.

    config gives admin/config.yml for an origin; with decap and scope, /api/v1 is the editor's
    filtered way to decap-server.
    """
    attrs = {"config": staticmethod(config), "decap": decap, "scope": scope}
    handler = type("PreviewHandler", (_Handler,), attrs)
    return localhttp.listen(port, functools.partial(handler, directory=str(site_dir)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_decap(repo: Path) -> DecapServer:
    """Start decap-server on a private port, writing into repo's working tree; wait until up."""
    node = shutil.which("node")
    script = files.node_module(repo, DECAP_SERVER)
    if script is None or node is None:
        raise DataError(
            f"找不到 node 或 node_modules/{DECAP_SERVER}，请先安装 Node.js 并运行 npm ci"
            "（或 make install）"
        )
    port, secret = _free_port(), secrets.token_urlsafe(32)
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": HOST,
        "GIT_REPO_DIRECTORY": str(repo.resolve()),
        "MODE": "fs",  # write files into the working tree; the clerk commits (or not) later
        "LOG_LEVEL": "warn",
        "TAIZHANG_PROXY_SECRET": secret,
    }
    # node reads the guard while it starts, before decap-server answers _wait_for.
    with as_file(resources.data(*GUARD.split("/"))) as guard:
        command = [node, "--require", str(guard), str(script)]
        decap = DecapServer(subprocess.Popen(command, cwd=repo, env=env), port, secret)
        try:
            _wait_for(decap)
        except BaseException:
            stop(decap)
            raise
    return decap


def _wait_for(decap: DecapServer, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if decap.proc.poll() is not None:
            raise DataError(f"decap-server 启动失败（退出码 {decap.proc.returncode}）")
        try:
            status, raw = decap.post({"action": "info"})
            if status == 200 and json.loads(raw).get("type") == "local_fs":
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    raise DataError(f"decap-server 在 {seconds:.0f} 秒内没有响应")


def stop(decap: DecapServer) -> None:
    proc = decap.proc
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
