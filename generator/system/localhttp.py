"""What every local web server (``serve``, ``edit``) shares: it answers only this computer's pages.

A page on any web site can make the browser send requests to 127.0.0.1; a name that a hostile
DNS server points at 127.0.0.1 (DNS rebinding) even lets it read the answers. So every request
must name the server as ``127.0.0.1:<port>`` or ``localhost:<port>`` in ``Host`` and, when it
says where it comes from (``Origin``), come from a page of this same server; anything else
gets 403 before it is looked at.
"""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Callable
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.errors import DataError

HOST = "127.0.0.1"
NAMES = (HOST, "localhost")


def own_hosts(port: int) -> frozenset[str]:
    """The ``Host`` values a browser sends for this server (no port when it is 80)."""
    hosts = {f"{name}:{port}" for name in NAMES}
    if port == 80:
        hosts |= set(NAMES)
    return frozenset(hosts)


def refusal(headers: Message, port: int) -> str | None:
    """Why a request with these headers is refused (in Chinese), or None when it may pass."""
    hosts = headers.get_all("Host") or []
    if len(hosts) != 1 or hosts[0] not in own_hosts(port):
        return f"拒绝访问：本机服务只接受发往 127.0.0.1:{port} 或 localhost:{port} 的请求"
    origins = headers.get_all("Origin") or []
    own = {f"http://{host}" for host in own_hosts(port)}
    if origins and (len(origins) != 1 or origins[0] not in own):
        return (
            f"拒绝访问：本机服务只接受来自 http://127.0.0.1:{port} "
            f"或 http://localhost:{port} 本身页面的请求"
        )
    return None


def listen(port: int, handler: Callable[..., BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """Serve on 127.0.0.1:port (0: any free port) in a background thread; a busy port is a
    Chinese message, not the system's English one."""
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as err:
        why = "已被占用" if err.errno == errno.EADDRINUSE else "无法使用"
        raise DataError(f"端口 {port} {why}，请用 --port 换一个端口（如 --port 8001）") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class LocalHandler(SimpleHTTPRequestHandler):
    """Static files of one folder, for this computer's own pages only; no request log."""

    # Python's own error page is English; the site's 404.html is used where the folder has one.
    error_message_format = (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出错了</title>'
        "<h1>出错了（%(code)d）</h1><p>请求无法完成。</p></html>"
    )
    error_content_type = "text/html; charset=utf-8"

    def parse_request(self) -> bool:
        # Runs before any do_<METHOD>, so no method (known or not) gets past the check.
        if not super().parse_request():
            return False
        address = self.server.server_address
        reason = refusal(self.headers, int(address[1]) if isinstance(address, tuple) else 0)
        if reason is None and not self.path.startswith("/"):
            reason = "拒绝访问：请求地址应以 / 开头"
        if reason is not None:
            self.close_connection = True
            self.send_json(403, {"error": reason})
            return False
        return True

    def send_head(self) -> Any:
        try:
            return super().send_head()
        except ValueError:
            # A NUL byte or an unencodable name in the address: open() raises ValueError,
            # which would drop the connection and print a traceback. No file has such a name.
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = os.path.join(self.directory, "404.html")
        if code != HTTPStatus.NOT_FOUND or not os.path.isfile(page):
            super().send_error(code, message, explain)
            return
        with open(page, "rb") as file:
            body = file.read()
        self.close_connection = True
        self.send_body(code, "text/html; charset=utf-8", body, {"Connection": "close"})

    def send_json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
        self.send_body(status, "application/json; charset=utf-8", body, headers)

    def send_body(self, status: int, kind: str, body: bytes, headers: dict[str, str]) -> None:
        """A whole answer: status, type, length, the given headers, and the body (not to HEAD)."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows what matters, not every request
