"""Reporting rhythms (报送周期 周/半月/月/季): periods, labels, the summary in them, ``--period``
by id or by a day, and the names of submitted reports.

Every expectation is written out by hand (ids, days, labels, counts) or, for the property test,
computed by a second and much simpler rule: group the window's days by the id a calendar gives.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.core.periods import (
    RHYTHMS,
    DayIndex,
    Period,
    period_id,
    period_label,
    periods,
    rhythm_of,
    valid_id,
)
from generator.core.reports import load_submitted
from generator.core.summary import Summary, require_period, summarize, to_json
from generator.errors import NotFound
from generator.ledger.model import Campaign
from generator.ledger.profile import Profile
from generator.ledger.reportnames import report_name_problems
from tests import profiles
from tests.casemaker import SMALL_CAMPAIGN, campaign, case_data, model, put

D = dt.date
# A weekly campaign that starts on a Tuesday and runs across the new year (2019-12-17 is a
# Tuesday, 2020-01-20 a Monday; ISO week 1 of 2020 starts on Monday 2019-12-30).
START, END = D(2019, 12, 17), D(2020, 1, 20)


def _spans(rhythm: str, start: dt.date = START, end: dt.date = END) -> list[tuple[str, ...]]:
    return [
        (p.id, p.start.isoformat(), p.end.isoformat(), p.label())
        for p in periods(start, end, rhythm)
    ]


def test_weeks_across_the_new_year() -> None:
    assert _spans("周") == [
        ("2019-W51", "2019-12-17", "2019-12-22", "2019年第51周（12月17日—12月22日）"),
        ("2019-W52", "2019-12-23", "2019-12-29", "2019年第52周（12月23日—12月29日）"),
        ("2020-W01", "2019-12-30", "2020-01-05", "2020年第1周（2019年12月30日—2020年1月5日）"),
        ("2020-W02", "2020-01-06", "2020-01-12", "2020年第2周（1月6日—1月12日）"),
        ("2020-W03", "2020-01-13", "2020-01-19", "2020年第3周（1月13日—1月19日）"),
        ("2020-W04", "2020-01-20", "2020-01-20", "2020年第4周（1月20日）"),
    ]


def test_design_examples_of_weeks() -> None:
    # DESIGN.md: a weekly campaign starting on Tuesday 2019-06-25 opens with 2019-W26, to Sunday
    first = periods(D(2019, 6, 25), D(2019, 9, 25), "周")[0]
    assert first == Period(D(2019, 6, 25), D(2019, 6, 30), "2019-W26")
    assert first.label() == "2019年第26周（6月25日—6月30日）"
    assert (
        Period(D(2019, 7, 1), D(2019, 7, 7), "2019-W27").label() == "2019年第27周（7月1日—7月7日）"
    )


def test_week_clipped_inside_the_other_year_shows_the_years() -> None:
    # 2020-W01 cut off at the end of 2019: its days are not in its week-year
    last = periods(D(2019, 12, 20), D(2019, 12, 31), "周")[-1]
    assert last.id == "2020-W01"
    assert last.label() == "2020年第1周（2019年12月30日—2019年12月31日）"


def test_months_and_quarters() -> None:
    assert _spans("月") == [
        ("2019-12", "2019-12-17", "2019-12-31", "2019年12月"),
        ("2020-01", "2020-01-01", "2020-01-20", "2020年1月"),
    ]
    assert _spans("季", D(2019, 6, 25), D(2020, 1, 10)) == [
        ("2019-Q2", "2019-06-25", "2019-06-30", "2019年第二季度"),
        ("2019-Q3", "2019-07-01", "2019-09-30", "2019年第三季度"),
        ("2019-Q4", "2019-10-01", "2019-12-31", "2019年第四季度"),
        ("2020-Q1", "2020-01-01", "2020-01-10", "2020年第一季度"),
    ]
    assert _spans("半月") == [
        ("2019-12-2", "2019-12-17", "2019-12-31", "2019年12月下半月"),
        ("2020-01-1", "2020-01-01", "2020-01-15", "2020年1月上半月"),
        ("2020-01-2", "2020-01-16", "2020-01-20", "2020年1月下半月"),
    ]


def test_labels_from_the_id_alone() -> None:
    # Where only an id is known (a file in reports/): a week shows its full ISO week.
    assert period_label("2019-W51") == "2019年第51周（12月16日—12月22日）"
    assert period_label("2019-W27") == "2019年第27周（7月1日—7月7日）"
    assert period_label("2020-W01") == "2020年第1周（2019年12月30日—2020年1月5日）"
    assert period_label("2020-W53") == "2020年第53周（2020年12月28日—2021年1月3日）"
    assert period_label("2019-07") == "2019年7月"
    assert period_label("2019-Q4") == "2019年第四季度"
    assert period_label("2019-07-2") == "2019年7月下半月"
    # not a period: week 53 of a 52-week year, month 13, quarter 5, a date
    for text in ("2019-W53", "2019-W00", "2019-13", "2019-Q5", "2019-07-01", "2019-7"):
        assert period_label(text) == text


def test_ids_say_their_rhythm() -> None:
    found = {t: rhythm_of(t) for t in ("2019-W27", "2019-07-1", "2019-07", "2019-Q3", "2019-W53")}
    assert found == {
        "2019-W27": "周",
        "2019-07-1": "半月",
        "2019-07": "月",
        "2019-Q3": "季",
        "2019-W53": None,
    }
    assert valid_id("2020-W53", "周") and not valid_id("2020-W53", "月")
    assert not valid_id("2019-07", "半月")  # the default rhythm is the half month
    assert period_id(D(2019, 12, 30), "周") == "2020-W01"
    assert period_id(D(2021, 1, 3), "周") == "2020-W53"
    assert period_id(D(2019, 12, 31), "季") == "2019-Q4"


def _oracle(day: dt.date, rhythm: str) -> str:
    """The id of a day's period, straight from the calendar (a second, simpler rule)."""
    if rhythm == "周":
        return f"{day:%G-W%V}"  # the C library's ISO week-year and week
    if rhythm == "月":
        return f"{day:%Y-%m}"
    if rhythm == "季":
        return f"{day.year}-Q{'0111222333444'[day.month]}"
    return f"{day:%Y-%m}-{1 if day.day < 16 else 2}"


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)),
    length=st.integers(min_value=0, max_value=500),
    rhythm=st.sampled_from(RHYTHMS),
)
@example(start=START, length=(END - START).days, rhythm="周")
@example(start=D(2020, 12, 1), length=60, rhythm="周")  # 2020 has a week 53
@example(start=D(2019, 11, 20), length=0, rhythm="季")  # a one-day campaign
def test_periods_are_the_days_grouped_by_the_calendar(
    start: dt.date, length: int, rhythm: str
) -> None:
    days = [start + dt.timedelta(days=n) for n in range(length + 1)]
    expected = [
        (pid, group[0], group[-1])
        for pid, grouped in itertools.groupby(days, key=lambda d: _oracle(d, rhythm))
        for group in [list(grouped)]
    ]
    found = periods(days[0], days[-1], rhythm)
    assert [(p.id, p.start, p.end) for p in found] == expected
    assert all(rhythm_of(p.id) == rhythm for p in found)
    index = DayIndex(found)
    slots = [index(d) for d in days]
    assert all(n is not None and found[n].contains(d) for n, d in zip(slots, days, strict=True))
    assert index(days[0] - dt.timedelta(days=1)) is None
    assert index(days[-1] + dt.timedelta(days=1)) is None


