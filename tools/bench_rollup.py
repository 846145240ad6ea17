"""``make bench`` (rollup): the district roll-up of synthetic member sites served on 127.0.0.1.

Each member is a ``data/counts.json`` made here (5 to 15 units, days over 2019-06-25..2019-09-30,
some standing members without an end, open alerts), valid against counts.schema.json, served at
its own URL by a ThreadingHTTPServer in a thread. Timed: ``python -m generator rollup ROLLUP.yaml
--out DIR --today 2019-10-01`` and ``--format json``, as a user runs them (interpreter start and
the loopback fetch included), for 25, 50, 100 and 200 members of 500 cases on average, side by
side. Goal (issue 14): 200 members holding 100,000 cases in all build in at most 30 s on 2 cores.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "generator/ledger/schemas/counts.schema.json"
MEMBERS = (25, 50, 100, 200)
PER_MEMBER = 500  # cases per member on average: 200 members hold 100,000
RUNS = 3
GOAL = 30.0
TODAY = "2019-10-01"
FIRST, LAST = dt.date(2019, 6, 25), dt.date(2019, 9, 30)
STANDING_EVERY = 10  # one member in ten is a standing ledger (结束日期 null)
PLACES = "东西南北新老金银柳杨石桥河山湖林花田青白"
SUFFIXES = "村庄寨营集店园湾岗坪"
KINDS = (("村", 6), ("社区", 3), ("单位", 1))
ALERTS = ("open", "high_risk", "overdue", "late", "stalled")


class Timing(NamedTuple):
    wall: float
    cpu: float


def member_names(n: int) -> list[str]:
    """n distinct invented names of 街道 and 镇."""
    names = [f"{a}{b}{kind}" for kind in ("街道", "镇") for a in PLACES for b in SUFFIXES]
    assert n <= len(names)
    return names[:n]


def case_sizes(members: int, rng: random.Random) -> list[int]:
    """Cases per member, unequal (weights 0.4 to 1.6), adding up to members × PER_MEMBER."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(members)]
    total = members * PER_MEMBER
    sizes = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % members] += 1
    return sizes


def _units(rng: random.Random) -> list[dict[str, str]]:
    kinds = [k for k, weight in KINDS for _ in range(weight)]
    out = []
    places = rng.sample([a + b for a in PLACES for b in SUFFIXES], rng.randint(5, 15))
    for n, place in enumerate(places):
        kind = rng.choice(kinds)
        name = {"村": f"{place}村", "社区": f"{place}社区", "单位": f"{place}工业园区管委会"}[kind]
        out.append({"code": f"u{n + 1:02d}", "name": name, "type": kind})
    return out


def member_counts(name: str, cases: int, standing: bool, rng: random.Random) -> dict[str, Any]:
    """One member's counts.json: ``cases`` cases screened (most early on), 85% resolved."""
    start = FIRST + dt.timedelta(days=rng.randint(0, 6))
    end = None if standing else LAST - dt.timedelta(days=rng.randint(0, 5))
    as_of = dt.date.fromisoformat(TODAY) if end is None else end
    last = min(as_of, LAST)
    units = _units(rng)
    codes = [u["code"] for u in units]
    weights = [rng.uniform(0.5, 2.0) for _ in units]
    screened: Counter[tuple[dt.date, str]] = Counter()
    resolved: Counter[tuple[dt.date, str]] = Counter()
    alerts = {code: Counter[str]() for code in codes}
    for _ in range(cases):
        unit = rng.choices(codes, weights)[0]
        day = start + dt.timedelta(days=int(rng.betavariate(1.3, 2.2) * (last - start).days))
        screened[day, unit] += 1
        done = day + dt.timedelta(days=int(rng.expovariate(1 / 12)))
        if rng.random() < 0.85 and done <= last:
            resolved[done, unit] += 1
            continue
        age = (as_of - day).days
        flags = {"open": True, "high_risk": rng.random() < 0.15, "overdue": age > 30}
        flags |= {"late": standing and age > 60, "stalled": rng.random() < 0.3}
        alerts[unit].update(key for key, on in flags.items() if on)
    keys = sorted(screened.keys() | resolved.keys(), key=lambda k: (k[0], codes.index(k[1])))
    days = [{"date": d.isoformat(), "unit": u, "screened": screened[d, u]} for d, u in keys]
    for row, (d, u) in zip(days, keys, strict=True):
        row["resolved"] = resolved[d, u]
    return {
        "format": "taizhang-counts/1",
        "campaign": f"{name}{'矛盾纠纷排查化解台账' if standing else '信访矛盾大排查大化解活动'}",
        "organizer": f"{name}办事处",
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "as_of": as_of.isoformat(),
        "units": units,
        "days": days,
        "open": [{"unit": c} | {k: alerts[c][k] for k in ALERTS} for c in codes],
    }


def make_members(members: int) -> dict[str, dict[str, Any]]:
    """``members`` counts.json documents by member name, checked against the schema."""
    rng = random.Random(members)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    out = {}
    sizes = case_sizes(members, rng)
    for n, (name, size) in enumerate(zip(member_names(members), sizes, strict=True)):
        doc = member_counts(name, size, n % STANDING_EVERY == STANDING_EVERY - 1, rng)
        validator.validate(doc)
        assert sum(d["screened"] for d in doc["days"]) == size
        out[name] = doc
    return out


class Members(http.server.BaseHTTPRequestHandler):
    """Serves ``files`` (URL path → body) as JSON; anything else is a 404."""

    files: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Listener(http.server.ThreadingHTTPServer):
    # The roll-up connects to every member at once. socketserver's default backlog of 5 would
    # drop most of those connections, each then retried after 1 s, 3 s, ... (nginx has 511).
    request_queue_size = 512


