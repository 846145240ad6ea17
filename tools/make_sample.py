"""Regenerate the committed sample data in cases/ (``make sample``); the same files every run.

The sample is fictional. Its spread is chosen so that every page has something to show: units
with many cases and one with none (a zero row in the 汇总表), every 问题类型 and 风险等级,
open and resolved cases, typical cases, stalled and overdue ones.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.ledger.layout import CASES_DIR
from generator.ledger.validate import load_campaign
from tools.synthetic import make_cases, write_cases

ROOT = Path(__file__).resolve().parent.parent
SEED = 2028  # chosen for ~64% resolved and 8 typical cases
COUNT = 132
# Cases per unit, roughly: villages near the demolition zone have many, 文化苑社区 none.
WEIGHTS = {
    "dongcun": 9, "xicun": 5, "nanzhuang": 6, "beiying": 3, "liuzhai": 8, "huayuan": 2,
    "qingfeng": 4, "xingfu": 5, "jinshui": 3, "yingbin": 2, "wenhua": 0, "gongye": 4,
}  # fmt: skip

# The case README.md and DESIGN.md show, kept so the documentation points at a real file.
PINNED_ID = "dongcun-007"
PINNED: dict[str, Any] = {
    "排查日期": dt.date(2019, 7, 3),
    "信访人": {"姓名": "王建华", "住址": "东村三组12号"},
    "涉及人数": 1,
    "问题属地": "东村三组",
    "问题类型": "城建拆迁",
    "主要诉求": "要求按 2018 年标准补足拆迁安置补偿款",
    "风险等级": "高",
    "包案领导": {"姓名": "陈卫东", "职务": "办事处副主任"},
    "责任部门": {"名称": "城建办", "责任人": "赵敏", "职务": "主任"},
    "分包民警": {"姓名": "孙立", "职务": "社区民警"},
    "工作措施": [
        {"日期": dt.date(2019, 7, 5), "内容": "入户走访，核实补偿标准"},
        {"日期": dt.date(2019, 8, 10), "内容": "召开协调会，达成补偿协议"},
    ],
    "是否已化解": "是",
    "化解日期": dt.date(2019, 8, 20),
    "化解方式": "调解",
}


def write_sample(root: Path) -> int:
    """Replace the case files under root/cases with the sample; returns how many were written."""
    campaign, problems = load_campaign(root)
    if campaign is None:
        raise SystemExit(f"campaign.yaml 有误：{problems}")
    base = root / CASES_DIR
    if base.is_dir():
        for old in sorted(base.glob("*/*.yaml")):
            old.unlink()
        for folder in sorted(base.iterdir()):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    cases = make_cases(campaign, COUNT, seed=SEED, weights=WEIGHTS)
    cases = [(u, i, PINNED if i == PINNED_ID else d) for u, i, d in cases]
    write_cases(root, cases)
    return len(cases)


def main() -> int:
    count = write_sample(ROOT)
    print(f"已在 cases/ 下生成 {count} 个示例案件")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
