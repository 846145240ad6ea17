"""The web editor in headless Chromium, on the built sample site.

With Decap's test-repo backend (the sample's case files seeded into the page): the interface is
Chinese; a case opened from its “编辑” link is changed and saved; a new case is made in the
form; what the page saved is exactly what our writer writes and passes ``validate``; bad values
show Chinese errors and nothing is saved. With decap-server (``make edit``) on a temporary git
repository, the saved file lands in the working tree. No request ever leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route

from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.editor import filter as editfilter
from generator.editor import server as editserver
from generator.editor.backend import EditorBackend
from generator.ledger.casefile import dump_case
from generator.ledger.validate import load_campaign
from generator.ledger.yamlload import load_text
from tests.casemaker import case_data, copy_sample, day, sample_site
from tests.conftest import ROOT, Result

pytestmark = pytest.mark.browser

Cli = Callable[..., Result]
TODAY = dt.date(2026, 11, 29)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NEW_ID = re.compile(r"[a-z]+-[0-9]{8}-[0-9]{6}")


@dataclass
class Traffic:
    """Every request the page makes; anything not for this machine is recorded and refused."""

    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self.route)

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def check(self, refused_save: bool = False) -> None:
        assert self.foreign == []
        # Decap refuses an invalid save with a bare Promise.reject(): one "undefined" error.
        assert self.errors == (["undefined"] if refused_save else [])
        assert self.urls and all(
            u.startswith(("data:", "blob:")) or urlsplit(u).hostname in LOCAL_HOSTS
            for u in self.urls
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site as ``make site`` builds it (the web editor included)."""
    return sample_site(tmp_path_factory.mktemp("editor"), TODAY)


@pytest.fixture(scope="module")
def test_repo_site(site: Path) -> Iterator[str]:
    """The built site, its editor pointed at Decap's in-memory test-repo backend."""
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    config = decap.config_text(campaign, EditorBackend("test-repo"))
    server = editserver.serve(site, 0, lambda _origin: config)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def seed_script() -> str:
    """Put the sample's case files into window.repoFiles before Decap starts.

    test-repo looks a folder up by its whole path (``tree["cases/dongcun"]``) but writes by
    segments (``tree.cases.dongcun``), so both names point at the same object.
    """
    units: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "cases").glob("*/*.yaml")):
        rel = path.relative_to(ROOT).as_posix()
        units.setdefault(path.parent.name, {})[path.name] = {
            "path": rel,
            "content": path.read_text(encoding="utf-8"),
        }
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    for code in campaign.unit_codes():
        units.setdefault(code, {})
    return (
        "window.repoFiles = (function () {"
        f"  var units = {json.dumps(units, ensure_ascii=False)};"
        "  var tree = {cases: units};"
        "  Object.keys(units).forEach(function (u) { tree['cases/' + u] = units[u]; });"
        "  return tree;"
        "})();"
    )


@contextlib.contextmanager
def editor_page(
    browser: Browser, seed: bool = True, refused_save: bool = False
) -> Iterator[tuple[Page, Traffic]]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if seed:
        page.add_init_script(seed_script())
    traffic = Traffic()
    traffic.attach(page)
    try:
        yield page, traffic
    finally:
        context.close()
    traffic.check(refused_save)


def control(page: Page, name: str, nth: int = 0) -> Any:
    """The input of the form field ``name`` (Decap gives it the id ``<name>-field-<n>``)."""
    return page.locator(f"[id^='{name}-field-']").nth(nth)


def choose(page: Page, name: str, value: str, nth: int = 0) -> None:
    """Pick an option of a select (Decap's react-select) by typing it."""
    box = control(page, name, nth)
    box.click()
    box.fill(value)
    page.keyboard.press("Enter")


def add_measure(page: Page, day: str, text: str) -> None:
    page.get_by_role("button", name="新增工作措施").click()
    last = page.locator("[id^='日期-field-']").count() - 1
    control(page, "日期", last).fill(day)
    control(page, "内容", last).fill(text)


def log_in(page: Page) -> None:
    page.get_by_role("button", name="登录").click()


def publish(page: Page) -> None:
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_text("立即发布").click()


def repo_file(page: Page, unit: str, name: str) -> str:
    text: str = page.evaluate(f"window.repoFiles.cases[{unit!r}][{name!r}].content")
    return text


def repo_names(page: Page, unit: str) -> list[str]:
    names: list[str] = page.evaluate(f"Object.keys(window.repoFiles.cases[{unit!r}])")
    return names


