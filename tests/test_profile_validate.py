"""``validate`` under an office's profile (``台账:``): exact output, every problem in its place.

The three profiles of tests/profiles.py pass; then each way a case or campaign.yaml can break
a profile's rules is one test with its exact ``PATH:LINE:COL: message`` line and rule. Lines
and columns are counted by hand from the texts written here (case_text's lines: 1 排查日期 …
7 风险等级 … 10 是否已化解, 11 what follows).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import profiles as P
from tests.conftest import Result

Cli = Callable[..., Result]
TODAY = "2026-11-29"
CASE = "cases/dongcun/dongcun-001.yaml"
STATES = "未化解、正在化解、稳控中、已化解、息诉罢访"


def problems(cli: Cli) -> list[tuple[str, str]]:
    """(``PATH:LINE:COL: message``, rule) of every problem, from ``--format json``."""
    result = cli("validate", "--today", TODAY, "--format", "json")
    assert result.err == ""
    found = json.loads(result.out)["problems"]
    assert result.code == (1 if found else 0)
    return [(f"{p['path']}:{p['line']}:{p['col']}: {p['message']}", p["rule"]) for p in found]


@pytest.mark.parametrize("name", sorted(P.PROFILES))
def test_each_profile_is_valid(name: str, at: Callable[..., Path], cli: Cli) -> None:
    campaign, cases = P.PROFILES[name]
    at(campaign, cases)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"检查了 {1 + len(cases)} 个文件，发现 0 个问题\n"


def weekly(status: str, **kw: str) -> dict[str, str]:
    return {"dongcun-001": P.case_text("2019-12-17", status, category="物业", risk="黄", **kw)}


def monthly(extra: str) -> dict[str, str]:
    return {"dongcun-001": P.case_text("2019-06-03", "否", risk="重大", extra=extra)}


def test_status_not_in_profile(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY, weekly("已解决"))
    message = f"“是否已化解”的值“已解决”不在可选范围内，应为：{STATES}"
    assert problems(cli) == [(f"{CASE}:10:8: {message}", "enum")]


def test_resolved_group_needs_a_date(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY, weekly("息诉罢访"))
    message = "“是否已化解”为“息诉罢访”时必须填写“化解日期”"
    assert problems(cli) == [(f"{CASE}:10:8: {message}", "resolution")]


def test_open_group_has_no_date(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY, weekly("稳控中", resolved_on="2019-12-20"))
    assert problems(cli) == [
        (f"{CASE}:11:1: “是否已化解”为“稳控中”，不应填写“化解日期”", "resolution"),
        (f"{CASE}:12:1: “是否已化解”为“稳控中”，不应填写“化解方式”", "resolution"),
    ]


def test_optional_field_not_switched_on(at: Callable[..., Path], cli: Cli) -> None:
    case = P.case_text("2019-02-10", "否", risk="红", extra="化解时限: 2019-03-01\n")
    at(P.QUARTERLY, {"dongcun-001": case})
    message = "不认识的键“化解时限”：这是可选字段，须先在 campaign.yaml 的“台账.字段”中启用"
    assert problems(cli) == [(f"{CASE}:11:1: {message}", "unknown-key")]


def test_assignment_needs_its_unit(at: Callable[..., Path], cli: Cli) -> None:
    at(P.MONTHLY, monthly("交办: {文号: 区信交〔2019〕12号}\n"))
    assert problems(cli) == [(f"{CASE}:11:1: “交办”缺少必填项“单位”", "required")]


def test_satisfaction_values(at: Callable[..., Path], cli: Cli) -> None:
    at(P.MONTHLY, monthly("回访: {日期: 2019-07-01, 满意度: 很好}\n"))
    message = "“回访.满意度”的值“很好”不在可选范围内，应为：满意、基本满意、不满意"
    # 回访: {日期: 2019-07-01, 满意度: 很好}: 很好 is the 27th character.
    assert problems(cli) == [(f"{CASE}:11:27: {message}", "enum")]


def test_deadline_is_a_real_date(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY, weekly("未化解", extra="化解时限: 2020-02-30\n"))
    message = "“化解时限”的值“2020-02-30”不是真实存在的日期（2020 年 2 月只有 29 天）"
    assert problems(cli) == [(f"{CASE}:11:7: {message}", "date")]


def test_visit_in_the_future(at: Callable[..., Path], cli: Cli) -> None:
    at(P.MONTHLY, monthly("回访: {日期: 2026-11-30}\n"))
    message = "“回访.日期” 2026-11-30 晚于今天（2026-11-29）"
    assert problems(cli) == [(f"{CASE}:11:10: {message}", "future")]


def test_deadline_may_lie_ahead(at: Callable[..., Path], cli: Cli) -> None:
    at(P.MONTHLY, monthly("化解时限: 2027-01-31\n"))
    assert problems(cli) == []


def test_phone_in_stability_measures(at: Callable[..., Path], cli: Cli) -> None:
    """The optional fields are the profile's schema: the number scan walks them too."""
    stability = "稳控: {责任人: {姓名: 孙立, 职务: 社区民警}, 措施: 每天电话联系 13912345678}\n"
    at(P.MONTHLY, monthly(stability))
    message = (
        "“稳控.措施”中有手机号：按个人信息保护的最小必要原则，台账不记录身份证号、电话号码和"
        "银行卡号，请删除"
    )
    result = cli("validate", "--today", TODAY)
    assert "13912345678" not in result.out
    assert problems(cli) == [(f"{CASE}:11:35: {message}", "personal-number")]


