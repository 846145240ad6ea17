"""``import`` under an office's profile: its own words, its 风险等级 for --risk, its optional
fields from the sheet, and its status groups deciding where 化解日期/化解方式 defaults apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.layouts import Layout, sheet
from tests.profile_layouts import CAMPAIGN, LAYOUTS

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