# Four hand-made cases in the weekly campaign (units 单位1 = dongcun, 单位2 = xicun):
#   dongcun-001 screened 12-17 (W51), resolved 12-31 (2020-W01)
#   dongcun-002 screened 12-22 (Sunday: still W51), open
#   xicun-001   screened 12-30 (2020-W01), resolved 2020-01-05 (Sunday: still 2020-W01)
#   xicun-002   screened 2020-01-06 (W02), resolved 2020-01-20 (W04, the last day)
CASES = [
    model("dongcun-001", D(2019, 12, 17), D(2019, 12, 31)),
    model("dongcun-002", D(2019, 12, 22)),
    model("xicun-001", D(2019, 12, 30), D(2020, 1, 5)),
    model("xicun-002", D(2020, 1, 6), D(2020, 1, 20)),
]
AFTER = D(2020, 3, 1)  # a today after the end: the as-of date is the end


def _campaign(rhythm: str, units: int = 2) -> Campaign:
    """casemaker's campaign over the weekly window, its profile reporting in rhythm."""
    return replace(campaign(START, END, units), profile=Profile(rhythm=rhythm))


def _totals(summary: Summary) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            p.period.id,
            p.total.screened,
            p.total.resolved,
            p.total.cum_screened,
            p.total.cum_resolved,
        )
        for p in summary.periods
    ]