def test_standing_ledger_window(at: Callable[..., Path], cli: Cli) -> None:
    at(P.QUARTERLY, {"dongcun-001": P.case_text("2018-12-31", "否", risk="红")})
    message = "“排查日期” 2018-12-31 不在台账期间（2019-01-01 起）内"
    assert problems(cli) == [(f"{CASE}:1:7: {message}", "campaign-window")]


def test_standing_ledger_has_no_end(at: Callable[..., Path], cli: Cli) -> None:
    """No 结束日期: a case of today is inside, one of tomorrow is in the future."""
    at(
        P.QUARTERLY,
        {
            "dongcun-001": P.case_text("2026-11-29", "否", risk="红"),
            "dongcun-002": P.case_text("2026-11-30", "否", risk="红"),
        },
    )
    message = "“排查日期” 2026-11-30 晚于今天（2026-11-29）"
    assert problems(cli) == [(f"cases/dongcun/dongcun-002.yaml:1:7: {message}", "future")]


# campaign.yaml: WEEKLY's 台账 starts on line 10 (报送周期 11, 问题类型 12, 风险等级 13,
# 化解状态 14, 未化解 15, 已化解 16, 字段 17).


def test_status_in_both_groups(at: Callable[..., Path], cli: Cli) -> None:
    """Reported once, on campaign.yaml; no case problem depends on which group wins."""
    both = P.WEEKLY.replace("已化解: [已化解, 息诉罢访]", "已化解: [已化解, 息诉罢访, 稳控中]")
    at(both, {**P.WEEKLY_CASES, "dongcun-004": P.WEEKLY_CASES["xicun-001"]})
    message = "化解状态“稳控中”不能既算未化解又算已化解，请只留在一组中"
    # "    已化解: [已化解, 息诉罢访, 稳控中]": 稳控中 starts at column 22.
    assert problems(cli) == [(f"campaign.yaml:16:22: {message}", "status-groups")]


def test_empty_list(at: Callable[..., Path], cli: Cli) -> None:
    empty = P.WEEKLY.replace("字段: [化解时限]", "字段: [化解时限]\n  化解方式: []")
    at(empty, P.WEEKLY_CASES)
    assert problems(cli) == [("campaign.yaml:18:9: “台账.化解方式”至少要有 1 项", "min-items")]


def test_duplicate_in_a_list(at: Callable[..., Path], cli: Cli) -> None:
    """Reported, and the list still means what it says: 红 twice is still 红, 橙, 黄, 蓝."""
    twice = P.WEEKLY.replace("[红, 橙, 黄, 蓝]", "[红, 橙, 红, 黄, 蓝]")
    at(twice, P.WEEKLY_CASES)
    message = "“台账.风险等级”中有重复的值“红”，每个值只写一次"
    assert problems(cli) == [(f"campaign.yaml:13:9: {message}", "duplicate")]


def test_rhythm_must_be_known(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY.replace("报送周期: 周", "报送周期: 年"), P.WEEKLY_CASES)
    message = "“台账.报送周期”的值“年”不在可选范围内，应为：周、半月、月、季"
    assert problems(cli) == [(f"campaign.yaml:11:9: {message}", "enum")]


def test_no_id_number_field(at: Callable[..., Path], cli: Cli) -> None:
    at(P.WEEKLY.replace("字段: [化解时限]", "字段: [化解时限, 身份证号]"), P.WEEKLY_CASES)
    message = (
        "“台账.字段”第 2 条的值“身份证号”不在可选范围内，"
        "应为：化解时限、信访形式、交办、稳控、重复信访、回访、原编号"
        "（按个人信息保护的最小必要原则，台账不记录身份证号、电话等信息）"
    )
    # "  字段: [化解时限, 身份证号]": 身份证号 starts at column 14; the valid 化解时限 stays
    # switched on, so dongcun-003's deadline is no problem.
    assert problems(cli) == [(f"campaign.yaml:17:14: {message}", "enum")]


def test_broken_profile_still_checks_cases(at: Callable[..., Path], cli: Cli) -> None:
    """With 报送周期 and 风险等级 wrong, the cases are checked against every valid part: the
    profile's statuses, categories, 化解时限, and 风险等级 (written twice but meant)."""
    broken = P.WEEKLY.replace("报送周期: 周", "报送周期: 年").replace("[红, 橙,", "[红, 红, 橙,")
    cases = {**P.WEEKLY_CASES, "xicun-002": weekly("已解决")["dongcun-001"]}
    at(broken, cases)
    rhythm = "“台账.报送周期”的值“年”不在可选范围内，应为：周、半月、月、季"
    status = f"“是否已化解”的值“已解决”不在可选范围内，应为：{STATES}"
    assert problems(cli) == [
        (f"campaign.yaml:11:9: {rhythm}", "enum"),
        ("campaign.yaml:13:9: “台账.风险等级”中有重复的值“红”，每个值只写一次", "duplicate"),
        (f"cases/xicun/xicun-002.yaml:10:8: {status}", "enum"),
    ]


def test_schema_refuses_a_broken_profile_the_same_way(at: Callable[..., Path], cli: Cli) -> None:
    """A campaign.yaml problem stops ``schema``, with the problem listed, exit 1."""
    at(P.WEEKLY.replace("报送周期: 周", "报送周期: 年"), P.WEEKLY_CASES)
    result = cli("schema")
    assert result.code == 1
    assert "campaign.yaml:11:9: “台账.报送周期”的值“年”不在可选范围内" in result.out + result.err
    assert not Path("schema").exists()
