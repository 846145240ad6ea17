"""``serve``: builds, serves on 127.0.0.1 and rebuilds when a case file changes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.site.watch import watching

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
WAKE_SECONDS = 10.0  # inotify reports within milliseconds; this is a bound, not a pause


def test_the_watcher_wakes_for_the_sources_only(sample_repo: Path) -> None:
    case = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
    with watching(sample_repo) as changes:
        # what a build does beside the sources: read them, write the output and the lock
        for path in (sample_repo / "cases").rglob("*.yaml"):
            path.read_bytes()
        (sample_repo / "site").mkdir()
        (sample_repo / "site" / "index.html").write_text("网站", encoding="utf-8")
        (sample_repo / ".site.lock").write_text("", encoding="utf-8")
        (sample_repo / "笔记.txt").write_text("不是数据", encoding="utf-8")
        assert not changes.wait(timeout=1.0)
        case.write_text(case.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
        assert changes.wait(timeout=WAKE_SECONDS)
        assert not changes.wait(timeout=1.0)  # one save, one rebuild
        with open(sample_repo / "campaign.yaml", "a", encoding="utf-8") as f:
            f.write("# 改动\n")
        assert changes.wait(timeout=WAKE_SECONDS)
        (sample_repo / "cases" / "xincun").mkdir()  # a new unit's folder, then a case in it
        assert changes.wait(timeout=WAKE_SECONDS)
        (sample_repo / "cases" / "xincun" / "xincun-001.yaml").write_text("", encoding="utf-8")
        assert changes.wait(timeout=WAKE_SECONDS)


def read_until(process: subprocess.Popen[str], pattern: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if re.search(pattern, line):
            return line
        assert line or process.poll() is None, "serve stopped"
    raise AssertionError(f"no line matching {pattern}")


@dataclass
class Serving:
    process: subprocess.Popen[str]
    url: str = ""
    out: str = ""  # what it printed after the preview address, once stopped


@contextlib.contextmanager
def serving(root: Path) -> Iterator[Serving]:
    """``serve`` on a free port of 127.0.0.1 from its first build on; stopped with Ctrl+C."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--today", TODAY, "--port", "0"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    run = Serving(process)
    try:
        line = read_until(process, r"^预览地址：")
        run.url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)  # type: ignore[union-attr]
        yield run
    finally:
        process.send_signal(signal.SIGINT)
        run.out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert run.out.endswith("已停止预览\n")


def test_serve_rebuilds_after_a_change(sample_repo: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", sample_repo / "mkdocs.yml")
    with serving(sample_repo) as run:
        address = run.url + "cases/dongcun/dongcun-007.html"
        page = urllib.request.urlopen(address).read().decode()
        assert "修改后的诉求" not in page
        case = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
        text = case.read_text(encoding="utf-8")
        case.write_text(re.sub(r"主要诉求: .*", "主要诉求: 修改后的诉求", text), encoding="utf-8")
        read_until(run.process, r"^发现改动")
        read_until(run.process, r"^已重新生成")
        page = urllib.request.urlopen(address).read().decode()
        assert "<tr><th>主要诉求</th><td>修改后的诉求</td></tr>" in page


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def until(check: Callable[[], bool], timeout: float = 120) -> None:
    """Wait for check() to hold, asking again every tenth of a second, up to timeout seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_new_case_file_appears_and_goes_over_http(sample_repo: Path) -> None:
    """The rebuild a change triggers is seen where the reader sees it: over HTTP on 127.0.0.1."""
    source = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
    copy = sample_repo / "cases" / "dongcun" / "dongcun-090.yaml"
    with serving(sample_repo) as run:
        new = run.url + "cases/dongcun/dongcun-090.html"
        assert status(new) == 404
        shutil.copy(source, copy)
        until(lambda: status(new) == 200)
        page = urllib.request.urlopen(new).read().decode()
        assert "<h1>dongcun-090</h1>" in page
        copy.unlink()
        until(lambda: status(new) == 404)
    assert run.out.count("发现改动，重新生成……\n") == 2


def test_serve_on_a_busy_port_says_so_in_chinese(sample_repo: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", sample_repo / "mkdocs.yml")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--today", TODAY, "--port", str(port)],
            cwd=sample_repo, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert run.returncode == 1
    assert re.fullmatch(r"已重新生成（132 件案件，用时 \d+\.\d 秒）\n", run.stdout)
    assert run.stderr == f"错误：端口 {port} 已被占用，请用 --port 换一个端口（如 --port 8001）\n"
