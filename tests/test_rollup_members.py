"""The district roll-up end to end (issue 14, "Done when"): three member sites of different
profiles and rhythms served on 127.0.0.1, one member that refuses connections and malformed
ones, rolled up monthly, quarterly and weekly.

Every figure is checked against a count of the members' case files (tests/rollup_members.py),
the 未报送 rows and the ``missing`` list against the contract's exact reasons, and every file the
roll-up writes against every personal text of every member's cases.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest

from tests import rollup_members as rm
from tests.rollup_members import D, Member, Servers

SCHEMA = json.loads((rm.ROOT / "schema/counts.schema.json").read_text(encoding="utf-8"))
REFUSED = "无法连接：连接被拒绝"
MONTHLY_TODAY = "2020-06-30"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rollup")


@pytest.fixture(scope="module")
def members(base: Path) -> list[Member]:
    """刘寨街道 (半月), 河湾镇 (周), 青石镇 (月, standing, built as of 2020-05-20), built once."""
    built = rm.write_members(base)
    rm.build_members(built)
    return built


@pytest.fixture(scope="module")
def bodies(members: list[Member]) -> dict[str, bytes]:
    """What the server of bad answers says: a cut-off file, another format, a file that fails
    the schema, a file without a format."""
    doc = json.loads((members[0].site / "data/counts.json").read_text(encoding="utf-8"))
    indented = json.dumps(doc, ensure_ascii=False, indent=1)
    return {
        "/truncated.json": indented[:400].encode(),
        "/v9.json": json.dumps(doc | {"format": "taizhang-counts/9"}).encode(),
        "/noschema.json": json.dumps(doc | {"days": "很多"}).encode(),
        "/noformat.json": json.dumps({k: v for k, v in doc.items() if k != "format"}).encode(),
    }


@pytest.fixture(scope="module")
def servers(members: list[Member], bodies: dict[str, bytes]) -> Iterator[Servers]:
    yield from rm.serve(members, bodies)


def counts_url(servers: Servers, name: str) -> str:
    return f"{servers.sites[name]}/data/counts.json"


def write_rollup(folder: Path, head: dict[str, str], members: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ROLLUP.yaml"
    path.write_text(rm.rollup_yaml(head, members), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def monthly(base: Path, servers: Servers) -> Path:
    """Monthly, no window given (the members' union, standing): the three sites, one member
    that refuses, one that answers a cut-off file."""
    head = {
        "名称": "某区矛盾纠纷排查化解工作月度汇总",
        "主办单位": "某区委政法委",
        "报送周期": "月",
    }
    sources = [(n, counts_url(servers, n)) for n in ("刘寨街道", "河湾镇", "青石镇")]
    sources += [("柳河街道", servers.refused), ("石桥街道", f"{servers.bad}/truncated.json")]
    return write_rollup(base / "district" / "month", head, sources)


@pytest.fixture(scope="module")
def monthly_run(monthly: Path) -> subprocess.CompletedProcess[str]:
    return rm.generator("rollup", "ROLLUP.yaml", "--format", "json", "--today", MONTHLY_TODAY,
                        cwd=monthly.parent)  # fmt: skip


@pytest.fixture(scope="module")
def monthly_json(monthly_run: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert monthly_run.returncode == 0, monthly_run.stderr
    return json.loads(monthly_run.stdout)


@pytest.fixture(scope="module")
def monthly_site(monthly: Path) -> Path:
    out = monthly.parent / "out"
    run = rm.generator("rollup", str(monthly), "--out", str(out), "--today", MONTHLY_TODAY,
                       cwd=rm.ROOT)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="module")
def quarterly(base: Path, servers: Servers) -> Path:
    """Quarterly over a window of its own (2019-07-01 … 2020-03-31): 青石镇 read from its
    folder by a relative path, and five members that cannot be read, each its own way."""
    head = {"名称": "某市矛盾纠纷排查化解工作季度汇总", "报送周期": "季"}
    head |= {"开始日期": "2019-07-01", "结束日期": "2020-03-31"}
    sources = [(n, counts_url(servers, n)) for n in ("刘寨街道", "河湾镇")]
    sources += [
        ("青石镇", "../../qingshi/site/data/counts.json"),
        ("白沙街道", f"{servers.bad}/v9.json"),
        ("黄庄街道", f"{servers.bad}/noschema.json"),
        ("南湖街道", f"{servers.bad}/noformat.json"),
        ("新村街道", f"{servers.bad}/data/counts.json"),
        ("旧城街道", "../../gone/site/data/counts.json"),
    ]
    return write_rollup(base / "district" / "quarter", head, sources)


@pytest.fixture(scope="module")
def quarterly_json(quarterly: Path) -> dict[str, Any]:
    run = rm.generator("rollup", "ROLLUP.yaml", "--format", "json", "--today", MONTHLY_TODAY,
                       cwd=quarterly.parent)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def by_name(members: list[Member], *names: str) -> list[Member]:
    return [m for name in names for m in members if m.name == name]


# --- figures --------------------------------------------------------------------------------


def test_monthly_figures_are_the_case_files_counted(
    monthly_json: dict[str, Any], members: list[Member], bodies: dict[str, bytes]
) -> None:
    assert {k: monthly_json[k] for k in ("campaign", "as_of", "rhythm")} == {
        "campaign": "某区矛盾纠纷排查化解工作月度汇总",
        "as_of": "2020-06-30",
        "rhythm": "月",
    }
    # 开始日期: the earliest member's; no end (青石镇 is standing): up to the as-of date.
    ids = [p["id"] for p in monthly_json["periods"]]
    assert ids == [f"2019-{m:02d}" for m in range(6, 13)] + [f"2020-{m:02d}" for m in range(1, 7)]
    assert monthly_json["periods"][0]["start"] == "2019-06-25"
    window = (D("2019-06-25"), D("2020-06-30"))
    assert monthly_json["periods"] == rm.expected_periods(members, window, "月", missing=2)
    truncated = bodies["/truncated.json"].decode()
    assert monthly_json["missing"] == [
        {"name": "柳河街道", "reason": REFUSED},
        {"name": "石桥街道", "reason": rm.json_reason(truncated)},
    ]
    assert rm.json_reason(truncated).startswith("不是有效的 JSON：第 ")
    assert rm.json_reason(truncated) != "不是有效的 JSON：第 1 行第 1 列"  # cut mid-file


def test_monthly_totals_by_hand(monthly_json: dict[str, Any]) -> None:
    """A few figures worked out by hand from the fixtures, beside the computed ones: December
    2019 holds 河湾镇's first two cases and one resolution; 刘寨街道's 134 cases end by
    September; 青石镇 reports up to April."""
    periods = {p["id"]: p for p in monthly_json["periods"]}
    hewan = periods["2019-12"]["rows"][1]
    assert [hewan[k] for k in ("screened", "resolved", "cum_screened", "cum_resolved")] == [
        2,
        1,
        2,
        1,
    ]
    assert periods["2019-09"]["rows"][0]["cum_screened"] == 134
    april = periods["2020-04"]["total"]
    assert (april["cum_screened"], april["cum_resolved"]) == (134 + 5 + 3, 86 + 3 + 1)
    assert april["cum_rate"] == 90 / 142
    assert april["unreported"] == 2


def test_unreported_members_are_named_on_stderr(
    monthly_run: subprocess.CompletedProcess[str], bodies: dict[str, bytes]
) -> None:
    """One line per member that is 未报送 somewhere, with how many of the 13 periods and why
    (the line's form is the implementation's; the contract only says the JSON comes first)."""
    truncated = rm.json_reason(bodies["/truncated.json"].decode())
    assert monthly_run.stderr.splitlines() == [
        "未报送：青石镇：2/13 个时段未报送（数据截至 2020-05-20，未覆盖本时段）",
        f"未报送：柳河街道：13/13 个时段未报送（{REFUSED}）",
        f"未报送：石桥街道：13/13 个时段未报送（{truncated}）",
    ]


def test_gap_between_windows_is_listed_with_zeros(monthly_json: dict[str, Any]) -> None:
    """October and November 2019 lie between 刘寨街道's end and 河湾镇's start."""
    zero = {"screened": 0, "resolved": 0, "rate": None}
    for pid in ("2019-10", "2019-11"):
        (p,) = [p for p in monthly_json["periods"] if p["id"] == pid]
        assert [r["unit"] for r in p["rows"]] == ["刘寨街道", "河湾镇", "青石镇"]
        assert all({k: r[k] for k in zero} | {"reported": r["reported"]} == zero | {
            "reported": True
        } for r in p["rows"])  # fmt: skip
        assert {k: p["total"][k] for k in zero} == zero
        assert p["total"]["cum_screened"] == 134


def test_member_built_earlier_is_unreported_for_later_periods(
    monthly_json: dict[str, Any],
) -> None:
    """青石镇 was built as of 2020-05-20: May and June are 未报送 with that date; April is not."""
    rows = {p["id"]: p["rows"][2] for p in monthly_json["periods"]}
    reason = "数据截至 2020-05-20，未覆盖本时段"
    for pid in ("2020-05", "2020-06"):
        assert rows[pid] == {
            "unit": "青石镇",
            "name": "青石镇",
            **dict.fromkeys(("screened", "resolved", "rate"), None),
            **dict.fromkeys(("cum_screened", "cum_resolved", "cum_rate"), None),
            "reported": False,
            "reason": reason,
        }
    assert (rows["2020-04"]["reported"], rows["2020-04"]["reason"]) == (True, None)
    units = {p["id"]: p["total"]["unreported"] for p in monthly_json["periods"]}
    assert units["2020-04"] == 2 and units["2020-05"] == 3 and units["2020-06"] == 3


def test_strict_exits_1_after_printing_the_same_json(
    monthly: Path, monthly_json: dict[str, Any]
) -> None:
    run = rm.generator("rollup", "ROLLUP.yaml", "--format", "json", "--strict",
                       "--today", MONTHLY_TODAY, cwd=monthly.parent)  # fmt: skip
    assert run.returncode == 1
    assert json.loads(run.stdout) == monthly_json


def test_strict_with_every_member_complete_exits_0(
    base: Path, servers: Servers, members: list[Member]
) -> None:
    """Weekly over 刘寨街道 (半月) and 河湾镇 (周): no window given, both ended, nothing
    missing; the weeks between them (W40 … W50 of 2019) are zeros."""
    folder = write_rollup(
        base / "district" / "week",
        {"名称": "两街镇周报汇总", "报送周期": "周"},
        [(n, counts_url(servers, n)) for n in ("刘寨街道", "河湾镇")],
    ).parent
    run = rm.generator("rollup", "ROLLUP.yaml", "--format", "json", "--strict",
                       "--today", "2026-11-29", cwd=folder)  # fmt: skip
    assert (run.returncode, run.stderr) == (0, "")
    doc = json.loads(run.stdout)
    assert (doc["as_of"], doc["rhythm"], doc["missing"]) == ("2020-01-20", "周", [])
    assert doc["periods"][0]["id"] == "2019-W26" and doc["periods"][-1]["id"] == "2020-W04"
    window = (D("2019-06-25"), D("2020-01-20"))
    two = by_name(members, "刘寨街道", "河湾镇")
    assert doc["periods"] == rm.expected_periods(two, window, "周", missing=0)
    gap = [p for p in doc["periods"] if "2019-W40" <= p["id"] <= "2019-W50"]
    assert len(gap) == 11 and all(p["total"]["screened"] == 0 for p in gap)


def test_quarterly_window_and_every_unreadable_member(
    quarterly_json: dict[str, Any], members: list[Member]
) -> None:
    """开始日期/结束日期 clip the members' days (刘寨街道's June cases and 青石镇's April and May
    are outside); each member that cannot be read has the contract's reason."""
    assert (quarterly_json["as_of"], quarterly_json["rhythm"]) == ("2020-03-31", "季")
    assert [p["id"] for p in quarterly_json["periods"]] == ["2019-Q3", "2019-Q4", "2020-Q1"]
    window = (D("2019-07-01"), D("2020-03-31"))
    assert quarterly_json["periods"] == rm.expected_periods(members, window, "季", missing=5)
    missing = quarterly_json["missing"]
    assert [m["name"] for m in missing] == [
        "白沙街道",
        "黄庄街道",
        "南湖街道",
        "新村街道",
        "旧城街道",
    ]
    reasons = [m["reason"] for m in missing]
    assert reasons[0] == "格式是“taizhang-counts/9”，不是 taizhang-counts/1"
    assert reasons[1].startswith("不符合 counts.schema.json：")
    assert reasons[2:] == [
        "缺少格式版本 format",
        "服务器回答 HTTP 404",
        "找不到文件：../../gone/site/data/counts.json",
    ]


