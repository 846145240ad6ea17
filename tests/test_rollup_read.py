"""Reading a roll-up: ROLLUP.yaml's problems at PATH:LINE:COL, and every way a member's
counts.json can fail (fetching, JSON, format, schema, contradictions) as its exact 未报送 reason.

The members here are files written by the tests and small HTTP(S) servers on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.ledger import countsfile
from generator.ledger.countsfile import CountsError, parse_counts
from generator.system import localhttp
from generator.system.fetch import FetchError, fetch, fetch_all
from tests.conftest import Result

Cli = Callable[..., Result]


def counts_doc(**changes: Any) -> dict[str, Any]:
    """A valid member file: two units, three days, as of 2019-07-10."""
    doc: dict[str, Any] = {
        "format": "taizhang-counts/1",
        "campaign": "刘寨街道2019年活动",
        "organizer": "刘寨街道办事处",
        "start": "2019-07-01",
        "end": "2019-09-30",
        "as_of": "2019-07-10",
        "units": [
            {"code": "dongcun", "name": "东村", "type": "村"},
            {"code": "xiyuan", "name": "西苑社区", "type": "社区"},
        ],
        "days": [
            {"date": "2019-07-01", "unit": "dongcun", "screened": 2, "resolved": 0},
            {"date": "2019-07-03", "unit": "xiyuan", "screened": 1, "resolved": 1},
            {"date": "2019-07-10", "unit": "dongcun", "screened": 0, "resolved": 2},
        ],
        "open": [
            {"unit": "dongcun", "open": 0, "high_risk": 0, "overdue": 0, "late": 0, "stalled": 0},
            {"unit": "xiyuan", "open": 0, "high_risk": 0, "overdue": 0, "late": 0, "stalled": 0},
        ],
    }
    doc.update(changes)
    return doc


def raw(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


# ---------------------------------------------------------------- ROLLUP.yaml


def test_rollup_file_problems_listed_at_their_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ROLLUP.yaml").write_text(
        "名称: 区汇总\n报送周期: 旬\n开始日期: 2019-02-30\n成员:\n"
        "  - {名称: 甲街道, 来源: a.json}\n  - {名称: 甲街道, 来源: b.json}\n"
        "  - {名称: 乙街道, 地址: c.json}\n",
        encoding="utf-8",
    )
    result = cli("rollup", "ROLLUP.yaml", "--format", "json")
    assert result.code == 1
    assert result.out == (
        "ROLLUP.yaml:2:7: “报送周期”的值“旬”不在可选范围内，应为：周、半月、月、季\n"
        "ROLLUP.yaml:3:7: “开始日期”的值“2019-02-30”不是真实存在的日期（2019 年 2 月只有 28 天）\n"
        "ROLLUP.yaml:6:10: 成员名称“甲街道”重复（第 1 个成员已使用）\n"
        "ROLLUP.yaml:7:5: “成员”第 3 条缺少必填项“来源”\n"
        "ROLLUP.yaml:7:15: “成员”第 3 条中不认识的键“地址”，允许的键有：名称、来源\n"
        "检查了 1 个文件，发现 5 个问题\n"
    )
    assert result.err == "错误：ROLLUP.yaml 有误，请先修正上面列出的问题\n"


def test_rollup_file_dates_in_order_and_members_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "R.yaml").write_text(
        "名称: 区汇总\n开始日期: 2019-09-01\n结束日期: 2019-08-01\n成员: []\n", encoding="utf-8"
    )
    result = cli("rollup", "R.yaml")
    assert (result.code, result.out) == (
        1,
        "R.yaml:3:7: “结束日期” 2019-08-01 早于“开始日期” 2019-09-01\n"
        "R.yaml:4:5: “成员”至少要有 1 项\n"
        "检查了 1 个文件，发现 2 个问题\n",
    )
    assert not (tmp_path / "site").exists()


def test_rollup_file_missing_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("rollup", "nothere.yaml")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "用法错误：找不到汇总设置文件：nothere.yaml\n",
    )


def test_rollup_file_yaml_traps_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """The case files' loader: a duplicate key is an error, not the last one silently kept."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "R.yaml").write_text("名称: 甲\n名称: 乙\n成员: []\n", encoding="utf-8")
    result = cli("rollup", "R.yaml")
    assert result.code == 1
    assert result.out.startswith("R.yaml:2:1: ")
    assert "重复" in result.out.splitlines()[0]


