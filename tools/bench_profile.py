"""``make bench`` (profile): validate 10,000 cases under an office's profile and under the 2019
preset, side by side in one run.

The same synthetic cases (tools/synthetic.py, the sample campaign) are written twice:
(p) as the preset has them, with the sample's campaign.yaml;
(q) as an office with the standing preset's ``台账:`` (examples/standing) would write them: its
    categories, 红/橙/黄/蓝, five statuses in two groups, and the optional fields 化解时限 (every
    case), 交办 (every fifth) and 稳控 (every open 红 or 橙 case) filled in.
Both are checked with ``load_ledger`` in this process, taken in turns; medians and the ratio
q/p, whose limit (issue 11) is 1.1. For scale, the same ratio of libyaml parsing alone: (q)'s
files hold more (the optional fields), and that is what costs, not the profile.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.ledger.validate import CAMPAIGN_FILE, load_campaign, load_ledger
from tools.synthetic import CaseTuple, make_cases, write_cases

ROOT = Path(__file__).resolve().parent.parent
N = 10_000
RUNS = 5
TODAY = dt.date(2026, 11, 29)
MAX_RATIO = 1.1
# The standing preset's own 台账: (the last section of its campaign.yaml), put under the sample's.
STANDING = ROOT / "examples" / "standing" / "campaign.yaml"
PROFILE = "台账:" + STANDING.read_text(encoding="utf-8").split("\n台账:", 1)[1]
# The preset's categories as the office files them.
CATEGORY = {
    "城建拆迁": "损害赔偿", "问题楼盘": "物业", "集资融资": "合同", "劳动社保": "劳资",
    "双拖欠": "劳资", "土地征用": "山林土地", "涉法涉诉": "其他", "婚姻家庭": "婚姻家庭",
    "邻里纠纷": "邻里纠纷", "环境污染": "损害赔偿", "其他": "其他",
}  # fmt: skip
OPEN = ("未化解", "正在化解", "稳控中")
RESOLVED = ("已化解", "息诉罢访")


def office_case(i: int, data: dict[str, Any]) -> dict[str, Any]:
    """One preset case as the office's profile has it (the same facts, its own words)."""
    out = dict(data)
    out["问题类型"] = CATEGORY[data["问题类型"]]
    out["风险等级"] = {"高": "红" if i % 2 else "橙", "中": "黄", "低": "蓝"}[data["风险等级"]]
    resolved = data["是否已化解"] == "是"
    out["是否已化解"] = RESOLVED[i % 2] if resolved else OPEN[i % 3]
    out["化解时限"] = data["排查日期"] + dt.timedelta(days=60)
    if i % 5 == 0:
        assigned = data["排查日期"] - dt.timedelta(days=2)
        out["交办"] = {
            "单位": "区信访局",
            "文号": f"区信交〔{assigned.year}〕{i}号",
            "日期": assigned,
        }
    if not resolved and out["风险等级"] in ("红", "橙"):
        leader = data["包案领导"]
        person = {"姓名": leader["姓名"], "职务": leader["职务"]}
        out["稳控"] = {"责任人": person, "措施": "每周走访一次，敏感节点专人盯守"}
    return out


def write_pair(tmp: Path) -> tuple[Path, Path]:
    """(p) and (q): the same N cases under the preset and under the office's profile."""
    preset, office = tmp / "preset", tmp / "office"
    campaign_text = (ROOT / CAMPAIGN_FILE).read_text(encoding="utf-8")
    for root, text in ((preset, campaign_text), (office, campaign_text + PROFILE)):
        (root / "cases").mkdir(parents=True)
        (root / CAMPAIGN_FILE).write_text(text, encoding="utf-8")
    campaign, problems = load_campaign(preset)
    if campaign is None:
        raise SystemExit(f"campaign.yaml is invalid: {problems}")
    cases = make_cases(campaign, N, seed=11)
    write_cases(preset, cases)
    mapped: list[CaseTuple] = [(u, c, office_case(i, d)) for i, (u, c, d) in enumerate(cases)]
    write_cases(office, mapped)
    return preset, office


def checked(root: Path) -> float:
    started = time.perf_counter()
    ledger = load_ledger(root, TODAY)
    elapsed = time.perf_counter() - started
    if ledger.problems or len(ledger.cases) != N:
        raise SystemExit(f"synthetic data should be valid: {ledger.problems[:3]}")
    return elapsed


def parsed(root: Path) -> float:
    """libyaml parsing alone of every case file, reading included."""
    started = time.perf_counter()
    for path in root.glob("cases/*/*.yaml"):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def run() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        preset, office = write_pair(Path(tmp))
        size_p, size_q = (
            sum(f.stat().st_size for f in root.glob("cases/*/*.yaml")) / N
            for root in (preset, office)
        )
        checked(preset)  # warm the file cache and both schemas' validators
        checked(office)
        times_p: list[float] = []
        times_q: list[float] = []
        for turn in range(RUNS):  # alternate which goes first, so neither always runs warmer
            pair = [(times_p, preset), (times_q, office)]
            for times, root in pair if turn % 2 == 0 else reversed(pair):
                times.append(checked(root))
        parse = statistics.median(parsed(office) / parsed(preset) for _ in range(RUNS))
    p, q = statistics.median(times_p), statistics.median(times_q)
    ratio = q / p
    verdict = "通过" if ratio <= MAX_RATIO else "未通过"
    return [
        f"{N} 个案件（平均 {size_p:.0f} 与 {size_q:.0f} 字节），"
        f"load_ledger 各 {RUNS} 次（交替进行），取中位数",
        f"(p) 2019 年方案（无 台账:）：{p:.2f} 秒，{p / N * 1e6:.0f} µs/文件",
        f"(q) 常设示例的台账配置，可选字段已填：{q:.2f} 秒，{q / N * 1e6:.0f} µs/文件",
        f"q/p = {ratio:.2f}（上限 {MAX_RATIO}）{verdict}；仅 libyaml 解析时 q/p = {parse:.2f}",
    ]


if __name__ == "__main__":
    for text in run():
        print(text)
