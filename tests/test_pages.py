"""The sample's pages as a reader sees them (issue 12): alert pages with their days column, most
urgent first; 合计 rows; the stock rate called 累计化解率; plain Chinese words (the 404 page, no
codes or true). Expectations are counted here from the case files, not by the site's code."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.ledger.model import Case
from generator.ledger.validate import load_ledger
from generator.site.pages import alertpages
from tests.casemaker import sample_site

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
AS_OF = dt.date(2019, 9, 25)  # the sample campaign's last day


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.mktemp("pages"), TODAY)


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    ledger = load_ledger(ROOT, TODAY)
    assert ledger.problems == []
    return list(ledger.cases)


def article(site: Path, path: str) -> str:
    text = (site / path).read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def cells(row: str) -> list[str]:
    found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in found]


def rows(page: str, part: str = "tbody") -> list[list[str]]:
    """Cell texts of the rows of the page's first table's tbody (or tfoot)."""
    block = re.search(rf"<{part}>(.*?)</{part}>", page, re.S)
    assert block, part
    return [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", block.group(1), re.S)]


# By hand: open at the as-of date, and how many days each alert counts.
def is_open(c: Case) -> bool:
    return c.resolved_on is None or c.resolved_on > AS_OF


def idle(c: Case) -> int:
    return (AS_OF - max([c.screened_on, *(m.date for m in c.measures)])).days


def age(c: Case) -> int:
    return (AS_OF - c.screened_on).days


EXPECTED_ALERTS = {
    "high": ("已排查天数", lambda c: c.risk == "高", age),
    "stalled": ("未见措施天数", lambda c: idle(c) >= 15, idle),
    "overdue": ("已排查天数", lambda c: age(c) > 60, age),
}


@pytest.mark.parametrize("key", EXPECTED_ALERTS)
def test_alert_pages_show_the_days_most_first_then_by_id(
    site: Path, cases: list[Case], key: str
) -> None:
    heading, chosen, days = EXPECTED_ALERTS[key]
    flagged = [c for c in cases if c.screened_on <= AS_OF and is_open(c) and chosen(c)]
    expected = sorted(((c.id, str(days(c))) for c in flagged), key=lambda r: (-int(r[1]), r[0]))
    page = article(site, f"alerts/{key}.html")
    assert rows(page, "thead")[0][-1] == heading
    shown = [(r[0], r[-1]) for r in rows(page)]
    assert shown == expected
    # The 首页 lists the first ten of the same list with the same numbers.
    home = article(site, "index.html")
    section = home[home.index(f'id="alert-{key}"') :]
    assert [(r[0], r[-1]) for r in rows(section)] == expected[:10]


def test_the_sample_stalled_page_exactly(site: Path) -> None:
    # Checked by hand against the case files: nanzhuang-001 screened 2019-06-25, no measure
    # since 07-03 (84 days to 09-25); then dongcun-001 (last measure 07-09: 78 days) …
    page = article(site, "alerts/stalled.html")
    assert "<p>共 23 件，未见措施天数多的排在前面；可点击表头排序，点击编号打开案件页。</p>" in page
    assert [(r[0], r[-1]) for r in rows(page)][:4] == [
        ("nanzhuang-001", "84"), ("dongcun-001", "78"), ("xicun-001", "77"), ("xicun-002", "76"),
    ]  # fmt: skip


def test_a_long_alert_list_is_paged_and_every_case_listed_once(
    site: Path, cases: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site.context import build_site

    monkeypatch.setattr(alertpages, "PAGE_BUDGET", 1500)  # a row or two a page
    ledger = load_ledger(ROOT, TODAY)
    assert ledger.campaign is not None
    built = build_site(ledger.campaign, ledger.cases, TODAY, "masked", {})
    pages = alertpages.alert_pages(built, alertpages.ALERTS[1])
    assert len(pages) >= 3
    assert [p.path for p in pages[:3]] == [
        "alerts/stalled.md", "alerts/stalled-2.md", "alerts/stalled-3.md",
    ]  # fmt: skip
    assert pages[1].title == "停滞（第 2 页）"
    listed = [r[0] for p in pages for r in rows(p.text)]
    assert listed == [c.id for c in built.alerts.stalled] and len(listed) == 23
    assert '<a href="stalled-2.html">第 2 页</a>' in pages[0].text


OVERVIEW_HEAD = ["案件数", "已化解", "累计化解率", "未化解", "高风险未化解", "超期", "停滞"]


@pytest.mark.parametrize(("path", "first"), [
    ("units/index.html", "单位"),
    ("types/index.html", "问题类型"),
    ("leaders/index.html", "包案领导"),
])  # fmt: skip
def test_overviews_end_with_a_total_row_that_is_the_sum(
    site: Path, cases: list[Case], path: str, first: str
) -> None:
    page = article(site, path)
    assert rows(page, "thead") == [[first, *OVERVIEW_HEAD]]
    body, (total,) = rows(page), rows(page, "tfoot")
    # Counted here from the case files (every sample case is screened by the as-of date).
    resolved = sum(not is_open(c) for c in cases)
    open_ = [c for c in cases if is_open(c)]
    expected = [
        "合计", str(len(cases)), str(resolved), f"{resolved / len(cases):.1%}", str(len(open_)),
        str(sum(c.risk == "高" for c in open_)), str(sum(age(c) > 60 for c in open_)),
        str(sum(idle(c) >= 15 for c in open_)),
    ]  # fmt: skip
    assert total == expected == ["合计", "132", "85", "64.4%", "47", "5", "17", "23"]
    # Each count is the column's sum; the rate comes from the sums, not an average of rates.
    for column in (1, 2, 4, 5, 6, 7):
        assert sum(int(r[column]) for r in body) == int(total[column])


def test_the_stock_rate_is_called_cumulative(site: Path) -> None:
    unit = article(site, "units/dongcun.html")
    # 各期汇总 is the form's: a period's 化解率 beside 累计化解率; the breakdown is a stock.
    assert "<th>期次</th><th>排查数</th><th>化解数</th><th>化解率</th>" in unit
    assert "<th>问题类型</th><th>案件数</th><th>已化解</th><th>累计化解率</th>" in unit
    kind = article(site, "types/01.html")
    assert "<th>单位</th><th>案件数</th><th>已化解</th><th>累计化解率</th>" in kind
    report = article(site, "report.html")
    assert "<th>风险等级</th><th>案件数</th><th>已化解</th><th>累计化解率</th>" in report
    assert '<h2 id="units">各单位累计化解率</h2>' in article(site, "index.html")


def card_classes(page: str) -> dict[str, str]:
    found = re.findall(
        r'<div class="(tz-card[^"]*)"><div class="tz-card__value">[^<]*</div>'
        r'<div class="tz-card__label">([^<]*)</div>',
        page,
    )
    return {label: cls for cls, label in found}


def test_warning_cards_are_red_only_above_zero(site: Path) -> None:
    # 北营村: 7 cases, 2 open, none high, overdue or stalled; 东村: 2 high, 5 overdue, 7 stalled.
    quiet = card_classes(article(site, "units/beiying.html"))
    assert [quiet[k] for k in ("高风险未化解", "超期", "停滞")] == ["tz-card"] * 3
    busy = card_classes(article(site, "units/dongcun.html"))
    assert [busy[k] for k in ("高风险未化解", "超期", "停滞")] == ["tz-card tz-card--warn"] * 3


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def test_plain_words_names_not_codes(site: Path) -> None:
    unit = article(site, "units/dongcun.html")
    assert '<p class="tz-note">统计截至 2019-09-25。</p>' in unit and "dongcun，" not in unit
    case = article(site, "cases/dongcun/dongcun-001.html")
    assert "<tr><th>单位</th><td>东村</td></tr>" in case
    typical = article(site, "typical.html")
    assert "各单位报送的成功经验案例（案件信息中“典型案例”为“是”），共 8 件。" in typical
    help_page = text_of(article(site, "help.html"))
    assert "典型案例 典型案例 否 " in help_page and " 是、否 " in help_page
    assert "日期，如 2019-07-01" in help_page and "YYYY" not in help_page.split("案件字段")[0]


def test_the_ledger_page_says_in_plain_words_what_the_address_and_print_do(site: Path) -> None:
    notes = re.findall(r'<p class="tz-note">(.*?)</p>', article(site, "ledger.html"))
    assert notes[2] == (
        "筛选条件记在网址里：刷新后仍在，复制网址即可把同样的筛选发给别人。"
        "“打印台账”按附件1 的全部栏目打印全部 132 件案件（A4 横向），不受筛选和分页影响。"
    )
    # another page showing a 台账 has no print view, so it does not promise one
    assert "打印台账" not in article(site, "units/dongcun.html")


def test_the_404_page_is_chinese_and_links_home_from_the_site_root(site: Path) -> None:
    page = article(site, "404.html")
    assert text_of(page) == (
        "找不到这个页面 网址有误，或者这个页面已经不在了（例如案件已移到别的单位，或已删除）。 "
        "返回首页 ，或用页面上方的搜索框查找。"
    )
    # Shown for a missing address at any depth: links start at the site's root, as the theme's.
    assert '<a href="/index.html">返回首页</a>' in page
    whole = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/assets/taizhang.css"' in whole and "Not found" not in whole


def test_no_english_left_in_our_page_text(site: Path, cases: list[Any]) -> None:
    """Words of four Latin letters or more in the text of the pages (not in tags): only case
    编号 (the office's own numbers), file paths and commands for git users, and Excel."""
    allowed = {"Excel", "cases", "case", "yaml", "campaign", "schema", "json", "python",
               "generator", "admin", "unit", "validate"}  # fmt: skip
    ids = {part for c in cases for part in c.id.split("-")}
    # The help page quotes the schema's descriptions (how a case file writes a value) as they are.
    schema = json.loads((ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    allowed |= set(re.findall(r"[A-Za-z]{4,}", json.dumps(schema, ensure_ascii=False)))
    pages = [*site.glob("*.html"), *site.glob("*/*.html")]
    left = {}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        words = set(re.findall(r"[A-Za-z]{4,}", text)) - allowed - ids
        if words:
            left[path.relative_to(site).as_posix()] = sorted(words)
    assert left == {"admin/index.html": ["JavaScript"]}  # Decap's page (the editor's own)
