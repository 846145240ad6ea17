"""Fetching the members' files of a roll-up: intranet addresses or paths, in parallel, each with
its own deadline, and every failure said in Chinese (the roll-up shows it beside 未报送).

HTTPS is checked against the system's CA store (``ssl.create_default_context``), where an
intranet's own CA is installed; there is no switch to turn the check off. Only http:// and
https:// addresses and plain paths are read: no ``file:``, ``ftp:`` or anything else a URL
opener would follow. A body is read in pieces and refused past ``limit`` bytes, so a hostile or
broken server can neither fill the memory nor hold the roll-up past its deadline.
"""

from __future__ import annotations

import errno
import functools
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

TIMEOUT = 10.0  # seconds per member, connecting and reading included
CHUNK = 256 * 1024
GRACE = 1.0  # beyond the timeout, for a member just finishing its last read


class FetchError(Exception):
    """Why a source could not be read."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http(s): a server must not send us to ``file:`` or ``ftp:``."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"服务器转向了不支持的地址：{newurl[:100]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_address(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@functools.cache
def _tls() -> ssl.SSLContext:
    """One context for every member: loading the CA store costs more than a loopback fetch."""
    return ssl.create_default_context()


def _opener() -> urllib.request.OpenerDirector:
    https = urllib.request.HTTPSHandler(context=_tls())
    return urllib.request.build_opener(https, _Redirects())


def _size(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MB " if limit >= mib else f"{limit} 字节"


def _why(err: BaseException, timeout: float) -> str:
    """An exception of urllib, ssl or the socket layer in a clerk's words."""
    if isinstance(err, urllib.error.HTTPError) and 300 <= err.code < 400:
        # urllib follows a redirect to http(s) only; any other it leaves as this error
        return f"服务器转向了不支持的地址：{(err.headers.get('Location') or '')[:100]}"
    if isinstance(err, urllib.error.HTTPError):
        return f"服务器回答 HTTP {err.code}"
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, FetchError):
        return str(reason)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"HTTPS 证书校验失败：{reason.verify_message}（请在本机安装内网 CA 证书）"
    if isinstance(reason, ssl.SSLError):
        return "HTTPS 连接失败（TLS 握手出错）"
    if isinstance(reason, socket.gaierror):
        return "找不到这个主机（域名无法解析）"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{timeout:g} 秒内没有读完"
    if isinstance(reason, ConnectionRefusedError):
        return "无法连接：连接被拒绝"
    if isinstance(reason, ConnectionResetError):
        return "无法连接：连接被对方断开"
    if isinstance(reason, OSError) and reason.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return "无法连接：网络不可达"
    if isinstance(reason, http.client.HTTPException):
        return "服务器的回答不是有效的 HTTP"
    return f"无法连接：{type(reason).__name__}"


def _read_url(url: str, limit: int, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "taizhang-rollup"})
    try:
        with _opener().open(request, timeout=timeout) as answer:
            body = bytearray()
            while chunk := answer.read1(CHUNK):  # what has come, not a full CHUNK
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"文件超过 {_size(limit)}的上限")
                if time.monotonic() > deadline:
                    raise FetchError(f"{timeout:g} 秒内没有读完")
            return bytes(body)
    except FetchError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as err:
        if isinstance(err, urllib.error.HTTPError):
            err.close()  # it holds the answer's connection
        raise FetchError(_why(err, timeout)) from None


def _read_path(path: Path, shown: str, limit: int) -> bytes:
    try:
        if path.is_dir():
            raise IsADirectoryError
        if path.stat().st_size > limit:
            raise FetchError(f"文件超过 {_size(limit)}的上限")
        return path.read_bytes()
    except FileNotFoundError:
        raise FetchError(f"找不到文件：{shown}") from None
    except IsADirectoryError:
        raise FetchError(f"{shown} 是文件夹，不是 counts.json") from None
    except PermissionError:
        raise FetchError(f"无法读取文件：{shown}（没有读取权限）") from None
    except OSError as err:
        raise FetchError(f"无法读取文件：{shown}（系统错误码 {err.errno}）") from None


def fetch(source: str, folder: Path, limit: int, timeout: float = TIMEOUT) -> bytes:
    """The bytes at source: an http(s) address, or a path relative to folder."""
    if is_address(source):
        return _read_url(source, limit, timeout)
    if "://" in source or source.lower().startswith("file:"):
        raise FetchError("只支持 http://、https:// 地址或文件路径")
    return _read_path(folder / source, source, limit)


def fetch_all(
    sources: Sequence[str], folder: Path, limit: int, timeout: float = TIMEOUT
) -> list[bytes | FetchError]:
    """Every source's bytes or its FetchError, in order, all fetched at once: the whole takes
    at most about one timeout, however many members are slow.

    The socket timeout bounds each wait, not a whole answer: a server dripping its headers a
    byte at a time would never trip it. So each member runs in a daemon thread and is given
    up at the deadline (the thread may linger until its socket gives up; the process does not
    wait for it).
    """
    late = FetchError(f"{timeout:g} 秒内没有读完")
    results: list[bytes | FetchError] = [late] * len(sources)

    def one(n: int, source: str) -> None:
        try:
            results[n] = fetch(source, folder, limit, timeout)
        except FetchError as err:
            results[n] = err

    threads = [
        threading.Thread(target=one, args=(n, source), daemon=True, name=f"fetch-{n}")
        for n, source in enumerate(sources)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout + GRACE
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return list(results)  # a member still running keeps ``late``; its thread writes nowhere seen
