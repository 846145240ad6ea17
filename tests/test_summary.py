"""The 汇总表's counting rules: the sample against a hand-checked golden file, and invariants.

Goldens live in tests/golden/; ``make update-golden`` rewrites them. The hand-checked figures
below are asserted on their own as well, so a regenerated golden cannot hide a counting error.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.core.summary import TOTAL, percent, rate, summarize, to_json
from generator.ledger.model import Case
from generator.ledger.validate import load_ledger
from tests.casemaker import campaign, model
from tests.sample_counts import count_summary, golden_summary, half_month

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 11, 29)
D = dt.date


@pytest.fixture(scope="module")
def sample_json() -> dict:
    ledger = load_ledger(ROOT, TODAY)
    assert ledger.campaign is not None and ledger.problems == []
    return to_json(summarize(ledger.campaign, ledger.cases, TODAY))


def test_sample_matches_golden(sample_json: dict) -> None:
    assert sample_json == json.loads((GOLDEN / "summary.json").read_text(encoding="utf-8"))


def test_golden_matches_a_plain_count_of_the_case_files() -> None:
    plan = yaml.safe_load((ROOT / "campaign.yaml").read_text(encoding="utf-8"))
    units = [(u["代码"], u["名称"]) for u in plan["单位"]]
    days = (plan["结束日期"] - plan["开始日期"]).days + 1
    pids = list(dict.fromkeys(half_month(plan["开始日期"] + dt.timedelta(n)) for n in range(days)))
    assert pids[0] == "2019-06-2" and pids[-1] == "2019-09-2" and len(pids) == 7
    assert golden_summary() == count_summary(units, pids)


def _row(data: dict, period: str, unit: str) -> tuple:
    p = next(p for p in data["periods"] if p["id"] == period)
    r = p["total"] if unit == TOTAL else next(r for r in p["rows"] if r["unit"] == unit)
    keys = ("screened", "resolved", "rate", "cum_screened", "cum_resolved", "cum_rate")
    return tuple(r[k] for k in keys)


# Checked by hand from the case files (grep '^排查日期\|^化解日期' cases/<unit>/*.yaml):
#
# beiying: 001 7/12→8/15, 002 7/14→8/2, 003 7/19→8/2, 004 8/4→8/26, 005 8/10→8/16,
#          006 8/29, 007 9/15
#   2019-06-2: nothing.                          0/0 —,      cum 0/0 —
#   2019-07-1: screened 001, 002          = 2;   2/0 0%,     cum 2/0 0%
#   2019-07-2: screened 003               = 1;   1/0 0%,     cum 3/0 0%
#   2019-08-1: screened 004, 005 = 2; resolved 001, 002, 003 = 3 (screened in July: the flow
#              reading) → 3/2 = 150%;                         cum 5/3 = 60%
#   2019-08-2: screened 006 = 1; resolved 004, 005 = 2 → 200%; cum 6/5 = 83.3%
#   2019-09-1: screened 007 = 1;         1/0 0%,              cum 7/5 = 71.4%
#   2019-09-2: nothing → rate —;                              cum 7/5 = 71.4%
# huayuan: 001 6/30→7/27, 002 8/2
#   2019-06-2: 1/0 0%, cum 1/0;  2019-07-1: 0/0 —, cum 1/0 0%;
#   2019-07-2: screened 0, resolved 1 → rate — (nothing screened), cum 1/1 = 100%;
#   2019-08-1: 1/0 0%, cum 2/1 = 50%
# xicun: 001 7/2, 002 7/3, 003 7/9→7/30, 004 7/13→8/23, 005 7/20→8/13, 006 8/16,
#        007 8/16→8/24, 008 8/25→9/16, 009 9/10→9/20
#   2019-07-1: 4/0; 2019-07-2: 1/1 = 100%, cum 5/1 = 20%; 2019-08-1: 0/1 —, cum 5/2 = 40%;
#   2019-08-2: screened 006, 007, 008 = 3, resolved 004, 007 = 2 → 66.7%, cum 8/4 = 50%;
#   2019-09-1: 1/0, cum 9/4; 2019-09-2: 0/2 —, cum 9/6 = 66.7%
# 合计 2019-06-2: 排查日期 6/25–6/30 in gongye-001, huayuan-001, jinshui-001, liuzhai-001,
#   nanzhuang-001/002/003 = 7; 化解日期 in June: nanzhuang-002 = 1 → 1/7 = 14.3%
# 合计 2019-08-1: 12 files with 排查日期 8/1–8/15, 18 with 化解日期 8/1–8/15 → 150%
# 合计 2019-09-2 cumulative: all 132 files screened, 85 files carry 化解日期 → 64.4%
HAND_CHECKED = {
    ("2019-06-2", "beiying"): (0, 0, None, 0, 0, None),
    ("2019-07-1", "beiying"): (2, 0, 0.0, 2, 0, 0.0),
    ("2019-07-2", "beiying"): (1, 0, 0.0, 3, 0, 0.0),
    ("2019-08-1", "beiying"): (2, 3, 1.5, 5, 3, 0.6),
    ("2019-08-2", "beiying"): (1, 2, 2.0, 6, 5, 5 / 6),
    ("2019-09-1", "beiying"): (1, 0, 0.0, 7, 5, 5 / 7),
    ("2019-09-2", "beiying"): (0, 0, None, 7, 5, 5 / 7),
    ("2019-06-2", "huayuan"): (1, 0, 0.0, 1, 0, 0.0),
    ("2019-07-1", "huayuan"): (0, 0, None, 1, 0, 0.0),
    ("2019-07-2", "huayuan"): (0, 1, None, 1, 1, 1.0),
    ("2019-08-1", "huayuan"): (1, 0, 0.0, 2, 1, 0.5),
    ("2019-07-1", "xicun"): (4, 0, 0.0, 4, 0, 0.0),
    ("2019-07-2", "xicun"): (1, 1, 1.0, 5, 1, 0.2),
    ("2019-08-1", "xicun"): (0, 1, None, 5, 2, 0.4),
    ("2019-08-2", "xicun"): (3, 2, 2 / 3, 8, 4, 0.5),
    ("2019-09-1", "xicun"): (1, 0, 0.0, 9, 4, 4 / 9),
    ("2019-09-2", "xicun"): (0, 2, None, 9, 6, 6 / 9),
    ("2019-06-2", TOTAL): (7, 1, 1 / 7, 7, 1, 1 / 7),
    ("2019-08-1", TOTAL): (12, 18, 1.5, 92, 39, 39 / 92),
    ("2019-09-2", TOTAL): (7, 10, 10 / 7, 132, 85, 85 / 132),
}


@pytest.mark.parametrize(("period", "unit"), list(HAND_CHECKED))
def test_sample_hand_checked(sample_json: dict, period: str, unit: str) -> None:
    assert _row(sample_json, period, unit) == HAND_CHECKED[period, unit]


def test_sample_shape(sample_json: dict) -> None:
    assert sample_json["as_of"] == "2019-09-25"  # the campaign ended before today
    first = sample_json["periods"][0]
    assert list(first) == ["id", "start", "end", "rows", "total"]
    assert list(first["rows"][0]) == [
        "unit",
        "name",
        "screened",
        "resolved",
        "rate",
        "cum_screened",
        "cum_resolved",
        "cum_rate",
    ]
    assert [r["unit"] for r in first["rows"]][:3] == ["dongcun", "xicun", "nanzhuang"]
    assert len(first["rows"]) == 12  # 文化苑社区 has no case and is listed all the same


def test_flow_reading_and_as_of() -> None:
    c = campaign(D(2019, 7, 1), D(2019, 8, 31), units=2)
    cases = [
        model("dongcun-001", D(2019, 7, 2), D(2019, 8, 3)),
        model("dongcun-002", D(2019, 7, 3), D(2019, 8, 4)),
        model("dongcun-003", D(2019, 8, 5)),
    ]
    s = summarize(c, cases, D(2019, 8, 10))
    july, _, august, late_august = s.periods
    assert (july.rows[0].screened, july.rows[0].resolved) == (2, 0)
    # Resolved in August, screened in July: counted in August, so August's rate is 200%.
    assert (august.rows[0].screened, august.rows[0].resolved, august.rows[0].rate) == (1, 2, 2.0)
    assert (august.rows[1].screened, august.rows[1].rate) == (0, None)  # xicun: nothing
    assert august.total.rate == 2.0
    assert s.as_of == D(2019, 8, 10)
    assert s.latest().period.id == "2019-08-1"
    assert late_august.total.cum_screened == 3
    # Before the resolutions happened, they are not counted.
    early = summarize(c, cases, D(2019, 8, 3))
    assert early.period("2019-08-1").total.resolved == 1  # type: ignore[union-attr]


def test_total_rate_is_from_sums_not_an_average() -> None:
    c = campaign(D(2019, 7, 1), D(2019, 7, 15), units=2)
    cases = [model("dongcun-001", D(2019, 7, 2), D(2019, 7, 3))]
    cases += [model(f"xicun-00{i}", D(2019, 7, 2)) for i in range(1, 4)]
    total = summarize(c, cases, D(2019, 9, 1)).periods[0].total
    assert (total.screened, total.resolved, total.rate) == (4, 1, 0.25)  # not (100% + 0%) / 2


def test_percent() -> None:
    assert [percent(x) for x in (None, 0.0, 1 / 3, 2 / 3, 1.5, 1.0)] == [
        "—",
        "0.0%",
        "33.3%",
        "66.7%",
        "150.0%",
        "100.0%",
    ]
    assert rate(1, 0) is None


@st.composite
def ledgers(draw: st.DrawFn) -> tuple:
    start = draw(st.dates(min_value=D(2001, 1, 1), max_value=D(2098, 1, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 200)))
    c = campaign(start, end, units=draw(st.integers(1, 4)))
    span = (end - start).days
    cases: list[Case] = []
    for i in range(draw(st.integers(0, 30))):
        unit = draw(st.sampled_from(c.unit_codes()))
        screened = start + dt.timedelta(days=draw(st.integers(0, span)))
        resolved = None
        if draw(st.booleans()):
            resolved = screened + dt.timedelta(days=draw(st.integers(0, (end - screened).days)))
        cases.append(model(f"{unit}-{i + 1:03d}", screened, resolved))
    today = start + dt.timedelta(days=draw(st.integers(-5, span + 30)))
    return c, cases, today


def _ledger_at(start: dt.date, days: int) -> tuple:
    end = start + dt.timedelta(days=days)
    c = campaign(start, end, units=2)
    cases = [
        model("dongcun-001", start, end),
        model("xicun-001", end),
        model("xicun-002", start, start),
    ]
    return c, cases, end


@settings(max_examples=150, deadline=None)
@given(ledgers())
@example(_ledger_at(D(2020, 2, 10), 30))  # a leap-year February
@example(_ledger_at(D(2019, 7, 3), 0))  # a one-day campaign
@example(_ledger_at(D(2019, 7, 16), 60))  # starting on the 16th
@example(_ledger_at(D(2019, 12, 20), 40))  # across the new year
def test_summary_invariants(ledger: tuple) -> None:
    c, cases, today = ledger
    s = summarize(c, cases, today)
    assert s.as_of == min(today, c.end)
    assert s.periods[0].period.start == c.start and s.periods[-1].period.end == c.end
    for before, after in zip(s.periods, s.periods[1:], strict=False):
        assert after.period.start == before.period.end + dt.timedelta(days=1)
        for old, new in zip((*before.rows, before.total), (*after.rows, after.total), strict=True):
            assert new.cum_screened >= old.cum_screened
            assert new.cum_resolved >= old.cum_resolved
    for p in s.periods:
        assert [r.unit for r in p.rows] == list(c.unit_codes())
        first, last_day = p.period.start, min(p.period.end, s.as_of)
        for r in p.rows:  # new cases by 排查日期, resolutions by 化解日期, both up to as_of
            mine = [x for x in cases if x.unit == r.unit]
            assert r.screened == sum(first <= x.screened_on <= last_day for x in mine)
            assert r.resolved == sum(first <= (x.resolved_on or D.max) <= last_day for x in mine)
        for field in ("screened", "resolved", "cum_screened", "cum_resolved"):
            assert getattr(p.total, field) == sum(getattr(r, field) for r in p.rows)
        for r in (*p.rows, p.total):
            assert (r.rate is None) == (r.screened == 0)
            assert (r.cum_rate is None) == (r.cum_screened == 0)
            assert r.cum_rate is None or 0 <= r.cum_rate <= 1
            assert r.cum_resolved <= r.cum_screened
    last = s.periods[-1].total
    assert last.cum_screened == sum(1 for x in cases if x.screened_on <= s.as_of)
    assert last.cum_resolved == sum(1 for x in cases if x.resolved_on and x.resolved_on <= s.as_of)
