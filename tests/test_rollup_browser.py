"""The district roll-up site in Chromium: every page type passes axe (WCAG 2.0/2.1 A and AA) and
fits a phone, the charts draw, and a member without figures is named 未报送 in the rate chart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser import serve
from tests.conftest import Result
from tests.test_a11y_browser import DESKTOP, audit, opened
from tests.test_rollup_figures import write_rollup

pytestmark = pytest.mark.browser

PAGES = {
    "首页": "index.html",
    "汇总表": "summary.html",
    "时段页": "periods/2019-09.html",
    "各成员": "members/index.html",
    "成员页": "members/m1.html",
    "未报送的成员页": "members/m3.html",
    "使用说明": "help.html",
    "404": "404.html",
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]) -> Path:
    monkeypatch.chdir(tmp_path)
    write_rollup(tmp_path, "月", members="  - {名称: 丙街道, 来源: bing.json}\n")
    assert cli("rollup", "ROLLUP.yaml", "--today", "2019-10-15").code == 0
    return tmp_path / "site"


def test_every_page_type_passes_axe_and_fits_a_phone(browser: Browser, site: Path) -> None:
    assert all((site / path).is_file() for path in PAGES.values())
    with serve(site) as base:
        assert audit(browser, base, PAGES) == {}


def test_charts_draw_and_name_the_unreported(browser: Browser, site: Path) -> None:
    with serve(site) as base:
        page = opened(browser, base + "index.html", DESKTOP)
        try:
            page.locator("#tz-chart-units canvas").wait_for()
            option: Any = page.evaluate(
                "() => window.echarts.getInstanceByDom(document.getElementById('tz-chart-units'))"
                ".getOption()"
            )
            trend: Any = page.evaluate(
                "() => window.echarts.getInstanceByDom(document.getElementById('tz-chart-trend'))"
                ".getOption().series.map(s => s.data)"
            )
        finally:
            page.context.close()
    assert option["yAxis"][0]["data"] == ["甲街道", "乙街道", "丙街道"]
    bars = option["series"][0]["data"]
    assert bars[0] == 66.7
    assert [b["tzNote"] for b in bars[1:]] == ["未报送", "未报送"]
    # 排查数 and 化解数 of the reported members per month, then the 累计化解率 line.
    assert trend == [[3, 3, 0, 0], [1, 3, 0, 0], [33.3, 66.7, 66.7, 66.7]]