def test_weekly_summary() -> None:
    summary = summarize(_campaign("周"), CASES, AFTER)
    assert (summary.as_of, summary.rhythm) == (END, "周")
    assert _totals(summary) == [
        ("2019-W51", 2, 0, 2, 0),
        ("2019-W52", 0, 0, 2, 0),
        ("2020-W01", 1, 2, 3, 2),
        ("2020-W02", 1, 0, 4, 2),
        ("2020-W03", 0, 0, 4, 2),
        ("2020-W04", 0, 1, 4, 3),
    ]
    week1 = summary.periods[2]
    dongcun, xicun = week1.rows
    # dongcun found nothing in 2020-W01 but resolved one: no rate, half resolved to date
    assert (dongcun.screened, dongcun.resolved, dongcun.rate, dongcun.cum_rate) == (0, 1, None, 0.5)
    assert (xicun.screened, xicun.resolved, xicun.rate, xicun.cum_rate) == (1, 1, 1.0, 1.0)
    assert (week1.total.rate, week1.total.cum_rate) == (2.0, 2 / 3)


def test_monthly_and_quarterly_summaries() -> None:
    monthly = summarize(_campaign("月"), CASES, AFTER)
    assert _totals(monthly) == [("2019-12", 3, 1, 3, 1), ("2020-01", 1, 2, 4, 3)]
    quarterly = summarize(_campaign("季"), CASES, AFTER)
    assert _totals(quarterly) == [("2019-Q4", 3, 1, 3, 1), ("2020-Q1", 1, 2, 4, 3)]
    halves = summarize(_campaign("半月"), CASES, AFTER)
    assert _totals(halves) == [
        ("2019-12-2", 3, 1, 3, 1),
        ("2020-01-1", 1, 1, 4, 2),
        ("2020-01-2", 0, 1, 4, 3),
    ]


def test_weekly_summary_as_of_a_day_inside() -> None:
    # as of Friday 2020-01-10: xicun-002's resolution (01-20) is still to come; later weeks listed
    summary = summarize(_campaign("周"), CASES, D(2020, 1, 10))
    assert _totals(summary)[-3:] == [
        ("2020-W02", 1, 0, 4, 2),
        ("2020-W03", 0, 0, 4, 2),
        ("2020-W04", 0, 0, 4, 2),
    ]
    assert summary.latest().period.id == "2020-W02"


def test_weekly_summary_json() -> None:
    summary = summarize(_campaign("周", units=1), CASES, AFTER)
    assert to_json(summary, only="2020-W01") == {
        "campaign": "测试活动",
        "as_of": "2020-01-20",
        "periods": [
            {
                "id": "2020-W01",
                "start": "2019-12-30",
                "end": "2020-01-05",
                "rows": [
                    {
                        "unit": "dongcun",
                        "name": "单位1",
                        "screened": 0,
                        "resolved": 1,
                        "rate": None,
                        "cum_screened": 2,
                        "cum_resolved": 1,
                        "cum_rate": 0.5,
                    }
                ],
                "total": {
                    "screened": 0,
                    "resolved": 1,
                    "rate": None,
                    "cum_screened": 2,
                    "cum_resolved": 1,
                    "cum_rate": 0.5,
                },
            }
        ],
    }


WEEKLY_EXAMPLE = "本次活动按周报送，时段编号如 2019-W51，也可给出时段内的一天，如 2019-12-17"


