"""``diff`` on the weekly ledger of tests/profiles.py: risk by the profile's scale, 化解 and
重新打开 as crossings between the status groups, a change inside a group and an optional field as
ordinary changes. Real git repositories; every output written out by hand.

The change keeps each unit's 化解数 in every period (one case of 东村 is reopened, another of
东村 resolved on the same day), so no 汇总表 section appears and the outputs do not depend on
how the weekly periods are labelled.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import TODAY, Result
from tests.diffrepo import GitRepo
from tests.profiles import UNITS, WEEKLY, case_text

Cli = Callable[..., Result]
BASE = {
    "dongcun-001": case_text(
        "2019-12-17", "已化解", category="物业", risk="黄", resolved_on="2019-12-30"
    ),
    "dongcun-002": case_text(
        "2019-12-31", "息诉罢访", category="劳资", risk="红", resolved_on="2020-01-06"
    ),
    "dongcun-003": case_text(
        "2020-01-02", "正在化解", category="医疗纠纷", risk="红", extra="化解时限: 2020-01-10\n"
    ),
    "xicun-001": case_text(
        "2020-01-06", "正在化解", category="合同", risk="蓝", extra="化解时限: 2020-01-10\n"
    ),
}
HEAD = {
    # 黄 → 红: up the scale.
    "dongcun-001": case_text(
        "2019-12-17", "已化解", category="物业", risk="红", resolved_on="2019-12-30"
    ),
    # 息诉罢访 (已化解) → 稳控中 (未化解): reopened.
    "dongcun-002": case_text("2019-12-31", "稳控中", category="劳资", risk="红"),
    # 正在化解 → 息诉罢访: resolved; 红 → 橙: down the scale.
    "dongcun-003": case_text(
        "2020-01-02",
        "息诉罢访",
        category="医疗纠纷",
        risk="橙",
        resolved_on="2020-01-06",
        extra="化解时限: 2020-01-10\n",
    ),
    # 正在化解 → 稳控中: both 未化解, an ordinary change; 化解时限 moved.
    "xicun-001": case_text(
        "2020-01-06", "稳控中", category="合同", risk="蓝", extra="化解时限: 2020-01-20\n"
    ),
}

EXPECTED_TEXT = """\
台账变更：HEAD~1（{base}）→ HEAD（{head}）
新增 0 件，删除 0 件，移交 0 件，化解 1 件，重新打开 1 件，风险升级 1 件，修改 4 件

⚠ 风险升级（1 件）
  dongcun-001（东村）：风险等级 黄 → 红

化解（1 件）
  dongcun-003（东村）：化解日期 2020-01-06，化解方式 调解

重新打开（1 件）
  dongcun-002（东村）

修改明细（4 件）
  dongcun-001（东村）
    风险等级：黄 → 红 ⚠ 风险升级
  dongcun-002（东村）
    是否已化解：息诉罢访 → 稳控中
    化解日期：2020-01-06 → （无）
    化解方式：调解 → （无）
  dongcun-003（东村）
    风险等级：红 → 橙
    是否已化解：正在化解 → 息诉罢访
    化解日期：（无） → 2020-01-06
    化解方式：（无） → 调解
  xicun-001（西村）
    是否已化解：正在化解 → 稳控中
    化解时限：2020-01-10 → 2020-01-20
"""

EXPECTED_MARKDOWN = """\
## 台账变更：HEAD\\~1（{base}）→ HEAD（{head}）

| 新增 | 删除 | 移交 | 化解 | 重新打开 | 风险升级 | 修改 |
|---|---|---|---|---|---|---|
| 0 | 0 | 0 | 1 | 1 | 1 | 4 |

### ⚠ 风险升级（1 件）

| 编号 | 单位 | 风险等级 |
|---|---|---|
| dongcun-001 | 东村 | 黄 → 红 |

### 化解（1 件）

| 编号 | 单位 | 化解日期 | 化解方式 |
|---|---|---|---|
| dongcun-003 | 东村 | 2020-01-06 | 调解 |

### 重新打开（1 件）

| 编号 | 单位 |
|---|---|
| dongcun-002 | 东村 |

