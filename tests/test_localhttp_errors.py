"""The local servers (``serve``, ``edit``) answer a missing address in Chinese, never Python's
English error page: with the site's own 404.html where the folder has one."""

from __future__ import annotations

import functools
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.system import localhttp

PAGE = '<!doctype html><html lang="zh-CN"><h1>找不到这个页面</h1></html>'


def fetch(folder: Path, address: str) -> tuple[int, str, str]:
    handler = functools.partial(localhttp.LocalHandler, directory=str(folder))
    server = localhttp.listen(0, handler)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}{address}"
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(url, timeout=10)
        body = error.value.read().decode("utf-8")
        return error.value.code, error.value.headers["Content-Type"], body
    finally:
        server.shutdown()
        server.server_close()


def test_a_missing_address_gets_the_sites_404_page(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_text(PAGE, encoding="utf-8")
    for address in ("/cases/dongcun/dongcun-999.html", "/%E4%B8%8D%E5%AD%98%E5%9C%A8/", "/a%00b"):
        assert fetch(tmp_path, address) == (404, "text/html; charset=utf-8", PAGE)


def test_without_a_404_page_the_answer_is_still_chinese(tmp_path: Path) -> None:
    code, kind, body = fetch(tmp_path, "/missing.html")
    assert (code, kind) == (404, "text/html; charset=utf-8")
    assert body == (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出错了</title>'
        "<h1>出错了（404）</h1><p>请求无法完成。</p></html>"
    )
