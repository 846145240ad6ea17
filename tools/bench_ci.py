"""``make bench`` (ci): the data check of a pull request, ``make ci-data`` as CI runs it (installs
already done), on the sample and on 5,000 synthetic cases in a git repository with history; a
one-case change is compared against the commit before it. Goal (issue 13): at most 60 s at 5,000
cases on 2 cores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tools.bench_site import ROOT, git, make_repo

RUNS = 3
SIZE = 5000
GOAL = 60.0


def timed_ci_data(repo: Path, base: str) -> float:
    """Wall time of ``make ci-data`` in repo with the checkout's Makefile, script and venv."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1569340800"}
    command = [
        "make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "ci-data",
        f"BASE={base}", f"PY={ROOT / '.venv/bin/python'}",
        "-o", ".venv/.installed-data", "-o", "node_modules/.installed-data",  # installed: ROOT's
    ]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
    return seconds


def sample_repo(dest: Path) -> Path:
    """The checkout's committed tree (the sample) in a repository of its own."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True)
    dest.mkdir()
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "示例")
    return dest


def generate_config(repo: Path) -> None:
    """The files a ledger repository commits beside its cases (the sample has them already)."""
    for command in ("codeowners", "editor-config", "schema"):
        argv = [str(ROOT / ".venv/bin/python"), "-m", "generator", command]
        subprocess.run(argv, cwd=repo, check=True, capture_output=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "生成的配置文件")


def change_one_case(repo: Path) -> None:
    case = sorted((repo / "cases").rglob("*.yaml"))[7]
    with open(case, "a", encoding="utf-8") as f:
        f.write("# 复核\n")
    git(repo, "commit", "-q", "-a", "-m", "改一件案件")


def run() -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-ci-") as tmp:
        repos = {
            "示例数据": sample_repo(Path(tmp) / "sample"),
            f"{SIZE} 件": make_repo(Path(tmp) / f"repo-{SIZE}", SIZE),
        }
        for repo in repos.values():
            if not (repo / "tools").exists():
                (repo / "tools").symlink_to(ROOT / "tools")  # tools/ci-data.sh, as in a checkout
            generate_config(repo)
            change_one_case(repo)
        times: dict[str, list[float]] = {name: [] for name in repos}
        for _ in range(RUNS):
            for name, repo in repos.items():
                times[name].append(timed_ci_data(repo, "HEAD~1"))
        for name, runs in times.items():
            median = statistics.median(runs)
            each = "、".join(f"{t:.1f}" for t in runs)
            lines.append(f"make ci-data，{name}：中位数 {median:.1f} 秒（{RUNS} 次：{each} 秒）")
        big = statistics.median(times[f"{SIZE} 件"])
        ok = "达标" if big <= GOAL else "超限"
        lines.append(f"{SIZE} 件时 {big:.1f} 秒（目标 ≤ {GOAL:.0f} 秒，不含安装）：{ok}")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