### 修改明细（4 件）

#### dongcun-001（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 风险等级 | 黄 | 红 ⚠ 风险升级 |

#### dongcun-002（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 是否已化解 | 息诉罢访 | 稳控中 |
| 化解日期 | 2020-01-06 | （无） |
| 化解方式 | 调解 | （无） |

#### dongcun-003（东村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 风险等级 | 红 | 橙 |
| 是否已化解 | 正在化解 | 息诉罢访 |
| 化解日期 | （无） | 2020-01-06 |
| 化解方式 | （无） | 调解 |

#### xicun-001（西村）

| 字段 | 改前 | 改后 |
|---|---|---|
| 是否已化解 | 正在化解 | 稳控中 |
| 化解时限 | 2020-01-10 | 2020-01-20 |
"""


def _field(key: str, old: str, new: str, title: str = "") -> dict[str, object]:
    return {"key": key, "title": title or key, "old": old, "new": new, "hidden": False}


def expected_json(base: str, head: str) -> dict[str, object]:
    def changed(case_id: str, *fields: dict[str, object]) -> dict[str, object]:
        unit = case_id.split("-")[0]
        name = {"dongcun": "东村", "xicun": "西村"}[unit]
        return {"id": case_id, "unit": unit, "unit_name": name, "fields": list(fields)}

    return {
        "base": {"ref": "HEAD~1", "commit": base, "files": 5, "problems": 0},
        "head": {"ref": "HEAD", "commit": head, "files": 5, "problems": 0},
        "valid": True,
        "as_of": "2020-01-20",
        "problems": [],
        "counts": {
            "added": 0,
            "removed": 0,
            "moved": 0,
            "resolved": 1,
            "reopened": 1,
            "risk_raised": 1,
            "changed": 4,
        },
        "added": [],
        "removed": [],
        "moved": [],
        "resolved": [
            {
                "id": "dongcun-003",
                "unit": "dongcun",
                "resolved_on": "2020-01-06",
                "resolution": "调解",
            }
        ],
        "reopened": [{"id": "dongcun-002", "unit": "dongcun"}],
        "risk_raised": [{"id": "dongcun-001", "unit": "dongcun", "old": "黄", "new": "红"}],
        "changed": [
            changed("dongcun-001", _field("风险等级", "黄", "红")),
            changed(
                "dongcun-002",
                _field("是否已化解", "息诉罢访", "稳控中"),
                _field("化解日期", "2020-01-06", ""),
                _field("化解方式", "调解", ""),
            ),
            changed(
                "dongcun-003",
                _field("风险等级", "红", "橙"),
                _field("是否已化解", "正在化解", "息诉罢访"),
                _field("化解日期", "", "2020-01-06"),
                _field("化解方式", "", "调解"),
            ),
            changed(
                "xicun-001",
                _field("是否已化解", "正在化解", "稳控中"),
                _field("化解时限", "2020-01-10", "2020-01-20"),
            ),
        ],
        "periods": [],
        "cumulative": [],
        "submitted": [],
        "reports": {"added": [], "removed": [], "changed": []},
        "campaign": [],
    }


def _repo(root: Path, campaign: str, cases: dict[str, str]) -> GitRepo:
    repo = GitRepo(root)
    repo.write("campaign.yaml", campaign)
    for case_id, text in cases.items():
        repo.write(f"cases/{case_id.split('-')[0]}/{case_id}.yaml", text)
    repo.commit("基准")
    return repo


@pytest.fixture
def weekly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The weekly ledger before and after the change; the full commits of both."""
    repo = _repo(tmp_path / "weekly", WEEKLY, BASE)
    for case_id, text in HEAD.items():
        repo.write(f"cases/{case_id.split('-')[0]}/{case_id}.yaml", text)
    repo.commit("本周的改动")
    monkeypatch.chdir(repo.root)
    base, head = (repo.git("rev-parse", r).strip() for r in ("HEAD~1", "HEAD"))
    return base, head


def _diff(cli: Cli, form: str) -> Result:
    return cli("diff", "--base", "HEAD~1", "--format", form, "--today", TODAY)