def test_period_by_id_or_by_a_day() -> None:
    weekly = summarize(_campaign("周"), CASES, AFTER)
    chosen = {
        t: require_period(weekly, t).period.id
        for t in ("2019-W52", "2019-12-25", "2020-01-01", "2019-12-17", "2020-01-20")
    }
    assert chosen == {
        "2019-W52": "2019-W52",
        "2019-12-25": "2019-W52",
        "2020-01-01": "2020-W01",
        "2019-12-17": "2019-W51",
        "2020-01-20": "2020-W04",
    }
    halves = summarize(_campaign("半月"), CASES, AFTER)
    assert require_period(halves, "2020-01-16").period.id == "2020-01-2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the Monday of the first week: in the week, but not in the (clipped) window
        (
            "2019-12-16",
            f"日期 2019-12-16 不在统计范围（2019-12-17 至 2020-01-20）内；{WEEKLY_EXAMPLE}",
        ),
        (
            "2020-01-21",
            f"日期 2020-01-21 不在统计范围（2019-12-17 至 2020-01-20）内；{WEEKLY_EXAMPLE}",
        ),
        ("2019-02-30", f"“2019-02-30”不是有效的日期；{WEEKLY_EXAMPLE}"),
        ("2019-12-2", f"“2019-12-2”是按半月报送的时段编号；{WEEKLY_EXAMPLE}"),
        ("2020-01", f"“2020-01”是按月报送的时段编号；{WEEKLY_EXAMPLE}"),
        (
            "2019-W50",
            "没有时段“2019-W50”；本次活动的时段有："
            "2019-W51、2019-W52、2020-W01、2020-W02、2020-W03、2020-W04"
            "（格式 YYYY-Www 为按 ISO 8601 编号的年和周，也可给出时段内的一天，如 2019-12-17）",
        ),
    ],
)
def test_period_not_of_the_window(text: str, message: str) -> None:
    weekly = summarize(_campaign("周"), CASES, AFTER)
    with pytest.raises(NotFound) as err:
        require_period(weekly, text)
    assert str(err.value) == message


def test_quarterly_period_message() -> None:
    quarterly = summarize(_campaign("季"), CASES, AFTER)
    with pytest.raises(NotFound) as err:
        require_period(quarterly, "2019-W51")
    assert str(err.value) == (
        "“2019-W51”是按周报送的时段编号；"
        "本次活动按季报送，时段编号如 2019-Q4，也可给出时段内的一天，如 2019-12-17"
    )


def _reports(root: Path, *names: str) -> None:
    (root / "reports").mkdir()
    for name in names:
        (root / "reports" / f"{name}.json").write_text('{"periods": []}', encoding="utf-8")


def test_report_names_against_the_rhythm(tmp_path: Path) -> None:
    _reports(tmp_path, "2019-W52", "2019-12-2", "2019-W53", "汇总")
    found = [
        (p.path, p.line, p.col, p.rule, p.message)
        for p in report_name_problems(tmp_path, "周", START)
    ]
    fits = "本次活动按周报送，报送记录的文件名应为时段编号，如 2019-W51.json"
    assert found == [
        (
            "reports/2019-12-2.json",
            1,
            1,
            "report-period",
            f"“2019-12-2”是按半月报送的时段编号；{fits}",
        ),
        ("reports/2019-W53.json", 1, 1, "report-period", f"文件名“2019-W53”不是时段编号；{fits}"),
        ("reports/汇总.json", 1, 1, "report-period", f"文件名“汇总”不是时段编号；{fits}"),
    ]
    # what the commands read: only the reports of the rhythm
    assert list(load_submitted(tmp_path, "周")) == ["2019-W52"]
    assert list(load_submitted(tmp_path, "半月")) == ["2019-12-2"]


