"""The web editor as a clerk meets it, in headless Chromium on the built sample site.

The login page is Chinese with one sentence of guidance; a missing nested field's error names
its path (信访人·姓名); a unit's case list runs newest first and shows 编号, the petitioner's
name masked as the site masks it, and 是否已化解. Expectations are typed by hand; the masking is
also compared, name by name, with the site's own (``privacy.mask_name``).
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.core import privacy
from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.editor import server as editserver
from generator.editor.backend import EditorBackend
from generator.ledger.casefile import dump_case
from generator.ledger.validate import load_campaign
from generator.ledger.yamlload import load_text
from tests.casemaker import case_data, copy_sample
from tests.conftest import ROOT
from tests.test_editor_browser import TODAY, control, editor_page, fill_new_case, log_in, publish

pytestmark = pytest.mark.browser

HOSTED_LOGIN = [
    "台账 · 网页编辑器",
    "使用单位账号登录",
    "用单位内网代码托管平台的账号登录；登录后可新建和修改案件，保存后由审核人审核，通过后生效。",
]


def _person(name: str, address: str) -> dict[str, str]:
    return {"姓名": name, "住址": address}


# 花园口村's cases replaced by four whose names' order, dates' order and masks all differ.
LIST_CASES = {
    "huayuan-001": case_data("2019-09-01", 信访人=_person("王建国", "一组")),
    "huayuan-002": case_data("2019-07-05", "2019-07-20", 信访人=_person("张伟、刘芳", "二组")),
    "huayuan-003": case_data("2019-08-10", 信访人=_person("欧阳明等5人", "三组")),
    "huayuan-010": case_data("2019-06-30", "2019-07-02", 信访人=_person("王", "四组")),
}
LIST_SHOWN = [
    "huayuan-001　2019-09-01　信访人：王**　是否已化解：否",
    "huayuan-003　2019-08-10　信访人：欧**等5人　是否已化解：否",
    "huayuan-002　2019-07-05　信访人：张*、刘*　是否已化解：是",
    "huayuan-010　2019-06-30　信访人：*　是否已化解：是",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as its office builds it: with editor.yaml (Forgejo, reviewed saves)."""
    from generator.site.build import Options, build

    root = copy_sample(tmp_path_factory.mktemp("clerk"))
    shutil.copy(ROOT / "editor.yaml", root / "editor.yaml")
    build(Options(root=root, out=root / "site", today=TODAY), today_given=TODAY)
    return root / "site"


@contextlib.contextmanager
def served(site: Path, backend: EditorBackend) -> Iterator[str]:
    """The built site, its editor's config for backend."""
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    config = decap.config_text(campaign, backend)
    server = editserver.serve(site, 0, lambda _origin: config)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def shown_lines(page: Page) -> list[str]:
    return [line.strip() for line in page.inner_text("body").splitlines() if line.strip()]


def test_the_login_page_is_chinese_with_one_sentence_of_guidance(
    browser: Browser, site: Path, artifacts: Path
) -> None:
    with (
        served(site, editorbackend.load(ROOT)) as base,
        editor_page(browser, seed=False) as (
            page,
            _,
        ),
    ):
        page.goto(base + "admin/")
        page.locator(".tz-login-guide").wait_for()
        assert shown_lines(page) == HOSTED_LOGIN
        assert page.get_by_role("heading", level=1).inner_text() == "台账 · 网页编辑器"
        assert page.get_by_role("button").inner_text() == "使用单位账号登录"
        page.screenshot(path=artifacts / "editor-login-1366.png")
        page.set_viewport_size({"width": 390, "height": 844})
        assert shown_lines(page) == HOSTED_LOGIN
        page.screenshot(path=artifacts / "editor-login-390.png")


def test_the_local_editor_says_it_saves_on_this_machine(browser: Browser, site: Path) -> None:
    with served(site, EditorBackend("test-repo")) as base, editor_page(browser) as (page, _):
        page.goto(base + "admin/")
        page.locator(".tz-login-guide").wait_for()
        assert shown_lines(page) == [
            "台账 · 网页编辑器",
            "登录",
            "在本机编辑：点“登录”即可，保存的案件直接写入本机的案件文件夹。",
        ]


