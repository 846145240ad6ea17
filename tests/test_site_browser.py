"""The built sample in headless Chromium: pages load cleanly and offline, charts draw, tables sort
and filter, Chinese search works. Screenshots of the dashboard go to
pytest's temporary folder (``artifacts`` in conftest.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.site.pagelist import PAGES
from tests.browser import serve
from tests.casemaker import sample_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
TOP_PAGES = [*(e.url for e in PAGES if e.top), "404.html"]


@dataclass
class Watch:
    """What went wrong while a page was open: console errors, failed or foreign requests."""

    base: str
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        host = urlsplit(self.base).netloc
        page.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")
        )
        page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on(
            "request",
            lambda r: (
                urlsplit(r.url).netloc != host
                and not r.url.startswith(("data:", "blob:"))
                and self.problems.append(f"foreign: {r.url}")
            ),
        )
        page.on(
            "response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}")
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.mktemp("browser"), TODAY)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def ledger(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "data" / "ledger.json").read_text(encoding="utf-8"))
    return data


@contextlib.contextmanager
def opened(browser: Browser, base: str, path: str, width: int = 1400) -> Iterator[Page]:
    """A fresh page at base+path; fails the test if anything went wrong while it was open."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    page.goto(base + path, wait_until="networkidle")
    try:
        yield page
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert watch.problems == [], (path, watch.problems)


def case_paths(ledger: dict[str, Any], every: int = 13) -> list[str]:
    rows = ledger["rows"]
    return [f"cases/{r['u']}/{r['id']}.html" for r in rows[::every]]


def test_every_top_level_page_and_a_sample_of_case_pages_load_cleanly(
    browser: Browser, base: str, site: Path, ledger: dict[str, Any]
) -> None:
    unit_pages = sorted(p.relative_to(site).as_posix() for p in site.glob("units/*.html"))
    type_pages = sorted(p.relative_to(site).as_posix() for p in site.glob("types/*.html"))
    leader_pages = sorted(p.relative_to(site).as_posix() for p in site.glob("leaders/*.html"))
    paths = TOP_PAGES + unit_pages + type_pages + leader_pages + case_paths(ledger)
    assert len(paths) > 50
    for path in paths:
        with opened(browser, base, path) as page:
            assert page.locator("h1").count() == 1, path
            if page.locator(".tz-ledger").count():
                page.wait_for_selector(".tz-ledger__count")


def test_dashboard_charts_draw(browser: Browser, base: str, artifacts: Path) -> None:
    with opened(browser, base, "index.html") as page:
        for name in ("trend", "types", "units"):
            canvas = page.locator(f"#tz-chart-{name} canvas")
            canvas.wait_for()
            box = canvas.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 200, name
            has = page.evaluate(
                "id => !!window.echarts.getInstanceByDom(document.getElementById(id))",
                f"tz-chart-{name}",
            )
            assert has, name
        assert page.evaluate("window.__tzCharts.length") == 3
        page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    with opened(browser, base, "index.html", width=420) as page:
        page.locator("#tz-chart-trend canvas").wait_for()
        page.screenshot(path=str(artifacts / "dashboard-narrow.png"), full_page=True)
    with opened(browser, base, "ledger.html") as page:
        page.wait_for_selector(".tz-ledger__count")
        page.screenshot(path=str(artifacts / "ledger.png"))


def row_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        ".tz-ledger tbody tr", "rows => rows.map(r => r.getAttribute('data-id'))"
    )
    return ids


def test_ledger_sorts_and_filters(browser: Browser, base: str, ledger: dict[str, Any]) -> None:
    titles = [c["title"] for c in ledger["columns"]]
    rows = ledger["rows"]
    date_col = titles.index("排查日期")
    type_col = titles.index("问题类型")
    by_date = [r["id"] for r in sorted(rows, key=lambda r: r["c"][date_col])]  # stable, like the JS
    by_date_desc = [r["id"] for r in sorted(rows, key=lambda r: r["c"][date_col], reverse=True)]
    with opened(browser, base, "ledger.html") as page:
        count = page.locator(".tz-ledger__count")
        count.wait_for()
        assert count.inner_text() == f"共 {len(rows)} 件"
        assert row_ids(page) == [r["id"] for r in rows[:50]]
        header = page.locator(".tz-ledger thead th", has_text="排查日期")
        header.click()
        assert row_ids(page) == by_date[:50]
        assert header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert row_ids(page)[0] == by_date_desc[0]
        assert page.eval_on_selector(
            ".tz-ledger tbody tr", f"r => r.cells[{date_col + 1}].textContent"
        ) == max(r["c"][date_col] for r in rows)
        page.locator(".tz-pager button", has_text="下一页").click()
        assert page.locator(".tz-pager__where").inner_text().strip().startswith("第 2 /")
        page.fill(".tz-ledger .tz-filter", "dongcun-007")
        assert count.inner_text() == f"筛选出 1 件（共 {len(rows)} 件）"
        assert row_ids(page) == ["dongcun-007"]
        page.fill(".tz-ledger .tz-filter", "")
        page.select_option('.tz-select[data-col="问题类型"]', "城建拆迁")
        # Still sorted by 排查日期, newest first.
        chosen = {r["id"] for r in rows if r["c"][type_col] == "城建拆迁"}
        expected = [i for i in by_date_desc if i in chosen]
        assert count.inner_text() == f"筛选出 {len(expected)} 件（共 {len(rows)} 件）"
        assert row_ids(page) == expected[:50]
        page.locator(".tz-ledger tbody a", has_text=expected[0]).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"cases/{expected[0].split('-')[0]}/{expected[0]}.html")


def test_unit_page_shows_only_its_cases(
    browser: Browser, base: str, ledger: dict[str, Any]
) -> None:
    expected = [r["id"] for r in ledger["rows"] if r["u"] == "dongcun"]
    with opened(browser, base, "units/dongcun.html") as page:
        page.wait_for_selector(".tz-ledger__count")
        assert page.locator(".tz-ledger__count").inner_text() == f"共 {len(expected)} 件"
        assert row_ids(page) == expected[:50]


def test_summary_table_sorts_in_the_browser(browser: Browser, base: str) -> None:
    with opened(browser, base, "summary.html") as page:
        table = page.locator("table.tz-summary").first
        cells = "rows => rows.map(r => Number(r.cells[1].textContent))"
        before = table.locator("tbody tr").evaluate_all(cells)
        table.locator("thead th", has_text="排查数").first.click()
        assert table.locator("tbody tr").evaluate_all(cells) == sorted(before)
        table.locator("thead th", has_text="排查数").first.click()
        assert table.locator("tbody tr").evaluate_all(cells) == sorted(before, reverse=True)
        assert table.locator("tfoot th").first.inner_text() == "合计"


def test_chinese_search_finds_pages(browser: Browser, base: str) -> None:
    with opened(browser, base, "index.html") as page:
        page.locator(".md-search__input").click()
        page.fill(".md-search__input", "化解率")
        page.keyboard.press("End")  # Material searches on key events, not on the input event
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert results.count() >= 2
        # jieba's word breaks are zero-width spaces in the shown text.
        shown = page.locator(".md-search-result__list").inner_text().replace("\u200b", "")
        assert "化解率" in shown and "汇总表" in shown
