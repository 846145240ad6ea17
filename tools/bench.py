"""``make bench``: every benchmark, measured side by side in one run; medians and ratios.

Each area has its own module ``tools/bench_<area>.py`` with ``run() -> list[str]`` (lines to
print). Results are also written to bench-results/latest.txt.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AREAS = ["validate", "summary", "rhythms", "masking", "site", "layout", "profile", "ci", "rollup"]


def main(argv: list[str]) -> int:
    wanted = argv or AREAS
    out_dir = Path("bench-results")
    out_dir.mkdir(exist_ok=True)
    lines: list[str] = []
    for area in wanted:
        try:
            module = importlib.import_module(f"tools.bench_{area}")
        except ModuleNotFoundError:
            lines.append(f"[{area}] 尚无基准测试")
            continue
        started = time.perf_counter()
        print(f"== {area} ==", flush=True)
        for line in module.run():
            print(line, flush=True)
            lines.append(f"[{area}] {line}")
        lines.append(f"[{area}] 用时 {time.perf_counter() - started:.1f} 秒")
    (out_dir / "latest.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
