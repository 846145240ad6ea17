"""Excel export of three offices' ledgers (tests/profiles.py): titles, columns, cells, round trip.

The expected rows are written out by hand from DESIGN.md → "Excel" and the case files in
tests/profiles.py, not computed from the registry that the export itself reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from generator.ledger.validate import load_ledger
from tests.conftest import Result
from tests.profiles import PROFILES, write

Cli = Callable[..., Result]
TODAY = {"weekly": "2020-01-20", "monthly": "2019-12-31", "quarterly": "2019-12-31"}
FORM = (
    "序号", "姓名", "信访人住址", "问题属地", "主要诉求", "工作措施", "科级包案领导姓名、职务",
    "责任部门及责任人姓名、职务", "分包民警", "问题类型", "是否已化解", "备注",
    "编号", "排查日期", "化解日期", "涉及人数", "风险等级", "化解方式", "典型案例",
)  # fmt: skip
OPTIONAL = (
    "化解时限", "信访形式", "交办单位", "交办文号", "交办日期", "稳控责任人", "稳控措施",
    "重复信访", "回访日期", "满意度", "原编号",
)  # fmt: skip
HEADERS = {"weekly": (*FORM, "化解时限"), "monthly": (*FORM, *OPTIONAL), "quarterly": FORM}
TITLES = {
    "weekly": ("河湾镇矛盾纠纷排查化解工作台账", "河湾镇矛盾纠纷排查化解情况周报表"),
    "monthly": (
        "石桥街道办事处信访矛盾大排查化解活动台账",
        "石桥街道办事处信访矛盾大排查化解活动汇总表",
    ),
    "quarterly": (
        "柳林乡人民政府信访矛盾大排查化解活动台账",
        "柳林乡人民政府信访矛盾大排查化解活动汇总表",
    ),
}


def _day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# MONTHLY's dongcun-001, every optional field filled, as its row in the 台账.
MONTHLY_ROW = (
    1, "王建国", "东村二组3号", "东村二组", "要求赔偿损失", None, "李志强（副镇长）",
    "司法所：赵敏（所长）", None, "劳动社保", "是", None,
    "dongcun-001", _day("2019-06-03"), _day("2019-07-15"), 1, "重大", "调解", "否",
    _day("2019-07-31"), "来访", "区信访局", "区信交〔2019〕12号", _day("2019-06-01"),
    "孙立（社区民警）", "每周走访一次", "是", _day("2019-08-01"), "基本满意", "SF-2019-001",
)  # fmt: skip


@pytest.fixture(params=sorted(PROFILES))
def office(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One of the profiles' repositories as the working directory; its name."""
    name: str = request.param
    campaign, cases = PROFILES[name]
    write(tmp_path / name, campaign, cases)
    monkeypatch.chdir(tmp_path / name)
    return name


def _rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def test_titles_and_columns_follow_the_profile(office: str, cli: Cli) -> None:
    result = cli("export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", TODAY[office])
    assert result.code == 0, result.err
    ledger, summary = _rows(Path("东村.xlsx"), "台账"), _rows(Path("东村.xlsx"), "汇总表")
    assert (ledger[0][0], summary[0][0]) == TITLES[office]
    assert ledger[3] == HEADERS[office]


def test_the_office_workbook_and_masked_titles(office: str, cli: Cli) -> None:
    from generator.core import privacy
    from generator.excel.export import write_workbook

    today = dt.date.fromisoformat(TODAY[office])
    found = load_ledger(Path.cwd(), today)
    assert found.campaign is not None and found.problems == []
    mask = privacy.masker(privacy.MASKED, found.cases)
    masked = [mask.case(c) for c in found.cases]
    write_workbook(Path("脱敏.xlsx"), found.campaign, masked, today, masked=True)
    book = load_workbook("脱敏.xlsx")
    assert book.sheetnames == ["汇总表", "东村台账", "西村台账"]
    ledger_title, summary_title = TITLES[office]
    assert book["汇总表"]["A1"].value == summary_title + "（脱敏）"
    assert book["西村台账"]["A1"].value == ledger_title + "（脱敏）"
    assert tuple(c.value for c in book["西村台账"][4]) == HEADERS[office]


def test_every_optional_field_has_its_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli.main import main

    campaign, cases = PROFILES["monthly"]
    monkeypatch.chdir(write(tmp_path / "m", campaign, cases))
    assert main(["export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", "2019-12-31"]) == 0
    rows = _rows(Path("东村.xlsx"), "台账")
    assert rows[4] == MONTHLY_ROW
    # dongcun-002 has only 化解时限 among them: the rest of its optional cells are empty.
    assert rows[5][19:] == (_day("2019-08-20"), *([None] * 10))


def _files(root: Path) -> dict[str, Any]:
    return {
        p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "cases").rglob("*.yaml"))
    }


def test_an_export_imports_back_without_loss(office: str, cli: Cli, tmp_path: Path) -> None:
    """Each unit's workbook into an empty copy: the same case files (every optional field, every
    status of both groups), and the same cases."""
    source = Path.cwd()
    empty = tmp_path / f"{office}-empty"
    write(empty, PROFILES[office][0], {})
    (empty / "cases").mkdir()
    today = TODAY[office]
    for unit in ("dongcun", "xicun"):
        out = empty / f"{unit}.xlsx"
        assert cli("export", "--out", str(out), "--unit", unit, "--today", today).code == 0
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(empty)
    try:
        for unit in ("dongcun", "xicun"):
            result = cli("import", f"{unit}.xlsx", "--unit", unit, "--today", today)
            assert result.code == 0, result.out + result.err
    finally:
        monkeypatch.undo()
    assert _files(empty) == _files(source)
    day = dt.date.fromisoformat(today)
    before, after = load_ledger(source, day), load_ledger(empty, day)
    assert after.problems == []
    assert sorted(after.cases, key=lambda c: c.id) == sorted(before.cases, key=lambda c: c.id)


def test_a_masked_workbook_masks_the_optional_fields_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site's download: a petitioner named in 稳控措施 is masked there as in 备注."""
    from generator.core import privacy
    from generator.excel.export import write_workbook

    campaign, cases = PROFILES["monthly"]
    named = {**cases, "dongcun-001": cases["dongcun-001"].replace("每周走访", "每周走访王建国")}
    root = write(tmp_path / "m", campaign, named)
    today = dt.date(2019, 12, 31)
    found = load_ledger(root, today)
    assert found.campaign is not None and found.problems == []
    mask = privacy.masker(privacy.MASKED, found.cases)
    masked = [mask.case(c) for c in found.cases]
    write_workbook(tmp_path / "脱敏.xlsx", found.campaign, masked, today, "dongcun", masked=True)
    row = _rows(tmp_path / "脱敏.xlsx", "台账")[4]
    assert (row[1], row[2], row[25], row[24]) == (
        "王**",
        None,
        "每周走访王**一次",
        "孙立（社区民警）",
    )
