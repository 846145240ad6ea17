"""``make bench`` (masking): the engine on 10,000 names and the free text of 5,000 cases.

Compares the engine's matcher (Aho–Corasick, ``pyahocorasick``) with the other choice the issue
names, one compiled alternation of every name and address, longest first: time to prepare and
time to mask every text. Both must give the same text (checked here).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core.privacy import MIN_LENGTH, Masker, mask_name, name_parts
from generator.ledger.validate import load_campaign
from tools import synthetic_words as W
from tools.synthetic import ROOT, make_cases

CASES = 5000
NAMES = 10_000
RUNS = 5


def _data() -> tuple[list[tuple[str, str]], list[str]]:
    """(姓名, 住址) of NAMES people (the cases' own and invented ones), and every free text."""
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    cases = make_cases(campaign, CASES, seed=CASES)
    people = [(d["信访人"]["姓名"], d["信访人"]["住址"]) for _, _, d in cases]
    texts = []
    for _, _, d in cases:
        texts += [d["问题属地"], d["主要诉求"], d.get("备注") or ""]
        texts += [m["内容"] for m in d.get("工作措施") or ()]
    rng = Random(1)
    known = {n for n, _ in people}
    while len(known) < NAMES:
        name = rng.choice(W.SURNAMES) + "".join(rng.choices(W.GIVEN_ONE, k=rng.randint(1, 2)))
        if name not in known:
            known.add(name)
            people.append((name, ""))
    return people, texts


def _alternation(people: list[tuple[str, str]]) -> Callable[[str], str]:
    """One compiled alternation, longest first: the engine's masks for names, no numbers."""
    masks: dict[str, str] = {}
    for name, address in people:
        for part in name_parts(name):
            if len(part) >= MIN_LENGTH:
                masks.setdefault(part, mask_name(part))
        if len(address) >= MIN_LENGTH:
            masks[address] = "（住址已隐去）"
    pattern = re.compile("|".join(map(re.escape, sorted(masks, key=lambda s: (-len(s), s)))))
    return lambda text: pattern.sub(lambda m: masks[m.group(0)], text)


def _time(make: Callable[[], Callable[[str], str]], texts: list[str]) -> tuple[float, float]:
    """Medians of (prepare, mask every text), in milliseconds."""
    prepare, run = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        mask = make()
        prepare.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            mask(text)
        run.append(time.perf_counter() - started)
    return statistics.median(prepare) * 1000, statistics.median(run) * 1000


def run() -> list[str]:
    people, texts = _data()
    # The alternation wraps every address in a new pair of brackets; the engine does not where
    # the text has them already (到某家（住址）走访). Apart from that both must agree.
    engine = Masker(people)
    alternation = _alternation(people)
    doubled = "（（住址已隐去））"
    differ = [
        t for t in texts if engine.text(t) != alternation(t).replace(doubled, "（住址已隐去）")
    ]
    chars = sum(map(len, texts))
    lines = [
        f"{len(people)} 个姓名、{len(texts)} 段文字（{chars} 字），两种方法结果不同的文字："
        f"{len(differ)} 段（应为 0）"
    ]
    for label, make in (
        ("Aho–Corasick（本引擎，含号码查找）", lambda: Masker(people).text),
        ("一个编译好的多选正则", lambda: _alternation(people)),
    ):
        prepare, total = _time(make, texts)
        lines.append(f"{label}：准备 {prepare:.0f} 毫秒，脱敏全部文字 {total:.0f} 毫秒")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
