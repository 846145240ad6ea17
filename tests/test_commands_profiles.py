"""``new``, ``move`` and ``anonymize`` in offices' own ledgers (tests/profiles.py): a new case
starts at the profile's first 未化解 status and is checked against its lists; a move and an
anonymization keep every optional field, in the profile's key order. Texts typed by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ledger.casefile import dump, ordered
from generator.ledger.validate import load_campaign
from generator.ledger.yamlload import load_text
from generator.system.clock import SHANGHAI
from tests.conftest import Result
from tests.profiles import PROFILES, write
from tests.test_validate_cli import NEW_CASE as SAMPLE_NEW_CASE

Cli = Callable[..., Result]

# The sample's new case (typed out in test_validate_cli) with the weekly ledger's first status.
NEW_CASE = SAMPLE_NEW_CASE.replace("2019-07-03", "2020-01-06").replace(": 否\n", ": 未化解\n")
# MONTHLY's dongcun-001 as a move writes it: block style, every optional field, 编号 and 单位
# left to the path. ``{name}``, ``{address}``, ``{measures}``: what anonymize changes.
MOVED = """排查日期: 2019-06-03
信访人:
  姓名: {name}
  住址: {address}
涉及人数: 1
问题属地: 东村二组
问题类型: 劳动社保
主要诉求: 要求赔偿损失
风险等级: 重大
包案领导:
  姓名: 李志强
  职务: 副镇长
责任部门:
  名称: 司法所
  责任人: 赵敏
  职务: 所长
是否已化解: 是
化解日期: 2019-07-15
化解方式: 调解
化解时限: 2019-07-31
信访形式: 来访
交办:
  单位: 区信访局
  文号: 区信交〔2019〕12号
  日期: 2019-06-01
稳控:
  责任人:
    姓名: 孙立
    职务: 社区民警
  措施: {measures}
重复信访: true
回访:
  日期: 2019-08-01
  满意度: 基本满意
原编号: SF-2019-001
"""


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = dt.datetime(2019, 12, 31, 9, 30, 5, tzinfo=SHANGHAI)
    monkeypatch.setattr("generator.system.clock.now", lambda: moment)


def _office(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    campaign, cases = PROFILES[name]
    monkeypatch.chdir(write(root / name, campaign, cases))
    return root / name


def test_new_starts_at_the_profiles_first_open_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, frozen_clock: None
) -> None:
    root = _office(tmp_path, monkeypatch, "weekly")
    result = cli("new", "--unit", "xicun", "--today", "2020-01-06")
    rel = "cases/xicun/xicun-20200106-093005.yaml"
    assert (result.code, result.out) == (
        0,
        f"已新建 {rel}，请填写后运行 python -m generator validate\n",
    )
    assert (root / rel).read_text(encoding="utf-8") == NEW_CASE
    checked = cli("validate", rel, "--today", "2020-01-06").out.splitlines()
    # The lists a clerk is told to choose from are the profile's.
    assert (
        f"{rel}:7:7: “问题类型”不能为空，应为：医疗纠纷、交通事故、物业、劳资、合同、损害赔偿、"
        "山林土地、其他" in checked
    )
    assert f"{rel}:9:7: “风险等级”不能为空，应为：红、橙、黄、蓝" in checked
    assert not any("是否已化解" in line for line in checked)


def test_move_keeps_every_optional_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, frozen_clock: None
) -> None:
    root = _office(tmp_path, monkeypatch, "monthly")
    result = cli("move", "dongcun-001", "--to", "xicun", "--today", "2019-12-31")
    assert (result.code, result.err) == (0, "")
    moved = (root / "cases/xicun/xicun-20191231-093005.yaml").read_text(encoding="utf-8")
    assert moved == MOVED.format(name="王建国", address="东村二组3号", measures="每周走访一次")
    assert not (root / "cases/dongcun/dongcun-001.yaml").exists()
    assert cli("validate", "--today", "2019-12-31").out == "检查了 4 个文件，发现 0 个问题\n"
    # The profile's key order is the writer's: reading and writing again changes nothing.
    campaign, _ = load_campaign(root)
    assert campaign is not None
    assert dump(ordered(load_text(moved).data, campaign.profile.case_schema)) == moved


def test_anonymize_checks_against_the_profiles_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """The optional fields stay (the 2019 plan's schema would refuse them); a petitioner named in
    稳控措施 is masked there too."""
    root = _office(tmp_path, monkeypatch, "monthly")
    path = root / "cases/dongcun/dongcun-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("每周走访一次", "每周走访王建国一次"), encoding="utf-8")
    result = cli("anonymize", "--today", "2019-12-31")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "cases/dongcun/dongcun-001.yaml：信访人姓名、信访人住址、稳控措施（3 项）\n"
        "cases/dongcun/dongcun-002.yaml：信访人姓名、信访人住址（2 项）\n"
        "cases/xicun/xicun-001.yaml：信访人姓名、信访人住址（2 项）\n"
        "已脱敏 3 个案件文件（共 3 个）\n"
    )
    assert path.read_text(encoding="utf-8") == MOVED.format(
        name="王**", address="（住址已隐去）", measures="每周走访王**一次"
    )
    assert cli("validate", "--today", "2019-12-31").out == "检查了 4 个文件，发现 0 个问题\n"
    assert (
        cli("anonymize", "--today", "2019-12-31").out == "没有需要脱敏的内容（共 3 个案件文件）\n"
    )
