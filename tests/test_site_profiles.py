"""The site of three offices' ledgers unlike the 2019 plan (tests/profiles.py): columns, case
pages, drop-downs, alerts (the profile's highest level, 逾期 from 化解时限), a standing ledger,
the office's titles, 使用说明 and masking. Every expectation is worked out by hand from the cases
in tests/profiles.py, built as of 2020-02-01 (after every case)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.core import alerts
from generator.ledger.records import case_from_dict
from generator.site.build import Options, build
from tests import profiles
from tests.browser import serve

TODAY = dt.date(2020, 2, 1)
# MONTHLY's first case with the petitioner's name inside its 稳控措施: free text, to be masked.
MEASURE = "每周走访王建国一次"
MONTHLY_CASES = {
    **profiles.MONTHLY_CASES,
    "dongcun-001": profiles.MONTHLY_CASES["dongcun-001"].replace("每周走访一次", MEASURE),
}
LEDGERS = {
    "weekly": (profiles.WEEKLY, profiles.WEEKLY_CASES),
    "monthly": (profiles.MONTHLY, MONTHLY_CASES),
    "quarterly": (profiles.QUARTERLY, profiles.QUARTERLY_CASES),
}
# The 2019 plan's columns of the site's 台账 (masked: no 住址), as test_site pins them.
BASE_COLUMNS = [
    "编号", "单位", "姓名", "问题属地", "主要诉求", "工作措施", "科级包案领导姓名、职务",
    "责任部门及责任人姓名、职务", "分包民警", "问题类型", "是否已化解", "备注", "排查日期",
    "化解日期", "涉及人数", "风险等级", "化解方式", "典型案例",
]  # fmt: skip


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each ledger written and built once (masked)."""
    out = {}
    for name, (campaign, cases) in LEDGERS.items():
        root = profiles.write(tmp_path_factory.mktemp(name), campaign, cases)
        build(Options(root=root, out=root / "site", today=TODAY), today_given=TODAY)
        out[name] = root / "site"
    return out


def ledger(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "data" / "ledger.json").read_text("utf-8"))
    return data


def column(data: dict[str, Any], title: str) -> dict[str, Any]:
    return next(c for c in data["columns"] if c["title"] == title)


def flagged(data: dict[str, Any], flag: str) -> list[str]:
    return [row["id"] for row in data["rows"] if flag in row["f"]]


def article(site: Path, page: str) -> str:
    """The page's own content (MkDocs' theme around it left out)."""
    html = (site / page).read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


def rows(html: str, table_class: str) -> list[list[str]]:
    """Cell texts of each row of the first table of that class."""
    table = re.search(rf'<table class="[^"]*{table_class}[^"]*"[^>]*>(.*?)</table>', html, re.S)
    assert table, table_class
    found = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
            for r in found]  # fmt: skip


def test_ledger_columns_include_the_switched_on_fields_in_catalogue_order(
    sites: dict[str, Path],
) -> None:
    optional = ["化解时限", "信访形式", "交办单位", "交办文号", "交办日期", "稳控责任人",
                "稳控措施", "重复信访", "回访日期", "满意度"]  # fmt: skip
    monthly = [c["title"] for c in ledger(sites["monthly"])["columns"]]
    assert monthly == ["编号", "原编号", *BASE_COLUMNS[1:], *optional]  # 原编号 beside 编号
    assert [c["title"] for c in ledger(sites["weekly"])["columns"]] == [*BASE_COLUMNS, "化解时限"]
    assert [c["title"] for c in ledger(sites["quarterly"])["columns"]] == BASE_COLUMNS
    data = ledger(sites["monthly"])
    first = dict(zip(monthly, data["rows"][0]["c"], strict=True))
    assert data["rows"][0]["id"] == "dongcun-001"
    assert {k: first[k] for k in ["原编号", "交办单位", "交办文号", "稳控责任人", "稳控措施",
                                  "重复信访", "回访日期", "满意度", "化解时限", "信访形式"]} == {
        "原编号": "SF-2019-001", "交办单位": "区信访局", "交办文号": "区信交〔2019〕12号",
        "稳控责任人": "孙立（社区民警）", "稳控措施": "每周走访王**一次", "重复信访": "是",
        "回访日期": "2019-08-01", "满意度": "基本满意", "化解时限": "2019-07-31",
        "信访形式": "来访",
    }  # fmt: skip


