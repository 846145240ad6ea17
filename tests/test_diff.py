"""``diff``: what a pull request does to the ledger, in every format, on a real git history."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.diff.escape import md, plain
from tests.conftest import TODAY, Result
from tests.diffrepo import CAMPAIGN, GitRepo, build, case

Cli = Callable[..., Result]

EXPECTED_TEXT = """\
台账变更：base（{base}）→ HEAD（{head}）
新增 2 件，删除 0 件，移交 1 件，化解 1 件，重新打开 0 件，风险升级 1 件，修改 4 件

⚠ 风险升级（1 件）
  xicun-002（西村）：风险等级 中 → 高

⚠ 改动了已报送的汇总表
  2019年7月上半月（2019-07-1，2019-07-16 报送）东村 排查数：报送时 1，改前 1，改后 2
  2019年7月上半月（2019-07-1，2019-07-16 报送）东村 累计排查数：报送时 1，改前 1，改后 2

新增案件（2 件）
  dongcun-005（东村）：排查日期 2019-08-02，信访人 周**，邻里纠纷，风险等级 高，未化解
  xicun-004（西村）：排查日期 2019-08-05，信访人 吴*，劳动社保，风险等级 低，已化解

移交案件（1 件）
  dongcun-003（东村） → xicun-003（西村）

化解（1 件）
  dongcun-002（东村）：化解日期 2019-08-10，化解方式 调解

修改明细（4 件）
  dongcun-001（东村）
    信访人住址：已修改（个人信息，不显示）
    问题类型：邻里纠纷 → 土地征用
  dongcun-002（东村）
    工作措施：（无） → 2019-08-10 召开协调会，王**同意调解方案
    是否已化解：否 → 是
    化解日期：（无） → 2019-08-10
    化解方式：（无） → 调解
  dongcun-004（东村）
    排查日期：2019-07-17 → 2019-07-09
  xicun-002（西村）
    风险等级：中 → 高 ⚠ 风险升级
    工作措施：（无） → 2019-08-01 约谈李**，说明政策

汇总表变化（各期新排查、新化解）
  2019年7月上半月 东村：排查数 1 → 2
  2019年7月上半月 合计：排查数 2 → 3，化解率 50.0% → 33.3%
  2019年7月下半月 东村：排查数 3 → 1
  2019年7月下半月 西村：排查数 1 → 2
  2019年7月下半月 合计：排查数 4 → 3
  2019年8月上半月 东村：排查数 0 → 1，化解数 0 → 1，化解率 — → 100.0%
  2019年8月上半月 西村：排查数 0 → 1，化解率 — → 0.0%
  2019年8月上半月 合计：排查数 0 → 2，化解数 0 → 1，化解率 — → 50.0%
  2019年8月下半月 西村：化解数 0 → 1
  2019年8月下半月 合计：化解数 0 → 1

累计变化（截至 2019年9月下半月，2019-09-25）
  东村：累计化解数 0 → 1，累计化解率 0.0% → 25.0%
  西村：累计排查数 2 → 4，累计化解数 1 → 2
  合计：累计排查数 6 → 8，累计化解数 1 → 3，累计化解率 16.7% → 37.5%
"""

EXPECTED_MARKDOWN = r"""## 台账变更：base（{base}）→ HEAD（{head}）

| 新增 | 删除 | 移交 | 化解 | 重新打开 | 风险升级 | 修改 |
|---|---|---|---|---|---|---|
| 2 | 0 | 1 | 1 | 0 | 1 | 4 |

### ⚠ 风险升级（1 件）

| 编号 | 单位 | 风险等级 |
|---|---|---|
| xicun-002 | 西村 | 中 → 高 |

### ⚠ 改动了已报送的汇总表

下列数字已经报送上级，本次改动后与报送时不同，请向信访办说明或重新报送。

| 期次 | 报送日期 | 单位 | 项目 | 报送时 | 改前 | 改后 |
|---|---|---|---|---|---|---|
| 2019年7月上半月 | 2019-07-16 | 东村 | 排查数 | 1 | 1 | 2 |
| 2019年7月上半月 | 2019-07-16 | 东村 | 累计排查数 | 1 | 1 | 2 |

### 新增案件（2 件）

