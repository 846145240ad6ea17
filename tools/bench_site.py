"""``make bench`` (site): build 1,000 and 5,000 synthetic cases, side by side, from git repositories
with several commits (so the history is read too); then the search index at 10,000 cases.

Limits (issue 4): at most 15 ms per case at 5,000; 5,000 cases at most 5.5 times the time of
1,000; no HTML page over 200 KB.

Masking cost (issue 9): the 5,000-case build is also run with the generator of a baseline commit
(``BENCH_BASE``, default: the last commit before the masking engine), taken from ``git archive``
into a temporary folder, turn about with the current one; the goal is at most 10% slower.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.site.build import Options, build
from tools import gitrun
from tools.synthetic import write_repo

SIZES = (1000, 5000)
RUNS = 3
INDEX_AT = 10_000
TODAY = "2026-11-29"
EPOCH = "1569340800"  # 2019-09-25 Beijing time: a fixed build date
MS_PER_CASE = 15.0
RATIO = 5.5
PAGE_LIMIT = 200 * 1024
COMMITS = 4  # cases are committed unit group by unit group, then some are edited
MASKING_BASE = "fcb7871"  # main before the one masking engine (issue 9)
MASKING_GOAL = 1.10
ROOT = Path(__file__).resolve().parent.parent


def git(root: Path, *args: str) -> None:
    gitrun.git(root, *args, author=("基准测试", "bench@example.invalid"))


def make_repo(dest: Path, n: int) -> Path:
    """n synthetic cases in a git repository: several commits, some files changed twice."""
    write_repo(dest, n, seed=n)
    # A repository brings its own node_modules (ECharts, Decap): npm ci's, lent by the checkout.
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "campaign.yaml")
    git(dest, "commit", "-q", "-m", "活动信息")
    units = sorted(p.name for p in (dest / "cases").iterdir())
    step = -(-len(units) // (COMMITS - 1))
    for start in range(0, len(units), step):
        group = units[start : start + step]
        git(dest, "add", *[f"cases/{u}" for u in group])
        git(dest, "commit", "-q", "-m", f"录入{'、'.join(group)}的案件")
    for path in sorted((dest / "cases").rglob("*.yaml"))[::10]:
        with open(path, "a", encoding="utf-8") as f:
            f.write("# 已复核\n")
    git(dest, "commit", "-q", "-a", "-m", "复核部分案件")
    return dest


def baseline(dest: Path, ref: str) -> Path | None:
    """The tree of ``ref`` (its generator and what it reads beside it, such as schema/), from
    ``git archive``; None outside a git checkout."""
    try:
        archive = subprocess.run(
            ["git", "archive", ref], cwd=ROOT, check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    dest.mkdir()
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # ECharts, found beside the package
    return dest


def timed_build(repo: Path, out: Path, package: Path | None = None) -> float:
    """Wall time of ``python -m generator build`` as a user runs it (interpreter start included).

    ``package``: a folder whose ``generator`` is run instead of the installed one.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    if package is not None:
        env["PYTHONPATH"] = str(package)  # before site-packages, so before the editable install
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", TODAY, "--out", str(out)],
        cwd=repo, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def largest_html(site: Path) -> tuple[str, int]:
    sizes = ((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    size, path = max(sizes)
    return path, size


def index_size(site: Path) -> int:
    return (site / "search" / "search_index.json").stat().st_size


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def verdict(ok: bool) -> str:
    return "达标" if ok else "超限"


def run() -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        base = Path(tmp)
        repos = {n: make_repo(base / f"repo-{n}", n) for n in SIZES}
        ref = os.environ.get("BENCH_BASE", MASKING_BASE)
        old = baseline(base / "baseline", ref)
        times: dict[int, list[float]] = {n: [] for n in SIZES}
        before: list[float] = []
        for _ in range(RUNS):  # alternate sizes and versions so that noise hits all alike
            for n in SIZES:
                times[n].append(timed_build(repos[n], base / f"site-{n}"))
            if old is not None:
                before.append(timed_build(repos[SIZES[-1]], base / "site-baseline", old))
        median = {n: statistics.median(times[n]) for n in SIZES}
        for n in SIZES:
            runs = "、".join(f"{t:.1f}" for t in times[n])
            lines.append(f"{n} 件案件：中位数 {median[n]:.1f} 秒（{RUNS} 次：{runs} 秒）")
        small, big = SIZES
        per_case = median[big] / big * 1000
        ratio = median[big] / median[small]
        ok = verdict(per_case <= MS_PER_CASE)
        lines.append(f"{big} 件时每件 {per_case:.1f} 毫秒（上限 {MS_PER_CASE:.0f}）：{ok}")
        lines.append(f"{big}/{small} 用时比 {ratio:.2f}（上限 {RATIO}）：{verdict(ratio <= RATIO)}")
        path, size = largest_html(base / f"site-{big}")
        lines.append(
            f"{big} 件时最大的 HTML 页面 {size / 1024:.1f} KB（{path}，上限 200 KB）："
            f"{verdict(size <= PAGE_LIMIT)}"
        )
        lines.append(f"{big} 件时搜索索引 {mb(index_size(base / f'site-{big}'))}（案件页不入索引）")
        if before:
            then = statistics.median(before)
            runs = "、".join(f"{t:.1f}" for t in before)
            cost = median[big] / then
            ok = verdict(cost <= MASKING_GOAL)
            lines.append(
                f"脱敏代价：{big} 件（含 git 历史）基准版本 {ref} 中位数 {then:.1f} 秒"
                f"（{RUNS} 次：{runs} 秒），当前 {median[big]:.1f} 秒，"
                f"当前/基准 {cost:.3f}（目标 ≤ {MASKING_GOAL:.2f}）：{ok}"
            )
        else:
            lines.append(f"脱敏代价：无法取得基准版本 {ref}（不在 git 仓库中？），未比较")

        repo = make_repo(base / f"repo-{INDEX_AT}", INDEX_AT)
        seconds = timed_build(repo, base / "site-index")
        path, size = largest_html(base / "site-index")
        lines.append(
            f"{INDEX_AT} 件：用时 {seconds:.1f} 秒，搜索索引 {mb(index_size(base / 'site-index'))}"
            f"（案件页不入索引），最大 HTML 页面 {size / 1024:.1f} KB"
        )
        today = dt.date.fromisoformat(TODAY)
        started = time.perf_counter()
        build(Options(repo, base / "site-indexed", today, index_cases=True), today_given=today)
        seconds = time.perf_counter() - started
        lines.append(
            f"{INDEX_AT} 件且案件页进入索引时：搜索索引 {mb(index_size(base / 'site-indexed'))}，"
            f"用时 {seconds:.1f} 秒"
        )
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