# ---------------------------------------------------------------- counts.json


def test_valid_counts_read() -> None:
    counts = parse_counts(raw(counts_doc()))
    assert (counts.start, counts.end, counts.as_of) == (
        dt.date(2019, 7, 1),
        dt.date(2019, 9, 30),
        dt.date(2019, 7, 10),
    )
    assert counts.days[2] == (dt.date(2019, 7, 10), "dongcun", 0, 2)
    assert counts.complete_until() == dt.date(2019, 7, 10)
    ended = parse_counts(raw(counts_doc(as_of="2019-09-30")))
    assert ended.complete_until() == dt.date.max


BAD_COUNTS = [
    (b'{"format": "taizhang-counts/1", "campaign": ', "不是有效的 JSON：第 1 行第 45 列"),
    (b"\xff\xfe{}", "不是 UTF-8 编码的文字"),
    (b"[1, 2]", "不是 taizhang-counts 格式：应为一个 JSON 对象"),
    (raw({"campaign": "x"}), "缺少格式版本 format"),
    (
        raw(counts_doc(format="taizhang-counts/9")),
        "格式是“taizhang-counts/9”，不是 taizhang-counts/1",
    ),
    (b'{"format": "taizhang-counts/1", "format": "x"}', "JSON 中有重复的键“format”"),
    (
        raw({k: v for k, v in counts_doc().items() if k != "open"}),
        "不符合 counts.schema.json：整个文件 缺少必需的键",
    ),
    (
        raw(
            counts_doc(
                days=[{"date": "2019-07-01", "unit": "dongcun", "screened": -1, "resolved": 0}]
            )
        ),
        "不符合 counts.schema.json：days[0].screened 不能小于 0",
    ),
    (
        raw(
            counts_doc(
                days=[{"date": "2019-07-01", "unit": "dongcun", "screened": "3", "resolved": 0}]
            )
        ),
        "不符合 counts.schema.json：days[0].screened 类型不对",
    ),
    (raw(counts_doc(as_of="2019-02-30")), "as_of“2019-02-30”不是真实存在的日期"),
    (raw(counts_doc(end="2019-06-01")), "结束日期 2019-06-01 早于开始日期 2019-07-01"),
    (
        raw(
            counts_doc(
                days=[{"date": "2019-07-01", "unit": "beicun", "screened": 1, "resolved": 0}]
            )
        ),
        "days[0].unit“beicun”不在 units 中",
    ),
    (
        raw(
            counts_doc(
                days=[{"date": "2019-07-11", "unit": "dongcun", "screened": 1, "resolved": 0}]
            )
        ),
        "days[0].date 2019-07-11 不在开始日期与统计日期之间",
    ),
    (
        raw(counts_doc(open=counts_doc()["open"][:1] * 2)),
        "open[1].unit“dongcun”不在 units 中或重复",
    ),
    (b"[" * 100_000 + b"]" * 100_000, "不是有效的 JSON：嵌套太深"),
]


@pytest.mark.parametrize(("content", "reason"), BAD_COUNTS)
def test_bad_counts_reason(content: bytes, reason: str) -> None:
    with pytest.raises(CountsError) as caught:
        parse_counts(content)
    assert str(caught.value) == reason


def test_counts_over_the_size_limit_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(countsfile, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(CountsError, match=r"^文件超过 1 MB 的上限$"):
        parse_counts(b" " * (1024 * 1024 + 1))


# ---------------------------------------------------------------- fetching


class Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]] = {}

    def do_GET(self) -> None:
        self.routes[self.path](self)

    def log_message(self, *args: Any) -> None:
        pass


def send(status: int, body: bytes, headers: dict[str, str] | None = None) -> Callable[..., None]:
    def answer(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        # The client may stop reading (over its limit), as it should.
        with contextlib.suppress(ConnectionError):
            h.wfile.write(body)

    return answer


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, Callable[..., None]]]]:
    routes: dict[str, Callable[..., None]] = {}
    handler = type("H", (Handler,), {"routes": routes})
    httpd = localhttp.listen(0, handler)  # the project's own: 127.0.0.1, a thread
    yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    httpd.shutdown()
    httpd.server_close()


