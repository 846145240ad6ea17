"""The roll-up's figures from members' counts.json files written by hand: periods of another
rhythm, gaps between windows, 未报送 periods, the roll-up's own counts.json read by a city,
the Excel downloads and the pages. Every expectation is a sum done here, by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest

from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
SCHEMA = json.loads((ROOT / "schema/counts.schema.json").read_text(encoding="utf-8"))
ZERO = {"open": 0, "high_risk": 0, "overdue": 0, "late": 0, "stalled": 0}


def member(start: str, end: str | None, as_of: str, days: list[tuple[str, str, int, int]],
           units: tuple[str, ...] = ("a", "b"), opened: int = 0) -> dict[str, Any]:  # fmt: skip
    return {
        "format": "taizhang-counts/1",
        "campaign": "活动",
        "organizer": "街道办事处",
        "start": start,
        "end": end,
        "as_of": as_of,
        "units": [{"code": u, "name": f"{u}村", "type": "村"} for u in units],
        "days": [{"date": d, "unit": u, "screened": s, "resolved": r} for d, u, s, r in days],
        "open": [{"unit": u, **ZERO, "open": opened} for u in units],
    }


# 甲: half-monthly office, June–July, reported to its end. 乙: a weekly one, September only,
# reported up to 09-10. August lies between their windows.
JIA = member(
    "2019-06-20",
    "2019-07-31",
    "2019-07-31",
    [("2019-06-20", "a", 2, 0), ("2019-06-30", "b", 1, 1), ("2019-07-01", "a", 3, 1),
     ("2019-07-31", "b", 0, 2)],
    opened=1,
)  # fmt: skip
YI = member(
    "2019-09-02",
    "2019-09-29",
    "2019-09-10",
    [("2019-09-02", "a", 4, 0), ("2019-09-10", "a", 1, 3)],
    units=("a",),
    opened=2,
)


def write_rollup(folder: Path, rhythm: str, extra: str = "", members: str = "") -> Path:
    (folder / "jia.json").write_text(json.dumps(JIA, ensure_ascii=False), encoding="utf-8")
    (folder / "yi.json").write_text(json.dumps(YI, ensure_ascii=False), encoding="utf-8")
    path = folder / "ROLLUP.yaml"
    path.write_text(
        f"名称: 某区汇总\n报送周期: {rhythm}\n{extra}成员:\n"
        "  - {名称: 甲街道, 来源: jia.json}\n  - {名称: 乙街道, 来源: yi.json}\n" + members,
        encoding="utf-8",
    )
    return path


def figures(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["screened"], row["resolved"], row["cum_screened"], row["cum_resolved"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_monthly_rollup_of_other_rhythms(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月", members="  - {名称: 丙街道, 来源: bing.json}\n")
    result = cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2019-10-15")
    assert result.code == 0
    data = json.loads(result.out)
    assert (data["campaign"], data["as_of"], data["rhythm"]) == ("某区汇总", "2019-09-29", "月")
    assert [(p["id"], p["start"], p["end"]) for p in data["periods"]] == [
        ("2019-06", "2019-06-20", "2019-06-30"),
        ("2019-07", "2019-07-01", "2019-07-31"),
        ("2019-08", "2019-08-01", "2019-08-31"),  # the gap: listed, with zeros
        ("2019-09", "2019-09-01", "2019-09-29"),
    ]
    jia = [figures(p["rows"][0]) for p in data["periods"]]
    assert jia == [(3, 1, 3, 1), (3, 3, 6, 4), (0, 0, 6, 4), (0, 0, 6, 4)]
    yi = [p["rows"][1] for p in data["periods"]]
    assert [figures(r) for r in yi[:3]] == [(0, 0, 0, 0)] * 3
    # 乙 counted to 09-10 only; September runs to 09-29 (its end and the roll-up's): 未报送.
    assert yi[3] == {
        "unit": "乙街道", "name": "乙街道", "screened": None, "resolved": None, "rate": None,
        "cum_screened": None, "cum_resolved": None, "cum_rate": None,
        "reported": False, "reason": "数据截至 2019-09-10，未覆盖本时段",
    }  # fmt: skip
    assert data["periods"][1]["total"] == {
        "screened": 3, "resolved": 3, "rate": 1.0, "cum_screened": 6, "cum_resolved": 4,
        "cum_rate": 4 / 6, "unreported": 1,
    }  # fmt: skip
    assert data["periods"][3]["total"]["unreported"] == 2
    assert figures(data["periods"][3]["total"]) == (0, 0, 6, 4)  # 甲 alone
    assert data["missing"] == [{"name": "丙街道", "reason": "找不到文件：bing.json"}]
    assert result.err == (
        "未报送：乙街道：1/4 个时段未报送（数据截至 2019-09-10，未覆盖本时段）\n"
        "未报送：丙街道：4/4 个时段未报送（找不到文件：bing.json）\n"
    )
    strict = cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2019-10-15", "--strict")
    assert (strict.code, strict.out) == (1, result.out)


def test_weekly_rollup_counts_to_its_own_as_of(folder: Path, cli: Cli) -> None:
    """Days after the roll-up's as-of date are not counted; a member whose figures reach that
    date is reported for the week in progress."""
    write_rollup(folder, "周", "开始日期: 2019-09-02\n")
    result = cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2019-09-05")
    data = json.loads(result.out)
    assert data["as_of"] == "2019-09-05"
    # Every week of the window is listed, as the office's 汇总表 lists every period.
    assert [p["id"] for p in data["periods"]] == ["2019-W36", "2019-W37", "2019-W38", "2019-W39"]
    period = data["periods"][0]
    assert [figures(r) for r in period["rows"]] == [(0, 0, 0, 0), (4, 0, 4, 0)]
    assert [figures(r) for r in data["periods"][1]["rows"]] == [(0, 0, 0, 0), (0, 0, 4, 0)]
    assert {r["reported"] for p in data["periods"] for r in p["rows"]} == {True}
    assert result.code == 0 and result.err == ""
    strict = cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2019-09-05", "--strict")
    assert strict.code == 0


def test_window_from_rollup_file_clips_the_days(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "季", "开始日期: 2019-07-01\n结束日期: 2019-08-31\n")
    data = json.loads(cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2020-01-01").out)
    assert [(p["id"], p["start"], p["end"]) for p in data["periods"]] == [
        ("2019-Q3", "2019-07-01", "2019-08-31")
    ]
    # 甲's June days lie before the window; 乙 starts after it and is reported (zeros).
    assert [figures(r) for r in data["periods"][0]["rows"]] == [(3, 3, 3, 3), (0, 0, 0, 0)]


def test_own_counts_json_rolls_up_into_a_city(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月", members="  - {名称: 丙街道, 来源: bing.json}\n")
    built = cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15")
    assert built.code == 0, built.err
    assert built.out.startswith("已生成汇总网站：")
    own = json.loads((folder / "site/data/counts.json").read_text(encoding="utf-8"))
    jsonschema.validate(own, SCHEMA)
    assert own["as_of"] == "2019-09-10"  # the last day both members cover
    assert own["units"] == [
        {"code": "甲街道", "name": "甲街道", "type": "单位"},
        {"code": "乙街道", "name": "乙街道", "type": "单位"},
    ]
    assert own["days"] == [
        {"date": "2019-06-20", "unit": "甲街道", "screened": 2, "resolved": 0},
        {"date": "2019-06-30", "unit": "甲街道", "screened": 1, "resolved": 1},
        {"date": "2019-07-01", "unit": "甲街道", "screened": 3, "resolved": 1},
        {"date": "2019-07-31", "unit": "甲街道", "screened": 0, "resolved": 2},
        {"date": "2019-09-02", "unit": "乙街道", "screened": 4, "resolved": 0},
        {"date": "2019-09-10", "unit": "乙街道", "screened": 1, "resolved": 3},
    ]
    assert [(o["unit"], o["open"]) for o in own["open"]] == [("甲街道", 2), ("乙街道", 2)]
    assert own["missing"] == [{"name": "丙街道", "reason": "找不到文件：bing.json"}]
    city = folder / "city"
    city.mkdir()
    (city / "ROLLUP.yaml").write_text(
        "名称: 某市汇总\n报送周期: 季\n成员:\n  - {名称: 某区, 来源: ../site/data/counts.json}\n",
        encoding="utf-8",
    )
    data = json.loads(cli("rollup", "city/ROLLUP.yaml", "--format", "json").out)
    row = data["periods"][0]["rows"][0]
    assert (row["reported"], row["reason"]) == (False, "下级汇总有成员未报送：丙街道")


def test_excel_download_read_back(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月", members="  - {名称: 丙街道, 来源: bing.json}\n")
    assert cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15").code == 0
    ws = openpyxl.load_workbook(folder / "site/downloads/rollup-summary-2019-09.xlsx")["汇总表"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=7)]
    assert rows[0][0] == "某区汇总表"
    assert rows[1][0] == "统计时段：2019年9月（2019年9月1日至2019年9月29日），统计截至2019年9月29日"
    assert rows[2] == ["报送单位", "报送时间", "排查数", "化解数", "化解率", "累计排查数",
                       "累计化解数", "累计化解率"]  # fmt: skip
    assert rows[3][0] == "甲街道" and rows[3][2:] == [0, 0, "—", 6, 4, pytest.approx(4 / 6)]
    assert rows[4][:3] == ["乙街道", rows[3][1], "未报送（数据截至 2019-09-10，未覆盖本时段）"]
    assert rows[5][2] == "未报送（找不到文件：bing.json）"
    assert rows[6][0] == "合计" and rows[6][2:] == [0, 0, "—", 6, 4, pytest.approx(4 / 6)]
    assert "C5:H5" in {str(r) for r in ws.merged_cells.ranges}


def cells(html: str, table_id: str) -> list[list[str]]:
    """The text of each row of the table with that id."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(r"<tr.*?</tr>", table.group(0), re.S)
    found = [re.findall(r"<t[dh][^>]*>.*?</t[dh]>", r, re.S) for r in rows]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in row] for row in found]


