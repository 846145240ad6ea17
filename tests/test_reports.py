"""``submit`` records a period's 汇总表; ``summary --compare-submitted`` shows what moved since."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.core.reports import load_submitted
from generator.errors import DataError
from tests.casemaker import SMALL_CAMPAIGN, case_data, put


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "campaign.yaml").write_text(SMALL_CAMPAIGN, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11"))
    put(tmp_path, "xicun-001", case_data("2019-07-12", "2019-07-14"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _row(unit: str, name: str, s: int, r: int, rate: float | None) -> dict[str, Any]:
    return {
        "unit": unit,
        "name": name,
        "screened": s,
        "resolved": r,
        "rate": rate,
        "cum_screened": s,
        "cum_resolved": r,
        "cum_rate": rate,
    }


REPORT = {
    "campaign": "小河街道信访矛盾大排查大化解活动",
    "as_of": "2019-07-16",
    "periods": [
        {
            "id": "2019-07-1",
            "start": "2019-07-10",
            "end": "2019-07-15",
            "rows": [
                _row("dongcun", "东村", 1, 0, 0.0),
                _row("xicun", "西村", 1, 1, 1.0),
                _row("gongye", "工业园区管委会", 0, 0, None),
            ],
            "total": {
                k: v for k, v in _row("", "", 2, 1, 0.5).items() if k not in ("unit", "name")
            },
        }
    ],
    "submitted_on": "2019-07-16",
}


def test_submit_writes_the_report(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("submit", "--period", "2019-07-1", "--today", "2019-07-16")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "已记录2019年7月上半月（2019-07-10 至 2019-07-15）的汇总表：排查 2 件，化解 1 件；"
        "累计排查 2 件，累计化解 1 件\n"
        "  写入 reports/2019-07-1.json，请提交：git add reports/2019-07-1.json\n"
    )
    text = (small / "reports/2019-07-1.json").read_text(encoding="utf-8")
    assert json.loads(text) == REPORT
    assert text == json.dumps(REPORT, ensure_ascii=False, indent=2) + "\n"
    assert '"name": "东村"' in text  # Chinese stays readable in a diff
    assert load_submitted(small) == {"2019-07-1": REPORT}


def test_submit_refuses_a_period_not_yet_over(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("submit", "--period", "2019-07-2", "--today", "2019-07-30")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "用法错误：2019年7月下半月（2019-07-16 至 2019-07-31）尚未结束，今天是 2019-07-30："
        "时段的最后一天起才能报送\n"
    )
    assert not (small / "reports").exists()
    # On the period's last day it may be sent.
    assert cli("submit", "--period", "2019-07-2", "--today", "2019-07-31").code == 0


def test_submit_unknown_period(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("submit", "--period", "2019-06-2", "--today", "2019-07-16")
    assert result.code == 2
    assert result.err.startswith("用法错误：没有时段“2019-06-2”；本次活动的时段有：2019-07-1、")


def test_compare_nothing_submitted(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("summary", "--compare-submitted", "--today", "2019-07-16")
    assert (result.code, result.out) == (
        0,
        "小河街道信访矛盾大排查大化解活动 报送核对（当前数据统计截至 2019-07-16）\n\n"
        "尚无报送记录（reports/ 中没有本次活动时段的报送文件）\n",
    )
    one = cli("summary", "--compare-submitted", "--period", "2019-07-1", "--today", "2019-07-16")
    assert one.out.endswith(
        "\n2019年7月上半月尚未报送（没有 reports/2019-07-1.json），没有可核对的报送记录\n"
    )


def test_compare_unchanged_then_back_dated(small: Path, cli: Callable[..., Any]) -> None:
    cli("submit", "--period", "2019-07-1", "--today", "2019-07-16")
    same = cli("summary", "--period", "2019-07-1", "--compare-submitted", "--today", "2019-07-20")
    assert (same.code, same.out) == (
        0,
        "小河街道信访矛盾大排查大化解活动 报送核对（当前数据统计截至 2019-07-20）\n\n"
        "2019年7月上半月（2019-07-10 至 2019-07-15），2019-07-16 报送：当前数据与报送的一致\n\n"
        "注：差值 = 当前值 − 报送值；报送后补录、改动了已报送时段的日期，就会出现差值。\n",
    )
    # A case entered late, dated back into the reported period, and a resolution moved into it.
    put(small, "dongcun-002", case_data("2019-07-13"))
    put(small, "dongcun-001", case_data("2019-07-11", "2019-07-15"))
    moved = cli("summary", "--compare-submitted", "--today", "2019-07-20")
    assert (moved.code, moved.out) == (
        0,
        "小河街道信访矛盾大排查大化解活动 报送核对（当前数据统计截至 2019-07-20）\n\n"
        "2019年7月上半月（2019-07-10 至 2019-07-15），2019-07-16 报送："
        "当前数据有 8 项与报送的不同\n"
        "报送单位  项目        报送值  当前值  差值\n"
        "东村      排查数           1       2    +1\n"
        "东村      化解数           0       1    +1\n"
        "东村      累计排查数       1       2    +1\n"
        "东村      累计化解数       0       1    +1\n"
        "合计      排查数           2       3    +1\n"
        "合计      化解数           1       2    +1\n"
        "合计      累计排查数       2       3    +1\n"
        "合计      累计化解数       1       2    +1\n"
        "\n"
        "注：差值 = 当前值 − 报送值；报送后补录、改动了已报送时段的日期，就会出现差值。\n",
    )
    as_json = cli("summary", "--compare-submitted", "--format", "json", "--today", "2019-07-20")
    data = json.loads(as_json.out)
    assert data["periods"][0]["id"] == "2019-07-1"
    assert data["periods"][0]["submitted_on"] == "2019-07-16"
    assert data["periods"][0]["differences"][0] == {
        "unit": "dongcun",
        "name": "东村",
        "figure": "screened",
        "submitted": 1,
        "current": 2,
        "delta": 1,
    }
    as_csv = cli("summary", "--compare-submitted", "--format", "csv", "--today", "2019-07-20")
    assert as_csv.out.split("\r\n")[:2] == [
        "\ufeff时段,报送日期,报送单位,项目,报送值,当前值,差值",
        "2019年7月上半月,2019-07-16,东村,排查数,1,2,+1",
    ]


def test_resubmit_needs_replace(small: Path, cli: Callable[..., Any]) -> None:
    cli("submit", "--period", "2019-07-1", "--today", "2019-07-16")
    again = cli("submit", "--period", "2019-07-1", "--today", "2019-07-18")
    assert (again.code, again.out) == (
        0,
        "2019年7月上半月的汇总表已于 2019-07-16 报送，数字没有变化，"
        "未改动 reports/2019-07-1.json\n",
    )
    put(small, "dongcun-002", case_data("2019-07-13"))
    refused = cli("submit", "--period", "2019-07-1", "--today", "2019-07-18")
    assert refused.code == 1
    assert refused.err == (
        "错误：2019年7月上半月的汇总表已报送过（reports/2019-07-1.json），现在的数字与当时不同；"
        "要用现在的数字替换报送记录，请加 --replace"
        "（先用 summary --period 2019-07-1 --compare-submitted 查看差异）\n"
    )
    assert load_submitted(small)["2019-07-1"]["submitted_on"] == "2019-07-16"
    replaced = cli("submit", "--period", "2019-07-1", "--today", "2019-07-18", "--replace")
    assert replaced.code == 0
    report = load_submitted(small)["2019-07-1"]
    assert (report["submitted_on"], report["periods"][0]["total"]["screened"]) == ("2019-07-18", 3)


def test_broken_report(small: Path, cli: Callable[..., Any]) -> None:
    (small / "reports").mkdir()
    (small / "reports/2019-07-1.json").write_text('{"periods": [}\n', encoding="utf-8")
    (small / "reports/README.md").write_text("说明\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_submitted(small)
    assert str(err.value) == "reports/2019-07-1.json:1:14: 不是有效的 JSON（Expecting value）"
    result = cli("summary", "--compare-submitted", "--today", "2019-07-16")
    assert (result.code, result.err) == (
        1,
        "错误：reports/2019-07-1.json:1:14: 不是有效的 JSON（Expecting value）\n",
    )