| 编号 | 单位 | 排查日期 | 信访人 | 问题类型 | 风险等级 | 是否已化解 |
|---|---|---|---|---|---|---|
| dongcun-005 | 东村 | 2019-08-02 | 周\*\* | 邻里纠纷 | 高 | 否 |
| xicun-004 | 西村 | 2019-08-05 | 吴\* | 劳动社保 | 低 | 是 |

### 移交案件（1 件）

| 原编号 | 原单位 | 新编号 | 新单位 |
|---|---|---|---|
| dongcun-003 | 东村 | xicun-003 | 西村 |

### 化解（1 件）

| 编号 | 单位 | 化解日期 | 化解方式 |
|---|---|---|---|
| dongcun-002 | 东村 | 2019-08-10 | 调解 |

### 修改明细（4 件）

#### dongcun-001（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 信访人住址 | （个人信息，不显示） | 已修改 |
| 问题类型 | 邻里纠纷 | 土地征用 |

#### dongcun-002（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 工作措施 | （无） | 2019-08-10 召开协调会，王\*\*同意调解方案 |
| 是否已化解 | 否 | 是 |
| 化解日期 | （无） | 2019-08-10 |
| 化解方式 | （无） | 调解 |

#### dongcun-004（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 排查日期 | 2019-07-17 | 2019-07-09 |

#### xicun-002（西村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 风险等级 | 中 | 高 ⚠ 风险升级 |
| 工作措施 | （无） | 2019-08-01 约谈李\*\*，说明政策 |

### 汇总表变化（各期新排查、新化解）

| 期次 | 单位 | 排查数 | 化解数 | 化解率 |
|---|---|---|---|---|
| 2019年7月上半月 | 东村 | 1 → 2 | 0 | 0.0% |
| 2019年7月上半月 | 合计 | 2 → 3 | 1 | 50.0% → 33.3% |
| 2019年7月下半月 | 东村 | 3 → 1 | 0 | 0.0% |
| 2019年7月下半月 | 西村 | 1 → 2 | 0 | 0.0% |
| 2019年7月下半月 | 合计 | 4 → 3 | 0 | 0.0% |
| 2019年8月上半月 | 东村 | 0 → 1 | 0 → 1 | — → 100.0% |
| 2019年8月上半月 | 西村 | 0 → 1 | 0 | — → 0.0% |
| 2019年8月上半月 | 合计 | 0 → 2 | 0 → 1 | — → 50.0% |
| 2019年8月下半月 | 西村 | 0 | 0 → 1 | — |
| 2019年8月下半月 | 合计 | 0 | 0 → 1 | — |

### 累计变化（截至 2019年9月下半月，2019-09-25）