def test_pages_show_unreported_members(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月", members="  - {名称: 丙街道, 来源: bing.json}\n")
    assert cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15").code == 0
    summary = (folder / "site/summary.html").read_text(encoding="utf-8")
    assert cells(summary, "t-periods") == [
        [
            "时段",
            "排查数",
            "化解数",
            "化解率",
            "累计排查数",
            "累计化解数",
            "累计化解率",
            "未报送",
            "下载",
        ],
        ["2019年6月", "3", "1", "33.3%", "3", "1", "33.3%", "1", "Excel"],
        ["2019年7月", "3", "3", "100.0%", "6", "4", "66.7%", "1", "Excel"],
        ["2019年8月", "0", "0", "—", "6", "4", "66.7%", "1", "Excel"],
        ["2019年9月", "0", "0", "—", "6", "4", "66.7%", "2", "Excel"],
    ]
    september = (folder / "site/periods/2019-09.html").read_text(encoding="utf-8")
    assert cells(september, "t-2019-09") == [
        ["报送单位", "排查数", "化解数", "化解率", "累计排查数", "累计化解数", "累计化解率"],
        ["甲街道", "0", "0", "—", "6", "4", "66.7%"],
        ["乙街道", "未报送：数据截至 2019-09-10，未覆盖本时段"],
        ["丙街道", "未报送：找不到文件：bing.json"],
        ["合计（不含 2 个未报送）", "0", "0", "—", "6", "4", "66.7%"],
    ]
    page = (folder / "site/members/m2.html").read_text(encoding="utf-8")
    assert cells(page, "t-periods")[3:] == [
        ["2019年8月", "0", "0", "—", "0", "0", "—"],
        ["2019年9月", "未报送：数据截至 2019-09-10，未覆盖本时段"],
    ]
    assert cells(page, "t-2019-09")[1] == ["a村", "未报送：数据截至 2019-09-10，未覆盖本时段"]
    jia = (folder / "site/members/m1.html").read_text(encoding="utf-8")
    assert cells(jia, "t-2019-07")[1:] == [
        ["a村", "3", "1", "33.3%", "5", "1", "20.0%"],
        ["b村", "0", "2", "—", "1", "3", "300.0%"],
        ["合计", "3", "3", "100.0%", "6", "4", "66.7%"],
    ]
    missing = (folder / "site/members/m3.html").read_text(encoding="utf-8")
    assert "<strong>未报送</strong>：找不到文件：bing.json。" in missing
    home = (folder / "site/index.html").read_text(encoding="utf-8")
    assert "<li>丙街道：找不到文件：bing.json</li>" in home


def test_refused_output_costs_no_fetch(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月")
    result = cli("rollup", "ROLLUP.yaml", "--out", ".")
    assert result.code == 1
    assert "就是仓库本身" in result.err
    assert list(folder.iterdir()) and not (folder / "site").exists()


def test_untrusted_names_stay_text(folder: Path, cli: Cli) -> None:
    """Names come from other offices' servers: escaped on pages, never a formula in Excel."""
    evil = member("2019-07-01", "2019-07-31", "2019-07-31", [("2019-07-02", "a", 1, 0)])
    evil["campaign"] = "<script>alert(1)</script>"
    evil["units"][0]["name"] = '=HYPERLINK("http://x","点我")'
    (folder / "evil.json").write_text(json.dumps(evil, ensure_ascii=False), encoding="utf-8")
    (folder / "ROLLUP.yaml").write_text(
        '名称: "<b>区</b>汇总"\n报送周期: 月\n成员:\n  - {名称: "=1+2", 来源: evil.json}\n',
        encoding="utf-8",
    )
    assert cli("rollup", "ROLLUP.yaml", "--today", "2019-08-01").code == 0
    for page in (folder / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>区" not in text, page
    members = (folder / "site/members/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in members
    ws = openpyxl.load_workbook(folder / "site/downloads/rollup-summary-2019-07.xlsx")["汇总表"]
    assert (ws["A4"].value, ws["A4"].data_type) == ("=1+2", "s")
    assert ws["A1"].value == "<b>区</b>汇总表"


def test_rollup_schema_copy_is_the_packages() -> None:
    """schema/rollup.schema.json is for code editors; the package's own is the one checked."""
    package = ROOT / "generator/ledger/schemas/rollup.schema.json"
    assert (ROOT / "schema/rollup.schema.json").read_bytes() == package.read_bytes()


def test_long_history_is_paged(folder: Path, cli: Cli) -> None:
    """Seven years of weeks: every page stays under 200 KB, a member's earlier periods by unit
    continue on pages of their own, linked from the first and kept out of the navigation."""
    days = [
        (f"{year}-03-0{d}", u, 1, 1) for year in range(2019, 2027) for d in (1, 2) for u in "abc"
    ]
    long = member("2019-01-01", None, "2026-11-29", days, units=("a", "b", "c"))
    (folder / "long.json").write_text(json.dumps(long, ensure_ascii=False), encoding="utf-8")
    (folder / "ROLLUP.yaml").write_text(
        "名称: 某区汇总\n报送周期: 周\n成员:\n  - {名称: 长街道, 来源: long.json}\n",
        encoding="utf-8",
    )
    assert cli("rollup", "ROLLUP.yaml", "--today", "2026-11-29").code == 0
    site = folder / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) <= 200_000, max(sizes.items(), key=lambda kv: kv[1])
    more = sorted(p for p in sizes if p.startswith("members/more/"))
    assert more and more[0] == "members/more/m1-2.html"
    first = (site / "members/m1.html").read_text(encoding="utf-8")
    assert 'href="more/m1-2.html">第 2 页</a>' in first
    assert len(re.findall(r'<h3 id="p-', first)) >= 1  # the latest weeks, after the list
    weeks = sum(len(re.findall(r'<h3 id="p-', (site / p).read_text(encoding="utf-8")))
                for p in ["members/m1.html", *more])  # fmt: skip
    assert weeks == len(cells(first, "t-periods")) - 1  # every week once, by unit
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "more/m1-2.html" not in nav and "periods/2019-W01.html" not in nav


def test_no_member_read_still_lists_the_window(folder: Path, cli: Cli) -> None:
    """Every member down and the window over: each period listed, everyone 未报送, a site."""
    (folder / "ROLLUP.yaml").write_text(
        "名称: 某区汇总\n报送周期: 月\n结束日期: 2019-08-31\n"
        "成员:\n  - {名称: 甲街道, 来源: none.json}\n",
        encoding="utf-8",
    )
    data = json.loads(cli("rollup", "ROLLUP.yaml", "--format", "json", "--today", "2020-01-01").out)
    assert [(p["id"], p["start"], p["end"], p["rows"]) for p in data["periods"]] == [
        ("2019-08", "2019-08-31", "2019-08-31", [])
    ]
    assert data["periods"][0]["total"]["unreported"] == 1
    built = cli("rollup", "ROLLUP.yaml", "--today", "2020-01-01", "--strict")
    assert built.code == 1 and (folder / "site/periods/2019-08.html").is_file()


def test_member_page_lists_units_only_in_its_own_window(folder: Path, cli: Cli) -> None:
    write_rollup(folder, "月")
    assert cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15").code == 0
    jia = (folder / "site/members/m1.html").read_text(encoding="utf-8")
    yi = (folder / "site/members/m2.html").read_text(encoding="utf-8")
    assert re.findall(r'<h3 id="p-([^"]+)"', jia) == ["2019-07", "2019-06"]  # newest first
    assert re.findall(r'<h3 id="p-([^"]+)"', yi) == ["2019-09"]
    assert len(cells(yi, "t-periods")) == 5  # the list of periods is the district's: all four


def test_output_through_a_symlink_is_refused(folder: Path, cli: Cli, tmp_path: Path) -> None:
    """The office site's output rules hold for the roll-up: a link could point at anything."""
    write_rollup(folder, "月")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("留着", encoding="utf-8")
    (folder / "site").symlink_to(elsewhere)
    result = cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15")
    assert result.code == 1
    assert result.err.startswith("错误：输出文件夹“site”是符号链接")
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
