"""``summary`` on the command line: exact table, CSV bytes and JSON, and its usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.casemaker import SMALL_CAMPAIGN, case_data, put

GOLDEN = Path(__file__).resolve().parent / "golden"
ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three units; dongcun-001 screened 7/11 and resolved 7/20, two open, one resolved at once."""
    (tmp_path / "campaign.yaml").write_text(SMALL_CAMPAIGN, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    put(tmp_path, "dongcun-001", case_data("2019-07-11", "2019-07-20"))
    put(tmp_path, "dongcun-002", case_data("2019-07-15"))
    put(tmp_path, "xicun-001", case_data("2019-07-16", "2019-07-16"))
    put(tmp_path, "xicun-002", case_data("2019-08-02"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The table of the small fixture above, checked by hand: dongcun-001 resolved 7/20 counts in
# 2019-07-2 (200% there), xicun-001 screened and resolved 7/16; not rewritten by update-golden.
TABLE = (GOLDEN / "summary-small.txt").read_text(encoding="utf-8")


def test_table(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("summary", "--today", TODAY)
    assert (result.code, result.out, result.err) == (0, TABLE, "")


def test_table_one_period(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("summary", "--today", TODAY, "--period", "2019-07-2")
    block = TABLE.split("\n\n")
    assert result.out == "\n\n".join([block[0], block[2], block[4]])


def test_table_as_of_today(small: Path, cli: Callable[..., Any]) -> None:
    (small / "cases/xicun/xicun-002.yaml").unlink()  # screened 8/2, after this "today"
    result = cli("summary", "--today", "2019-07-25", "--period", "2019-08-1")
    lines = result.out.splitlines()
    assert lines[0] == "小河街道信访矛盾大排查大化解活动 汇总表（统计截至 2019-07-25）"
    # A period after the as-of date is listed, with the running sums carried into it.
    assert lines[7] == "合计                 0       0       —           3           2       66.7%"


CSV = (
    "\ufeff报送单位,排查数,化解数,化解率,累计排查数,累计化解数,累计化解率\r\n"
    "东村,0,1,—,2,1,50.0%\r\n"
    "西村,1,1,100.0%,1,1,100.0%\r\n"
    "工业园区管委会,0,0,—,0,0,—\r\n"
    "合计,1,2,200.0%,3,2,66.7%\r\n"
)


CSV_ARGS = ("--format", "csv", "--period", "2019-07-2")


def test_csv_bytes(small: Path) -> None:
    # A subprocess, so the bytes are exactly what a clerk's `> 汇总表.csv` would hold.
    out = subprocess.run(
        [sys.executable, "-m", "generator", "summary", "--today", TODAY, *CSV_ARGS],
        capture_output=True,
        check=True,
        cwd=small,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    ).stdout
    assert out == CSV.encode("utf-8")
    assert out.startswith(b"\xef\xbb\xbf")


def test_csv_every_period(small: Path, cli: Callable[..., Any]) -> None:
    lines = cli("summary", "--today", TODAY, "--format", "csv").out.split("\r\n")
    assert lines[0] == (
        "\ufeff时段,开始日期,结束日期,报送单位,排查数,化解数,化解率,累计排查数,累计化解数,累计化解率"
    )
    assert lines[1] == "2019年7月上半月,2019-07-10,2019-07-15,东村,2,0,0.0%,2,0,0.0%"
    assert lines[-2] == "2019年8月上半月,2019-08-01,2019-08-05,合计,1,0,0.0%,4,2,50.0%"
    assert len(lines) == 1 + 3 * 4 + 1  # header, 3 periods × (3 units + 合计), final CRLF


def test_json(small: Path, cli: Callable[..., Any]) -> None:
    result = cli("summary", "--today", TODAY, "--format", "json", "--period", "2019-07-2")
    assert result.out.endswith("}\n")
    assert json.loads(result.out) == {
        "campaign": "小河街道信访矛盾大排查大化解活动",
        "as_of": "2019-08-05",
        "periods": [
            {
                "id": "2019-07-2",
                "start": "2019-07-16",
                "end": "2019-07-31",
                "rows": [
                    {"unit": "dongcun", "name": "东村", "screened": 0, "resolved": 1, "rate": None,
                     "cum_screened": 2, "cum_resolved": 1, "cum_rate": 0.5},
                    {"unit": "xicun", "name": "西村", "screened": 1, "resolved": 1, "rate": 1.0,
                     "cum_screened": 1, "cum_resolved": 1, "cum_rate": 1.0},
                    {"unit": "gongye", "name": "工业园区管委会", "screened": 0, "resolved": 0,
                     "rate": None, "cum_screened": 0, "cum_resolved": 0, "cum_rate": None},
                ],
                "total": {"screened": 1, "resolved": 2, "rate": 2.0, "cum_screened": 3,
                          "cum_resolved": 2, "cum_rate": 2 / 3},
            }
        ],
    }  # fmt: skip


def test_invalid_period(small: Path, cli: Callable[..., Any]) -> None:
    for fmt in ("table", "csv", "json"):
        result = cli("summary", "--today", TODAY, "--period", "2019-09-1", "--format", fmt)
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            "用法错误：没有时段“2019-09-1”；本次活动的时段有：2019-07-1、2019-07-2、2019-08-1"
            "（格式 YYYY-MM-1 为上半月，YYYY-MM-2 为下半月）\n"
        )


def test_invalid_data_exits_1(small: Path, cli: Callable[..., Any]) -> None:
    put(small, "xicun-003", case_data("2019-09-01"))
    result = cli("summary", "--today", TODAY)
    assert result.code == 1
    assert "cases/xicun/xicun-003.yaml:1:7: “排查日期” 2019-09-01 不在活动期间" in result.out
    assert result.err == "错误：数据有误，请先修正上面列出的问题（python -m generator validate）\n"


def test_sample_goldens(sample_repo: Path, cli: Callable[..., Any]) -> None:
    def golden(name: str) -> str:
        return (GOLDEN / name).read_bytes().decode("utf-8")

    assert cli("summary", "--today", TODAY, "--format", "json").out == golden("summary.json")
    assert cli("summary", "--today", TODAY, "--format", "csv").out == golden("summary.csv")
    table = cli("summary", "--today", TODAY, "--period", "2019-08-1").out
    assert table == golden("summary-2019-08-1.txt")
