"""``export`` on a full disk: one Chinese line and exit 1, nothing after it, no file left.

The repro from issue 9 printed the Chinese error, then "Exception ignored … ZipFile.__del__ …
Traceback" while the interpreter shut down; so the CLI runs in a subprocess here, where the
whole of stderr, shutdown included, is seen.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TODAY = "2026-11-29"


def export(repo: Path, out: Path, before: Callable[[], None] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "export", "--today", TODAY, "--out", str(out)],
        cwd=repo, capture_output=True, text=True, preexec_fn=before,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KB file system of its own (a tmpfs; needs root and permission to mount)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
        capture_output=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.slow
def test_a_full_disk_gives_one_chinese_line(sample_repo: Path, small_disk: Path) -> None:
    out = small_disk / "台账.xlsx"
    assert export(sample_repo, out) == (1, f"错误：无法读写文件“{out}”：磁盘空间不足\n")
    assert os.listdir(small_disk) == []


def test_a_file_size_limit_gives_one_chinese_line(sample_repo: Path, tmp_path: Path) -> None:
    # The same failure wherever a test runs: every write past 20 KB fails, openpyxl's own
    # temporary files included (Python ignores SIGXFSZ, so the write returns EFBIG).
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "台账.xlsx"
    assert export(sample_repo, out, limit) == (
        1,
        f"错误：无法读写文件“{out}”：文件过大，超出系统允许的大小\n",
    )
    assert os.listdir(folder) == []