def test_http_errors_said(
    server: tuple[str, dict[str, Callable[..., None]]], tmp_path: Path
) -> None:
    base, routes = server
    routes["/ok"] = send(200, b"{}")
    routes["/gone"] = send(404, b"")
    routes["/to-file"] = send(302, b"", {"Location": "file:///etc/passwd"})
    routes["/big"] = send(200, b"x" * 3000)
    assert fetch(f"{base}/ok", tmp_path, 1000) == b"{}"
    sources = [f"{base}/gone", f"{base}/to-file", f"{base}/big", "file:///etc/passwd"]
    reasons = [str(r) for r in fetch_all(sources, tmp_path, 1000)]
    assert reasons == [
        "服务器回答 HTTP 404",
        "服务器转向了不支持的地址：file:///etc/passwd",
        "文件超过 1000 字节的上限",
        "只支持 http://、https:// 地址或文件路径",
    ]


def test_refused_and_missing(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "folder").mkdir()
    got = fetch_all(
        [f"http://127.0.0.1:{port}/data/counts.json", "none.json", "folder"], tmp_path, 10
    )
    assert [str(r) for r in got] == [
        "无法连接：连接被拒绝",
        "找不到文件：none.json",
        "folder 是文件夹，不是 counts.json",
    ]


def test_a_silent_server_costs_its_timeout_only(
    server: tuple[str, dict[str, Callable[..., None]]], tmp_path: Path
) -> None:
    base, routes = server
    release = threading.Event()

    def stall(h: http.server.BaseHTTPRequestHandler) -> None:
        release.wait(5)

    routes["/stall"] = stall
    try:
        with pytest.raises(FetchError, match=r"^0\.3 秒内没有读完$"):
            fetch(f"{base}/stall", tmp_path, 1000, timeout=0.3)
    finally:
        release.set()


def test_members_are_fetched_side_by_side(
    server: tuple[str, dict[str, Callable[..., None]]], tmp_path: Path
) -> None:
    """Each answer waits until all four requests have arrived: fetched one after another,
    the first would wait in vain and every member would fail."""
    base, routes = server
    arrived = threading.Barrier(4, timeout=5)

    def together(h: http.server.BaseHTTPRequestHandler) -> None:
        try:
            arrived.wait()
        except threading.BrokenBarrierError:
            send(503, b"")(h)
            return
        send(200, h.path.encode())(h)

    for n in range(4):
        routes[f"/m{n}"] = together
    got = fetch_all([f"{base}/m{n}" for n in range(4)], tmp_path, 1000)
    assert got == [b"/m0", b"/m1", b"/m2", b"/m3"]


def test_https_checked_against_the_ca_store(tmp_path: Path) -> None:
    """A certificate of an unknown CA is refused with a hint, never read without a check."""
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    handler = type("H", (Handler,), {"routes": {"/c": send(200, b"{}")}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(FetchError) as caught:
            fetch(f"https://127.0.0.1:{httpd.server_address[1]}/c", tmp_path, 1000)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert str(caught.value) == (
        "HTTPS 证书校验失败：self-signed certificate（请在本机安装内网 CA 证书）"
    )


def test_a_server_dripping_its_headers_is_given_up_at_the_deadline(
    server: tuple[str, dict[str, Callable[..., None]]], tmp_path: Path
) -> None:
    """Each byte comes well within the socket timeout, so only the overall deadline stops the
    wait: without it, fetch_all would sit through the whole answer (64 bytes, one each 0.2 s)
    and the server would have sent nearly all of it by the time fetch_all returned."""
    base, routes = server
    done = threading.Event()
    sent: list[int] = []

    def drip(h: http.server.BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.0 200 OK\r\nX-Slow: " + b"x" * 34 + b"\r\n\r\n{}"
        with contextlib.suppress(ConnectionError):
            for byte in head:
                if done.wait(0.2):
                    return
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                sent.append(byte)

    routes["/drip"] = drip
    routes["/ok"] = send(200, b"{}")
    try:
        got = fetch_all([f"{base}/drip", f"{base}/ok"], tmp_path, 1000, timeout=0.5)
        sent_by_then = len(sent)
    finally:
        done.set()
    assert isinstance(got[0], FetchError) and str(got[0]) == "0.5 秒内没有读完"
    assert got[1] == b"{}"  # the others are not held up
    # Given up after about 1.5 s (0.5 s and the grace), some 8 bytes in; never near all 64.
    assert sent_by_then < 30
