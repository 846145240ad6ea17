"""``build``: the site of the sample data — pages, numbers, offline, sizes, safety of the swap."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from generator.errors import DataError
from generator.ledger import schema as schemas
from generator.ledger.validate import load_ledger
from generator.site.build import Options, build
from generator.site.context import build_site
from generator.site.entries import Entry, from_template, render_all
from generator.site.pagelist import PAGES
from generator.site.publish import inside
from generator.site.render import Page
from tests.casemaker import copy_sample
from tests.sample_counts import golden_summary, sample_cards

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
D = dt.date.fromisoformat
LIMIT = 200 * 1024
TOP_PAGES = {e.url for e in PAGES if e.top} | {"404.html"}  # 404.html is MkDocs' own


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once (masked, today pinned) for the read-only tests of this module."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    build(Options(root=root, out=root / "site", today=D(TODAY)), today_given=D(TODAY))
    return root / "site"


@pytest.fixture(scope="module")
def sample() -> Any:
    ledger = load_ledger(ROOT, D(TODAY))
    assert ledger.problems == [] and ledger.campaign is not None
    return ledger


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def primary_nav(html: str) -> str:
    """The navigation sidebar of a page."""
    start = html.index('<div class="md-sidebar md-sidebar--primary"')
    return html[start : html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """Cell texts of each row of the table with that id (thead, tbody and tfoot)."""
    match = re.search(rf'<table[^>]* id="{re.escape(table_id)}"[^>]*>(.*?)</table>', html, re.S)
    assert match, table_id
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        for r in rows
    ]


def test_build_command_reports_and_writes_site(
    sample_repo: Path, cli: Callable[..., Any], sample: Any
) -> None:
    result = cli("build", "--today", TODAY)
    cases = len(list((sample_repo / "cases").glob("*/*.yaml")))
    assert result.code == 0, result.err
    match = re.fullmatch(
        r"已生成网站：site（(\d+) 件案件，(\d+) 个页面，用时 \d+\.\d 秒）\n", result.out
    )
    assert match, result.out
    # the top pages of the page list (典型案例 fits one page), then a page per unit, per type,
    # per leader and per case, counted here from the data
    families = (
        len(sample.campaign.units)
        + len(schemas.enum_values("问题类型"))
        + len({c.leader for c in sample.cases})
    )
    assert families == 12 + 11 + 8
    top = len(TOP_PAGES) - 1  # not 404.html: MkDocs writes it, it is not one of ours
    assert (int(match.group(1)), int(match.group(2))) == (cases, top + families + cases)
    assert (sample_repo / "site" / "index.html").is_file()
    assert (sample_repo / "site" / ".taizhang-site").is_file()
    assert not (sample_repo / "build").exists()  # the work folder is a private temporary one
    # no temporary folder left behind; the lock file stays (removing it would race)
    assert [p.name for p in sample_repo.glob(".site.*")] == [".site.lock"]


def test_top_level_and_case_pages_exist(site: Path, sample: Any) -> None:
    html = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert html >= TOP_PAGES
    assert {f"units/{u.code}.html" for u in sample.campaign.units} <= html
    assert {f"types/{n:02d}.html" for n in range(1, 12)} <= html
    assert {f"cases/{c.unit}/{c.id}.html" for c in sample.cases} <= html
    assert len([p for p in html if p.startswith("leaders/")]) == 9  # 8 leaders and the overview


def test_dashboard_cards_are_the_figures_at_the_as_of_date(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(
        r'<div class="tz-card__value">(.*?)</div><div class="tz-card__label">(.*?)</div>', html
    )
    # Checked by hand: 132 case files, 85 with 化解日期 (85/132 = 64.4%), 47 open; of those 5
    # 高 (grep -l '^风险等级: 高' | xargs grep -L '^化解日期'), 17 screened more than 60 days
    # before the end 2019-09-25, 23 without a measure in the last 15 days.
    expected = [
        ("132", "排查总数"), ("85", "已化解"), ("64.4%", "累计化解率"), ("47", "未化解"),
        ("5", "高风险未化解"), ("17", "超期"), ("23", "停滞"),
    ]  # fmt: skip
    assert cards == expected
    assert [value for value, _ in cards] == sample_cards()  # a second count, from the files
    assert "活动已于 <strong>2019-09-25</strong> 结束" in html
    for name in ("trend", "types", "units"):
        assert f'id="tz-chart-{name}-data"' in html


def test_summary_page_has_exactly_the_summary_numbers(site: Path) -> None:
    html = (site / "summary.html").read_text(encoding="utf-8")
    golden = golden_summary()  # tests/golden/summary.csv, checked in test_summary.py
    ids = re.findall(r'<table class="tz-table tz-summary" id="t-([0-9-]+)"', html)
    assert ids == list(reversed(golden))  # latest first
    assert len(ids) == 7
    for pid, expected in golden.items():
        rows = table_rows(html, f"t-{pid}")
        assert rows[1:] == expected
        assert f'href="downloads/summary-{pid}.csv"' in html
        assert f'href="downloads/summary-{pid}.xlsx"' in html
        csv = (site / "downloads" / f"summary-{pid}.csv").read_bytes()
        header = "报送单位,排查数,化解数,化解率,累计排查数,累计化解数,累计化解率"
        lines = [header] + [",".join(row) for row in expected]
        assert csv == ("\ufeff" + "".join(line + "\r\n" for line in lines)).encode("utf-8")
    assert "排查数、化解数为新排查、化解数" in html


def test_ledger_data_file_has_every_case_masked(site: Path, sample: Any) -> None:
    data = json.loads((site / "data" / "ledger.json").read_text(encoding="utf-8"))
    titles = [c["title"] for c in data["columns"]]
    assert "信访人住址" not in titles
    assert titles[:3] == ["编号", "单位", "姓名"]
    assert [r["id"] for r in data["rows"]] == [c.id for c in sample.cases]
    row = next(r for r in data["rows"] if r["id"] == "dongcun-007")
    assert dict(zip(titles, row["c"], strict=True)) == {
        "编号": "dongcun-007", "单位": "东村", "姓名": "王**", "问题属地": "东村三组",
        "主要诉求": "要求按 2018 年标准补足拆迁安置补偿款",
        "工作措施": "2019-07-05 入户走访，核实补偿标准\n2019-08-10 召开协调会，达成补偿协议",
        "科级包案领导姓名、职务": "陈卫东（办事处副主任）",
        "责任部门及责任人姓名、职务": "城建办：赵敏（主任）",
        "分包民警": "孙立（社区民警）", "问题类型": "城建拆迁", "是否已化解": "是", "备注": "",
        "排查日期": "2019-07-03", "化解日期": "2019-08-20", "涉及人数": 1, "风险等级": "高",
        "化解方式": "调解", "典型案例": "否",
    }  # fmt: skip
    assert (row["u"], row["t"], row["f"]) == ("dongcun", "01", "")


def test_case_page_fields_timeline_and_edit_link(site: Path) -> None:
    html = (site / "cases" / "dongcun" / "dongcun-007.html").read_text(encoding="utf-8")
    edit = "../../admin/#/collections/dongcun/entries/dongcun-007"
    assert f'<a class="md-button tz-edit" href="{edit}">编辑</a>' in html
    assert "<tr><th>信访人姓名</th><td>王**</td></tr>" in html
    assert "东村三组12号" not in html and "信访人住址" not in html
    dates = re.findall(r'<span class="tz-timeline__date">([0-9-]+)</span>', html)
    assert dates == ["2019-07-05", "2019-08-10"]
    assert "没有修改记录" in html  # the copy is not a git repository


def test_case_pages_stay_out_of_navigation_and_search(site: Path) -> None:
    nav = primary_nav((site / "index.html").read_text(encoding="utf-8"))
    assert "units/dongcun.html" in nav and "cases/" not in nav
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["zh"]
    locations = [d["location"] for d in search["docs"]]
    assert "index.html" in locations
    assert not [loc for loc in locations if loc.startswith("cases/")]
    assert any("\u200b" in d["text"] for d in search["docs"])  # jieba segmented the Chinese


def test_no_request_can_leave_the_site(site: Path) -> None:
    for path in site.rglob("*.html"):
        for tag, attrs in tags(path.read_text(encoding="utf-8")):
            for key in ("src", "href", "action", "data", "poster", "srcset"):
                value = (attrs.get(key) or "").strip().lower()
                assert not value.startswith(("http:", "https:", "//")), (path, tag, value)
    for path in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text(encoding="utf-8")), path
    vendor = site / "assets" / "vendor" / "echarts.min.js"
    assert vendor.read_bytes() == (ROOT / "node_modules/echarts/dist/echarts.min.js").read_bytes()


def test_no_html_page_exceeds_200_kb(site: Path) -> None:
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) <= LIMIT, max(sizes.items(), key=lambda kv: kv[1])


def test_help_page_is_generated_from_the_schema(site: Path) -> None:
    html = (site / "help.html").read_text(encoding="utf-8")
    for key, prop in schemas.case_schema()["properties"].items():
        assert f"<td><code>{key}</code></td><td>{prop['title']}</td>" in html
        assert str(escape(prop["description"])) in html
    assert "城建拆迁、问题楼盘、集资融资、劳动社保、双拖欠、土地征用" in html
    assert "调解、政策解释、协商和解、司法途径、行政复议、其他" in html
    assert "<code>信访人.姓名</code>" in html and "<code>工作措施[].日期</code>" in html


def test_group_pages_filter_the_ledger(site: Path, sample: Any) -> None:
    unit = (site / "units" / "dongcun.html").read_text(encoding="utf-8")
    assert 'data-src="../data/ledger.json" data-base="../" data-where="u=dongcun"' in unit
    assert 'href="../downloads/ledger-dongcun.xlsx"' in unit
    kind = (site / "types" / "01.html").read_text(encoding="utf-8")
    assert "<h1>问题类型：城建拆迁</h1>" in kind and 'data-where="t=01"' in kind
    high = (site / "alerts" / "high.html").read_text(encoding="utf-8")
    assert "tz-ledger" not in high  # the alert's own list, with its days column (test_pages.py)


def test_invalid_data_exits_1_and_leaves_output_untouched(
    sample_repo: Path, cli: Callable[..., Any]
) -> None:
    assert cli("build", "--today", TODAY).code == 0
    before = files(sample_repo / "site")
    case = sample_repo / "cases" / "dongcun" / "dongcun-007.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("风险等级: 高", "风险等级: 极高"), encoding="utf-8"
    )
    result = cli("build", "--today", TODAY)
    assert result.code == 1
    count = len(list((sample_repo / "cases").glob("*/*.yaml"))) + 1
    assert result.out == (
        "cases/dongcun/dongcun-007.yaml:9:7: “风险等级”的值“极高”不在可选范围内，应为：高、中、低\n"
        f"检查了 {count} 个文件，发现 1 个问题\n"
    )
    assert "错误：数据有误" in result.err
    assert files(sample_repo / "site") == before


@pytest.mark.slow
def test_same_data_and_date_give_a_byte_identical_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path / "repo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1569340800")
    build(Options(root=root, out=tmp_path / "one", today=D(TODAY)), today_given=D(TODAY))
    build(Options(root=root, out=tmp_path / "two", today=D(TODAY)), today_given=D(TODAY))
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.endswith(".xlsx") for name in one)


def test_writes_never_leave_the_output_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "cases/dongcun/dongcun-007.html") == (
        tmp_path.resolve() / "cases/dongcun/dongcun-007.html"
    )
    for bad in ("../evil.html", "/etc/passwd", "cases/../../evil", ""):
        with pytest.raises(DataError, match="拒绝写入输出文件夹之外的路径"):
            inside(tmp_path, bad)


def test_the_navigation_follows_the_page_list(site: Path, sample: Any) -> None:
    nav = primary_nav((site / "index.html").read_text(encoding="utf-8"))
    # the top level: each entry's title, or its section's the first time the section comes
    expected: list[str] = []
    for entry in PAGES:
        label = entry.section or entry.title
        if label and label not in expected:
            expected.append(label)
    labels = re.findall(
        r'<li class="md-nav__item(?: md-nav__item--active)?(?: md-nav__item--nested)?">\s*'
        r'(?:<input[^>]*>\s*)?<(?:a|label|div)[^>]*class="md-nav__link[^"]*"[^>]*>\s*'
        r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
        nav,
    )
    assert [label for label in labels if label in expected] == expected
    assert "cases/" not in nav
    for entry in PAGES:
        if entry.top:
            assert f'href="{entry.url}"' in nav, entry.path


def test_a_page_list_of_its_own_builds_exactly_its_pages(tmp_path: Path) -> None:
    """The build takes the page list: an entry is a page, in the navigation, nothing more."""
    root = copy_sample(tmp_path / "repo")
    about = from_template(
        "extra/about.md",
        "说明",
        "typical.md.j2",  # any template: a new page brings its own
        lambda site: {"heading": "说明", "total": len(site.cases), "pages_total": 1, "pager": [],
                      "number": 1, "cards": []},
        section="附加",
    )  # fmt: skip
    pages = (PAGES[0], about)
    report = build(Options(root=root, out=root / "site", today=D(TODAY)), D(TODAY), pages)
    out = root / "site"
    html = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert [p for p in html if not p.startswith("admin/")] == [
        "404.html",
        "extra/about.html",
        "index.html",
    ]
    assert report.pages == 2
    about_html = (out / "extra" / "about.html").read_text(encoding="utf-8")
    assert "<h1>说明</h1>" in about_html and "使用说明" not in about_html
    nav = primary_nav((out / "index.html").read_text(encoding="utf-8"))
    assert "附加" in nav and 'href="extra/about.html"' in nav and "summary.html" not in nav


def test_every_top_entry_renders_its_own_path_and_title(sample: Any) -> None:
    site = build_site(sample.campaign, sample.cases, D(TODAY), "masked", {})
    for entry in PAGES:
        if entry.top:
            made = render_all([entry], site).pages
            assert (made[0].path, made[0].title) == (entry.path, entry.title)


def test_render_all_groups_sections_and_keeps_families_out_of_the_nav() -> None:
    def pages(*made: tuple[str, str]) -> Callable[[object], list[Page]]:
        return lambda site: [Page(path, "", title) for path, title in made]

    entries = [
        Entry("a.md", "甲", pages(("a.md", "甲"), ("a-2.md", "甲二")), more="a-*.md"),
        Entry("s/index.md", "各乙", pages(("s/index.md", "各乙")), section="乙"),
        Entry("c.md", "丙", pages(("c.md", "丙"))),
        Entry("s/", "", pages(("s/x.md", "X<1>"), ("s/y.md", "Y")), section="乙", top=False),
        Entry("hidden/", "", pages(("hidden/z.md", "Z")), top=False, in_nav=False),
    ]
    rendered = render_all(entries, object())
    assert [p.path for p in rendered.pages] == [
        "a.md", "a-2.md", "s/index.md", "c.md", "s/x.md", "s/y.md", "hidden/z.md",
    ]  # fmt: skip
    assert rendered.nav == [
        {"甲": "a.md"},
        {"乙": [{"各乙": "s/index.md"}, {"X＜1＞": "s/x.md"}, {"Y": "s/y.md"}]},
        {"丙": "c.md"},
    ]
    assert rendered.not_in_nav == "/a-*.md\n/hidden/\n"
    with pytest.raises(ValueError, match=r"^页面列表中的 b\.md 没有生成这个页面$"):
        render_all([Entry("b.md", "乙", pages(("other.md", "乙")))], object())


def test_the_build_date_reaches_mkdocs_and_our_environment_stays_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs reads the date only from SOURCE_DATE_EPOCH: it gets it, our process never does."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    writes: list[str] = []

    class Watched(dict[str, str]):
        def __setitem__(self, key: str, value: str) -> None:
            writes.append(key)
            super().__setitem__(key, value)

    monkeypatch.setattr(os, "environ", Watched(os.environ))
    root = copy_sample(tmp_path / "repo")
    build(Options(root=root, out=root / "site", today=D(TODAY)), today_given=D(TODAY))
    assert writes == [] and "SOURCE_DATE_EPOCH" not in os.environ
    # --today 2026-11-29 is 2026-11-28 16:00 UTC: MkDocs dates the pages 2026-11-28, and the
    # gzip header of the sitemap carries that day's midnight (UTC), not the clock's
    header = (root / "site" / "sitemap.xml.gz").read_bytes()[:10]
    expected = int(dt.datetime(2026, 11, 28, tzinfo=dt.UTC).timestamp())
    assert int.from_bytes(header[4:8], "little") == expected


def test_echarts_never_comes_from_beside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the repository's node_modules (or NODE_PATH, as node does): not the checkout's."""
    monkeypatch.delenv("NODE_PATH")
    root = copy_sample(tmp_path / "repo")
    with pytest.raises(DataError) as err:
        build(Options(root=root, out=root / "site", today=D(TODAY)), today_given=D(TODAY))
    assert str(err.value) == (
        "找不到 node_modules/echarts/dist/echarts.min.js：请先运行 npm ci（make site 会自动运行）"
    )
    assert sorted(p.name for p in root.iterdir()) == ["campaign.yaml", "cases"]
