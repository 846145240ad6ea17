"""The core raises domain errors and prints nothing; the command line says them, picks the exit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cli.explain import explain
from generator.core.summary import require_period, summarize
from generator.errors import DataError, NotFound, ProblemsFound, UsageError
from generator.ledger.validate import checked_ledger, load_ledger
from tests.casemaker import SMALL_CAMPAIGN, case_data, put

TODAY = dt.date(2019, 8, 5)
BAD = "cases/dongcun/dongcun-002.yaml:9:7: “风险等级”的值“很高”不在可选范围内，应为：高、中、低"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    (tmp_path / "campaign.yaml").write_text(SMALL_CAMPAIGN, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11", "2019-07-20"))
    return tmp_path


def test_an_unknown_period_is_not_found_and_the_cli_calls_it_a_usage_error(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = load_ledger(small, TODAY)
    assert ledger.campaign is not None
    summary = summarize(ledger.campaign, ledger.cases, TODAY)
    with pytest.raises(NotFound) as caught:
        require_period(summary, "2019-09-1")
    assert not isinstance(caught.value, UsageError)  # the core knows nothing of commands
    assert explain(caught.value) == 2
    assert capsys.readouterr() == (
        "",
        "用法错误：没有时段“2019-09-1”；本次活动的时段有：2019-07-1、2019-07-2、2019-08-1"
        "（格式 YYYY-MM-1 为上半月，YYYY-MM-2 为下半月）\n",
    )


def test_invalid_data_is_raised_with_its_problems_and_printed_only_by_the_cli(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(small, "dongcun-002", case_data("2019-07-15", 风险等级="很高"))
    with pytest.raises(ProblemsFound) as caught:
        checked_ledger(small, TODAY)
    assert capsys.readouterr() == ("", "")  # the ledger layer printed nothing
    err = caught.value
    assert isinstance(err, DataError)
    assert ([p.text() for p in err.problems], err.files) == ([BAD], 3)
    assert explain(err) == 1
    assert capsys.readouterr() == (
        f"{BAD}\n检查了 3 个文件，发现 1 个问题\n",
        "错误：数据有误，请先修正上面列出的问题（python -m generator validate）\n",
    )