def test_case_page_shows_every_field_the_profile_has(sites: dict[str, Path]) -> None:
    html = article(sites["monthly"], "cases/dongcun/dongcun-001.html")
    fields = rows(html, "tz-fields")
    assert fields[:2] == [["编号", "dongcun-001"], ["原编号", "SF-2019-001"]]
    assert fields[-10:] == [
        ["化解时限", "2019-07-31"], ["信访形式", "来访"], ["交办单位", "区信访局"],
        ["交办文号", "区信交〔2019〕12号"], ["交办日期", "2019-06-01"],
        ["稳控责任人", "孙立（社区民警）"],  # an official: in full
        ["稳控措施", "每周走访王**一次"],  # free text: masked like every text
        ["重复信访", "是"], ["回访日期", "2019-08-01"], ["回访满意度", "基本满意"],
    ]  # fmt: skip
    assert "信访人住址" not in html
    # A profile's own status word beside the group it counts in.
    weekly = article(sites["weekly"], "cases/dongcun/dongcun-003.html")
    assert '<span class="tz-badge tz-badge--open">未化解（稳控中）</span>' in weekly
    assert ["是否已化解", "稳控中"] in rows(weekly, "tz-fields")


def test_drop_downs_follow_the_profile(sites: dict[str, Path]) -> None:
    weekly, monthly = ledger(sites["weekly"]), ledger(sites["monthly"])
    quarterly = ledger(sites["quarterly"])
    assert column(weekly, "风险等级")["order"] == ["红", "橙", "黄", "蓝"]
    assert column(monthly, "风险等级")["order"] == ["重大", "较大", "一般"]
    assert column(quarterly, "风险等级")["order"] == ["红", "黄", "绿"]
    assert column(weekly, "是否已化解")["order"] == [
        "未化解",
        "正在化解",
        "稳控中",
        "已化解",
        "息诉罢访",
    ]
    assert column(quarterly, "是否已化解")["order"] == ["否", "是", "已终结", "销号"]
    assert column(weekly, "问题类型")["order"] == [
        "医疗纠纷", "交通事故", "物业", "劳资", "合同", "损害赔偿", "山林土地", "其他"
    ]  # fmt: skip
    assert column(monthly, "满意度")["order"] == ["满意", "基本满意", "不满意"]
    assert column(monthly, "单位")["order"] == ["东村", "西村"]
    assert all(column(monthly, t)["select"] for t in ["信访形式", "重复信访", "满意度"])
    # The 问题类型 pages and their keys follow the profile's list too.
    assert [r["t"] for r in weekly["rows"]] == ["03", "04", "01", "05"]
    names = re.findall(
        r'<a href="(\d\d)\.html">([^<]+)</a>', article(sites["weekly"], "types/index.html")
    )
    assert names == [(f"{n:02d}", t) for n, t in enumerate(column(weekly, "问题类型")["order"], 1)]


def test_high_risk_is_the_profile_s_highest_level(sites: dict[str, Path]) -> None:
    # WEEKLY: dongcun-002 (红) resolved on 01-06, dongcun-003 (红, 稳控中) open. MONTHLY: the one
    # 重大 case resolved; xicun-001 (较大) is open but not at the top. QUARTERLY: 红 销号.
    expected = {"weekly": ["dongcun-003"], "monthly": [], "quarterly": []}
    assert {name: flagged(ledger(site), "h") for name, site in sites.items()} == expected
    levels = {"weekly": "红", "monthly": "重大", "quarterly": "红"}
    for name, site in sites.items():
        intro = f'<p class="tz-note">风险等级为“{levels[name]}”且在统计截至日尚未化解的案件。'
        assert intro in article(site, "alerts/high.html")
        assert f"<li>高风险未化解：风险等级为“{levels[name]}”，" in article(site, "help.html")
    home = article(sites["weekly"], "index.html")
    assert '<h3 id="alert-high">高风险未化解（1 件）</h3>' in home


