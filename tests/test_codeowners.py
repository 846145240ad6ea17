"""CODEOWNERS: generated from campaign.yaml's 审核人, and the committed file never drifts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.editor.codeowners import codeowners_text as render
from generator.ledger.validate import load_campaign
from tests.conftest import ROOT, TODAY, Result
from tests.diffrepo import CAMPAIGN

Cli = Callable[..., Result]


def test_committed_codeowners_matches_campaign_yaml() -> None:
    campaign, problems = load_campaign(ROOT)
    assert problems == [] and campaign is not None
    committed = (ROOT / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == render(campaign), "请运行 python -m generator codeowners 并提交 CODEOWNERS"


def test_render_exact(repo: Path) -> None:
    (repo / "campaign.yaml").write_text(
        CAMPAIGN + "  - {代码: nanzhuang, 名称: 南庄村, 类型: 村}\n", encoding="utf-8"
    )
    campaign, _ = load_campaign(repo)
    assert campaign is not None
    assert render(campaign) == (
        "# 由 python -m generator codeowners 根据 campaign.yaml 中各单位的“审核人”生成，"
        "请勿手工修改。\n"
        "# 改了审核人后重新运行该命令，把 CODEOWNERS 和 campaign.yaml 一起提交；\n"
        "# 测试和 python -m generator codeowners --check 会发现两者不一致。\n"
        "#\n"
        "# 每个单位的案件文件夹由该单位的审核人审核；"
        "把案件移交到另一个单位的改动两边的审核人都要看到。\n"
        "# campaign.yaml、schema/、generator/ 不在此列：请在托管平台的分支保护里要求信访办审核。\n"
        "\n"
        "# GitHub、GitLab：路径规则\n"
        "/cases/dongcun/ @dongcun-reviewers\n"
        "/cases/xicun/ @xicun-reviewers @xinfangban\n"
        "# /cases/nanzhuang/（南庄村）：campaign.yaml 中没有填写审核人\n"
        "\n"
        "# Gitea、Forgejo：正则表达式，匹配整条路径\n"
        "cases/dongcun/.* @dongcun-reviewers\n"
        "cases/xicun/.* @xicun-reviewers @xinfangban\n"
    )


def test_each_host_matches_only_its_own_lines() -> None:
    """Gitea/Forgejo anchor the regexp on the whole path (``^…$``); GitHub's lines match none."""
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    rules = [line.split(" ")[0] for line in render(campaign).splitlines() if line[:1] not in "#"]
    regexps = [re.compile(f"^{rule}$") for rule in rules if rule]
    path = "cases/dongcun/dongcun-001.yaml"
    assert [r.pattern for r in regexps if r.match(path)] == ["^cases/dongcun/.*$"]
    assert [r.pattern for r in regexps if r.match("cases/dongcun2/dongcun2-001.yaml")] == []


def test_write_then_check(repo: Path, cli: Cli) -> None:
    assert (cli("codeowners", "--check").code, (repo / "CODEOWNERS").exists()) == (1, False)
    result = cli("codeowners", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        0,
        "已根据 campaign.yaml 写入 CODEOWNERS（12 个单位）\n",
        "",
    )
    assert cli("codeowners").out == "CODEOWNERS 已是最新，无需改动\n"
    assert cli("codeowners", "--check").out == "CODEOWNERS 与 campaign.yaml 一致\n"
    text = (repo / "campaign.yaml").read_text(encoding="utf-8")
    (repo / "campaign.yaml").write_text(
        text.replace("['@xicun-reviewers']", "['@xicun-reviewers', '@li-ming']"), encoding="utf-8"
    )
    result = cli("codeowners", "--check")
    assert (result.code, result.out) == (
        1,
        "CODEOWNERS 与 campaign.yaml 的审核人不一致，"
        "请运行 python -m generator codeowners 后提交\n",
    )
    assert "/cases/xicun/ @xicun-reviewers\n" in (repo / "CODEOWNERS").read_text(encoding="utf-8")


def test_invalid_campaign_is_refused(repo: Path, cli: Cli) -> None:
    (repo / "campaign.yaml").write_text("名称: 只有名称\n", encoding="utf-8")
    result = cli("codeowners")
    assert result.code == 1
    assert result.err == "错误：campaign.yaml 有误，无法生成 CODEOWNERS\n"
    assert result.out.startswith("campaign.yaml:1:1: 缺少必填项")
    assert not (repo / "CODEOWNERS").exists()
