"""``serve``: builds, serves on 127.0.0.1 and rebuilds when a case file changes."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.cli.commands.serve import snapshot

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"


def test_snapshot_notices_a_changed_case(sample_repo: Path) -> None:
    before = snapshot(sample_repo)
    assert len(before) == len(list((sample_repo / "cases").rglob("*"))) + 1
    case = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    assert snapshot(sample_repo) != before


def read_until(process: subprocess.Popen[str], pattern: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if re.search(pattern, line):
            return line
        assert line or process.poll() is None, "serve stopped"
    raise AssertionError(f"no line matching {pattern}")


def test_serve_rebuilds_after_a_change(sample_repo: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", sample_repo / "mkdocs.yml")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--today", TODAY, "--port", "0"],
        cwd=sample_repo, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        read_until(process, r"^已重新生成")
        line = read_until(process, r"^预览地址：")
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)  # type: ignore[union-attr]
        page = urllib.request.urlopen(url + "cases/dongcun/dongcun-007.html").read().decode()
        assert "修改后的诉求" not in page
        case = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
        text = case.read_text(encoding="utf-8")
        case.write_text(re.sub(r"主要诉求: .*", "主要诉求: 修改后的诉求", text), encoding="utf-8")
        read_until(process, r"^发现改动")
        read_until(process, r"^已重新生成")
        page = urllib.request.urlopen(url + "cases/dongcun/dongcun-007.html").read().decode()
        assert "<tr><th>主要诉求</th><td>修改后的诉求</td></tr>" in page
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "已停止预览" in out


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
