"""Masking as a person meets it (issue 9): the sample plus adversarial cases, built from a real git
repository and served on loopback, driven in headless Chromium. Assertions are on what Chromium
renders (the 台账 is filled by JavaScript from data/ledger.json, search runs in Material's worker),
not on the files.

The adversarial cases: xicun-901 names another case's petitioner and address in its 主要诉求
(王建华 of dongcun-007), nanzhuang-901 has the joint 姓名 张伟、刘芳 written apart in the text, its
address in a work measure, a phone and an ID number; xicun-901's commit subjects name its
petitioner, once by the name before a correction (钱晓红).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.core import privacy
from generator.site.build import Options, build
from tests.browser import serve
from tests.casemaker import case_data
from tests.conftest import ROOT
from tests.diffrepo import GitRepo
from tests.test_masking_outputs import personal_numbers_waived
from tests.test_site_browser import opened

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 11, 29)
TOTAL = 134  # the sample's 132 cases and the two below
BANNER = "本网站包含信访人的完整个人信息（姓名、住址）。"
NO_ROWS = "没有符合条件的案件。"
CROSS_DEMAND = "与邻居王建华（东村三组12号）因宅基地边界起纠纷，要求调解"
JOINT_DEMAND = "张伟和刘芳反映：承包地被邻村占用，要求退还，联系电话138 1234 5678"
# Numbers are masked on the complete (--privacy full) site too.
JOINT_DEMAND_FULL = "张伟和刘芳反映：承包地被邻村占用，要求退还，联系电话（号码已隐去）"
NOTE_MASKED = "身份证号（号码已隐去）（本人提供）"
SUBJECTS = (
    "新增钱晓红（西村二组8号）反映的宅基地纠纷",
    "钱小红补充：与王建华的纠纷经领导审核同意调解",
)
# What a person might type to look someone up: names (another case's, a joint 姓名 and its
# parts, a sample petitioner's), addresses, and the planted numbers as typed or as digits.
NAMES = ("王建华", "钱小红", "张伟、刘芳", "张伟", "刘芳", "尹晓峰")
ADDRESSES = ("东村三组12号", "南庄村五组3号", "西村二组8号")
NUMBERS = (
    "13812345678",
    "138 1234 5678",
    "11010519491231002x",
    "１１０１０５１９４９１２３１００２Ｘ",
)


def make_repo(root: Path) -> GitRepo:
    """The sample, then xicun-901 (its 姓名 corrected in a second commit) and nanzhuang-901."""
    repo = GitRepo(root)
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    repo.commit("录入样例台账")
    first = {"信访人": {"姓名": "钱晓红", "住址": "西村二组8号"}, "主要诉求": "要求调解宅基地纠纷"}
    repo.put("xicun-901", case_data("2019-07-10", **first))
    repo.commit(SUBJECTS[0])
    corrected = {"信访人": {"姓名": "钱小红", "住址": "西村二组8号"}, "主要诉求": CROSS_DEMAND}
    repo.put("xicun-901", case_data("2019-07-10", **corrected))
    repo.commit(SUBJECTS[1])
    joint = case_data(
        "2019-07-11",
        信访人={"姓名": "张伟、刘芳", "住址": "南庄村五组3号"},
        涉及人数=2,
        问题类型="土地征用",
        主要诉求=JOINT_DEMAND,
        工作措施=[{"日期": dt.date(2019, 7, 12), "内容": "走访南庄村五组3号，刘芳在场"}],
        备注="身份证号１１０１０５１９４９１２３１００２Ｘ（本人提供）",
    )
    repo.put("nanzhuang-901", joint)
    repo.commit("新增张伟、刘芳反映的承包地问题")
    return repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("privbrowser") / "repo").root


def _serve_build(repo: Path, mode: str) -> Iterator[str]:
    """Case pages go into the search index too, so that search sees every case's text."""
    out = repo.parent / f"site-{mode}"
    # validate refuses the planted numbers (rule personal-number); waived, as if one had slipped
    # past it, to prove that masking still holds.
    with personal_numbers_waived():
        build(Options(root=repo, out=out, today=TODAY, privacy=mode, index_cases=True))
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def masked(repo: Path) -> Iterator[str]:
    yield from _serve_build(repo, privacy.MASKED)


@pytest.fixture(scope="module")
def full(repo: Path) -> Iterator[str]:
    yield from _serve_build(repo, privacy.FULL)


# --- what a person does -------------------------------------------------------------------


def filter_ledger(page: Page, text: str) -> tuple[str, list[str]]:
    """Type into the 台账's keyword filter: the count line and the ids of the rows shown."""
    page.fill(".tz-ledger .tz-filter", text)
    count = page.locator(".tz-ledger__count").inner_text()
    ids: list[str] = page.eval_on_selector_all(
        ".tz-ledger tbody tr[data-id]", "rows => rows.map(r => r.getAttribute('data-id'))"
    )
    return count, ids


def shown_row(page: Page, case_id: str) -> dict[str, str]:
    """The rendered cells of one 台账 row, by column header."""
    filter_ledger(page, case_id)
    headers = page.locator(".tz-ledger thead th").all_inner_texts()
    cells = page.locator(f'.tz-ledger tbody tr[data-id="{case_id}"] td').all_inner_texts()
    return dict(zip([h.strip() for h in headers], cells, strict=True))


