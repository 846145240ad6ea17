"""The sample's pages in headless Chromium (issue 12): the units chart's honest axis and 无案件,
charts that follow the window down to a phone, 活动总结 printed with 合计 once, and the 404 page
at any depth. PDFs and PNGs of the printed pages go to pytest's ``artifacts`` folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import subprocess
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.system import localhttp
from tests.browser import serve
from tests.casemaker import sample_site

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.mktemp("pages-browser"), TODAY)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def opened(browser: Browser, url: str, width: int = 1366) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def units_option(page: Page) -> Any:
    return page.evaluate(
        "() => window.echarts.getInstanceByDom(document.getElementById('tz-chart-units'))"
        ".getOption()"
    )


def test_units_chart_runs_to_100_percent_and_names_a_unit_without_cases(
    browser: Browser, base: str
) -> None:
    with opened(browser, base + "index.html") as page:
        page.locator("#tz-chart-units canvas").wait_for()
        option = units_option(page)
    assert (option["xAxis"][0]["min"], option["xAxis"][0]["max"]) == (0, 100)
    labels, data = option["yAxis"][0]["data"], option["series"][0]["data"]
    # The sample's units (campaign.yaml) and their rates by hand: 迎宾路社区 4 of 5 resolved is
    # the highest (80%), 文化苑社区 has no case.
    rates = dict(zip(labels, data, strict=True))
    assert rates["迎宾路社区"] == 80.0 and rates["东村"] == 58.6
    empty = rates["文化苑社区"]
    assert (empty["value"], empty["tzNote"], empty["label"]["formatter"]) == (0, "无案件", "无案件")
    assert [k for k, v in rates.items() if isinstance(v, dict)] == ["文化苑社区"]


def test_charts_follow_the_window_down_to_a_phone(
    browser: Browser, base: str, artifacts: Path
) -> None:
    with opened(browser, base + "index.html") as page:
        page.locator("#tz-chart-units canvas").wait_for()
        wide = page.evaluate("() => window.__tzCharts.map(c => c.getWidth())")
        assert min(wide) > 400
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(300)
        narrow = page.evaluate("() => window.__tzCharts.map(c => c.getWidth())")
        right = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.tz-chart')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        page.screenshot(path=str(artifacts / "pages-home-390.png"), full_page=True)
    assert len(narrow) == 3 and max(narrow) <= 390 - 16 and right <= 390


def test_report_prints_the_total_row_once(browser: Browser, base: str, artifacts: Path) -> None:
    pdf = artifacts / "pages-report.pdf"
    with opened(browser, base + "report.html") as page:
        page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The 各单位 table is longer than the first page's room (its header repeats over the break),
    # and its 合计 row is printed once, after the last unit.
    assert text.count("报送单位") == 2
    assert text.count("合计") == 1
    units = text[text.index("报送单位") : text.index("按问题类型")]
    assert units.index("工业园区管委会") < units.index("合计")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(pdf), str(artifacts / "report")],
        check=True,
    )
    assert (artifacts / "report-1.png").stat().st_size > 10_000


class NotFoundPage(localhttp.LocalHandler):
    """Serves the site's 404.html for any missing address, as nginx's ``error_page 404`` does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_404_page_works_at_any_depth(browser: Browser, site: Path) -> None:
    handler = functools.partial(NotFoundPage, directory=str(site))
    server = localhttp.listen(0, handler)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for missing in ("nope.html", "cases/dongcun/dongcun-999.html"):
            failed: list[str] = []
            with opened(browser, root + missing) as page:
                page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
                assert page.locator("article h1").inner_text() == "找不到这个页面"
                # The theme's styles loaded from the site's root: the header is laid out.
                color = page.evaluate(
                    "() => getComputedStyle(document.querySelector('.md-header')).position"
                )
                assert color == "sticky"
                page.get_by_role("link", name="返回首页").click()
                page.wait_for_load_state("networkidle")
                assert page.url == root + "index.html"
                assert page.locator("h1").first.inner_text().endswith("活动")
            assert failed == []
    finally:
        server.shutdown()
        server.server_close()
