"""``diff`` on the monthly and the standing quarterly ledgers of tests/profiles.py: the other
two scales and status groups, the optional fields as named changes, and the 汇总表's figures in
the profile's own periods. Real git repositories; expected outputs written out by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import TODAY, Result
from tests.diffrepo import GitRepo
from tests.profiles import MONTHLY, MONTHLY_CASES, QUARTERLY, QUARTERLY_CASES, case_text

Cli = Callable[..., Result]


def _changed(root: Path, campaign: str, base: dict[str, str], head: dict[str, str]) -> GitRepo:
    repo = GitRepo(root)
    repo.write("campaign.yaml", campaign)
    for commit, cases in (("基准", base), ("本期的改动", head)):
        for case_id, text in cases.items():
            repo.write_case(case_id, text)
        repo.commit(commit)
    return repo


def test_monthly_scale_and_optional_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    head = {
        # 一般 → 较大: up the 重大/较大/一般 scale; a deadline moved and an assignment added.
        "dongcun-002": case_text(
            "2019-07-20",
            "否",
            category="邻里纠纷",
            risk="较大",
            extra="化解时限: 2019-09-20\n交办: {单位: 区信访局, 文号: 区信交〔2019〕30号}\n",
        ),
        # 较大 → 一般: down the scale, no warning.
        "xicun-001": case_text("2019-08-31", "否", category="土地征用", risk="一般"),
    }
    monkeypatch.chdir(_changed(tmp_path / "m", MONTHLY, MONTHLY_CASES, head).root)
    result = cli("diff", "--base", "HEAD~1", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    body = result.out.split("\n", 1)[1]  # the first line names the two commits
    assert body == (
        "新增 0 件，删除 0 件，移交 0 件，化解 0 件，重新打开 0 件，风险升级 1 件，修改 2 件\n"
        "\n"
        "⚠ 风险升级（1 件）\n"
        "  dongcun-002（东村）：风险等级 一般 → 较大\n"
        "\n"
        "修改明细（2 件）\n"
        "  dongcun-002（东村）\n"
        "    风险等级：一般 → 较大 ⚠ 风险升级\n"
        "    化解时限：2019-08-20 → 2019-09-20\n"
        "    交办单位：（无） → 区信访局\n"
        "    交办文号：（无） → 区信交〔2019〕30号\n"
        "  xicun-001（西村）\n"
        "    风险等级：较大 → 一般\n"
    )


def test_quarterly_resolution_counts_in_its_quarter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    # 否 → 销号 (a value of the 已化解 group beside 是): resolved, counted in 2019-Q3.
    head = {"dongcun-002": case_text("2019-03-31", "销号", risk="黄", resolved_on="2019-07-02")}
    monkeypatch.chdir(_changed(tmp_path / "q", QUARTERLY, QUARTERLY_CASES, head).root)
    result = cli("diff", "--base", "HEAD~1", "--format", "json", "--today", "2019-12-31")
    assert (result.code, result.err) == (0, "")
    out = json.loads(result.out)
    assert out["counts"]["resolved"] == 1
    assert out["resolved"] == [
        {"id": "dongcun-002", "unit": "dongcun", "resolved_on": "2019-07-02", "resolution": "调解"}
    ]
    fields = out["changed"][0]["fields"]
    assert [(f["key"], f["old"], f["new"]) for f in fields] == [
        ("是否已化解", "否", "销号"),
        ("化解日期", "", "2019-07-02"),
        ("化解方式", "", "调解"),
    ]
    # In the standing ledger's quarters (as of 2019-12-31) 东村 resolves one more in 2019-Q3:
    # 0 → 1; 累计 to 2019-Q4: 东村 2 screened, 1 → 2 resolved (dongcun-001 销号 2019-04-02);
    # 合计 3 screened (xicun-001 too), 2 → 3 resolved.
    assert [
        (p["period"], p["name"], p["old"]["resolved"], p["new"]["resolved"]) for p in out["periods"]
    ] == [("2019-Q3", "东村", 0, 1), ("2019-Q3", "合计", 0, 1)]
    assert [
        (
            c["period"],
            c["name"],
            c["old"]["cum_resolved"],
            c["new"]["cum_resolved"],
            c["new"]["cum_screened"],
        )
        for c in out["cumulative"]
    ] == [
        ("2019-Q4", "东村", 1, 2, 2),
        ("2019-Q4", "合计", 2, 3, 3),
    ]
