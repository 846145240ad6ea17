"""DESIGN rule 3: a 包案领导 on campaign.yaml's roster holds the roster's 职务.

``validate`` (text and JSON) and ``diff`` report the mismatch at the 职务 value; the web
editor's page carries the roster for its save hook (the browser test is in
test_editor_roster_browser.py). The invalid example ``leader-title-not-roster`` pins the
text output of the sample's case.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.editor import decap
from generator.ledger.validate import load_campaign
from tests.conftest import ROOT, TODAY, Result
from tests.diffrepo import CAMPAIGN, GitRepo, case

Cli = Callable[..., Result]

ROSTER = "人员:\n  包案领导:\n    - {姓名: 陈卫东, 职务: 办事处副主任}\n"
# diffrepo's case() writes 包案领导 on lines 10-12 (信访人 takes three); 职务 at column 7.
WRONG = (
    "cases/dongcun/dongcun-002.yaml:12:7: “包案领导.职务”“武装部长”与 campaign.yaml 的人员名单"
    "不符：名单中陈卫东的职务是“办事处副主任”"
)


def one_case(root: Path, title: str, roster: str = ROSTER) -> GitRepo:
    repo = GitRepo(root)
    repo.write("campaign.yaml", CAMPAIGN + roster)
    data = case("2019-07-05", "王建国", "东村一组3号")
    data["包案领导"] = {"姓名": "陈卫东", "职务": title}
    repo.put("dongcun-002", data)
    return repo


def test_validate_names_the_rosters_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    one_case(tmp_path, "武装部长")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err) == (1, "")
    assert result.out == f"{WRONG}\n检查了 2 个文件，发现 1 个问题\n"
    as_json = json.loads(cli("validate", "--today", TODAY, "--format", "json").out)
    assert as_json["problems"] == [
        {
            "path": "cases/dongcun/dongcun-002.yaml",
            "line": 12,
            "col": 7,
            "rule": "leader-title",
            "message": WRONG.split(": ", 1)[1],
        }
    ]


def test_the_rosters_title_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    one_case(tmp_path, "办事处副主任")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out, result.err) == (0, "检查了 2 个文件，发现 0 个问题\n", "")


def test_a_name_listed_twice_allows_either_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    twice = ROSTER + "    - {姓名: 陈卫东, 职务: 政法委员}\n"
    one_case(tmp_path / "ok", "政法委员", twice)
    monkeypatch.chdir(tmp_path / "ok")
    assert cli("validate", "--today", TODAY).code == 0
    one_case(tmp_path / "bad", "武装部长", twice)
    monkeypatch.chdir(tmp_path / "bad")
    assert cli("validate", "--today", TODAY).out.splitlines()[0] == (
        "cases/dongcun/dongcun-002.yaml:12:7: “包案领导.职务”“武装部长”与 campaign.yaml 的人员名单"
        "不符：名单中陈卫东的职务是“办事处副主任”、“政法委员”"
    )


def test_without_a_roster_any_title_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    one_case(tmp_path, "武装部长", roster="")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "--today", TODAY).code == 0


def test_diff_reports_the_mismatch_and_does_not_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = one_case(tmp_path, "办事处副主任")
    repo.commit("名单中的职务")
    one_case(tmp_path, "武装部长")  # the same repository, the case rewritten
    repo.commit("职务写错")
    monkeypatch.chdir(tmp_path)
    base, head = (repo.git("rev-parse", r).strip()[:7] for r in ("HEAD~1", "HEAD"))
    result = cli("diff", "--base", "HEAD~1", "--today", TODAY)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"台账变更：HEAD~1（{base}）→ HEAD（{head}）",
        "⚠ 数据有误：HEAD 中发现 1 个问题，未作比较；请先修正（python -m generator validate）",
        WRONG,
    ]


def test_the_editor_page_carries_the_roster() -> None:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    page = decap.index_html(campaign)
    roster = (
        '{"李志强": ["办事处主任"], "陈卫东": ["办事处副主任"], "张慧敏": ["办事处副主任"], '
        '"刘国栋": ["武装部长"], "周晓燕": ["纪工委书记"], "马宏伟": ["人大工委主任"], '
        '"郭春生": ["政法委员"], "韩雪梅": ["组织委员"]}'
    )
    assert f"var ROSTER = {roster};" in page
    assert "/*ROSTER*/" not in page