def test_a_missing_nested_field_is_named_by_its_path(
    browser: Browser, site: Path, artifacts: Path
) -> None:
    with (
        served(site, EditorBackend("test-repo")) as base,
        editor_page(browser, refused_save=True) as (page, _),
    ):
        page.goto(base + "admin/#/collections/xicun/new")
        log_in(page)
        fill_new_case(page)
        name = control(page, "姓名", 0)  # 信访人·姓名; 包案领导's is filled, 分包民警's optional
        name.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        assert name.input_value() == ""
        publish(page)
        page.get_by_text("你漏掉了一个必填项，请在保存之前将它填写好").wait_for()
        errors = page.locator("[class*='ControlErrorsList']")
        assert errors.all_inner_texts() == ["“信访人·姓名”是必填项"]
        labels = page.locator("label[for^='姓名-field-']").all_inner_texts()
        assert labels == ["信访人·姓名", "包案领导·姓名", "分包民警·姓名 (可选)"]
        page.screenshot(path=artifacts / "editor-path-error.png", full_page=True)


def seed_unit(unit: str, cases: dict[str, str]) -> str:
    """Replace a unit's files in the seeded test repository (one object under two names)."""
    files = {
        f"{case_id}.yaml": {"path": f"cases/{unit}/{case_id}.yaml", "content": text}
        for case_id, text in cases.items()
    }
    return (
        f"(function () {{ var unit = window.repoFiles.cases[{json.dumps(unit)}];"
        "  Object.keys(unit).forEach(function (k) { delete unit[k]; });"
        f"  Object.assign(unit, {json.dumps(files, ensure_ascii=False)}); }})();"
    )


def test_the_case_list_is_newest_first_with_id_masked_name_and_status(
    browser: Browser, site: Path, artifacts: Path
) -> None:
    texts = {case_id: dump_case(data) for case_id, data in LIST_CASES.items()}
    with served(site, EditorBackend("test-repo")) as base, editor_page(browser) as (page, _):
        page.add_init_script(seed_unit("huayuan", texts))
        page.goto(base + "admin/#/collections/huayuan")
        log_in(page)
        entries = page.locator("a[href*='#/collections/huayuan/entries/']")
        entries.nth(3).wait_for()
        assert entries.all_inner_texts() == LIST_SHOWN
        assert "王建国" not in page.inner_text("body")
        page.screenshot(path=artifacts / "editor-case-list.png")
    # the hand-typed masks are the site's
    for case_id, line in zip(LIST_CASES, sorted(LIST_SHOWN, key=lambda s: s[:11]), strict=True):
        name = load_text(texts[case_id]).data["信访人"]["姓名"]
        assert f"信访人：{privacy.mask_name(name)}　" in line


def test_the_pages_masking_is_the_sites_for_every_name(browser: Browser, site: Path) -> None:
    names = sorted(
        {
            load_text(p.read_text(encoding="utf-8")).data["信访人"]["姓名"]
            for p in (ROOT / "cases").glob("*/*.yaml")
        }
        | {"王", "张伟、刘芳", "王和平", "张伟和刘芳", "王和平与李四", "李国强（户主）", "张 伟"}
        | {"欧阳明等５人", "王建国等人", "𠀋建国"}
    )
    with served(site, EditorBackend("test-repo")) as base, editor_page(browser) as (page, _):
        page.goto(base + "admin/")
        masked = page.evaluate("names => names.map(window.taizhangMaskName)", names)
    assert len(names) > 100
    assert masked == [privacy.mask_name(n) for n in names]
    assert masked[names.index("张伟和刘芳")] == "张*和刘*"  # typed by hand, as the site masks
    assert masked[names.index("王和平")] == "王**"  # one name, not 王 and 平
