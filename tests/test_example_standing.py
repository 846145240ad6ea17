"""examples/standing, the second preset (a standing monthly 矛盾纠纷排查化解台账): it validates,
its schema/ is current, and its 汇总表 has the figures worked out by hand from its 8 cases.

The month table below was counted from the case files by hand (排查日期 and 化解日期 of each);
the test adds the summary's periods up by calendar month, so it holds for the monthly rhythm
and for half months alike, and checks the last period's cumulative figures exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
TODAY = "2026-11-29"
EXAMPLE = ROOT / "examples/standing"
# unit → month → (screened, resolved), from the files:
# dongping-001 01-12 → 03-20, -002 03-05 → 04-18, -003 05-20 → 07-02 (息诉罢访),
# -004 08-11 (正在化解), -005 11-03 (未化解); hexi-001 02-16 → 04-08, -002 06-09 (稳控中),
# -003 09-22 → 10-15.
BY_HAND = {
    "dongping": {1: (1, 0), 3: (1, 1), 4: (0, 1), 5: (1, 0), 7: (0, 1), 8: (1, 0), 11: (1, 0)},
    "hexi": {2: (1, 0), 4: (0, 1), 6: (1, 0), 9: (1, 0), 10: (0, 1)},
}


@pytest.fixture
def standing(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(EXAMPLE)
    return EXAMPLE


def test_validates(standing: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out, result.err) == (0, "检查了 9 个文件，发现 0 个问题\n", "")


def test_schema_is_current(standing: Path, cli: Cli) -> None:
    result = cli("schema", "--check")
    assert (result.code, result.out, result.err) == (0, "schema/ 与台账配置一致\n", "")
    schema = json.loads((standing / "schema/case.schema.json").read_text("utf-8"))
    assert schema["properties"]["风险等级"]["enum"] == ["红", "橙", "黄", "蓝"]
    assert list(schema["properties"])[-3:] == ["化解时限", "交办", "稳控"]


def test_summary_figures(standing: Path, cli: Cli) -> None:
    result = cli("summary", "--today", TODAY, "--format", "json")
    assert (result.code, result.err) == (0, "")
    report = json.loads(result.out)
    assert report["campaign"] == "青石镇矛盾纠纷排查化解台账"
    periods = report["periods"]
    # A standing ledger: from 开始日期 to today, every day in exactly one period.
    assert (periods[0]["start"], periods[-1]["end"]) == ("2026-01-01", TODAY)
    by_month: dict[str, dict[int, tuple[int, int]]] = {"dongping": {}, "hexi": {}}
    for period in periods:
        month = int(period["start"][5:7])
        assert int(period["end"][5:7]) == month  # no period crosses a month
        for row in period["rows"]:
            screened, resolved = by_month[row["unit"]].get(month, (0, 0))
            figures = (screened + row["screened"], resolved + row["resolved"])
            by_month[row["unit"]][month] = figures
    assert {
        u: {m: v for m, v in months.items() if v != (0, 0)} for u, months in by_month.items()
    } == (BY_HAND)
    last = periods[-1]
    cumulative = [(r["unit"], r["cum_screened"], r["cum_resolved"]) for r in last["rows"]]
    assert cumulative == [("dongping", 5, 3), ("hexi", 3, 2)]
    assert [r["cum_rate"] for r in last["rows"]] == [3 / 5, 2 / 3]
    total = last["total"]
    assert (total["cum_screened"], total["cum_resolved"], total["cum_rate"]) == (8, 5, 5 / 8)


def test_statuses_of_the_sample_cases() -> None:
    """The cases show every status of the profile, each group's rules kept."""
    statuses = {}
    for path in sorted(EXAMPLE.glob("cases/*/*.yaml")):
        text = path.read_text("utf-8")
        status = text.split("是否已化解: ", 1)[1].split("\n", 1)[0]
        statuses[path.stem] = (status, "化解日期:" in text)
    assert statuses == {
        "dongping-001": ("已化解", True),
        "dongping-002": ("已化解", True),
        "dongping-003": ("息诉罢访", True),
        "dongping-004": ("正在化解", False),
        "dongping-005": ("未化解", False),
        "hexi-001": ("已化解", True),
        "hexi-002": ("稳控中", False),
        "hexi-003": ("已化解", True),
    }