def test_past_deadline_lists_open_cases_past_their_own_deadline(sites: dict[str, Path]) -> None:
    # As of the end: WEEKLY 2020-01-20 (dongcun-003: 化解时限 01-10, 稳控中); MONTHLY 2019-12-31
    # (dongcun-002: 08-20, open; dongcun-001 resolved before its 07-31).
    expected = {"weekly": ["dongcun-003"], "monthly": ["dongcun-002"], "quarterly": []}
    assert {name: flagged(ledger(site), "d") for name, site in sites.items()} == expected
    weekly = article(sites["weekly"], "alerts/deadline.html")
    assert "<h1>逾期</h1>" in weekly and "<th>逾期天数</th>" in weekly
    assert ">dongcun-003</a>" in weekly and '<td data-sort="10">10</td></tr>' in weekly  # 01-10
    assert (
        '<p class="tz-note">未化解，且统计截至日已过本案化解时限的案件。统计截至 2020-01-20。</p>'
        in weekly
    )
    home = article(sites["monthly"], "index.html")
    assert '<h3 id="alert-deadline">逾期（1 件）</h3>' in home
    assert '<td data-sort="133">133</td>' in home  # 2019-08-20 → 2019-12-31
    assert '<div class="tz-card__value">1</div><div class="tz-card__label">逾期</div>' in home
    overview = article(sites["weekly"], "units/index.html")
    assert "<th>超期</th><th>逾期</th><th>停滞</th>" in overview
    # No 化解时限, no 逾期: neither the page nor a word of it.
    assert not (sites["quarterly"] / "alerts" / "deadline.html").exists()
    assert "逾期" not in (sites["quarterly"] / "index.html").read_text("utf-8")
    nav = (sites["weekly"] / "index.html").read_text("utf-8")
    assert re.search(r'href="alerts/overdue.html"[^>]*>\s*<span[^>]*>\s*超期', nav)
    assert re.search(r'href="alerts/deadline.html"[^>]*>\s*<span[^>]*>\s*逾期', nav)


def test_past_deadline_counts_from_the_day_after() -> None:
    data = {
        "排查日期": "2019-07-01", "信访人": {"姓名": "王建国", "住址": "东村"}, "涉及人数": 1,
        "问题属地": "东村", "问题类型": "其他", "主要诉求": "诉求", "风险等级": "低",
        "包案领导": {"姓名": "李志强", "职务": "主任"},
        "责任部门": {"名称": "综治办", "责任人": "赵敏", "职务": "主任"}, "是否已化解": "否",
    }  # fmt: skip
    case = dataclasses.replace(
        case_from_dict(data, "dongcun", "dongcun-001"), deadline=dt.date(2019, 7, 10)
    )
    assert not alerts.is_past_deadline(case, dt.date(2019, 7, 10))
    assert alerts.is_past_deadline(case, dt.date(2019, 7, 11))
    resolved = dataclasses.replace(case, resolved=True, resolved_on=dt.date(2019, 7, 11))
    assert not alerts.is_past_deadline(resolved, dt.date(2019, 7, 12))
    assert alerts.is_past_deadline(resolved, dt.date(2019, 7, 11)) is False
    assert alerts.is_past_deadline(dataclasses.replace(case, deadline=None), TODAY) is False