def validate_in_sample(tmp: Path, cli: Cli, rel: str, text: str) -> Result:
    """``validate`` on a copy of the sample with ``text`` written at ``rel``, as a commit would."""
    root = copy_sample(tmp)
    (root / rel).write_text(text, encoding="utf-8")
    with contextlib.chdir(root):
        return cli("validate", "--today", TODAY.isoformat())


def fill_new_case(page: Page) -> dict[str, Any]:
    """Fill every field of a new resolved case, out of order; returns the data it should save."""
    control(page, "住址").fill("西村五组3号")  # before 姓名: the save hook restores the order
    control(page, "姓名").fill("李秀英")
    control(page, "排查日期").fill("2019-07-10")
    control(page, "涉及人数").fill("3")
    control(page, "问题属地").fill("西村五组")
    choose(page, "问题类型", "邻里纠纷")
    control(page, "主要诉求").fill("要求邻居拆除占用公共通道的违建")
    choose(page, "风险等级", "中")
    choose(page, "职务", "办事处副主任", 0)  # 包案领导.职务 before 包案领导.姓名
    choose(page, "姓名", "张慧敏", 1)
    choose(page, "名称", "综治办")
    control(page, "责任人").fill("王芳")
    control(page, "职务", 1).fill("副主任")
    add_measure(page, "2019-07-11", "入户走访双方，了解情况")
    add_measure(page, "2019-07-20", "组织双方调解，达成拆除协议")
    choose(page, "是否已化解", "是")
    control(page, "化解日期").fill("2019-08-02")
    choose(page, "化解方式", "调解")
    return case_data(
        "2019-07-10",
        "2019-08-02",
        信访人={"姓名": "李秀英", "住址": "西村五组3号"},
        涉及人数=3,
        问题属地="西村五组",
        问题类型="邻里纠纷",
        主要诉求="要求邻居拆除占用公共通道的违建",
        风险等级="中",
        包案领导={"姓名": "张慧敏", "职务": "办事处副主任"},
        责任部门={"名称": "综治办", "责任人": "王芳", "职务": "副主任"},
        工作措施=[
            {"日期": day("2019-07-11"), "内容": "入户走访双方，了解情况"},
            {"日期": day("2019-07-20"), "内容": "组织双方调解，达成拆除协议"},
        ],
        典型案例=False,
    )


def test_a_case_opened_from_its_edit_link_is_changed_and_saved(
    browser: Browser, test_repo_site: str, tmp_path: Path, cli: Cli, artifacts: Path
) -> None:
    with editor_page(browser) as (page, _):
        page.goto(test_repo_site + "cases/dongcun/dongcun-007.html")
        link = page.get_by_role("link", name="编辑")
        assert link.get_attribute("href") == "../../admin/#/collections/dongcun/entries/dongcun-007"
        link.click()
        log_in(page)
        page.get_by_text("正在集合“东村”中编写").wait_for()
        assert page.url == test_repo_site + "admin/#/collections/dongcun/entries/dongcun-007"
        assert control(page, "问题属地").input_value() == "东村三组"
        for label in ("排查日期", "科级包案领导", "是否已化解", "修改已保存"):
            assert page.get_by_text(label, exact=True).first.is_visible()
        page.screenshot(path=artifacts / "editor-existing-case.png")

        original = (ROOT / "cases" / "dongcun" / "dongcun-007.yaml").read_text(encoding="utf-8")
        choose(page, "风险等级", "中")
        control(page, "备注").fill("已电话回访，群众表示理解")
        page.get_by_text("含未保存的修改").wait_for()
        publish(page)
        page.get_by_text("内容已保存").wait_for()
        saved = repo_file(page, "dongcun", "dongcun-007.yaml")

    data = load_text(original).data
    data["风险等级"] = "中"
    data["备注"] = "已电话回访，群众表示理解"
    assert saved == dump_case(data)  # what our writer writes, byte for byte
    assert saved != original
    result = validate_in_sample(tmp_path, cli, "cases/dongcun/dongcun-007.yaml", saved)
    assert (result.code, result.out) == (0, "检查了 133 个文件，发现 0 个问题\n")