def search(browser: Browser, base: str, query: str) -> str:
    """Search from the home page; the text of every result, all loaded and expanded."""
    with opened(browser, base, "index.html") as page:
        page.locator(".md-search__input").click()
        page.fill(".md-search__input", query)
        page.keyboard.press("End")  # Material searches on key events, not on the input event
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "el => el.textContent.includes('符合条件的结果')", arg=meta.element_handle()
        )
        items = page.locator(".md-search-result__item")
        # Material shows results ten at a time as the list is scrolled.
        while True:
            before = items.count()
            page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, 1e9)")
            page.wait_for_timeout(150)
            if items.count() == before:
                break
        page.eval_on_selector_all(
            ".md-search-result details", "all => all.forEach(d => { d.open = true; })"
        )
        text = meta.inner_text() + "\n" + page.locator(".md-search-result__list").inner_text()
    return text.replace("\u200b", "")  # jieba's word breaks are zero-width spaces


# --- the masked site ------------------------------------------------------------------------


def test_ledger_filter_finds_no_name_address_or_number(browser: Browser, masked: str) -> None:
    with opened(browser, masked, "ledger.html") as page:
        page.wait_for_selector(".tz-ledger__count")
        for text in NAMES + ADDRESSES + NUMBERS:
            assert filter_ledger(page, text) == (f"筛选出 0 件（共 {TOTAL} 件）", []), text
            assert page.locator(".tz-ledger tbody").inner_text() == NO_ROWS, text
        # The filter works: the masked forms find their rows.
        found = f"筛选出 1 件（共 {TOTAL} 件）"
        assert filter_ledger(page, "张*、刘*") == (found, ["nanzhuang-901"])
        assert filter_ledger(page, "王**（住址已隐去）") == (found, ["xicun-901"])
        assert filter_ledger(page, "号码已隐去") == (found, ["nanzhuang-901"])
        assert shown_row(page, "nanzhuang-901") == {
            "序号": "1",
            "编号": "nanzhuang-901",
            "单位": "南庄村",
            "姓名": "张*、刘*",
            "问题属地": "东村三组",
            "主要诉求": "张*和刘*反映：承包地被邻村占用，要求退还，联系电话（号码已隐去）",
            "工作措施": "2019-07-12 走访（住址已隐去），刘*在场",
            "科级包案领导姓名、职务": "李志强（办事处主任）",
            "责任部门及责任人姓名、职务": "城建办：赵敏（主任）",
            "分包民警": "",
            "问题类型": "土地征用",
            "是否已化解": "否",
            "备注": NOTE_MASKED,
            "排查日期": "2019-07-11",
            "化解日期": "",
            "涉及人数": "2",
            "风险等级": "高",
            "化解方式": "",
            "典型案例": "否",
        }


@pytest.mark.parametrize("name", ["王建华", "钱小红", "张伟", "刘芳", "尹晓峰"])
def test_search_shows_no_full_name(browser: Browser, masked: str, name: str) -> None:
    """Whatever the results are, none shows a name or an address (whole results, expanded)."""
    shown = search(browser, masked, name)
    assert "符合条件的结果" in shown
    assert [s for s in NAMES + ADDRESSES if s in shown] == []


def test_case_page_masks_another_petitioner(browser: Browser, masked: str) -> None:
    with opened(browser, masked, "cases/xicun/xicun-901.html") as page:
        fields = dict(
            zip(
                page.locator("table").first.locator("th").all_inner_texts(),
                page.locator("table").first.locator("td").all_inner_texts(),
                strict=True,
            )
        )
        shown = page.locator("article").inner_text()
    assert fields["信访人姓名"] == "钱**"
    assert fields["主要诉求"] == "与邻居王**（住址已隐去）因宅基地边界起纠纷，要求调解"
    assert [s for s in NAMES + ADDRESSES if s in shown] == []


def test_history_shows_no_commit_subject(browser: Browser, masked: str) -> None:
    """Subjects are free text: neither they nor the name before a correction are shown."""
    with opened(browser, masked, "cases/xicun/xicun-901.html") as page:
        shown = page.locator("article").inner_text()
    assert "修改记录" in shown and "2019-09-30 12:00" in shown  # the commits are listed
    subject_words = ("反映的宅基地纠纷", "经领导审核同意调解")
    assert [s for s in subject_words if s in shown] == []
    assert [s for s in ("钱晓红", "钱小红", "王建华", "西村二组8号") if s in shown] == []


# --- the complete site (--privacy full) ---------------------------------------------------


def test_full_site_shows_names_but_never_numbers(browser: Browser, full: str) -> None:
    with opened(browser, full, "ledger.html") as page:
        page.wait_for_selector(".tz-ledger__count")
        assert page.locator(".tz-privacy-banner").inner_text().startswith(BANNER)
        # The same filter sees a full name here, so on the masked site it would have too.
        assert filter_ledger(page, "王建华") == (
            f"筛选出 2 件（共 {TOTAL} 件）",
            ["dongcun-007", "xicun-901"],
        )
        for number in NUMBERS:
            assert filter_ledger(page, number) == (f"筛选出 0 件（共 {TOTAL} 件）", []), number
        row = shown_row(page, "nanzhuang-901")
        assert (row["姓名"], row["工作措施"]) == (
            "张伟、刘芳",
            "2019-07-12 走访南庄村五组3号，刘芳在场",
        )
        assert (
            row["主要诉求"] == "张伟和刘芳反映：承包地被邻村占用，要求退还，联系电话（号码已隐去）"
        )
        assert row["备注"] == "身份证号（号码已隐去）（本人提供）"
    with opened(browser, full, "cases/xicun/xicun-901.html") as page:
        assert page.locator(".tz-privacy-banner").is_visible()
        shown = page.locator("article").inner_text()
    assert CROSS_DEMAND in shown


def test_full_site_search_finds_the_name(browser: Browser, full: str) -> None:
    """The search scan above can see a name: on the complete site it finds one."""
    shown = search(browser, full, "王建华")
    assert "王建华" in shown and "与邻居王建华（东村三组12号）" in shown
