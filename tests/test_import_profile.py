"""``import`` under an office's profile: its own words, its 风险等级 for --risk, its optional
fields from the sheet, and its status groups deciding where 化解日期/化解方式 defaults apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.ledger.yamlload import load_bytes, load_text
from tests.layouts import Layout, sheet
from tests.profile_layouts import CAMPAIGN, LAYOUTS
from tests.profiles import MONTHLY, MONTHLY_CASES, write

TODAY = "2026-11-29"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_a_layout_under_the_profile(office: Path, cli: Callable[..., Any], layout: Layout) -> None:
    layout.build(office / "表.xlsx")
    (office / "MAP.yaml").write_text(layout.mapping, encoding="utf-8")
    args = ("import", "表.xlsx", "--unit", layout.unit, "--map", "MAP.yaml", "--today", TODAY)
    result = cli(*args)
    assert (result.code, result.out.splitlines(), result.err) == (0, layout.out, "")
    folder = office / "cases" / layout.unit
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}
    assert written == layout.files
    checked = cli("validate", "--today", TODAY).out
    assert checked == f"检查了 {len(layout.files) + 1} 个文件，发现 0 个问题\n"


def test_risk_comes_from_the_profile(office: Path, cli: Callable[..., Any]) -> None:
    LAYOUTS[0].build(office / "表.xlsx")
    base = ("import", "表.xlsx", "--unit", "dongcun", "--today", TODAY, "--dry-run")
    wrong = cli(*base, "--risk", "高")
    assert (wrong.code, wrong.err) == (
        2,
        "用法错误：--risk 的值“高”不是台账的风险等级，可选：红、橙、黄、蓝\n",
    )
    # The profile's own scale: a sheet without 风险等级 takes 橙 for every row.
    head = ["姓名", "住址", "问题属地", "主要诉求", "包案领导", "责任部门", "问题类型"]
    head += ["是否已化解", "排查日期"]
    row = ["王建国", "东村三组", "东村三组", "补偿款", "李志强（副主任）", "城建办：赵敏（主任）"]
    row += ["物业", "正在化解", "2019-07-03"]
    sheet(office / "无风险.xlsx", "Sheet", [head, row])
    base = ("import", "无风险.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert cli(*base).out.splitlines()[0] == (
        "无风险.xlsx:第2行: 没有“风险等级”（可用 --risk 红|橙|黄|蓝 指定）"
    )
    assert cli(*base, "--risk", "橙").code == 0
    text = (office / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8")
    assert "风险等级: 橙\n" in text and "是否已化解: 正在化解\n" in text


# The export's columns (DESIGN → Excel) with every optional field's after the seven extra ones.
EXPORT_HEAD = ["序号", "姓名", "信访人住址", "问题属地", "主要诉求", "工作措施"]
EXPORT_HEAD += ["科级包案领导姓名、职务", "责任部门及责任人姓名、职务", "分包民警", "问题类型"]
EXPORT_HEAD += ["是否已化解", "备注", "编号", "排查日期", "化解日期", "涉及人数", "风险等级"]
EXPORT_HEAD += ["化解方式", "典型案例", "化解时限", "信访形式", "交办单位", "交办文号", "交办日期"]
EXPORT_HEAD += ["稳控责任人", "稳控措施", "重复信访", "回访日期", "满意度", "原编号"]


def test_every_optional_field_is_read_from_its_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    """The monthly profile's dongcun-001 (tests/profiles.py), as a sheet with the columns the
    export gives optional fields, comes back as the same data."""
    root = write(tmp_path, MONTHLY, {})
    (root / "cases").mkdir()
    monkeypatch.chdir(root)
    values = [1, "王建国", "东村二组3号", "东村二组", "要求赔偿损失", None, "李志强（副镇长）"]
    values += ["司法所：赵敏（所长）", None, "劳动社保", "是", None, "dongcun-001", "2019-06-03"]
    values += ["2019-07-15", 1, "重大", "调解", "否", "2019-07-31", "来访", "区信访局"]
    values += ["区信交〔2019〕12号", "2019-06-01", "孙立（社区民警）", "每周走访一次", "是"]
    values += ["2019-08-01", "基本满意", "SF-2019-001"]
    sheet(root / "台账.xlsx", "台账", [["石桥街道台账"], ["填报单位：东村"], EXPORT_HEAD, values])
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out.splitlines()[-1]) == (
        0,
        "新增 1 件，更新 0 件，未导入 0 行（东村，工作表“台账”）",
    )
    written = load_bytes((root / "cases/dongcun/dongcun-001.yaml").read_bytes()).data
    assert written == load_text(MONTHLY_CASES["dongcun-001"]).data