| 单位 | 累计排查数 | 累计化解数 | 累计化解率 |
|---|---|---|---|
| 东村 | 4 | 0 → 1 | 0.0% → 25.0% |
| 西村 | 2 → 4 | 1 → 2 | 50.0% |
| 合计 | 6 → 8 | 1 → 3 | 16.7% → 37.5% |
"""


UNIT_NAMES = {"dongcun": "东村", "xicun": "西村", "": "合计"}
FLOW = ("screened", "resolved", "rate")
CUMULATIVE = ("cum_screened", "cum_resolved", "cum_rate")
SUBMITTED = {"period": "2019-07-1", "submitted_on": "2019-07-16", "unit": "dongcun", "name": "东村"}


def _field(
    key: str, old: str | None, new: str | None, title: str = "", hidden: bool = False
) -> dict[str, Any]:
    return {"key": key, "title": title or key, "old": old, "new": new, "hidden": hidden}


def _changed(case_id: str, *fields: dict[str, Any]) -> dict[str, Any]:
    unit = case_id.rsplit("-", 1)[0]
    return {"id": case_id, "unit": unit, "unit_name": UNIT_NAMES[unit], "fields": list(fields)}


def _figures(
    period: str, unit: str, keys: tuple[str, ...], old: tuple[Any, ...], new: tuple[Any, ...]
) -> dict[str, Any]:
    """A row of the JSON's periods or cumulative list: a unit's (or 合计's) old and new figures."""
    return {
        "period": period,
        "unit": unit,
        "name": UNIT_NAMES[unit],
        "old": dict(zip(keys, old, strict=True)),
        "new": dict(zip(keys, new, strict=True)),
    }


def expected_json(base: str, head: str) -> dict[str, Any]:
    return {
        "base": {"ref": "base", "commit": base, "files": 7, "problems": 0},
        "head": {"ref": "HEAD", "commit": head, "files": 9, "problems": 0},
        "valid": True,
        "as_of": "2019-09-25",
        "problems": [],
        "counts": {
            "added": 2,
            "removed": 0,
            "moved": 1,
            "resolved": 1,
            "reopened": 0,
            "risk_raised": 1,
            "changed": 4,
        },
        "added": [
            {
                "id": "dongcun-005",
                "unit": "dongcun",
                "unit_name": "东村",
                "screened_on": "2019-08-02",
                "petitioner": "周**",
                "category": "邻里纠纷",
                "risk": "高",
                "resolved": False,
            },
            {
                "id": "xicun-004",
                "unit": "xicun",
                "unit_name": "西村",
                "screened_on": "2019-08-05",
                "petitioner": "吴*",
                "category": "劳动社保",
                "risk": "低",
                "resolved": True,
            },
        ],
        "removed": [],
        "moved": [
            {
                "old_id": "dongcun-003",
                "old_unit": "dongcun",
                "old_unit_name": "东村",
                "new_id": "xicun-003",
                "new_unit": "xicun",
                "new_unit_name": "西村",
            },
        ],
        "resolved": [
            {
                "id": "dongcun-002",
                "unit": "dongcun",
                "resolved_on": "2019-08-10",
                "resolution": "调解",
            },
        ],
        "reopened": [],
        "risk_raised": [
            {"id": "xicun-002", "unit": "xicun", "old": "中", "new": "高"},
        ],
        "changed": [
            _changed(
                "dongcun-001",
                _field("信访人.住址", None, None, title="信访人住址", hidden=True),
                _field("问题类型", "邻里纠纷", "土地征用"),
            ),
            _changed(
                "dongcun-002",
                _field("工作措施", "", "2019-08-10 召开协调会，王**同意调解方案"),
                _field("是否已化解", "否", "是"),
                _field("化解日期", "", "2019-08-10"),
                _field("化解方式", "", "调解"),
            ),
            _changed("dongcun-004", _field("排查日期", "2019-07-17", "2019-07-09")),
            _changed(
                "xicun-002",
                _field("风险等级", "中", "高"),
                _field("工作措施", "", "2019-08-01 约谈李**，说明政策"),
            ),
        ],
        "periods": [
            _figures("2019-07-1", "dongcun", FLOW, (1, 0, 0.0), (2, 0, 0.0)),
            _figures("2019-07-1", "", FLOW, (2, 1, 0.5), (3, 1, 1 / 3)),
            _figures("2019-07-2", "dongcun", FLOW, (3, 0, 0.0), (1, 0, 0.0)),
            _figures("2019-07-2", "xicun", FLOW, (1, 0, 0.0), (2, 0, 0.0)),
            _figures("2019-07-2", "", FLOW, (4, 0, 0.0), (3, 0, 0.0)),
            _figures("2019-08-1", "dongcun", FLOW, (0, 0, None), (1, 1, 1.0)),
            _figures("2019-08-1", "xicun", FLOW, (0, 0, None), (1, 0, 0.0)),
            _figures("2019-08-1", "", FLOW, (0, 0, None), (2, 1, 0.5)),
            _figures("2019-08-2", "xicun", FLOW, (0, 0, None), (0, 1, None)),
            _figures("2019-08-2", "", FLOW, (0, 0, None), (0, 1, None)),
        ],
        "cumulative": [
            _figures("2019-09-2", "dongcun", CUMULATIVE, (4, 0, 0.0), (4, 1, 0.25)),
            _figures("2019-09-2", "xicun", CUMULATIVE, (2, 1, 0.5), (4, 2, 0.5)),
            _figures("2019-09-2", "", CUMULATIVE, (6, 1, 1 / 6), (8, 3, 0.375)),
        ],
        "submitted": [
            {**SUBMITTED, "figure": figure, "submitted": 1, "base": 1, "head": 2}
            for figure in ("screened", "cum_screened")
        ],
        "reports": {"added": [], "removed": [], "changed": []},
        "campaign": [],
    }


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return build(tmp_path_factory.mktemp("diff") / "repo")


@pytest.fixture
def in_history(history: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    monkeypatch.chdir(history.root)
    return history


def outcome(result: Result) -> tuple[int, str, str]:
    """Exit code, stdout, stderr: compared as a tuple, whichever module Result was loaded from."""
    return result.code, result.out, result.err


def commits(repo: GitRepo) -> tuple[str, str]:
    return repo.git("rev-parse", "base").strip(), repo.git("rev-parse", "HEAD").strip()


def test_text(in_history: GitRepo, cli: Cli) -> None:
    base, head = commits(in_history)
    result = cli("diff", "--base", "base", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out == EXPECTED_TEXT.replace("{base}", base[:7]).replace("{head}", head[:7])


def test_markdown(in_history: GitRepo, cli: Cli) -> None:
    base, head = commits(in_history)
    result = cli(
        "diff", "--base", "base", "--head", "HEAD", "--format", "markdown", "--today", TODAY
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == EXPECTED_MARKDOWN.replace("{base}", base[:7]).replace("{head}", head[:7])


def test_json(in_history: GitRepo, cli: Cli) -> None:
    base, head = commits(in_history)
    result = cli("diff", "--base", "base", "--format", "json", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    expected = expected_json(base, head)
    assert json.loads(result.out) == expected
    assert result.out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_no_petitioner_name_or_address_in_any_format(in_history: GitRepo, cli: Cli) -> None:
    secrets = set()
    for commit in in_history.git("rev-list", "--all").split():
        found = in_history.git(
            "grep", "-h", "-e", "^  姓名: ", "-e", "^  住址: ", commit, "--", "cases"
        )
        secrets |= {line.split(": ", 1)[1] for line in found.splitlines()}
    secrets -= {"陈卫东"}  # the 包案领导: officials are shown in full
    assert {"王建国", "李四海", "东村四组1号", "东村四组11号"} <= secrets
    assert len(secrets) == 17  # 8 names, 9 addresses (one corrected)
    for fmt in ("text", "markdown", "json"):
        out = cli("diff", "--base", "base", "--format", fmt, "--today", TODAY).out
        assert [s for s in secrets if s in out] == []


def test_head_defaults_to_the_last_commit_not_the_working_tree(
    in_history: GitRepo, cli: Cli
) -> None:
    target = in_history.root / "cases/xicun/xicun-001.yaml"
    before = target.read_text(encoding="utf-8")
    status = in_history.git("status", "--porcelain")
    target.write_text(before.replace("风险等级: 低", "风险等级: 高"), encoding="utf-8")
    try:
        result = cli("diff", "--base", "HEAD", "--today", TODAY)
        assert in_history.git("status", "--porcelain") == status + " M cases/xicun/xicun-001.yaml\n"
    finally:
        target.write_text(before, encoding="utf-8")
    head = in_history.git("rev-parse", "HEAD").strip()[:7]
    assert outcome(result) == (0, f"台账变更：HEAD（{head}）→ HEAD（{head}）\n台账没有变化\n", "")
    assert in_history.git("status", "--porcelain") == status


def test_one_commit_of_the_history(in_history: GitRepo, cli: Cli) -> None:
    """The move alone: one case moved, the 汇总表 rows of both units, nothing else."""
    result = cli("diff", "--base", "HEAD~2", "--head", "HEAD~1", "--today", TODAY)
    old, new = (in_history.git("rev-parse", r).strip()[:7] for r in ("HEAD~2", "HEAD~1"))
    assert outcome(result) == (
        0,
        f"""\
台账变更：HEAD~2（{old}）→ HEAD~1（{new}）
新增 0 件，删除 0 件，移交 1 件，化解 0 件，重新打开 0 件，风险升级 0 件，修改 0 件

移交案件（1 件）
  dongcun-003（东村） → xicun-003（西村）

汇总表变化（各期新排查、新化解）
  2019年7月下半月 东村：排查数 3 → 2
  2019年7月下半月 西村：排查数 1 → 2

累计变化（截至 2019年9月下半月，2019-09-25）
  东村：累计排查数 5 → 4，累计化解率 20.0% → 25.0%
  西村：累计排查数 3 → 4，累计化解率 66.7% → 50.0%
""",
        "",
    )


def test_bad_ref_is_a_usage_error(in_history: GitRepo, cli: Cli) -> None:
    result = cli("diff", "--base", "origin/nowhere", "--today", TODAY)
    assert outcome(result) == (
        2,
        "",
        "用法错误：找不到 git 版本“origin/nowhere”（分支、标签或提交）\n",
    )
    result = cli("diff", "--base", "base", "--head=--upload-pack=x", "--today", TODAY)
    assert outcome(result) == (2, "", "用法错误：“--upload-pack=x”不是有效的 git 版本\n")


def test_outside_a_git_repository(repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))
    result = cli("diff", "--base", "HEAD", "--today", TODAY)
    assert outcome(result) == (
        2,
        "",
        "用法错误：当前目录不在 git 仓库中，diff 要从 git 读取两个版本\n",
    )


def small_repo(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.write("campaign.yaml", CAMPAIGN)
    repo.put(
        "dongcun-001", case("2019-07-03", "王建国", "东村一组3号", risk="高", resolved="2019-07-20")
    )
    repo.put("dongcun-002", case("2019-07-04", "钱多多", "东村二组4号"))
    repo.commit("两件")
    return repo


def commit_and_diff(
    repo: GitRepo, message: str, monkeypatch: pytest.MonkeyPatch, cli: Cli, *args: str
) -> tuple[Result, str, str]:
    """Commit the change, run ``diff --base HEAD~1`` in repo; the short commits of both sides."""
    repo.commit(message)
    monkeypatch.chdir(repo.root)
    base, head = (repo.git("rev-parse", r).strip()[:7] for r in ("HEAD~1", "HEAD"))
    return cli("diff", "--base", "HEAD~1", *args, "--today", TODAY), base, head


def test_invalid_head_is_reported_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path)
    repo.put("dongcun-002", case("2019-07-04", "钱多多", "东村二组4号", risk="极高"))
    result, base, head = commit_and_diff(repo, "坏了", monkeypatch, cli)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines == [
        f"台账变更：HEAD~1（{base}）→ HEAD（{head}）",
        "⚠ 数据有误：HEAD 中发现 1 个问题，未作比较；请先修正（python -m generator validate）",
        "cases/dongcun/dongcun-002.yaml:9:7: “风险等级”的值“极高”不在可选范围内，应为：高、中、低",
    ]
    md_out = cli("diff", "--base", "HEAD~1", "--format", "markdown", "--today", TODAY)
    assert md_out.code == 1
    assert md_out.out == (
        f"## 台账变更：HEAD\\~1（{base}）→ HEAD（{head}）\n\n"
        "> ⚠ 数据有误：HEAD 中发现 1 个问题，未作比较；请先修正（python -m generator validate）\n\n"
        "| 位置 | 问题 |\n|---|---|\n"
        "| cases/dongcun/dongcun-002\\.yaml\\:9\\:7 "
        "| “风险等级”的值“极高”不在可选范围内，应为：高、中、低 |\n"
    )
    js = json.loads(cli("diff", "--base", "HEAD~1", "--format", "json", "--today", TODAY).out)
    assert (js["valid"], js["head"]["problems"], js["counts"]["added"]) == (False, 1, 0)
    assert js["problems"] == [
        {
            "path": "cases/dongcun/dongcun-002.yaml",
            "line": 9,
            "col": 7,
            "rule": "enum",
            "message": "“风险等级”的值“极高”不在可选范围内，应为：高、中、低",
        }
    ]


def test_reopened_removed_and_lowered_risk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path)
    repo.put("dongcun-001", case("2019-07-03", "王建国", "东村一组3号", risk="中"))
    repo.remove("cases/dongcun/dongcun-002.yaml")
    result, base, head = commit_and_diff(repo, "重新打开，删除一件", monkeypatch, cli)
    assert outcome(result) == (
        0,
        f"""\
台账变更：HEAD~1（{base}）→ HEAD（{head}）
新增 0 件，删除 1 件，移交 0 件，化解 0 件，重新打开 1 件，风险升级 0 件，修改 1 件

删除案件（1 件）
  dongcun-002（东村）：排查日期 2019-07-04，信访人 钱**，邻里纠纷，风险等级 低，未化解

重新打开（1 件）
  dongcun-001（东村）

修改明细（1 件）
  dongcun-001（东村）
    风险等级：高 → 中
    是否已化解：是 → 否
    化解日期：2019-07-20 → （无）
    化解方式：调解 → （无）

汇总表变化（各期新排查、新化解）
  2019年7月上半月 东村：排查数 2 → 1
  2019年7月上半月 合计：排查数 2 → 1
  2019年7月下半月 东村：化解数 1 → 0
  2019年7月下半月 合计：化解数 1 → 0

累计变化（截至 2019年9月下半月，2019-09-25）
  东村：累计排查数 2 → 1，累计化解数 1 → 0，累计化解率 50.0% → 0.0%
  合计：累计排查数 2 → 1，累计化解数 1 → 0，累计化解率 50.0% → 0.0%
""",
        "",
    )


def test_untrusted_text_is_inert_in_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path)
    demand = (
        "要求 | 赔偿 <img src=http://x.invalid/a.png> ![x](http://x.invalid) @leader #12"
        "\n第二行\x1b[31m"
    )
    repo.put("dongcun-002", case("2019-07-04", "钱多多", "东村二组4号", demand=demand))
    repo.commit("诉求")
    monkeypatch.chdir(tmp_path)
    out = cli("diff", "--base", "HEAD~1", "--format", "markdown", "--today", TODAY).out
    assert (
        "| 主要诉求 | 要求调解宅基地边界纠纷 "
        "| 要求 \\| 赔偿 &lt;img src=http\\:\\//x\\.invalid/a\\.png&gt; "
        "\\!\\[x\\](http\\:\\//x\\.invalid) @\u200bleader #\u200b12<br>第二行\\\\x1b\\[31m |"
    ) in out.splitlines()
    text = cli("diff", "--base", "HEAD~1", "--today", TODAY).out
    assert (
        "    主要诉求：要求调解宅基地边界纠纷 → 要求 | 赔偿 <img src=http://x.invalid/a.png> "
        in text
    )
    assert "\x1b" not in text and "第二行" in text


def test_markdown_and_plain_escaping() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<b>&") == "&lt;b&gt;&amp;"
    assert md("王**") == "王\\*\\*"
    assert md("a\r\nb") == "a<br>b"
    assert md("\u202eabc") == "\\\\u202eabc"
    assert plain("a\nb\tc\x07") == "a ⏎ b\\tc\\x07"


def test_symlinks_in_the_tree_are_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path / "repo")
    (tmp_path / "secret.yaml").write_text("秘密: 外面的文件\n", encoding="utf-8")
    link = tmp_path / "repo/cases/dongcun/dongcun-009.yaml"
    os.symlink(tmp_path / "secret.yaml", link)
    repo.commit("符号链接")
    monkeypatch.chdir(tmp_path / "repo")
    result = cli("diff", "--base", "HEAD~1", "--today", TODAY)
    assert result.code == 1
    assert result.out.splitlines()[2:] == [
        "cases/dongcun/dongcun-009.yaml:1:1: cases/ 下不允许符号链接"
    ]


def test_the_move_command_is_reported_as_a_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("move", "dongcun-002", "--to", "xicun", "--today", TODAY).code == 0
    repo.commit("移交")
    result = cli("diff", "--base", "HEAD~1", "--format", "json", "--today", TODAY)
    data = json.loads(result.out)
    assert (result.code, data["counts"]["moved"], data["counts"]["added"]) == (0, 1, 0)
    assert data["counts"]["removed"] == data["counts"]["changed"] == 0
    (move,) = data["moved"]
    assert (move["old_id"], move["old_unit"], move["new_unit"]) == (
        "dongcun-002",
        "dongcun",
        "xicun",
    )
    assert move["new_id"].startswith("xicun-")


def test_a_broken_report_in_the_head_is_invalid_data_in_the_base_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo = small_repo(tmp_path)
    repo.write("reports/2019-07-1.json", "{不是 JSON\n")
    repo.commit("坏的报送记录")
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "--base", "HEAD~1", "--today", TODAY)
    assert outcome(result) == (
        1,
        "",
        "错误：reports/2019-07-1.json:1:2: 不是有效的 JSON（Expecting property name enclosed "
        "in double quotes）\n",
    )
    result = cli("diff", "--base", "HEAD", "--head", "HEAD~1", "--today", TODAY)
    old, new = (repo.git("rev-parse", r).strip()[:7] for r in ("HEAD", "HEAD~1"))
    assert outcome(result) == (0, f"台账变更：HEAD（{old}）→ HEAD~1（{new}）\n台账没有变化\n", "")