def test_a_new_case_is_made_in_the_form(
    browser: Browser, test_repo_site: str, tmp_path: Path, cli: Cli, artifacts: Path
) -> None:
    with editor_page(browser) as (page, _):
        page.goto(test_repo_site + "admin/#/collections/xicun")
        log_in(page)
        before = set(repo_names(page, "xicun"))
        page.get_by_text("＋ 西村案件").click()
        expected = fill_new_case(page)
        page.screenshot(path=artifacts / "editor-new-case.png", full_page=True)
        publish(page)
        page.get_by_text("内容已保存").wait_for()
        made = sorted(set(repo_names(page, "xicun")) - before)
        assert len(made) == 1 and NEW_ID.fullmatch(made[0][: -len(".yaml")]), made
        assert made[0].startswith("xicun-")
        saved = repo_file(page, "xicun", made[0])

    assert saved == dump_case(expected)
    assert saved.startswith("排查日期: 2019-07-10\n信访人:\n  姓名: 李秀英\n  住址: 西村五组3号\n")
    result = validate_in_sample(tmp_path, cli, f"cases/xicun/{made[0]}", saved)
    assert (result.code, result.out) == (0, "检查了 134 个文件，发现 0 个问题\n")


def test_bad_values_show_chinese_errors_and_nothing_is_saved(
    browser: Browser, test_repo_site: str, artifacts: Path
) -> None:
    with editor_page(browser, refused_save=True) as (page, _):
        page.goto(test_repo_site + "admin/#/collections/nanzhuang/new")
        log_in(page)
        page.get_by_text("正在集合“南庄村”中编写").wait_for()
        before = repo_names(page, "nanzhuang")
        fill_new_case(page)
        control(page, "主要诉求").fill("")
        control(page, "涉及人数").fill("0")
        control(page, "备注").fill("\t第一行用 Tab 开头\n第二行")
        publish(page)
        page.get_by_text("你漏掉了一个必填项，请在保存之前将它填写好").wait_for()
        page.get_by_text("“主要诉求”是必填项").wait_for()
        page.get_by_text("“涉及人数”必须位于 1 和 100000 之间").wait_for()
        page.get_by_text("“备注”不满足模式：最多 2000 个字，开头不能是 Tab").wait_for()
        page.screenshot(path=artifacts / "editor-bad-values.png", full_page=True)
        assert repo_names(page, "nanzhuang") == before
        assert page.url.endswith("admin/#/collections/nanzhuang/new")
        assert page.get_by_text("含未保存的修改").is_visible()


def git(repo: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return run.stdout


def test_decap_server_saves_into_the_working_tree(
    browser: Browser, site: Path, tmp_path: Path, cli: Cli
) -> None:
    repo = copy_sample(tmp_path / "repo")
    # the configured git host is forgejo; local_backend switches the preview to decap-server
    shutil.copy(ROOT / "editor.yaml", repo / "editor.yaml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "commit", "-qm", "样例")
    campaign, _ = load_campaign(repo)
    assert campaign is not None
    backend = editorbackend.load(repo)
    scope = editfilter.Scope(repo, frozenset(campaign.unit_codes()))

    def config(origin: str) -> str:
        return decap.config_text(campaign, backend, local_backend=editserver.api_url(origin))

    decap_server = editserver.start_decap(repo)
    server = editserver.serve(site, 0, config, decap_server, scope)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with editor_page(browser, seed=False) as (page, traffic):
            page.goto(base + "admin/#/collections/xicun/new")
            log_in(page)
            page.get_by_text("正在集合“西村”中编写").wait_for()
            expected = fill_new_case(page)
            publish(page)
            page.get_by_text("内容已保存").wait_for()
    finally:
        server.shutdown()
        server.server_close()
        editserver.stop(decap_server)

    # The page talked to the preview's own /api/v1 only, never to decap-server's private port.
    assert base + "api/v1" in traffic.urls
    assert {urlsplit(u).port for u in traffic.urls if u.startswith("http")} == {
        server.server_address[1]
    }
    assert decap_server.port != server.server_address[1]
    status = git(repo, "status", "--porcelain").splitlines()
    assert len(status) == 1 and status[0].startswith("?? cases/xicun/xicun-"), status
    rel = status[0][3:]
    assert NEW_ID.fullmatch(Path(rel).stem)
    saved = (repo / rel).read_text(encoding="utf-8")
    assert saved == dump_case(expected)
    with contextlib.chdir(repo):
        result = cli("validate", "--today", TODAY.isoformat())
    assert (result.code, result.out) == (0, "检查了 134 个文件，发现 0 个问题\n")
