"""Every command that takes a unit (export/import/new --unit, move --to) takes its name as well
as its code; an unknown one is a usage error (exit 2) listing the names with their codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.system import clock
from tests.conftest import TODAY, Result

Cli = Callable[..., Result]

UNKNOWN = (
    "用法错误：单位“东村村”不在 campaign.yaml 中，可选（名称或代码）：东村（dongcun）、"
    "西村（xicun）、南庄村（nanzhuang）、北营村（beiying）、刘寨村（liuzhai）、"
    "花园口村（huayuan）、清风社区（qingfeng）、幸福里社区（xingfu）、金水湾社区（jinshui）、"
    "迎宾路社区（yingbin）、文化苑社区（wenhua）、工业园区管委会（gongye）\n"
)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = dt.datetime(2026, 11, 29, 9, 5, 7, tzinfo=clock.SHANGHAI)
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_export_by_name_is_the_export_by_code(
    sample_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1569340800")
    by_code = cli("export", "--out", "code.xlsx", "--unit", "dongcun", "--today", TODAY)
    by_name = cli("export", "--out", "name.xlsx", "--unit", "东村", "--today", TODAY)
    count = len(list((sample_repo / "cases/dongcun").glob("*.yaml")))
    assert count == 29
    assert (by_name.code, by_name.err) == (0, "")
    assert by_name.out == f"已导出东村的台账（{count} 件）和汇总表：name.xlsx\n"
    assert by_code.out == f"已导出东村的台账（{count} 件）和汇总表：code.xlsx\n"
    assert (sample_repo / "name.xlsx").read_bytes() == (sample_repo / "code.xlsx").read_bytes()


def test_import_by_name(sample_repo: Path, cli: Cli) -> None:
    cli("export", "--out", "全办.xlsx", "--today", TODAY)
    result = cli("import", "全办.xlsx", "--unit", "西村", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "新增 0 件，更新 0 件，未导入 0 行，与已有案件相同 9 行（西村，工作表“西村台账”）\n"
    )


def test_new_by_name(sample_repo: Path, cli: Cli, fixed_clock: None) -> None:
    result = cli("new", "--unit", "西村", "--today", TODAY)
    rel = "cases/xicun/xicun-20261129-090507.yaml"
    assert (result.code, result.err) == (0, "")
    assert result.out == f"已新建 {rel}，请填写后运行 python -m generator validate\n"
    assert (sample_repo / rel).is_file()


def test_move_by_name(sample_repo: Path, cli: Cli, fixed_clock: None) -> None:
    result = cli("move", "dongcun-007", "--to", "西村", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == (
        "已把案件 dongcun-007（东村）移到西村，新编号 xicun-20261129-090507"
    )
    assert (sample_repo / "cases/xicun/xicun-20261129-090507.yaml").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--out", "a.xlsx", "--unit", "东村村"),
        ("import", "全办.xlsx", "--unit", "东村村"),
        ("new", "--unit", "东村村"),
        ("move", "dongcun-007", "--to", "东村村"),
    ],
    ids=lambda a: a[0],
)
def test_an_unknown_unit_lists_the_names(
    sample_repo: Path, cli: Cli, fixed_clock: None, args: tuple[str, ...]
) -> None:
    (sample_repo / "全办.xlsx").write_bytes(b"")  # import names the unit before it reads
    before = sorted(p.relative_to(sample_repo) for p in sample_repo.rglob("*"))
    result = cli(*args, "--today", TODAY)
    assert (result.code, result.out, result.err) == (2, "", UNKNOWN)
    assert sorted(p.relative_to(sample_repo) for p in sample_repo.rglob("*")) == before
