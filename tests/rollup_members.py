"""Three member offices for the district roll-up tests (issue 14), and a second, plain count.

- 刘寨街道: the sample ledger (2019 plan, 半月, 2019-06-25 … 2019-09-25) and two cases of its own;
- 河湾镇: a winter campaign reported weekly (周) across a new year, with its own categories and
  statuses (tests/profiles.py's WEEKLY), 2019-12-17 … 2020-01-20;
- 青石镇: a standing ledger reported monthly (examples/standing's profile, no 结束日期) from
  2020-02-01, built with an earlier as-of date than the roll-up's, so its last periods are 未报送.

Between 2019-09-25 and 2019-12-17 no member has a window: a monthly roll-up lists 2019-10 and
2019-11 with zeros. The expected figures come from the case files read with ``yaml.safe_load``
and a small period function of this module's own, never from the generator's counting.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from tests import profiles
from tests.casemaker import copy_sample

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat


def case_text(
    screened: str,
    person: tuple[str, str],
    place: str,
    demand: str,
    measures: Sequence[tuple[str, str]],
    *,
    category: str,
    risk: str,
    status: str,
    people: tuple[tuple[str, str], tuple[str, str, str]],
    resolved_on: str | None = None,
    extra: str = "",
) -> str:
    """A case file as a clerk writes it: the petitioner (姓名, 住址), the 包案领导 and the
    责任部门 (名称, 责任人, 职务) in ``people``, measures as (日期, 内容)."""
    (leader, post), (dept, staff, title) = people
    lines = [
        f"排查日期: {screened}",
        f"信访人: {{姓名: {person[0]}, 住址: {person[1]}}}",
        "涉及人数: 1",
        f"问题属地: {place}",
        f"问题类型: {category}",
        f"主要诉求: {demand}",
        f"风险等级: {risk}",
        f"包案领导: {{姓名: {leader}, 职务: {post}}}",
        f"责任部门: {{名称: {dept}, 责任人: {staff}, 职务: {title}}}",
        "工作措施:",
        *(f"  - {{日期: {day}, 内容: {text}}}" for day, text in measures),
        f"是否已化解: {status}",
    ]
    if resolved_on:
        lines += [f"化解日期: {resolved_on}", "化解方式: 调解"]
    return "\n".join(lines) + "\n" + extra


LIUZHAI_PEOPLE = (("李志强", "办事处主任"), ("劳动保障所", "钱雨桐", "所长"))
LIUZHAI_EXTRA = {
    # Screened before the quarterly roll-up's 开始日期, resolved on its first day.
    "gongye-901": case_text(
        "2019-06-28",
        ("欧阳素芬", "工业园区纬三路17号宿舍楼208室"),
        "工业园区东方精密铸造公司",
        "要求东方精密铸造公司补发五六月拖欠的加班工资四千三百元",
        [("2019-06-29", "约谈东方精密铸造公司人事主管核对考勤表")],
        category="劳动社保",
        risk="中",
        status="是",
        people=LIUZHAI_PEOPLE,
        resolved_on="2019-07-01",
    ),
    # The campaign's last day, still open.
    "liuzhai-901": case_text(
        "2019-09-25",
        ("司马慧琳", "刘寨村槐树巷41号"),
        "刘寨村槐树巷",
        "邻居翻建楼房挡住采光通道，要求拆除违建的第三层",
        [("2019-09-25", "会同城建办丈量槐树巷41号与43号的间距")],
        category="邻里纠纷",
        risk="低",
        status="否",
        people=LIUZHAI_PEOPLE,
    ),
}

HEWAN_PEOPLE = (("葛振邦", "副镇长"), ("司法所", "蒋文清", "所长"))
HEWAN_CASES = {
    # 2019-12-30 is the first day of ISO week 2020-W01: a weekly period across the new year.
    "dongcun-001": case_text(
        "2019-12-17",
        ("慕容秋菊", "河湾镇滨江花园9栋1单元502室"),
        "滨江花园物业服务中心",
        "滨江花园物业擅自把地下车库改成仓库出租，要求恢复原状并公开收支",
        [("2019-12-18", "约见滨江花园物业经理调取车库租赁合同")],
        category="物业",
        risk="黄",
        status="已化解",
        people=HEWAN_PEOPLE,
        resolved_on="2019-12-30",
    ),
    "dongcun-002": case_text(
        "2019-12-31",
        ("诸葛建勋", "河湾镇东村砖瓦窑旧址3号"),
        "东村砖瓦窑",
        "砖瓦窑老板拖欠二十一名窑工年底工钱共计九万六千元",
        [("2020-01-02", "联合劳动监察冻结砖瓦窑老板的货款")],
        category="劳资",
        risk="红",
        status="息诉罢访",
        people=HEWAN_PEOPLE,
        resolved_on="2020-01-06",
    ),
    "dongcun-003": case_text(
        "2020-01-02",
        ("上官玉兰", "河湾镇卫生院家属院2号楼"),
        "河湾镇卫生院",
        "认为卫生院延误诊治导致丈夫截肢，要求赔偿三十万元",
        [("2020-01-03", "请县医学会安排医疗事故技术鉴定")],
        category="医疗纠纷",
        risk="红",
        status="稳控中",
        people=HEWAN_PEOPLE,
        extra="化解时限: 2020-01-10\n",
    ),
    "xicun-001": case_text(
        "2020-01-06",
        ("皇甫振东", "河湾镇西村柿子沟18号"),
        "西村柿子沟",
        "承包的柿子沟果园被修路占用，要求按合同补偿青苗费",
        [("2020-01-07", "调取西村果园承包合同和修路征占地图")],
        category="合同",
        risk="蓝",
        status="正在化解",
        people=HEWAN_PEOPLE,
    ),
    "xicun-002": case_text(
        "2020-01-20",
        ("独孤明月", "河湾镇西村老油坊巷5号"),
        "西村老油坊巷",
        "电动三轮车被货车撞坏，要求货车司机赔偿修车费二千八百元",
        [("2020-01-20", "交警队出具事故认定书后当场调解")],
        category="交通事故",
        risk="蓝",
        status="已化解",
        people=HEWAN_PEOPLE,
        resolved_on="2020-01-20",
    ),
}

QINGSHI_PEOPLE = (("罗永强", "政法委员"), ("综治中心", "闻人佳慧", "主任"))
QINGSHI_CASES = {
    "dongping-001": case_text(
        "2020-02-03",
        ("宇文德厚", "东坪村七组鹰嘴崖下2号"),
        "东坪村鹰嘴崖",
        "鹰嘴崖采石场放炮震裂房屋墙体，要求采石场赔偿并停止夜间放炮",
        [("2020-02-05", "请住建部门鉴定鹰嘴崖下2号房屋裂缝成因")],
        category="损害赔偿",
        risk="橙",
        status="已化解",
        people=QINGSHI_PEOPLE,
        resolved_on="2020-03-18",
    ),
    "dongping-002": case_text(
        "2020-03-05",
        ("令狐春燕", "东坪村三组晒谷场边6号"),
        "东坪村三组晒谷场",
        "与小叔子为晒谷场边老宅的继承份额争执多年，要求重新分割",
        [("2020-03-06", "调取老宅的集体土地使用证和分家协议")],
        category="婚姻家庭",
        risk="黄",
        status="正在化解",
        people=QINGSHI_PEOPLE,
        extra="化解时限: 2020-04-30\n",
    ),
    "hexi-001": case_text(
        "2020-04-10",
        ("东方雨涵", "河西社区望江苑12栋703室"),
        "河西社区望江苑",
        "望江苑楼上住户空调冷凝水长期滴落阳台，要求加装排水管",
        [("2020-04-12", "社区网格员上门协调加装冷凝水管")],
        category="邻里纠纷",
        risk="蓝",
        status="息诉罢访",
        people=QINGSHI_PEOPLE,
        resolved_on="2020-05-12",
    ),
    "hexi-002": case_text(
        "2020-05-18",
        ("西门卫国", "河西社区老粮站宿舍4号"),
        "河西社区老粮站",
        "老粮站改制时的身份置换金没有发放，要求补发一万二千元",
        [("2020-05-19", "查阅老粮站改制档案中的置换金名册")],
        category="劳资",
        risk="黄",
        status="未化解",
        people=QINGSHI_PEOPLE,
    ),
}


@dataclass(frozen=True)
class Member:
    """One member office: its repository, the as-of date it is built with, and what the
    expectations need from its campaign.yaml."""

    name: str  # 名称 in ROLLUP.yaml
    root: Path
    today: str  # --today of its build

    @functools.cached_property
    def campaign(self) -> dict[str, Any]:
        return yaml.safe_load((self.root / "campaign.yaml").read_text(encoding="utf-8"))

    @property
    def start(self) -> dt.date:
        return self.campaign["开始日期"]

    @property
    def end(self) -> dt.date | None:
        return self.campaign.get("结束日期")

    @property
    def as_of(self) -> dt.date:
        return min(D(self.today), self.end or D(self.today))

    @property
    def resolved_states(self) -> list[str]:
        states = (self.campaign.get("台账") or {}).get("化解状态") or {}
        return states.get("已化解", ["是"])

    @property
    def site(self) -> Path:
        return self.root / "site"

    @functools.cached_property
    def _cases(self) -> dict[str, dict[str, Any]]:
        return {
            p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((self.root / "cases").glob("*/*.yaml"))
        }

    def cases(self) -> dict[str, dict[str, Any]]:
        """Every case file as plain YAML, by 编号 (read once: the files never change)."""
        return self._cases


def write_members(base: Path) -> list[Member]:
    """The three repositories under base (not built)."""
    liuzhai = copy_sample(base / "liuzhai")
    profiles.write(liuzhai, (liuzhai / "campaign.yaml").read_text("utf-8"), LIUZHAI_EXTRA)
    profiles.write(base / "hewan", profiles.WEEKLY, HEWAN_CASES)
    standing = (ROOT / "examples/standing/campaign.yaml").read_text(encoding="utf-8")
    standing = standing.replace("开始日期: 2026-01-01", "开始日期: 2020-02-01")
    assert "2020-02-01" in standing
    profiles.write(base / "qingshi", standing, QINGSHI_CASES)
    return [
        Member("刘寨街道", liuzhai, "2026-11-29"),
        Member("河湾镇", base / "hewan", "2026-11-29"),
        Member("青石镇", base / "qingshi", "2020-05-20"),
    ]


# The scratch repositories have no node_modules: the generator looks in NODE_PATH (as in
# tests/conftest.py) for ECharts.
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NODE_PATH": str(ROOT / "node_modules")}


def generator(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` in a child process, in cwd."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        check=False,
    )


def build_members(members: Sequence[Member]) -> None:
    """Each member's site into its root/site, the three builds at once."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--out", "site", "--today", m.today],
            cwd=m.root,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for m in members
    ]
    for m, run in zip(members, runs, strict=True):
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, f"{m.name}: {out}{err}"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the test's stderr."""