def test_no_reports_folder_no_problems(tmp_path: Path) -> None:
    assert report_name_problems(tmp_path, "半月", START) == []


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The half-month SMALL_CAMPAIGN (2019-07-10 to 2019-08-05) with two cases."""
    (tmp_path / "campaign.yaml").write_text(SMALL_CAMPAIGN, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11", "2019-07-20"))
    put(tmp_path, "xicun-001", case_data("2019-07-16"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_period_by_a_day(small: Path, cli: Callable[..., Any]) -> None:
    by_id = cli("summary", "--today", "2019-09-01", "--period", "2019-07-2", "--format", "json")
    by_day = cli("summary", "--today", "2019-09-01", "--period", "2019-07-31", "--format", "json")
    assert by_day == by_id
    assert [p["id"] for p in json.loads(by_day.out)["periods"]] == ["2019-07-2"]
    table = cli("summary", "--today", "2019-09-01", "--period", "2019-07-10")
    assert table.out.splitlines()[2] == "2019年7月上半月（2019-07-10 至 2019-07-15）"
    sent = cli("submit", "--today", "2019-09-01", "--period", "2019-08-05")
    assert sent.code == 0
    assert sorted(p.name for p in (small / "reports").iterdir()) == ["2019-08-1.json"]


@pytest.mark.parametrize("command", ["summary", "export --out a.xlsx", "submit"])
def test_cli_period_outside_the_window(small: Path, cli: Callable[..., Any], command: str) -> None:
    result = cli(*command.split(), "--today", "2019-09-01", "--period", "2019-08-06")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "用法错误：日期 2019-08-06 不在统计范围（2019-07-10 至 2019-08-05）内；"
        "本次活动按半月报送，时段编号如 2019-07-1，也可给出时段内的一天，如 2019-07-10\n"
    )
    assert not (small / "a.xlsx").exists() and not (small / "reports").exists()


FIGURE_KEYS = ("screened", "resolved", "cum_screened", "cum_resolved")
# tests/profiles.py's ledgers, each period's 合计 worked out by hand from their cases:
# (id, start, end, 排查数, 化解数, 累计排查数, 累计化解数)
PROFILE_FIGURES = {
    # WEEKLY: dongcun-001 found 12-17 (W51), 已化解 12-30 (2020-W01); dongcun-002 found 12-31
    # (2020-W01), 息诉罢访 (a resolved status) 01-06 (W02); dongcun-003 found 01-02 (2020-W01),
    # 稳控中; xicun-001 found 01-06 (W02), 正在化解. Today is after the end (2020-01-20).
    ("weekly", "2020-03-01"): [
        ("2019-W51", "2019-12-17", "2019-12-22", 1, 0, 1, 0),
        ("2019-W52", "2019-12-23", "2019-12-29", 0, 0, 1, 0),
        ("2020-W01", "2019-12-30", "2020-01-05", 2, 1, 3, 1),
        ("2020-W02", "2020-01-06", "2020-01-12", 1, 1, 4, 2),
        ("2020-W03", "2020-01-13", "2020-01-19", 0, 0, 4, 2),
        ("2020-W04", "2020-01-20", "2020-01-20", 0, 0, 4, 2),
    ],
    # MONTHLY, 2019-06-01 to 2019-12-31: dongcun-001 found 06-03, resolved 07-15; dongcun-002
    # found 07-20 and xicun-001 08-31, both open.
    ("monthly", "2020-03-01"): [
        ("2019-06", "2019-06-01", "2019-06-30", 1, 0, 1, 0),
        ("2019-07", "2019-07-01", "2019-07-31", 1, 1, 2, 1),
        ("2019-08", "2019-08-01", "2019-08-31", 1, 0, 3, 1),
        ("2019-09", "2019-09-01", "2019-09-30", 0, 0, 3, 1),
        ("2019-10", "2019-10-01", "2019-10-31", 0, 0, 3, 1),
        ("2019-11", "2019-11-01", "2019-11-30", 0, 0, 3, 1),
        ("2019-12", "2019-12-01", "2019-12-31", 0, 0, 3, 1),
    ],
    # QUARTERLY, standing from 2019-01-01 (no 结束日期: the periods run to today, 08-15):
    # dongcun-001 found 02-10, 销号 04-02; dongcun-002 found 03-31, open; xicun-001 found
    # 05-05, 已终结 06-30.
    ("quarterly", "2019-08-15"): [
        ("2019-Q1", "2019-01-01", "2019-03-31", 2, 0, 2, 0),
        ("2019-Q2", "2019-04-01", "2019-06-30", 1, 2, 3, 2),
        ("2019-Q3", "2019-07-01", "2019-08-15", 0, 0, 3, 2),
    ],
}


def _figures(out: str) -> list[tuple[Any, ...]]:
    """Each period of ``summary --format json``: id, start, end and the 合计 row's counts."""
    return [
        (p["id"], p["start"], p["end"], *(p["total"][k] for k in FIGURE_KEYS))
        for p in json.loads(out)["periods"]
    ]


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write one of tests/profiles.py's ledgers into tmp_path and work there."""

    def write(name: str) -> Path:
        campaign_text, cases = profiles.PROFILES[name]
        monkeypatch.chdir(profiles.write(tmp_path, campaign_text, cases))
        return tmp_path

    return write


