"""Without Debian's Chromium the browser tests and ``make screenshots`` stop with a Chinese hint
(Playwright alone says only ``spawn /usr/bin/chromium EACCES``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tools.chromium import missing


def hint(path: Path) -> str:
    return (
        f"找不到 Chromium（{path}）：浏览器测试和截图需要 Debian 的 chromium 软件包，"
        "请运行 sudo apt-get install chromium fonts-noto-cjk"
    )


def without_chromium(path: Path) -> dict[str, str]:
    return {**os.environ, "TAIZHANG_CHROMIUM": str(path), "COLUMNS": "80"}


def test_a_missing_or_unrunnable_chromium_is_named(tmp_path: Path) -> None:
    absent = tmp_path / "chromium"
    assert missing(str(absent)) == hint(absent)
    absent.write_text("#!/bin/sh\n", encoding="utf-8")
    absent.chmod(0o644)  # there but not executable: what gave EACCES
    assert missing(str(absent)) == hint(absent)
    assert missing(str(tmp_path)) == hint(tmp_path)  # a folder is not a program
    assert missing(sys.executable) is None


def test_a_browser_test_stops_with_the_hint(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_probe(browser):\n    pass\n", encoding="utf-8")
    absent = tmp_path / "no-chromium"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
         str(ROOT), "-p", "tests.conftest", "-p", "no:cacheprovider", "-q", "-rN", str(probe)],
        cwd=ROOT, env=without_chromium(absent), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout
    lines = run.stdout.splitlines()
    assert lines[-3:-1] == [f"{' ERROR at setup of test_probe ':_^80}", hint(absent)]
    assert lines[-1].startswith("1 error in ")
    assert "EACCES" not in run.stdout


def test_screenshots_stop_with_the_hint_before_building(tmp_path: Path) -> None:
    absent = tmp_path / "no-chromium"
    run = subprocess.run(
        [sys.executable, "tools/screenshots.py", "--out", str(tmp_path / "images")],
        cwd=ROOT, env=without_chromium(absent), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (run.returncode, run.stdout, run.stderr) == (1, "", hint(absent) + "\n")
    assert not (tmp_path / "images").exists()