def test_standing_ledger_has_no_end(sites: dict[str, Path]) -> None:
    home = article(sites["quarterly"], "index.html")
    progress = home[home.index('<div class="tz-progress">') : home.index('<div class="tz-cards">')]
    assert progress == (
        '<div class="tz-progress">\n<p>柳林乡人民政府　常设台账，自 2019-01-01 起</p>\n'
        "<p>统计截至 <strong>2020-02-01</strong>（今天）。</p>\n</div>\n"
    )
    report = article(sites["quarterly"], "report.html")
    assert "<p>常设台账，自 2019-01-01 起，统计截至 2020-02-01。</p>" in report
    help_page = article(sites["quarterly"], "help.html")
    assert "<li>统计截至日是今天（常设台账，没有结束日）。</li>" in help_page
    for page in ("index.html", "report.html", "help.html"):
        text = article(sites["quarterly"], page)
        assert "活动结束" not in text and "至 ，" not in text and " 至 <" not in text


def test_the_office_s_titles_name_its_forms(sites: dict[str, Path]) -> None:
    site = sites["weekly"]
    assert "<h1>河湾镇矛盾纠纷排查化解工作台账</h1>" in article(site, "ledger.html")
    assert '<p class="tz-note">河湾镇矛盾纠纷排查化解工作台账的栏目，' in article(
        site, "ledger.html"
    )
    assert "河湾镇矛盾纠纷排查化解工作台账 Excel（脱敏）</a>" in article(site, "ledger.html")
    assert "河湾镇矛盾纠纷排查化解工作台账（东村）Excel（脱敏）</a>" in article(
        site, "units/dongcun.html"
    )
    summary = article(site, "summary.html")
    assert "<h1>河湾镇矛盾纠纷排查化解情况周报表</h1>" in summary
    assert (
        "下载本期河湾镇矛盾纠纷排查化解情况周报表（正式表格，不含个人信息，可直接报送）："
        in summary
    )
    # Without 标题 the site keeps its own words.
    assert "<h1>台账</h1>" in article(sites["monthly"], "ledger.html")
    assert '<p class="tz-note">附件1 的栏目，' in article(sites["monthly"], "ledger.html")
    assert "全部台账 Excel（脱敏）</a>" in article(sites["monthly"], "ledger.html")


def test_help_lists_the_profile(sites: dict[str, Path]) -> None:
    weekly = article(sites["weekly"], "help.html")
    assert rows(weekly, "tz-profile") == [
        ["报送周期", "周（汇总表每周一期）"],
        ["问题类型", "医疗纠纷、交通事故、物业、劳资、合同、损害赔偿、山林土地、其他"],
        ["风险等级（从高到低）", "红、橙、黄、蓝"],
        ["未化解的状态", "未化解、正在化解、稳控中"],
        ["已化解的状态", "已化解、息诉罢访"],
        ["化解方式", "调解、政策解释、协商和解、司法途径、行政复议、其他"],
        ["启用的可选字段", "化解时限"],
    ]
    fields = {r[0]: r for r in rows(weekly, "tz-fields-help")[1:]}
    assert fields["风险等级"][4] == "红、橙、黄、蓝"
    assert fields["化解时限"][1:3] == ["化解时限", "否"]
    assert (
        "<li>逾期：尚未化解，且统计截至日已过本案的化解时限（化解时限当天仍在期限内）。</li>"
        in weekly
    )
    monthly = article(sites["monthly"], "help.html")
    assert rows(monthly, "tz-profile")[-2:] == [
        ["启用的可选字段", "化解时限、信访形式、交办、稳控、重复信访、回访、原编号"],
        ["信访形式", "来信、来访、来电、网上信访"],
    ]
    assert "分包民警、稳控责任人的姓名完整显示" in monthly
    keys = [r[0] for r in rows(monthly, "tz-fields-help")[1:]]
    assert keys[keys.index("化解时限") :] == [
        "化解时限", "信访形式", "交办", "交办.单位", "交办.文号", "交办.日期", "稳控",
        "稳控.责任人", "稳控.责任人.姓名", "稳控.责任人.职务", "稳控.措施", "重复信访",
        "回访", "回访.日期", "回访.满意度", "原编号",
    ]  # fmt: skip


