"""报送时间 on a 汇总表 (DESIGN.md "Excel"): the day the period was submitted (reports/), else the
period's last day, or the as-of date if that is earlier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.core.reports import sent_on
from generator.core.summary import summarize
from tests.casemaker import SMALL_CAMPAIGN, campaign, case_data, model, put

D = dt.date


def test_sent_on_rule() -> None:
    # a campaign of 2019-07-10 to 2019-08-05, counted as of 2019-07-20
    summary = summarize(
        campaign(D(2019, 7, 10), D(2019, 8, 5)),
        [model("dongcun-001", D(2019, 7, 11))],
        D(2019, 7, 20),
    )
    first, second, third = summary.periods  # 2019-07-1, 2019-07-2, 2019-08-1
    assert sent_on(summary, first, {}) == D(2019, 7, 15)  # over: its last day
    assert sent_on(summary, second, {}) == D(2019, 7, 20)  # still running: the as-of date
    assert sent_on(summary, third, {}) == D(2019, 7, 20)  # still to come: the as-of date too
    sent = {"2019-07-1": {"submitted_on": "2019-07-16"}}
    assert sent_on(summary, first, sent) == D(2019, 7, 16)
    broken = {"2019-07-1": {"submitted_on": "七月十六日"}, "2019-07-2": []}
    assert sent_on(summary, first, broken) == D(2019, 7, 15)
    assert sent_on(summary, second, broken) == D(2019, 7, 20)


def _sent_cell(path: Path) -> Any:
    return load_workbook(path)["汇总表"]["B4"].value


def test_export_writes_the_day_of_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    (tmp_path / "campaign.yaml").write_text(SMALL_CAMPAIGN, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11"))
    monkeypatch.chdir(tmp_path)
    assert (
        cli("export", "--today", "2019-09-01", "--period", "2019-07-1", "--out", "a.xlsx").code == 0
    )
    assert _sent_cell(tmp_path / "a.xlsx") == dt.datetime(2019, 7, 15)
    assert cli("submit", "--today", "2019-07-18", "--period", "2019-07-1").code == 0
    assert (
        cli("export", "--today", "2019-09-01", "--period", "2019-07-1", "--out", "b.xlsx").code == 0
    )
    assert _sent_cell(tmp_path / "b.xlsx") == dt.datetime(2019, 7, 18)
    # the default period, the as-of one (2019-07-2, to 07-31): the as-of date, 07-25
    assert cli("export", "--today", "2019-07-25", "--unit", "dongcun", "--out", "c.xlsx").code == 0
    assert _sent_cell(tmp_path / "c.xlsx") == dt.datetime(2019, 7, 25)
