"""``import --map``: six ledgers of other layouts, every row the mapping can express imported,
each case file exactly as written out by hand in tests/layouts.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.layouts import LAYOUTS, Layout

TODAY = "2026-11-29"


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_a_layout_imports_through_its_mapping(
    repo: Path, cli: Callable[..., Any], layout: Layout
) -> None:
    layout.build(repo / f"{layout.name}.xlsx")
    (repo / "MAP.yaml").write_text(layout.mapping, encoding="utf-8")
    args = ("import", f"{layout.name}.xlsx", "--unit", layout.unit, "--map", "MAP.yaml")
    result = cli(*args, "--today", TODAY)
    assert (result.out.splitlines(), result.err) == (layout.out, "")
    assert result.code == 0
    folder = repo / "cases" / layout.unit
    written = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}
    assert written == layout.files
    assert cli("validate", "--today", TODAY).code == 0
    again = cli(*args, "--today", TODAY)  # the next half month's copy: nothing new
    assert again.out.splitlines()[-1].startswith(
        f"新增 0 件，更新 0 件，未导入 0 行，与已有案件相同 {len(layout.files)} 行"
    )