def test_text(weekly: tuple[str, str], cli: Cli) -> None:
    base, head = weekly
    result = _diff(cli, "text")
    assert (result.code, result.err) == (0, "")
    assert result.out == EXPECTED_TEXT.format(base=base[:7], head=head[:7])


def test_markdown(weekly: tuple[str, str], cli: Cli) -> None:
    base, head = weekly
    result = _diff(cli, "markdown")
    assert (result.code, result.err) == (0, "")
    assert result.out == EXPECTED_MARKDOWN.format(base=base[:7], head=head[:7])


def test_json(weekly: tuple[str, str], cli: Cli) -> None:
    base, head = weekly
    result = _diff(cli, "json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == expected_json(base, head)


def test_added_cases_show_their_status_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """The text names the group (已化解, 未化解), the Markdown table the word the file has."""
    repo = _repo(tmp_path / "weekly", WEEKLY, {})
    repo.write("cases/xicun/xicun-001.yaml", BASE["xicun-001"])
    repo.write("cases/dongcun/dongcun-002.yaml", BASE["dongcun-002"])
    repo.commit("两件")
    monkeypatch.chdir(repo.root)
    text = _diff(cli, "text").out.split("\n\n")[1]
    assert text == (
        "新增案件（2 件）\n"
        "  dongcun-002（东村）：排查日期 2019-12-31，信访人 王**，劳资，风险等级 红，已化解\n"
        "  xicun-001（西村）：排查日期 2020-01-06，信访人 王**，合同，风险等级 蓝，未化解"
    )
    table = _diff(cli, "markdown").out.split("### 新增案件（2 件）\n\n")[1].split("\n\n")[0]
    assert table.splitlines()[2:] == [
        "| dongcun-002 | 东村 | 2019-12-31 | 王\\*\\* | 劳资 | 红 | 息诉罢访 |",
        "| xicun-001 | 西村 | 2020-01-06 | 王\\*\\* | 合同 | 蓝 | 正在化解 |",
    ]


PRESET_CAMPAIGN = WEEKLY.split("台账:")[0]


def test_a_new_scale_is_read_with_heads_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """The profile changes its 风险等级 in the change itself: head's scale decides, and a level
    that is not on it (高, the 2019 plan's) is no escalation either way."""
    old = {"dongcun-001": case_text("2019-12-17", "否", risk="高")}
    repo = _repo(tmp_path / "scale", PRESET_CAMPAIGN, old)
    repo.write("campaign.yaml", WEEKLY)
    repo.write("cases/dongcun/dongcun-001.yaml", case_text("2019-12-17", "未化解", risk="红"))
    repo.commit("改用本镇的台账")
    monkeypatch.chdir(repo.root)
    out = _diff(cli, "text").out
    assert out.splitlines()[1:] == [
        "新增 0 件，删除 0 件，移交 0 件，化解 0 件，重新打开 0 件，风险升级 0 件，修改 1 件",
        "",
        "修改明细（1 件）",
        "  dongcun-001（东村）",
        "    风险等级：高 → 红",
        "    是否已化解：否 → 未化解",
        "",
        "活动信息",
        "  campaign.yaml 有改动：台账配置",
    ]
    assert UNITS in PRESET_CAMPAIGN


def test_a_field_the_head_switched_off_is_still_listed() -> None:
    """原编号 dropped with the profile's 字段 in one change: only base's schema has it."""
    import dataclasses

    import yaml

    from generator.core import privacy
    from generator.diff.cases import case_change
    from generator.ledger.profile import PRESET, profile_from_dict
    from generator.ledger.records import case_from_dict

    base = profile_from_dict({"字段": ["原编号"]})
    data = yaml.safe_load(case_text("2019-07-03", "否", risk="高", extra="原编号: SF-2019-001\n"))
    old = case_from_dict(data, "dongcun", "dongcun-001", profile=base)
    new = dataclasses.replace(old, original_id=None)
    change = case_change(old, new, {"dongcun": "东村"}, privacy.Masker(), (base, PRESET))
    assert change is not None
    assert [(f.title, f.old, f.new) for f in change.changes] == [("原编号", "SF-2019-001", "")]
