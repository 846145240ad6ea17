"""The README's screenshots (``make screenshots``): the sample site and its web editor in Chromium.

The sample (campaign.yaml, cases/) is copied into a temporary git repository and built there;
the site and the editor are then served as ``make edit`` serves them (decap-server saving into
that copy, never into this checkout). Each view is photographed at a desktop (1366 px) and a
phone (390 px) width into docs/images/ (``--out`` for another folder), overwriting.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core import privacy
from generator.editor import backend as editorbackend
from generator.editor import filter as editfilter
from generator.editor import server as editserver
from generator.editor.decap import ADMIN_DIR, config_text
from generator.ledger.validate import checked_campaign
from generator.site.build import Options, build
from tools.gitrun import git

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
SIZES = {"1366": (1366, 768), "390": (390, 844)}  # a common laptop screen and a phone
CASE = "dongcun-007"  # the case README.md and DESIGN.md show
TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class View:
    """One screenshot: a file name, the address below the site, and what shows it is ready."""

    name: str
    path: str
    ready: str  # a CSS selector
    editor: bool = False  # the editor asks to log in (to decap-server) first
    # Scroll the ready element into view: on a phone the list starts below the menu.
    scroll: bool = False


VIEWS = (
    View("home", "index.html", "#tz-chart-units canvas"),
    View("ledger", "ledger.html", ".tz-ledger__count"),
    View("case", f"cases/dongcun/{CASE}.html", "h1"),
    View(
        "editor-list",
        f"{ADMIN_DIR}/#/collections/dongcun",
        "a[href*='/collections/dongcun/entries/']",  # the list's first (newest) case
        editor=True,
        scroll=True,
    ),
    View(
        "editor-form",
        f"{ADMIN_DIR}/#/collections/dongcun/entries/{CASE}",
        "[id^='问题属地-field-']",
        editor=True,
    ),
)


def file_names() -> list[str]:
    """Every file a run writes, in the order it writes them."""
    return [f"{view.name}-{size}.png" for view in VIEWS for size in SIZES]


def sample_repository(root: Path, today: dt.date | None, mode: str = privacy.MASKED) -> Path:
    """The sample copied into root as a one-commit git repository, its site built in root/site
    (so case pages have their 修改记录)."""
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "录入样例台账")
    day = today or dt.date.today()
    build(Options(root=root, out=root / "site", today=day, privacy=mode), today_given=today)
    return root


@contextlib.contextmanager
def editing(repo: Path) -> Iterator[str]:
    """repo's built site and its editor on 127.0.0.1 as ``make edit`` runs them; the base URL."""
    campaign = checked_campaign(repo, "无法启动网页编辑器")
    backend = editorbackend.load(repo)
    scope = editfilter.Scope(repo.resolve(), frozenset(campaign.unit_codes()))

    def config(origin: str) -> str:
        return config_text(campaign, backend, local_backend=editserver.api_url(origin))

    decap = editserver.start_decap(repo)
    try:
        server = editserver.serve(repo / "site", 0, config, decap, scope)
        try:
            yield f"http://{editserver.HOST}:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()
    finally:
        editserver.stop(decap)


def log_in(page: Any) -> None:
    """Decap's login screen for decap-server: one button."""
    page.get_by_role("button", name="登录").click()


def photograph(browser: Any, base: str, view: View, size: str, out: Path) -> Path:
    width, height = SIZES[size]
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(base + view.path, wait_until="networkidle")
        if view.editor:
            log_in(page)
            page.mouse.move(0, 0)  # off the login button, so no menu entry shows as hovered
        ready = page.locator(view.ready).first
        ready.wait_for()
        if view.scroll:
            ready.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        target = out / f"{view.name}-{size}.png"
        page.screenshot(path=target)
        return target
    finally:
        context.close()


def take(base: str, out: Path) -> list[Path]:
    """Every view at every width, from the site at base, into out."""
    from playwright.sync_api import sync_playwright

    from tools.chromium import CHROMIUM, CHROMIUM_ARGS

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [photograph(browser, base, v, s, out) for v in VIEWS for s in SIZES]
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="用示例数据生成网站、启动网页编辑器，截图给 README 用"
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help="截图写到哪个文件夹，默认 docs/images"
    )
    parser.add_argument("--today", type=dt.date.fromisoformat, help="统计截至日，默认今天")
    args = parser.parse_args(argv)
    from tools.chromium import missing

    if hint := missing():  # before minutes of building: Playwright would only say EACCES
        print(hint, file=sys.stderr)
        return 1
    # The temporary repository has no node_modules: decap-server and ECharts come from ours.
    os.environ.setdefault("NODE_PATH", str(ROOT / "node_modules"))
    with tempfile.TemporaryDirectory(prefix="taizhang-screenshots-") as tmp:
        repo = sample_repository(Path(tmp), args.today)
        with editing(repo) as base:
            written = take(base, args.out.resolve())
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