@pytest.mark.parametrize(("name", "today"), list(PROFILE_FIGURES))
def test_cli_profile_summaries(
    ledger: Callable[[str], Path], cli: Callable[..., Any], name: str, today: str
) -> None:
    ledger(name)
    found = cli("summary", "--today", today, "--format", "json")
    assert json.loads(found.out)["as_of"] == min(today, PROFILE_FIGURES[name, today][-1][2])
    assert _figures(found.out) == PROFILE_FIGURES[name, today]
    # each period again, named by its last day
    for period in PROFILE_FIGURES[name, today]:
        one = cli("summary", "--today", today, "--period", period[2], "--format", "json")
        assert _figures(one.out) == [period]


def test_cli_weekly_table_submit_and_report_names(
    ledger: Callable[[str], Path], cli: Callable[..., Any]
) -> None:
    root = ledger("weekly")
    table = cli("summary", "--today", "2020-03-01", "--period", "2020-W01").out.splitlines()
    assert table[2] == "2020年第1周（2019年12月30日—2020年1月5日）"  # its days shown once
    assert table[3:6] == [
        "报送单位  排查数  化解数  化解率  累计排查数  累计化解数  累计化解率",
        "东村           2       1   50.0%           3           1       33.3%",
        "西村           0       0       —           0           0           —",
    ]
    submitted = cli("submit", "--today", "2020-03-01", "--period", "2020-01-05")
    assert (submitted.code, submitted.out.splitlines()[0]) == (
        0,
        "已记录2020年第1周（2019年12月30日—2020年1月5日）的汇总表："
        "排查 2 件，化解 1 件；累计排查 3 件，累计化解 1 件",
    )
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["2020-W01.json"]
    (root / "reports/2019-12-2.json").write_text('{"periods": []}', encoding="utf-8")
    checked = cli("validate", "--today", "2020-03-01")
    assert (checked.code, checked.out) == (
        1,
        "reports/2019-12-2.json:1:1: “2019-12-2”是按半月报送的时段编号；"
        "本次活动按周报送，报送记录的文件名应为时段编号，如 2019-W51.json\n"
        "检查了 6 个文件，发现 1 个问题\n",
    )


@pytest.mark.parametrize(
    ("name", "today", "period", "message"),
    [
        (
            "monthly",
            "2020-03-01",
            "2019-Q3",
            "“2019-Q3”是按季报送的时段编号；"
            "本次活动按月报送，时段编号如 2019-06，也可给出时段内的一天，如 2019-06-01",
        ),
        (
            "quarterly",
            "2019-08-15",
            "2019-08-16",
            "日期 2019-08-16 不在统计范围（2019-01-01 至 2019-08-15）内；"
            "本次活动按季报送，时段编号如 2019-Q1，也可给出时段内的一天，如 2019-01-01",
        ),
    ],
)
def test_cli_profile_period_errors(
    ledger: Callable[[str], Path],
    cli: Callable[..., Any],
    name: str,
    today: str,
    period: str,
    message: str,
) -> None:
    ledger(name)
    for command in ("summary", "export --out a.xlsx"):
        found = cli(*command.split(), "--today", today, "--period", period)
        assert (found.code, found.out, found.err) == (2, "", f"用法错误：{message}\n")


def test_standing_ledger_periods_end_at_the_as_of_date() -> None:
    standing = replace(_campaign("月"), end=None)
    summary = summarize(standing, CASES, D(2020, 1, 8))
    assert summary.as_of == D(2020, 1, 8)
    assert [p.period for p in summary.periods] == [
        Period(D(2019, 12, 17), D(2019, 12, 31), "2019-12"),
        Period(D(2020, 1, 1), D(2020, 1, 8), "2020-01"),
    ]
    assert _totals(summary)[-1] == ("2020-01", 1, 1, 4, 2)  # xicun-002's 01-20 not yet counted
    # a today before the start: the first day alone, nothing counted
    early = summarize(standing, CASES, D(2019, 12, 1))
    assert _totals(early) == [("2019-12", 0, 0, 0, 0)]
    assert early.periods[0].period == Period(START, START, "2019-12")


def test_a_week_cut_to_one_day_names_that_day() -> None:
    one = periods(dt.date(2020, 1, 20), dt.date(2020, 1, 20), "周")
    assert [(p.id, p.label()) for p in one] == [("2020-W04", "2020年第4周（1月20日）")]
    across = periods(dt.date(2019, 12, 30), dt.date(2019, 12, 30), "周")
    assert [p.label() for p in across] == ["2020年第1周（2019年12月30日）"]
