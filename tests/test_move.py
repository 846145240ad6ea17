"""``move ID --to CODE``: new id in the target unit, same content, old file gone, exact output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ledger.casefile import dump_case
from generator.ledger.yamlload import load_text
from generator.system import clock
from tests.conftest import TODAY, Result

Cli = Callable[..., Result]

CASE = """\
编号: dongcun-007
单位: dongcun
排查日期: 2019-07-03
信访人:
  姓名: 王建华
  住址: 东村三组12号
涉及人数: 1
问题属地: 东村三组
问题类型: 城建拆迁
主要诉求: 要求按 2018 年标准补足拆迁安置补偿款
风险等级: 高
包案领导:
  姓名: 陈卫东
  职务: 办事处副主任
责任部门:
  名称: 城建办
  责任人: 赵敏
  职务: 主任
工作措施:
  - 日期: 2019-07-10
    内容: 召开协调会
  - 日期: 2019-07-05
    内容: 入户走访，核实补偿标准
是否已化解: 否
典型案例: false
备注: ""
"""


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = dt.datetime(2026, 11, 29, 9, 5, 7, tzinfo=clock.SHANGHAI)
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def one_case(repo: Path) -> Path:
    (repo / "cases" / "dongcun").mkdir()
    (repo / "cases" / "dongcun" / "dongcun-007.yaml").write_text(CASE, encoding="utf-8")
    return repo


def test_move_writes_the_same_content_under_a_new_id(
    one_case: Path, cli: Cli, fixed_clock: None
) -> None:
    result = cli("move", "dongcun-007", "--to", "xicun", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "已把案件 dongcun-007（东村）移到西村，新编号 xicun-20261129-090507\n"
        "  新建 cases/xicun/xicun-20261129-090507.yaml\n"
        "  删除 cases/dongcun/dongcun-007.yaml\n"
        "请把这两处改动一起提交：git add cases/dongcun/dongcun-007.yaml "
        "cases/xicun/xicun-20261129-090507.yaml\n"
    )
    assert not (one_case / "cases" / "dongcun" / "dongcun-007.yaml").exists()
    moved = (one_case / "cases" / "xicun" / "xicun-20261129-090507.yaml").read_text("utf-8")
    # Same text, minus the two lines the path now says; measures keep their order.
    assert moved == CASE.replace("编号: dongcun-007\n单位: dongcun\n", "")
    assert cli("validate", "--today", TODAY).out == "检查了 2 个文件，发现 0 个问题\n"


def test_moved_text_is_what_the_writer_and_the_editor_write(
    one_case: Path, cli: Cli, fixed_clock: None
) -> None:
    cli("move", "dongcun-007", "--to", "gongye", "--today", TODAY)
    moved = (one_case / "cases" / "gongye" / "gongye-20261129-090507.yaml").read_text("utf-8")
    assert dump_case(load_text(moved).data) == moved


def test_today_sets_the_date_part_of_the_new_id(
    one_case: Path, cli: Cli, fixed_clock: None
) -> None:
    result = cli("move", "dongcun-007", "--to", "xicun", "--today", "2026-12-01")
    assert result.code == 0
    assert (one_case / "cases" / "xicun" / "xicun-20261201-090507.yaml").is_file()


def test_unknown_unit_is_a_usage_error(one_case: Path, cli: Cli) -> None:
    result = cli("move", "dongcun-007", "--to", "nowhere", "--today", TODAY)
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        "用法错误：单位“nowhere”不在 campaign.yaml 中，可选（名称或代码）：东村（dongcun）、"
        "西村（xicun）、南庄村（nanzhuang）、北营村（beiying）、刘寨村（liuzhai）、"
        "花园口村（huayuan）、清风社区（qingfeng）、幸福里社区（xingfu）、"
        "金水湾社区（jinshui）、迎宾路社区（yingbin）、文化苑社区（wenhua）、"
        "工业园区管委会（gongye）\n"
    )
    assert (one_case / "cases" / "dongcun" / "dongcun-007.yaml").is_file()


def test_unknown_case_is_a_usage_error(one_case: Path, cli: Cli) -> None:
    result = cli("move", "dongcun-008", "--to", "xicun", "--today", TODAY)
    assert (result.code, result.out) == (2, "")
    assert result.err == "用法错误：找不到编号为“dongcun-008”的案件\n"


def test_same_unit_is_refused(one_case: Path, cli: Cli) -> None:
    result = cli("move", "dongcun-007", "--to", "dongcun", "--today", TODAY)
    assert (result.code, result.out) == (2, "")
    assert result.err == "用法错误：案件 dongcun-007 已在东村（dongcun）中，无需移动\n"


def test_existing_target_is_refused_and_nothing_changes(
    one_case: Path, cli: Cli, fixed_clock: None
) -> None:
    target = one_case / "cases" / "xicun" / "xicun-20261129-090507.yaml"
    target.parent.mkdir()
    target.write_text(CASE.replace("编号: dongcun-007\n单位: dongcun\n", ""), encoding="utf-8")
    result = cli("move", "dongcun-007", "--to", "xicun", "--today", TODAY)
    assert (result.code, result.out) == (1, "")
    assert result.err == "错误：cases/xicun/xicun-20261129-090507.yaml 已存在，请一秒后再试\n"
    assert (one_case / "cases" / "dongcun" / "dongcun-007.yaml").read_text("utf-8") == CASE


def test_invalid_data_is_refused_and_nothing_moves(one_case: Path, cli: Cli) -> None:
    path = one_case / "cases" / "dongcun" / "dongcun-007.yaml"
    path.write_text(CASE.replace("涉及人数: 1", "涉及人数: 0"), encoding="utf-8")
    result = cli("move", "dongcun-007", "--to", "xicun", "--today", TODAY)
    assert result.code == 1
    assert result.out == (
        "cases/dongcun/dongcun-007.yaml:7:7: “涉及人数”至少为 1，而不是 0\n"
        "检查了 2 个文件，发现 1 个问题\n"
    )
    assert result.err == "错误：数据有误，请先修正上面列出的问题（python -m generator validate）\n"
    assert not (one_case / "cases" / "xicun").exists()


def test_a_unit_name_is_printed_written_out(one_case: Path, cli: Cli, fixed_clock: None) -> None:
    campaign = one_case / "campaign.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("名称: 西村,", '名称: "西\\e[8m村##[error]",'), encoding="utf-8"
    )
    result = cli("move", "dongcun-007", "--to", "xicun", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == (
        "已把案件 dongcun-007（东村）移到西\\x1b[8m村##\\x5berror]，新编号 xicun-20261129-090507"
    )
