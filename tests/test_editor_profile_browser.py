"""The web form of an office's own ledger in headless Chromium: the weekly profile of
tests/profiles.py, its lists in the selects, a new case starting at its first 未化解 status, its
optional 化解时限 filled in the form; what the page saves is what our writer writes and passes
``validate`` in that repository."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from generator.editor import decap
from generator.editor import server as editserver
from generator.editor.backend import EditorBackend
from generator.ledger.casefile import dump_case
from generator.ledger.validate import load_campaign
from generator.site.build import Options, build
from tests import profiles
from tests.conftest import Result
from tests.test_editor_browser import Traffic, choose, control, log_in, publish, repo_names

pytestmark = pytest.mark.browser

Cli = Callable[..., Result]
TODAY = dt.date(2020, 2, 1)


@pytest.fixture(scope="module")
def weekly(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The weekly ledger built with its editor, served with Decap's in-memory test-repo."""
    root = profiles.write(tmp_path_factory.mktemp("weekly"), profiles.WEEKLY, profiles.WEEKLY_CASES)
    build(Options(root=root, out=root / "site", today=TODAY), today_given=TODAY)
    campaign, _ = load_campaign(root)
    assert campaign is not None
    config = decap.config_text(campaign, EditorBackend("test-repo"))
    server = editserver.serve(root / "site", 0, lambda _origin: config)
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def seed(root: Path) -> str:
    """The repository's case files in window.repoFiles (see test_editor_browser.seed_script)."""
    units: dict[str, dict[str, Any]] = {"dongcun": {}, "xicun": {}}
    for path in sorted((root / "cases").glob("*/*.yaml")):
        units[path.parent.name][path.name] = {
            "path": path.relative_to(root).as_posix(),
            "content": path.read_text(encoding="utf-8"),
        }
    tree = json.dumps(units, ensure_ascii=False)
    return (
        f"window.repoFiles = (function () {{ var units = {tree}; var tree = {{cases: units}};"
        " Object.keys(units).forEach(function (u) { tree['cases/' + u] = units[u]; });"
        " return tree; })();"
    )


def options(page: Any, name: str) -> list[str]:
    """The choices a select offers, as the clerk sees them when opening it."""
    control(page, name).click()
    texts: list[str] = page.locator("[class*='-option']").all_inner_texts()
    page.keyboard.press("Escape")
    return texts


def test_a_new_case_of_the_weekly_ledger(
    browser: Browser, weekly: tuple[Path, str], cli: Cli, artifacts: Path
) -> None:
    root, url = weekly
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(seed(root))
    traffic = Traffic()
    traffic.attach(page)
    try:
        page.goto(url + "admin/#/collections/xicun/new")
        log_in(page)
        page.get_by_text("正在集合“西村”中编写").wait_for()
        before = set(repo_names(page, "xicun"))
        assert options(page, "风险等级") == ["红", "橙", "黄", "蓝"]
        assert options(page, "是否已化解") == ["未化解", "正在化解", "稳控中", "已化解", "息诉罢访"]
        assert options(page, "问题类型")[:3] == ["医疗纠纷", "交通事故", "物业"]
        shown = page.locator("[class*='singleValue']").all_inner_texts()
        assert shown == ["未化解"], shown  # a new case starts at the 未化解 group's first
        control(page, "排查日期").fill("2020-01-08")
        control(page, "姓名").fill("赵桂兰")
        control(page, "住址").fill("西村一组8号")
        control(page, "涉及人数").fill("2")
        control(page, "问题属地").fill("西村幸福小区")
        choose(page, "问题类型", "物业")
        control(page, "主要诉求").fill("要求物业公司修复漏水的楼顶")
        choose(page, "风险等级", "橙")
        control(page, "姓名", 1).fill("李志强")
        control(page, "职务", 0).fill("副镇长")
        control(page, "名称").fill("司法所")
        control(page, "责任人").fill("赵敏")
        control(page, "职务", 1).fill("所长")
        choose(page, "是否已化解", "稳控中")
        control(page, "化解时限").fill("2020-01-31")
        page.screenshot(path=artifacts / "editor-weekly-new-case.png", full_page=True)
        publish(page)
        page.get_by_text("内容已保存").wait_for()
        made = sorted(set(repo_names(page, "xicun")) - before)
        assert len(made) == 1, made
        saved: str = page.evaluate(f"window.repoFiles.cases.xicun[{made[0]!r}].content")
    finally:
        context.close()
    traffic.check()
    expected = {
        "排查日期": dt.date(2020, 1, 8),
        "信访人": {"姓名": "赵桂兰", "住址": "西村一组8号"},
        "涉及人数": 2,
        "问题属地": "西村幸福小区",
        "问题类型": "物业",
        "主要诉求": "要求物业公司修复漏水的楼顶",
        "风险等级": "橙",
        "包案领导": {"姓名": "李志强", "职务": "副镇长"},
        "责任部门": {"名称": "司法所", "责任人": "赵敏", "职务": "所长"},
        "是否已化解": "稳控中",
        "典型案例": False,
        "化解时限": dt.date(2020, 1, 31),
    }
    assert saved == dump_case(expected)
    (root / "cases" / "xicun" / made[0]).write_text(saved, encoding="utf-8")
    with contextlib.chdir(root):
        result = cli("validate", "--today", TODAY.isoformat())
    assert (result.code, result.out) == (0, "检查了 6 个文件，发现 0 个问题\n")