class Server:
    """A ThreadingHTTPServer on a free loopback port in a thread, for the length of a ``with``."""

    def __enter__(self) -> str:
        self.server = Listener(("127.0.0.1", 0), Members)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def write_rollup(folder: Path, base: str, docs: dict[str, dict[str, Any]]) -> Path:
    """Publish each member at its own URL under ``base`` and write the ROLLUP.yaml reading them."""
    folder.mkdir()
    lines = [f"名称: 某区{len(docs)}个街道汇总（基准测试）", "报送周期: 月", "成员:"]
    for n, (name, doc) in enumerate(docs.items()):
        url = f"/{folder.name}/m{n + 1:03d}/data/counts.json"
        Members.files[url] = json.dumps(doc, ensure_ascii=False).encode()
        lines.append(f"  - {{名称: {name}, 来源: '{base}{url}'}}")
    path = folder / "ROLLUP.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_rollup(rollup: Path, *args: str) -> tuple[Timing, str]:
    """Wall and CPU time (user + system, the command and its children) and standard output of
    ``python -m generator rollup ROLLUP.yaml ARGS``; an error if it failed or left a member
    未报送 (what it says on standard error)."""
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    env["NODE_PATH"] = str(ROOT / "node_modules")  # ECharts, lent by the checkout (make example)
    command = [sys.executable, "-m", "generator", "rollup", rollup.name, "--today", TODAY, *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=rollup.parent, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode != 0 or "未报送" in proc.stderr:
        raise RuntimeError(f"{' '.join(command)}：退出码 {proc.returncode}\n{proc.stderr[-2000:]}")
    return Timing(wall, cpu), proc.stdout


def check(counted: int, cases: int, what: str) -> None:
    if counted != cases:
        raise RuntimeError(f"{what}：累计排查 {counted} 件，应为 {cases} 件")


def check_json(text: str, cases: int) -> None:
    """The roll-up read every member: nothing missing or unreported, every case counted."""
    data = json.loads(text)
    if data["missing"] or any(p["total"]["unreported"] for p in data["periods"]):
        raise RuntimeError(f"汇总表 JSON 中有未报送的成员：{data['missing']}")
    check(data["periods"][-1]["total"]["cum_screened"], cases, "汇总表 JSON")


def check_site(site: Path, cases: int) -> None:
    counts = json.loads((site / "data/counts.json").read_text(encoding="utf-8"))
    check(sum(d["screened"] for d in counts["days"]), cases, "汇总网站的 data/counts.json")


def measure(rollups: dict[int, Path], tmp: Path) -> dict[str, dict[int, list[Timing]]]:
    """Both commands for every size, RUNS times, turn about so noise hits all alike."""
    times: dict[str, dict[int, list[Timing]]] = {"site": {}, "json": {}}
    for run in range(RUNS):
        for members, rollup in rollups.items():
            out = tmp / f"site-{members}-{run}"
            timing, _ = timed_rollup(rollup, "--out", str(out))
            check_site(out, members * PER_MEMBER)
            times["site"].setdefault(members, []).append(timing)
            timing, text = timed_rollup(rollup, "--format", "json")
            check_json(text, members * PER_MEMBER)
            times["json"].setdefault(members, []).append(timing)
    return times


def medians(runs: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in runs), statistics.median(t.cpu for t in runs))


def report(times: dict[str, dict[int, list[Timing]]], load: tuple[float, float]) -> list[str]:
    lines = [f"系统负载（1 分钟平均，2 核）：测量开始时 {load[0]:.1f}，结束时 {load[1]:.1f}"]
    for members in MEMBERS:
        for key, title in (("site", "生成网站"), ("json", "--format json")):
            runs = "、".join(f"{t.wall:.2f}" for t in times[key][members])
            median = medians(times[key][members])
            lines.append(
                f"{members} 个成员（{members * PER_MEMBER:,} 件），{title}：中位数 "
                f"{median.wall:.2f} 秒（{RUNS} 次：{runs} 秒），CPU 时间中位数 {median.cpu:.2f} 秒"
            )
    site = {m: medians(times["site"][m]) for m in MEMBERS}
    as_json = {m: medians(times["json"][m]).wall for m in MEMBERS}
    small, big = MEMBERS[0], MEMBERS[-1]
    lines.append(f"随成员数的增长（中位数，秒；比 = 与 {small} 个成员之比）：")
    lines.append("  成员数   案件数   生成网站  比    CPU 时间  比    JSON   比    成员比")
    for m in MEMBERS:
        w, c, j = site[m].wall / site[small].wall, site[m].cpu / site[small].cpu, as_json[m]
        lines.append(
            f"  {m:>5}  {m * PER_MEMBER:>7,}  {site[m].wall:>7.2f}  {w:>4.2f}  {site[m].cpu:>7.2f}"
            f"  {c:>4.2f}  {j:>5.2f}  {j / as_json[small]:>4.2f}  {m / small:>5.1f}"
        )
    per = (site[big].wall - site[small].wall) / (big - small) * 1000
    lines.append(f"生成网站每多一个成员（{PER_MEMBER} 件）约多 {per:.0f} 毫秒")
    ok = "达标" if site[big].wall <= GOAL else "超限"
    lines.append(
        f"{big} 个成员、{big * PER_MEMBER:,} 件：生成网站 {site[big].wall:.2f} 秒"
        f"（目标 ≤ {GOAL:.0f} 秒，含从 127.0.0.1 读取）：{ok}"
    )
    return lines


def run() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="bench-rollup-") as name, Server() as base:
        tmp = Path(name)
        rollups = {m: write_rollup(tmp / f"n{m}", base, make_members(m)) for m in MEMBERS}
        start = os.getloadavg()[0]
        times = measure(rollups, tmp)
        return report(times, (start, os.getloadavg()[0]))


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
