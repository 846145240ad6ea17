"""``make bench`` (layout): the restructured package against the flat one it replaced (issue 10).

Each command runs as a user runs it (``python -m generator …``, interpreter start included) on one
synthetic repository of 3,000 cases in git, with the generator of the baseline commit
(``BENCH_LAYOUT_BASE``, default: main before the packages) and with the current one, taking turns
so that the machine's noise hits both alike. The goal: the same time within noise.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.bench_site import EPOCH, TODAY, baseline, make_repo

BASE = "1bacbee"  # the last commit of the flat generator/
CASES = 3000
RUNS = 5
COMMANDS = {
    "validate": ["validate"],
    "summary --format json": ["summary", "--format", "json"],
    "export（全办）": ["export", "--out", "{tmp}/all.xlsx"],
    "build": ["build", "--out", "{tmp}/site"],
}


def timed(repo: Path, args: list[str], tmp: Path, package: Path | None) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    if package is not None:
        env["PYTHONPATH"] = str(package)  # before site-packages, so before the editable install
    command = [sys.executable, "-m", "generator", *(a.format(tmp=tmp) for a in args)]
    started = time.perf_counter()
    subprocess.run([*command, "--today", TODAY], cwd=repo, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def run() -> list[str]:
    ref = os.environ.get("BENCH_LAYOUT_BASE", BASE)
    with tempfile.TemporaryDirectory(prefix="bench-layout-") as name:
        tmp = Path(name)
        repo = make_repo(tmp / "repo", CASES)
        old = baseline(tmp / "baseline", ref)
        if old is None:
            return [f"无法取得基准版本 {ref}（不在 git 仓库中？），未比较"]
        (tmp / "old").mkdir()
        (tmp / "new").mkdir()
        lines = [f"{CASES} 件案件（git 中），基准 {ref} 与当前轮流各 {RUNS} 次，取中位数"]
        for label, args in COMMANDS.items():
            then: list[float] = []
            now: list[float] = []
            for _ in range(RUNS):
                then.append(timed(repo, args, tmp / "old", old))
                now.append(timed(repo, args, tmp / "new", None))
            a, b = statistics.median(then), statistics.median(now)
            lines.append(f"{label}：基准 {a:.2f} 秒，当前 {b:.2f} 秒，当前/基准 {b / a:.2f}")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