def test_breakdowns_follow_the_profile(sites: dict[str, Path]) -> None:
    report = article(sites["weekly"], "report.html")
    tables = re.findall(
        r'<h2 id="b-\d">([^<]+)</h2>\s*<table class="tz-table">(.*?)</table>', report, re.S
    )
    found = {h: [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", r)]
                 for r in re.findall(r"<tr>(.*?)</tr>", t)][1:] for h, t in tables}  # fmt: skip
    assert found["按风险等级"] == [
        ["红", "2", "1", "50.0%", "1"],
        ["黄", "1", "1", "100.0%", "0"],
        ["蓝", "1", "0", "0.0%", "1"],
    ]
    assert [r[0] for r in found["按问题类型"]] == ["医疗纠纷", "物业", "劳资", "合同"]
    chart = re.search(
        r'id="tz-chart-types-data">(.*?)</script>', article(sites["weekly"], "index.html")
    )
    assert (
        chart
        and json.loads(chart.group(1))["labels"]
        == column(ledger(sites["weekly"]), "问题类型")["order"]
    )


def every_text(site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, and every member of each Excel download."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        yield str(path), path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for member in book.namelist():
                    yield f"{path}!{member}", book.read(member)


def test_no_petitioner_name_anywhere_in_a_masked_site(sites: dict[str, Path]) -> None:
    name = "王建国".encode()
    for site in sites.values():
        found = [where for where, data in every_text(site) if name in data]
        assert found == []
        # The downloads were read: the masked name is in the 台账 workbook's sheets.
        masked = "王**".encode()
        assert any(
            ".xlsx!xl/worksheets/" in where and masked in data for where, data in every_text(site)
        )


@pytest.mark.browser
def test_drop_down_options_in_the_profile_s_order(browser: Any, sites: dict[str, Path]) -> None:
    """The options the browser offers: the values present, in the profile's order (collation
    would give 较大, 一般, 重大 and 稳控中, 息诉罢访, 已化解, 正在化解)."""
    expected = {
        ("monthly", "风险等级"): ["全部", "重大", "较大", "一般"],
        ("weekly", "是否已化解"): ["全部", "正在化解", "稳控中", "已化解", "息诉罢访"],
    }
    for (name, title), options in expected.items():
        with serve(sites[name]) as base:
            page = browser.new_page()
            page.goto(base + "ledger.html", wait_until="networkidle")
            page.wait_for_selector(".tz-ledger__count")
            shown = page.eval_on_selector_all(
                f'.tz-select[data-col="{title}"] option', "os => os.map(o => o.textContent)"
            )
            page.close()
        assert shown == options


def test_the_summary_page_heads_each_period_in_the_profile_s_rhythm(
    sites: dict[str, Path],
) -> None:
    # Weekly, 2019-12-17 (a Tuesday) to 2020-01-20 (a Monday): clipped first and last weeks;
    # a week's heading shows its days once, the one-day last week its one day.
    weekly = re.findall(
        r'<h2 id="p-([^"]+)">([^<]+)</h2>', article(sites["weekly"], "summary.html")
    )
    assert weekly == [
        ("2020-W04", "2020年第4周（1月20日）"),
        ("2020-W03", "2020年第3周（1月13日—1月19日）"),
        ("2020-W02", "2020年第2周（1月6日—1月12日）"),
        ("2020-W01", "2020年第1周（2019年12月30日—2020年1月5日）"),
        ("2019-W52", "2019年第52周（12月23日—12月29日）"),
        ("2019-W51", "2019年第51周（12月17日—12月22日）"),
    ]
    quarterly = re.findall(r'<h2 id="p-([^"]+)">', article(sites["quarterly"], "summary.html"))
    assert quarterly == ["2020-Q1", "2019-Q4", "2019-Q3", "2019-Q2", "2019-Q1"]