class _Bodies(_Quiet):
    """Answers the paths of ``bodies`` with their bytes, anything else with 404."""

    bodies: Mapping[str, bytes] = {}

    def do_GET(self) -> None:
        body = self.bodies.get(self.path)
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(server: ThreadingHTTPServer) -> str:
    # A short poll: shutdown() waits for it, four servers in a row.
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


@dataclass
class Servers:
    """The members' sites and the server of bad answers, each on its own loopback port."""

    sites: dict[str, str]  # member 名称 → base address
    bad: str  # base address of the bodies server
    refused: str  # an address nothing listens on
    running: list[ThreadingHTTPServer]


def serve(members: Sequence[Member], bodies: Mapping[str, bytes]) -> Iterator[Servers]:
    """Serve each member's site/ and the bad bodies on free ports while the generator runs."""
    running = [
        ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(m.site)))
        for m in members
    ]
    handler = type("Bodies", (_Bodies,), {"bodies": dict(bodies)})
    running.append(ThreadingHTTPServer(("127.0.0.1", 0), handler))
    addresses = [_serve(s) for s in running]
    try:
        yield Servers(
            dict(zip((m.name for m in members), addresses, strict=False)),
            addresses[-1],
            refused_address(),
            running,
        )
    finally:
        for server in running:
            server.shutdown()
            server.server_close()


