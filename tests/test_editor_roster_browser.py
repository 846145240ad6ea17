"""The web editor refuses to save a listed 包案领导 with another 职务 than the roster's.

Decap's selects cannot make 职务's options follow the chosen 姓名, so the page's save hook
(admin/index.html, filled by ``decap.index_html``) checks the pair: a mismatch shows a Chinese
message and nothing is saved; corrected, the case saves and passes ``validate``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.ledger.casefile import dump_case
from tests.conftest import Result
from tests.test_editor_browser import (
    choose,
    editor_page,
    fill_new_case,
    log_in,
    publish,
    repo_file,
    repo_names,
    site,
    test_repo_site,
    validate_in_sample,
)

pytestmark = pytest.mark.browser

Cli = Callable[..., Result]
__all__ = ["site", "test_repo_site"]  # the fixtures, shared with the editor's other tests

REFUSED = (
    "保存内容失败: 包案领导张慧敏的职务应为“办事处副主任”（以领导名单为准），"
    "现在填的是“武装部长”。请改正后再保存。"
)


def test_a_leader_with_another_title_is_not_saved(
    browser: Browser, test_repo_site: str, tmp_path: Path, cli: Cli, artifacts: Path
) -> None:
    with editor_page(browser) as (page, traffic):
        page.goto(test_repo_site + "admin/#/collections/nanzhuang/new")
        log_in(page)
        page.get_by_text("正在集合“南庄村”中编写").wait_for()
        before = repo_names(page, "nanzhuang")
        expected = fill_new_case(page)  # 张慧敏 (办事处副主任 on the roster)
        choose(page, "职务", "武装部长", 0)
        publish(page)
        page.get_by_text(REFUSED).wait_for()
        page.screenshot(path=artifacts / "editor-leader-title.png", full_page=True)
        assert repo_names(page, "nanzhuang") == before
        # Decap rejects the failed save with its own action object: one unhandled rejection.
        assert traffic.errors == ["Object"]
        traffic.errors.clear()

        choose(page, "职务", "办事处副主任", 0)
        publish(page)
        page.get_by_text("内容已保存").wait_for()
        (made,) = sorted(set(repo_names(page, "nanzhuang")) - set(before))
        saved = repo_file(page, "nanzhuang", made)

    assert saved == dump_case(expected)
    result = validate_in_sample(tmp_path, cli, f"cases/nanzhuang/{made}", saved)
    assert (result.code, result.out) == (0, "检查了 134 个文件，发现 0 个问题\n")
