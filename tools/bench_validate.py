"""``make bench`` (validate): 10,000 synthetic cases, measured side by side in one run.

(a) libyaml parsing only: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every case file, reading
    the files included, in this process;
(b) our full validation: ``load_ledger`` on the tree (campaign.yaml, layout, schema, rules,
    models, the ``personal-number`` scan of every value), in this process;
(b0) the same without the ``personal-number`` scan, taken in turns with (a) and (b): what the
    rule costs;
(c) ``check-jsonschema --schemafile schema/case.schema.json <every case file>`` as a subprocess,
    its start-up included.

Limits (issue 2): b/a at most 1.5 and b/c at most 0.5. Also timed: every bad input of
tests/data/invalid plus a 20 MB file in one repository, ``python -m generator validate`` as a
subprocess, under 5 s.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.ledger import validate
from generator.ledger.validate import load_ledger
from tools.synthetic import write_repo

ROOT = Path(__file__).resolve().parent.parent
N = 10_000
RUNS = 5  # (a) and (b), taken in turns
C_RUNS = 3  # check-jsonschema takes ~20 s a run
TODAY = dt.date(2026, 11, 29)
MAX_B_OVER_A = 1.5
MAX_B_OVER_C = 0.5
MAX_BAD_RUN = 5.0


def parse_only(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def full_validation(root: Path) -> None:
    ledger = load_ledger(root, TODAY)
    if ledger.problems or len(ledger.cases) != N:
        raise SystemExit(f"synthetic data should be valid: {ledger.problems[:3]}")


def _no_scan(*args: Any) -> Iterator[Any]:
    return iter(())


def without_number_scan(root: Path) -> None:
    with mock.patch.object(validate, "check_personal_numbers", _no_scan):
        full_validation(root)


def check_jsonschema(root: Path, files: list[Path]) -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    schema = ROOT / "schema/case.schema.json"
    names = [str(p.relative_to(root)) for p in files]
    done = subprocess.run(
        [str(tool), "--schemafile", str(schema), *names], cwd=root, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"check-jsonschema failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bad_inputs_repo(dest: Path) -> int:
    """Every invalid example that uses the sample campaign, and a 20 MB file; return #examples."""
    (dest / "cases/xicun").mkdir(parents=True)
    shutil.copyfile(ROOT / "campaign.yaml", dest / "campaign.yaml")
    count = 0
    for example in sorted((ROOT / "tests/data/invalid").iterdir()):
        if (example / "campaign.yaml").exists() or (example / "today.txt").exists():
            continue
        shutil.copytree(
            example,
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("expected.txt", "today.txt"),
        )
        count += 1
    (dest / "cases/xicun/xicun-001.yaml").write_bytes(b"#" * (20 * 1024 * 1024))
    return count


def bad_run(root: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--today", "2019-09-30"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 1 or done.stderr:
        raise SystemExit(f"expected exit 1 and no traceback, got {done.returncode}: {done.stderr}")
    return elapsed, done.stdout.splitlines()[-1]


def verdict(ok: bool) -> str:
    return "通过" if ok else "未通过"


def run() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        root = Path(tmp) / "repo"
        write_repo(root, N, seed=2)
        files = sorted(root.glob("cases/*/*.yaml"))
        size = sum(p.stat().st_size for p in files) / len(files)
        parse_only(files)  # warm the file cache and the imports for both sides
        full_validation(root)
        times_a: list[float] = []
        times_b: list[float] = []
        times_b0: list[float] = []
        for _ in range(RUNS):
            times_a.append(timed(lambda: parse_only(files)))
            times_b.append(timed(lambda: full_validation(root)))
            times_b0.append(timed(lambda: without_number_scan(root)))
        times_c = [timed(lambda: check_jsonschema(root, files)) for _ in range(C_RUNS)]
        a, b, b0, c = (statistics.median(t) for t in (times_a, times_b, times_b0, times_c))

        bad = Path(tmp) / "bad"
        examples = bad_inputs_repo(bad)
        bad_seconds, bad_summary = min(bad_run(bad) for _ in range(3))

    def line(label: str, seconds: float) -> str:
        return f"{label}：{seconds:.2f} 秒，{seconds / N * 1e6:.0f} µs/文件"

    return [
        f"{N} 个案件文件，平均 {size:.0f} 字节；(a)(b) 各 {RUNS} 次、(c) {C_RUNS} 次，取中位数",
        line("(a) 仅用 libyaml 解析（yaml.load + CSafeLoader）", a),
        line("(b) 完整校验（load_ledger，含 personal-number 扫描）", b),
        line("(b0) 同上，但不做 personal-number 扫描", b0),
        line("(c) check-jsonschema（子进程）", c),
        f"b/a = {b / a:.2f}（上限 {MAX_B_OVER_A}）{verdict(b / a <= MAX_B_OVER_A)}；"
        f"b0/a = {b0 / a:.2f}，personal-number 扫描占 {(b - b0) / N * 1e6:.0f} µs/文件",
        f"b/c = {b / c:.2f}（上限 {MAX_B_OVER_C}）{verdict(b / c <= MAX_B_OVER_C)}",
        f"全部错误示例（{examples} 个）加一个 20 MB 文件，一次 validate（子进程）："
        f"{bad_seconds:.2f} 秒（上限 {MAX_BAD_RUN:.0f} 秒）{verdict(bad_seconds < MAX_BAD_RUN)}；"
        f"{bad_summary}",
    ]


if __name__ == "__main__":
    for text in run():
        print(text)
