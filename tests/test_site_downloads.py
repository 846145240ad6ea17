"""The site's downloads against the commands that make the official forms.

The 汇总表 downloads hold no personal data: on every site each period's CSV is the output of
``summary --format csv --period P`` and its Excel file the 汇总表 sheet of ``export --period P``
on its own (附件2, no （脱敏）). In a ``--privacy full`` build every 台账 download is the file
``export`` (``--unit U``) writes, byte for byte; in a masked build the 台账 downloads stay
masked. Builds and exports run with the same --today and SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli.main import main
from generator.core import privacy
from generator.ledger.validate import load_ledger
from generator.site.build import Options, build
from tests.casemaker import copy_sample
from tests.conftest import ROOT
from tests.test_privacy_site import secrets, texts

TODAY = "2026-11-29"
EPOCH = "1764374400"
PERIODS = ("2019-06-2", "2019-07-1", "2019-07-2", "2019-08-1", "2019-08-2", "2019-09-1")
PERIODS += ("2019-09-2",)
UNITS = ("dongcun", "xicun", "nanzhuang", "beiying", "liuzhai", "huayuan", "qingfeng", "xingfu")
UNITS += ("jinshui", "yingbin", "wenhua", "gongye")
SUMMARY_TITLE = "刘寨街道办事处信访矛盾大排查化解活动汇总表"
LEDGER_TITLE = "刘寨街道办事处信访矛盾大排查化解活动台账"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, its two sites built, with SOURCE_DATE_EPOCH set as for the exports."""
    root = copy_sample(tmp_path_factory.mktemp("downloads"))
    if (ROOT / "reports").is_dir():
        shutil.copytree(ROOT / "reports", root / "reports")
    day = dt.date.fromisoformat(TODAY)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(Options(root=root, out=root / "masked", today=day), today_given=day)
        full = Options(root=root, out=root / "full", today=day, privacy=privacy.FULL)
        build(full, today_given=day)
    return root