def test_as_of_inside_a_fixed_window_counts_no_later_day(
    quarterly: Path, members: list[Member]
) -> None:
    """--today 2020-02-15 before 结束日期 2020-03-31: the quarters still run to 2020-03-31, but
    青石镇's 2020-03-05 case and its 2020-03-18 resolution (and everything after) are left out;
    every member covers 2020-02-15, so all are reported."""
    run = rm.generator("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2020-02-15",
                       cwd=quarterly.parent)  # fmt: skip
    doc = json.loads(run.stdout)
    assert doc["as_of"] == "2020-02-15"
    assert [(p["id"], p["end"]) for p in doc["periods"]][-1] == ("2020-Q1", "2020-03-31")
    window = (D("2019-07-01"), D("2020-03-31"))
    expected = rm.expected_periods(members, window, "季", 5, as_of=D("2020-02-15"))
    assert doc["periods"] == expected
    assert [r["screened"] for r in doc["periods"][-1]["rows"]] == [0, 3, 1]  # by hand


# --- the site ---------------------------------------------------------------------------------


def test_site_publishes_counts_of_its_members(
    monthly_site: Path, monthly_json: dict[str, Any], members: list[Member]
) -> None:
    """data/counts.json of the roll-up, so a city can roll up districts: the members read as
    units, their days and open cases, and the members not read under ``missing``. Its as-of
    date is not the roll-up's 2020-06-30 but the last day every member read covers (青石镇's
    2020-05-20; the two others ended and were counted to their end): the implementation's
    choice (core/rollup_json.py), so a level above sees 青石镇's gap as 未报送 too."""
    doc = json.loads((monthly_site / "data/counts.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert {k: doc[k] for k in ("format", "campaign", "organizer", "start", "end", "as_of")} == {
        "format": "taizhang-counts/1",
        "campaign": "某区矛盾纠纷排查化解工作月度汇总",
        "organizer": "某区委政法委",
        "start": "2019-06-25",
        "end": None,
        "as_of": "2020-05-20",
    }
    names = ["刘寨街道", "河湾镇", "青石镇"]
    assert doc["units"] == [{"code": n, "name": n, "type": "单位"} for n in names]
    assert doc["days"] == rm.published_days(members, D("2019-06-25"), D("2020-05-20"))
    assert doc["open"] == [rm.open_figures(m) for m in members]
    assert doc["open"][1:] == [  # by hand: 河湾镇 on 2020-01-20, 青石镇 on 2020-05-20
        {"unit": "河湾镇", "open": 2, "high_risk": 1, "overdue": 0, "late": 1, "stalled": 1},
        {"unit": "青石镇", "open": 2, "high_risk": 0, "overdue": 1, "late": 1, "stalled": 1},
    ]
    assert doc["missing"] == monthly_json["missing"]
    for p in monthly_json["periods"]:  # the days re-add to every reported figure
        for row in p["rows"]:
            if row["reported"]:
                inside = [
                    d
                    for d in doc["days"]
                    if d["unit"] == row["unit"] and p["start"] <= d["date"] <= p["end"]
                ]
                assert sum(d["screened"] for d in inside) == row["screened"], (p["id"], row)
                assert sum(d["resolved"] for d in inside) == row["resolved"], (p["id"], row)


def test_site_shows_unreported_members_with_their_reasons(
    monthly_site: Path, bodies: dict[str, bytes]
) -> None:
    pages = "\n".join(html.unescape(p.read_text("utf-8")) for p in monthly_site.rglob("*.html"))
    assert "未报送" in pages
    for reason in (
        REFUSED,
        rm.json_reason(bodies["/truncated.json"].decode()),
        "数据截至 2020-05-20，未覆盖本时段",
    ):
        assert reason in pages, reason


def test_site_offers_each_period_as_excel(
    monthly_site: Path, members: list[Member], bodies: dict[str, bytes]
) -> None:
    """One 汇总表 workbook per period: a line per member in ROLLUP.yaml order (未报送 with its
    reason where it has no figures, the unread members included) and 合计, with the figures
    counted from the case files."""
    window = (D("2019-06-25"), D("2020-06-30"))
    expected = rm.expected_periods(members, window, "月", missing=2)
    books = sorted(p.relative_to(monthly_site).as_posix() for p in monthly_site.rglob("*.xlsx"))
    assert books == [f"downloads/rollup-summary-{p['id']}.xlsx" for p in expected]
    unread = [REFUSED, rm.json_reason(bodies["/truncated.json"].decode())]
    for p in expected:
        sheet = openpyxl.load_workbook(monthly_site / f"downloads/rollup-summary-{p['id']}.xlsx")
        rows = [r for r in sheet.active.iter_rows(values_only=True) if r[0] is not None]
        top = [r[0] for r in rows].index("报送单位") + 1
        lines = [[r[0], *map(rounded, r[2:])] for r in rows[top : top + 6]]
        want = [form_line(row["name"], row) for row in p["rows"]]
        want += [
            [n, f"未报送（{why}）", *[None] * 5]
            for n, why in zip(("柳河街道", "石桥街道"), unread, strict=True)
        ]
        want.append(form_line("合计", p["total"]))
        assert lines == want, p["id"]


def form_line(name: str, row: dict[str, Any]) -> list[Any]:
    """A line of the 汇总表 form without its 报送时间: figures, rates as fractions or —."""
    if row.get("reported") is False:
        return [name, f"未报送（{row['reason']}）", *[None] * 5]
    keys = ("screened", "resolved", "rate", "cum_screened", "cum_resolved", "cum_rate")
    return [name, *("—" if row[k] is None else rounded(row[k]) for k in keys)]


def rounded(cell: Any) -> Any:
    """A rate to 12 places: a workbook keeps 15 significant digits, not the float itself."""
    return round(cell, 12) if isinstance(cell, float) else cell


def test_strict_site_is_built_before_exit_1(quarterly: Path, members: list[Member]) -> None:
    """``--strict`` with members missing: exit 1, the site written all the same (default
    ``--out``: site/ beside ROLLUP.yaml), with no personal text in any of its files."""
    run = rm.generator("rollup", "ROLLUP.yaml", "--strict", "--today", MONTHLY_TODAY,
                       cwd=quarterly.parent)  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    site = quarterly.parent / "site"
    assert (site / "index.html").is_file() and (site / "data/counts.json").is_file()
    books = sorted(p.name for p in site.rglob("*.xlsx"))
    assert books == [f"rollup-summary-{q}.xlsx" for q in ("2019-Q3", "2019-Q4", "2020-Q1")]
    assert leaks(file_texts(site), members) == []


# --- privacy -------------------------------------------------------------------------------


def file_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """Every file under folder as searchable text: each member of a workbook (or any zip),
    gzip unpacked, JSON re-dumped without escapes, HTML entities and \\u escapes decoded."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as book:
                for item in book.namelist():
                    yield f"{path}!{item}", readable(book.read(item))
            continue
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        yield str(path), readable(raw)


def readable(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(text)


def leaks(texts: Iterator[tuple[str, str]], members: list[Member]) -> list[tuple[str, str]]:
    """(file, text) for every personal text of a member found in a file."""
    secrets = set().union(*(rm.personal_texts(m) for m in members))
    found = []
    for where, text in texts:
        found += [(where, s) for s in sorted(secrets) if s in text]
    return found


def test_personal_texts_are_many_and_distinct(members: list[Member]) -> None:
    """The check below looks for something: hundreds of texts, the fixtures' own among them."""
    texts = set().union(*(rm.personal_texts(m) for m in members))
    assert len(texts) > 700
    for text in ("欧阳素芬", "慕容秋菊", "河湾镇滨江花园9栋1单元502室", "宇文德厚", "hexi-002"):
        assert text in texts


def test_no_personal_data_in_any_file_of_the_site(
    monthly_site: Path, members: list[Member]
) -> None:
    files = list(file_texts(monthly_site))
    assert any(name.endswith(".xlsx!xl/worksheets/sheet1.xml") for name, _ in files)
    assert leaks(iter(files), members) == []


def test_no_personal_data_in_the_json(
    monthly_json: dict[str, Any], quarterly_json: dict[str, Any], members: list[Member]
) -> None:
    texts = [
        ("monthly", json.dumps(monthly_json, ensure_ascii=False)),
        ("quarterly", json.dumps(quarterly_json, ensure_ascii=False)),
    ]
    assert leaks(iter(texts), members) == []


def test_the_check_finds_a_leak(members: list[Member], tmp_path: Path) -> None:
    """The privacy check itself: a workbook and a page that do hold a name are caught."""
    with zipfile.ZipFile(tmp_path / "a.xlsx", "w") as book:
        book.writestr("xl/sharedStrings.xml", "<si><t>慕容秋菊</t></si>")
    (tmp_path / "p.html").write_text("<p>\\u6b27\\u9633&#32032;芬</p>", "utf-8")
    found = leaks(file_texts(tmp_path), members)
    assert [s for _, s in found] == ["慕容秋菊", "欧阳素芬"]


def test_the_check_reads_inside_a_members_workbooks(members: list[Member]) -> None:
    """On 河湾镇's own site (which does hold its cases) the check finds a 诉求 in the ledger
    workbooks: what the roll-up must never have, the walk over its files would see."""
    hewan = by_name(members, "河湾镇")
    found = leaks(file_texts(hewan[0].site), hewan)
    demand = rm.HEWAN_CASES["xicun-001"].split("主要诉求: ")[1].split("\n")[0]
    assert any(where.endswith("xlsx!xl/worksheets/sheet1.xml") for where, s in found if s == demand)