def refused_address() -> str:
    """A loopback address that refuses: a port the system just gave out and took back."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/data/counts.json"


def rollup_yaml(head: Mapping[str, str], members: Sequence[tuple[str, str]]) -> str:
    """ROLLUP.yaml's text: the head's keys, then 成员 as (名称, 来源) flow mappings."""
    lines = [f"{k}: {v}" for k, v in head.items()]
    lines += ["成员:", *(f"  - {{名称: {n}, 来源: '{src}'}}" for n, src in members)]
    return "\n".join(lines) + "\n"


# --- the second computation: periods and figures without the generator --------------------


def period(day: dt.date, rhythm: str) -> tuple[str, dt.date, dt.date]:
    """The id, first and last day of the period of the rhythm holding day (unclipped)."""
    if rhythm == "周":
        year, week, weekday = day.isocalendar()
        first = day - dt.timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", first, first + dt.timedelta(days=6)
    if rhythm == "半月":
        half = 1 if day.day <= 15 else 2
        first = day.replace(day=1 if half == 1 else 16)
        last = day.replace(day=15) if half == 1 else month_end(day)
        return f"{day.year}-{day.month:02d}-{half}", first, last
    if rhythm == "月":
        return f"{day.year}-{day.month:02d}", day.replace(day=1), month_end(day)
    q = (day.month - 1) // 3
    first = dt.date(day.year, 3 * q + 1, 1)
    return f"{day.year}-Q{q + 1}", first, month_end(dt.date(day.year, 3 * q + 3, 1))


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def windows(start: dt.date, end: dt.date, rhythm: str) -> list[tuple[str, dt.date, dt.date]]:
    """The periods from start to end, clipped to them."""
    out = []
    day = start
    while day <= end:
        pid, first, last = period(day, rhythm)
        out.append((pid, max(first, start), min(last, end)))
        day = last + dt.timedelta(days=1)
    return out


def member_days(member: Member) -> tuple[Counter[dt.date], Counter[dt.date]]:
    """Cases screened and resolved per day, from the files, inside the member's own window."""
    screened: Counter[dt.date] = Counter()
    resolved: Counter[dt.date] = Counter()
    for case in member.cases().values():
        if member.start <= case["排查日期"] <= member.as_of:
            screened[case["排查日期"]] += 1
        # Only a resolved status counts (the rules make it carry its 化解日期).
        done = case.get("化解日期") if case["是否已化解"] in member.resolved_states else None
        if done and member.start <= done <= member.as_of:
            resolved[done] += 1
    return screened, resolved


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _figures(s: int, r: int, cs: int, cr: int) -> dict[str, Any]:
    return {"screened": s, "resolved": r, "rate": ratio(r, s)} | {
        "cum_screened": cs,
        "cum_resolved": cr,
        "cum_rate": ratio(cr, cs),
    }