def run(root: Path, *args: str) -> bytes:
    """``python -m generator ARGS --today TODAY`` in root (SOURCE_DATE_EPOCH set); its stdout."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    with (
        pytest.MonkeyPatch.context() as mp,
        contextlib.chdir(root),
        contextlib.redirect_stdout(out),
    ):
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main([*args, "--today", TODAY]) == 0
    out.flush()
    return out.buffer.getvalue()  # type: ignore[attr-defined]


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def export(root: Path, name: str, *args: str) -> Path:
    out = root / "exports" / name
    out.parent.mkdir(exist_ok=True)
    run(root, "export", "--out", str(out), *args)
    return out


def test_full_sites_ledger_downloads_are_the_exports(repo: Path) -> None:
    downloads = repo / "full" / "downloads"
    pairs = [(downloads / "ledger-all.xlsx", export(repo, "all.xlsx"))]
    pairs += [
        (downloads / f"ledger-{u}.xlsx", export(repo, f"{u}.xlsx", "--unit", u)) for u in UNITS
    ]
    for site_file, exported in pairs:
        assert members(site_file) == members(exported), site_file.name
        assert site_file.read_bytes() == exported.read_bytes(), site_file.name
    book = load_workbook(downloads / "ledger-dongcun.xlsx")
    assert [ws["A1"].value for ws in book.worksheets] == [LEDGER_TITLE, SUMMARY_TITLE]
    # The official 台账 holds the petitioners' full names and addresses.
    cases = load_ledger(repo, dt.date.fromisoformat(TODAY)).cases
    text = "".join(texts(downloads).values())
    assert [s for s in secrets(cases) if s not in text] == []


def _cells(path: Path) -> list[tuple[object, ...]]:
    """Every cell of the 汇总表 sheet as Excel shows it: value, style, format, font, alignment."""
    ws = load_workbook(path)["汇总表"]
    return [
        (c.coordinate, c.value, c.style, c.number_format, c.font.b, c.alignment.horizontal)
        for row in ws.iter_rows()
        for c in row
    ]


@pytest.mark.parametrize("site", ["masked", "full"])
def test_summary_downloads_are_the_official_forms(repo: Path, site: str) -> None:
    downloads = repo / site / "downloads"
    for pid in PERIODS:
        csv = run(repo, "summary", "--format", "csv", "--period", pid)
        assert (downloads / f"summary-{pid}.csv").read_bytes() == csv, pid
        download = downloads / f"summary-{pid}.xlsx"
        exported = export(repo, f"{site}-{pid}.xlsx", "--period", pid)
        ours, theirs = members(download), members(exported)
        # The same sheet, byte for byte (the export's first sheet is the 汇总表; strings inline).
        assert ours["xl/worksheets/sheet1.xml"] == theirs["xl/worksheets/sheet1.xml"], pid
        assert ours["docProps/core.xml"] == theirs["docProps/core.xml"], pid
        assert [n for n in ours if n.startswith("xl/worksheets/")] == ["xl/worksheets/sheet1.xml"]
        assert _cells(download) == _cells(exported), pid
        book, office = load_workbook(download), load_workbook(exported)
        assert book.sheetnames == ["汇总表"]
        one, other = book["汇总表"], office["汇总表"]
        assert one["A1"].value == SUMMARY_TITLE
        assert one.merged_cells.ranges == other.merged_cells.ranges
        assert (one.print_area, one.print_title_rows) == (other.print_area, other.print_title_rows)
        assert one.oddFooter.center.text == other.oddFooter.center.text
        assert "（脱敏）" not in "".join(t for n, t in texts(downloads).items() if pid in n)


def test_masked_sites_ledger_downloads_stay_masked(repo: Path) -> None:
    downloads = repo / "masked" / "downloads"
    cases = load_ledger(repo, dt.date.fromisoformat(TODAY)).cases
    ledgers = {n: t for n, t in texts(downloads).items() if n.startswith("ledger-")}
    assert len({n.split("!")[0] for n in ledgers}) == 1 + len(UNITS)
    assert [(n, s) for n, t in ledgers.items() for s in secrets(cases) if s in t] == []
    for path in sorted(downloads.glob("ledger-*.xlsx")):
        titles = [ws["A1"].value for ws in load_workbook(path).worksheets]
        assert all(t.endswith("（脱敏）") for t in titles), path.name


def _article(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_pages_say_which_download_is_official(repo: Path) -> None:
    official = "（正式表格，不含个人信息，可直接报送）："
    for site in ("masked", "full"):
        summary = _article(repo / site, "summary.html")
        assert summary.count(f"下载本期汇总表{official}") == len(PERIODS)
        assert "（脱敏）" not in summary
    masked, full = repo / "masked", repo / "full"
    assert "download>全部台账 Excel（脱敏）</a>" in _article(masked, "ledger.html")
    assert "download>全部台账 Excel（正式表格）</a>" in _article(full, "ledger.html")
    assert "download>东村台账 Excel（正式表格）</a>" in _article(full, "units/dongcun.html")
    assert "download>东村台账 Excel（脱敏）</a>" in _article(masked, "units/dongcun.html")
    help_masked, help_full = _article(masked, "help.html"), _article(full, "help.html")
    assert (
        "汇总表页每一期的 CSV 和 Excel 是正式的汇总表（附件2），不含个人信息，可以直接报送。"
        "台账页和各单位页的台账 Excel 已脱敏，标题注明“（脱敏）”，只供查阅，不能当作报送件；"
        "正式的台账（附件1）请从限定人员访问的完整版网站下载。"
    ) in help_masked
    assert (
        "台账页的“全部台账”（全办汇总表和每个单位的台账）和各单位页的台账（该单位的台账和它的"
        "一行汇总表）也是正式表格（附件1、附件2），可以直接报送；文件含信访人的完整个人信息，"
        "请妥善保管。"
    ) in help_full
    assert "仍经过脱敏" not in help_full
