"""The 台账 page in headless Chromium (issue 12): it fits a laptop's column and scrolls inside its
own box on a phone with 编号 in view, its filters are labelled in plain Chinese, kept in the
address, and printing gives every case in every column of 附件1 on A4 landscape pages.
Screenshots and printed pages go to pytest's temporary folder (``artifacts``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import serve
from tests.casemaker import sample_site
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 11, 29)
# 附件1's column headings, in the form's order, then the columns the export adds (by hand from
# the 2019 plan's form; 单位 stands after 编号 because the printout holds every unit).
FORM_HEADINGS = [
    "序号", "姓名", "信访人住址", "问题属地", "主要诉求", "工作措施", "科级包案领导姓名、职务",
    "责任部门及责任人姓名、职务", "分包民警", "问题类型", "是否已化解", "备注",
    "编号", "单位", "排查日期", "化解日期", "涉及人数", "风险等级", "化解方式", "典型案例",
]  # fmt: skip
STANDING_EXTRA = ["化解时限", "交办单位", "交办文号", "交办日期", "稳控责任人", "稳控措施"]
LABELS = [
    "关键字", "单位", "科级包案领导", "问题类型", "是否已化解", "风险等级", "化解方式", "典型案例",
]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.mktemp("ledgerpage"), TODAY)


@pytest.fixture(scope="module")
def standing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.site.build import Options, build

    out = tmp_path_factory.mktemp("standing") / "site"
    build(Options(root=ROOT / "examples/standing", out=out, today=TODAY), today_given=TODAY)
    return out


def data(site: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((site / "data/ledger.json").read_text(encoding="utf-8"))
    return doc


@contextlib.contextmanager
def ledger_at(browser: Browser, site: Path, width: int, query: str = "") -> Iterator[Page]:
    """The 台账 page at a viewport width, its table loaded; no script errors while open."""
    errors: list[str] = []
    with serve(site) as base:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "ledger.html" + query, wait_until="networkidle")
        page.wait_for_selector(".tz-ledger__count")
        try:
            yield page
        finally:
            context.close()
    assert errors == []


def page_width(page: Page) -> tuple[int, int]:
    width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    return width, viewport


def id_cell_in_view(page: Page) -> bool:
    """The first row's 编号 lies inside the table's box and is what the reader sees there."""
    return bool(
        page.evaluate(
            """() => {
        const box = document.querySelector('.tz-ledger .tz-scroll').getBoundingClientRect();
        const cell = document.querySelector('.tz-ledger tbody tr').cells[1];
        const r = cell.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + 8);
        return r.left >= box.left && r.right <= box.right && cell.contains(top);
    }"""
        )
    )


@pytest.mark.parametrize("name", ["site", "standing"])
def test_the_table_fits_at_1366_and_scrolls_in_its_box_at_390(
    browser: Browser, name: str, request: pytest.FixtureRequest, artifacts: Path
) -> None:
    site = request.getfixturevalue(name)
    with ledger_at(browser, site, 1366) as page:
        assert page_width(page) == (1366, 1366)
        box = page.eval_on_selector(".tz-ledger .tz-scroll", "b => [b.scrollWidth, b.clientWidth]")
        assert box[0] <= box[1]  # the chosen columns fit the column: nothing to scroll
        page.screenshot(path=str(artifacts / f"ledger-{name}-1366.png"), full_page=True)
    with ledger_at(browser, site, 390) as page:
        width, viewport = page_width(page)
        assert width <= viewport == 390
        box = page.eval_on_selector(".tz-ledger .tz-scroll", "b => [b.scrollWidth, b.clientWidth]")
        assert box[0] > box[1]  # the table scrolls inside its own box
        page.locator(".tz-ledger tbody tr").first.scroll_into_view_if_needed()
        assert id_cell_in_view(page)
        page.eval_on_selector(".tz-ledger .tz-scroll", "b => { b.scrollLeft = b.scrollWidth; }")
        assert page.eval_on_selector(".tz-ledger .tz-scroll", "b => b.scrollLeft") > 0
        assert id_cell_in_view(page)
        assert page_width(page) == (390, 390)
        page.screenshot(path=str(artifacts / f"ledger-{name}-390-scrolled.png"))


def test_every_control_has_a_plain_chinese_label(browser: Browser, site: Path) -> None:
    with ledger_at(browser, site, 1366) as page:
        labels = page.eval_on_selector_all(
            ".tz-ledger__controls label",
            "ls => ls.map(l => [l.textContent, document.getElementById(l.htmlFor).tagName])",
        )
        assert labels == [["关键字", "INPUT"]] + [[t, "SELECT"] for t in LABELS[1:]]
        unlabelled = page.eval_on_selector_all(
            ".md-content input, .md-content select",
            "cs => cs.filter(c => c.labels.length === 0).map(c => c.outerHTML)",
        )
        assert unlabelled == []
        buttons = page.eval_on_selector_all(
            ".md-content button", "bs => bs.map(b => b.textContent.trim())"
        )
        assert buttons == ["打印台账", "显示全部栏目", "恢复默认栏目", "上一页", "下一页"]
        chooser = page.eval_on_selector_all(".tz-columns label", "ls => ls.map(l => l.textContent)")
        assert chooser[:4] == ["单位", "信访人姓名", "问题属地", "主要诉求"]
        first = page.eval_on_selector_all(".tz-select", "ss => ss.map(s => s.options[0].text)")
        assert first == ["全部"] * 7


def options(page: Page, title: str) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        f'.tz-select[data-col="{title}"] option', "os => os.map(o => o.textContent)"
    )
    return found


def test_drop_downs_offer_the_values_present_in_the_campaign_s_order(
    browser: Browser, site: Path
) -> None:
    # campaign.yaml's units, less 文化苑社区 which has no case (by hand from the sample).
    units = ["东村", "西村", "南庄村", "北营村", "刘寨村", "花园口村", "清风社区", "幸福里社区"]
    units += ["金水湾社区", "迎宾路社区", "工业园区管委会"]
    with ledger_at(browser, site, 1366) as page:
        assert options(page, "单位") == ["全部", *units]
        assert options(page, "风险等级") == ["全部", "高", "中", "低"]
        assert options(page, "是否已化解") == ["全部", "是", "否"]
        assert options(page, "典型案例") == ["全部", "是", "否"]
        leaders = options(page, "科级包案领导姓名、职务")
        assert leaders[:3] == ["全部", "李志强（办事处主任）", "陈卫东（办事处副主任）"]


def search(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filters_live_in_the_address(browser: Browser, site: Path) -> None:
    doc = data(site)
    titles = [c["title"] for c in doc["columns"]]
    kind, done, risk = (titles.index(t) for t in ("问题类型", "是否已化解", "风险等级"))
    date = titles.index("排查日期")
    chosen = [r for r in doc["rows"] if r["c"][kind] == "城建拆迁" and r["c"][done] == "否"]
    newest = sorted(chosen, key=lambda r: r["c"][date], reverse=True)  # stable, like the JS
    pairs = [("问题类型", "城建拆迁"), ("是否已化解", "否"), ("排序", "排查日期"), ("倒序", "1")]
    query = "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    total = len(doc["rows"])
    with ledger_at(browser, site, 1366, query) as page:
        assert page.input_value('.tz-select[data-col="问题类型"]') == "城建拆迁"
        assert page.input_value('.tz-select[data-col="是否已化解"]') == "否"
        count = page.locator(".tz-ledger__count")
        assert count.inner_text() == f"筛选出 {len(chosen)} 件（共 {total} 件）"
        ids = page.eval_on_selector_all(
            ".tz-ledger tbody tr", "rs => rs.map(r => r.getAttribute('data-id'))"
        )
        assert ids == [r["id"] for r in newest]
        assert page.get_attribute(".tz-ledger thead th:nth-child(14)", "aria-sort") == (
            "descending"
        )
        page.select_option('.tz-select[data-col="风险等级"]', "高")
        high = [r for r in newest if r["c"][risk] == "高"]
        assert count.inner_text() == f"筛选出 {len(high)} 件（共 {total} 件）"
        assert search(page) == {
            "问题类型": ["城建拆迁"], "是否已化解": ["否"], "风险等级": ["高"],
            "排序": ["排查日期"], "倒序": ["1"],
        }  # fmt: skip
        page.select_option('.tz-select[data-col="问题类型"]', "")
        page.select_option('.tz-select[data-col="是否已化解"]', "")
        page.select_option('.tz-select[data-col="风险等级"]', "")
        page.locator(".tz-pager button", has_text="下一页").click()
        page.fill(".tz-ledger .tz-filter", "村")
        page.locator(".tz-columns summary").click()
        page.check('.tz-columns input[data-key="工作措施"]')
        page.uncheck('.tz-columns input[data-key="主要诉求"]')
        expected = {"关键字": ["村"], "排序": ["排查日期"], "倒序": ["1"]}
        shown = "单位,信访人.姓名,工作措施,包案领导,问题类型,是否已化解,排查日期,风险等级"
        assert search(page) == expected | {"栏目": [shown]}
        page.locator(".tz-pager button", has_text="下一页").click()
        assert search(page) == expected | {"栏目": [shown], "页": ["2"]}
        page.reload(wait_until="networkidle")
        page.wait_for_selector(".tz-ledger__count")
        assert page.input_value(".tz-ledger .tz-filter") == "村"
        assert page.locator(".tz-pager__where").inner_text().strip().startswith("第 2 /")
        heads = page.eval_on_selector_all(
            ".tz-ledger thead th", "hs => hs.filter(h => !h.hidden).map(h => h.textContent)"
        )
        assert heads == ["序号", "编号", "单位", "姓名", "工作措施", "科级包案领导姓名、职务",
                         "问题类型", "是否已化解", "排查日期", "风险等级"]  # fmt: skip
        page.locator(".tz-columns summary").click()
        page.locator(".tz-columns button", has_text="恢复默认栏目").click()
        assert "栏目" not in search(page)


def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, from its IHDR chunk."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def printed(page: Page, folder: Path, name: str) -> tuple[list[Path], str]:
    """The page printed to PDF by Chromium as its CSS asks, as 50 dpi PNGs and as text."""
    pdf = folder / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / name)], check=True)
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pngs = sorted(folder.glob(f"{name}-*.png"))
    return pngs, re.sub(r"\s+", "", text)


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "extra"), [("site", []), ("standing", STANDING_EXTRA)])
def test_printing_gives_every_case_in_every_form_column_on_a4_landscape(
    browser: Browser, name: str, extra: list[str], request: pytest.FixtureRequest, artifacts: Path
) -> None:
    site = request.getfixturevalue(name)
    rows = data(site)["rows"]
    folder = artifacts / f"print-{name}"
    folder.mkdir()
    with ledger_at(browser, site, 1366, "?页=2") as page:
        assert page.locator(".tz-print-view").count() == 0  # built only when printed
        pngs, text = printed(page, folder, "ledger")
    assert len(pngs) == pdf_pages(folder / "ledger.pdf")
    assert len(pngs) > 1 or len(rows) < 10
    for png in pngs:
        width, height = png_size(png)
        assert width > height  # landscape
        assert 1.35 < width / height < 1.45  # A4: 297 / 210
    for heading in FORM_HEADINGS + extra:
        assert heading in text, heading
    assert [r["id"] for r in rows if r["id"] not in text] == []
    first = rows[0]["c"]
    assert f"{first[0]}{first[1]}" in text  # 编号, then 单位
    assert "台账数据载入失败" not in text and "选择显示的栏目" not in text  # only the printout


def test_the_print_button_prints_the_masked_data(browser: Browser, site: Path) -> None:
    """打印台账 builds the printout and opens the browser's print; it shows exactly what the
    page's data shows: 姓名 masked, the 住址 column blank (as in the masked workbook)."""
    rows = {r["id"]: r["c"] for r in data(site)["rows"]}
    with ledger_at(browser, site, 1366) as page:
        page.evaluate("window.print = () => { window.printed = true; }")
        page.locator(".tz-ledger-print button", has_text="打印台账").click()
        assert page.evaluate("window.printed") is True
        assert page.locator(".tz-print-view__note").inner_text() == f"共 {len(rows)} 件"
        cells = page.eval_on_selector(
            ".tz-print-view tbody tr", "r => Array.from(r.cells, c => c.textContent)"
        )
    assert cells[:4] == ["1", "郭**", "", rows["dongcun-001"][3]]