def expected_periods(
    members: Sequence[Member],
    window: tuple[dt.date, dt.date],
    rhythm: str,
    missing: int,
    as_of: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The roll-up's periods over the window (first and last day) as ``rollup --format json``
    should print them, counting days up to as_of (default: the window's last day): one row per
    read member, 未报送 where its as-of date is before min(period end, its end, as_of)."""
    start, end = window
    as_of = as_of or end
    days = {m.name: member_days(m) for m in members}
    cum = {m.name: [0, 0] for m in members}
    out = []
    for pid, first, last in windows(start, end, rhythm):
        rows, sums, unreported = [], [0, 0, 0, 0], 0
        for m in members:
            row: dict[str, Any] = {"unit": m.name, "name": m.name}
            if m.as_of < min(last, m.end or last, as_of):
                unreported += 1
                row |= dict.fromkeys(("screened", "resolved", "rate"), None)
                row |= dict.fromkeys(("cum_screened", "cum_resolved", "cum_rate"), None)
                reason = f"数据截至 {m.as_of.isoformat()}，未覆盖本时段"
                rows.append(row | {"reported": False, "reason": reason})
                continue
            screened, resolved = days[m.name]
            span = [
                first + dt.timedelta(days=n) for n in range((min(last, as_of) - first).days + 1)
            ]
            s, r = sum(screened[d] for d in span), sum(resolved[d] for d in span)
            cum[m.name][0] += s
            cum[m.name][1] += r
            figures = [s, r, *cum[m.name]]
            sums = [a + b for a, b in zip(sums, figures, strict=True)]
            rows.append(row | _figures(*figures) | {"reported": True, "reason": None})
        total = _figures(*sums) | {"unreported": unreported + missing}
        out.append(
            {"id": pid, "start": first.isoformat(), "end": last.isoformat()}
            | {"rows": rows, "total": total}
        )
    return out


def json_reason(text: str) -> str:
    """The reason of a body that is no JSON: where Python's own parser stops."""
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return f"不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列"
    raise AssertionError("the body is valid JSON")


# --- privacy: every personal text of every case --------------------------------------------

PERSONAL = ("信访人", "问题属地", "主要诉求", "工作措施", "备注", "分包民警", "稳控", "交办")


def personal_texts(member: Member) -> set[str]:
    """The 编号 and every string under a personal key of every case file (names, addresses,
    places, 诉求, measures, notes), and the people named in 包案领导 and 责任部门."""
    found: set[str] = set()
    for case_id, case in member.cases().items():
        found.add(case_id)
        found |= set(strings([case.get(key) for key in PERSONAL]))
        found |= {case["包案领导"]["姓名"], case["责任部门"]["责任人"]}
    return found


def strings(value: Any) -> Iterator[str]:
    """Every string inside lists and mappings of YAML data (dates are no strings)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict | list):
            stack.extend(item.values() if isinstance(item, dict) else item)


def published_days(
    members: Sequence[Member], start: dt.date, until: dt.date
) -> list[dict[str, Any]]:
    """The roll-up's own counts.json ``days``: each member a unit, days from start to until
    with a count, by date, then member in ROLLUP.yaml order."""
    rows = []
    for n, m in enumerate(members):
        screened, resolved = member_days(m)
        for day in screened.keys() | resolved.keys():
            if start <= day <= until:
                rows.append((day, n, screened[day], resolved[day]))
    return [
        {"date": day.isoformat(), "unit": members[n].name, "screened": s, "resolved": r}
        for day, n, s, r in sorted(rows)
    ]


def open_figures(member: Member) -> dict[str, Any]:
    """A member's open cases as of its as-of date, summed over its units: open, at the
    profile's highest risk, over 60 days, past 化解时限, 15 days or more without a measure
    (the three ledgers keep the default thresholds)."""
    ledger = member.campaign.get("台账") or {}
    high = (ledger.get("风险等级") or ["高"])[0]
    as_of = member.as_of
    mine = [c for c in member.cases().values() if c["是否已化解"] not in member.resolved_states]

    def last(case: dict[str, Any]) -> dt.date:
        return max([m["日期"] for m in case.get("工作措施") or []] or [case["排查日期"]])

    return {
        "unit": member.name,
        "open": len(mine),
        "high_risk": sum(c["风险等级"] == high for c in mine),
        "overdue": sum((as_of - c["排查日期"]).days > 60 for c in mine),
        "late": sum(bool(c.get("化解时限")) and c["化解时限"] < as_of for c in mine),
        "stalled": sum((as_of - last(c)).days >= 15 for c in mine),
    }
