"""Case text is untrusted: script tags, event handlers, javascript: links, Markdown links and
template markers in every free-text field show as text and never run, on every page."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.core import privacy
from generator.ledger.casefile import dump_case
from generator.site.build import Options, build
from tests.browser import serve
from tests.casemaker import SAMPLE_PHASES, campaign_yaml

TODAY = dt.date(2026, 11, 29)
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[点我](javascript:window.__pwned=1)",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
]
CAMPAIGN = campaign_yaml(
    "测试活动",
    "测试街道办事处",
    SAMPLE_PHASES,
    ["代码: dongcun, 名称: 东村, 类型: 村", "代码: xicun, 名称: 西村, 类型: 村"],
)


def hostile_case(text: str, number: int, petitioner: bool) -> dict[str, Any]:
    """Every free-text field of a case holds ``text`` (the campaign keeps no 人员 lists).

    With ``petitioner`` the name and address hold it too; the masked site would otherwise
    (rightly) replace the petitioner's name wherever it appears in the other fields.
    """
    return {
        "排查日期": dt.date(2019, 7, number),
        "信访人": {"姓名": text, "住址": text}
        if petitioner
        else {"姓名": "王建国", "住址": "一组"},
        "涉及人数": 3,
        "问题属地": text,
        "问题类型": "其他",
        "主要诉求": text,
        "风险等级": "高",
        "包案领导": {"姓名": text, "职务": text},
        "责任部门": {"名称": text, "责任人": text, "职务": text},
        "分包民警": {"姓名": text, "职务": text},
        "工作措施": [{"日期": dt.date(2019, 7, number + 1), "内容": text}],
        "是否已化解": "是" if number % 2 else "否",
        **({"化解日期": dt.date(2019, 8, number), "化解方式": "调解"} if number % 2 else {}),
        "典型案例": True,
        "备注": text,
    }


def hostile_repo(root: Path, petitioner: bool) -> Path:
    (root / "campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    for number, text in enumerate(PAYLOADS, start=1):
        unit = "dongcun" if number % 2 else "xicun"
        folder = root / "cases" / unit
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{unit}-{number:03d}.yaml").write_text(
            dump_case(hostile_case(text, number, petitioner)), encoding="utf-8"
        )
    return root


@pytest.fixture(scope="module", params=[privacy.FULL, privacy.MASKED])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built with case pages in the search index, so search results show case text too."""
    mode = request.param
    root = hostile_repo(tmp_path_factory.mktemp(f"hostile-{mode}"), mode == privacy.FULL)
    out = root / f"site-{mode}"
    build(Options(root=root, out=out, today=TODAY, privacy=mode, index_cases=True))
    return out


class Inspect(HTMLParser):
    """Every event-handler attribute and every link target in a page, and its <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key.startswith("on"):
                self.handlers.append(f"{tag} {key}={value}")
            if key in ("href", "src", "action", "formaction") and value:
                self.links.append(value.strip().lower())
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or dict(attrs).get("type") or "inline")
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def test_no_page_carries_a_handler_link_or_script_from_case_text(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = Inspect()
        found.feed(html)
        assert found.handlers == [], path
        assert [link for link in found.links if link.startswith("javascript:")] == [], path
        assert "window.__pwned" not in " ".join(found.scripts), path
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, path
        assert "<" not in found.title and "{{" not in found.title, (path, found.title)
    data = (site / "data" / "ledger.json").read_text(encoding="utf-8")
    # Shown through textContent; escaped anyway, in case a server sends it as HTML.
    assert "<" not in data and "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in data


def pwned(page: Page) -> Any:
    return page.evaluate("() => window.__pwned")


@pytest.mark.browser
def test_browser_shows_the_payloads_as_text(browser: Browser, site: Path) -> None:
    full = site.name.endswith(privacy.FULL)
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        targets = ["index.html", "ledger.html", "typical.html", "report.html", "units/dongcun.html"]
        targets += [p.relative_to(site).as_posix() for p in sorted(site.glob("leaders/*.html"))]
        targets += [p.relative_to(site).as_posix() for p in sorted(site.glob("cases/*/*.html"))]
        for path in targets:
            page.goto(base + path, wait_until="networkidle")
            if page.locator(".tz-ledger").count():
                page.wait_for_selector(".tz-ledger__count")
            page.mouse.move(200, 300)
            assert pwned(page) is None, path
        for number, text in enumerate(PAYLOADS, start=1):
            unit = "dongcun" if number % 2 else "xicun"
            page.goto(f"{base}cases/{unit}/{unit}-{number:03d}.html", wait_until="networkidle")
            demand = page.locator("table.tz-fields tr", has_text="主要诉求").locator("td")
            assert demand.inner_text() == text
            measure = page.locator(".tz-timeline__text").first.inner_text()
            assert measure == text
            if full:
                name = page.locator("table.tz-fields tr", has_text="信访人姓名").locator("td")
                assert name.inner_text() == text
            assert "49" not in demand.inner_text()
            assert pwned(page) is None
        page.goto(base + "ledger.html", wait_until="networkidle")
        page.wait_for_selector(".tz-ledger__count")
        body = page.locator(".tz-ledger tbody").inner_text()
        for text in PAYLOADS:
            assert text in body
        page.locator(".md-search__input").click()
        page.fill(".md-search__input", "javascript")
        page.keyboard.press("End")  # Material searches on key events, not on the input event
        page.locator(".md-search-result__item").first.wait_for()
        shown = page.locator(".md-search-result__list").inner_text().replace("\u200b", "")
        assert "javascript:alert(1)" in shown
        assert pwned(page) is None
        assert errors == []
        context.close()


def test_template_markers_are_not_evaluated(site: Path) -> None:
    page = (site / "cases" / "dongcun" / "dongcun-005.html").read_text(encoding="utf-8")
    assert re.search(r"<tr><th>主要诉求</th><td>\{\{ 7\*7 \}\}</td></tr>", page)
    raw = (site / "cases" / "xicun" / "xicun-006.html").read_text(encoding="utf-8")
    assert "<tr><th>主要诉求</th><td>{% raw %}</td></tr>" in raw
