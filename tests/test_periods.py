"""Half-month periods: ids, bounds, clipping to the campaign, and that they tile it exactly."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.core.periods import Period, find, half_bounds, period_id, periods, valid_id

D = dt.date


def test_sample_campaign_periods() -> None:
    found = [(p.id, p.start, p.end) for p in periods(D(2019, 6, 25), D(2019, 9, 25))]
    assert found == [
        ("2019-06-2", D(2019, 6, 25), D(2019, 6, 30)),
        ("2019-07-1", D(2019, 7, 1), D(2019, 7, 15)),
        ("2019-07-2", D(2019, 7, 16), D(2019, 7, 31)),
        ("2019-08-1", D(2019, 8, 1), D(2019, 8, 15)),
        ("2019-08-2", D(2019, 8, 16), D(2019, 8, 31)),
        ("2019-09-1", D(2019, 9, 1), D(2019, 9, 15)),
        ("2019-09-2", D(2019, 9, 16), D(2019, 9, 25)),
    ]


def test_period_ids_at_the_edges() -> None:
    assert period_id(D(2019, 7, 15)) == "2019-07-1"
    assert period_id(D(2019, 7, 16)) == "2019-07-2"
    assert period_id(D(2019, 7, 1)) == "2019-07-1"
    assert period_id(D(2020, 2, 29)) == "2020-02-2"
    assert half_bounds(D(2020, 2, 20)) == (D(2020, 2, 16), D(2020, 2, 29))
    assert half_bounds(D(2019, 2, 20)) == (D(2019, 2, 16), D(2019, 2, 28))
    assert half_bounds(D(2019, 12, 31)) == (D(2019, 12, 16), D(2019, 12, 31))


def test_labels() -> None:
    first, second = periods(D(2019, 12, 10), D(2019, 12, 20))
    assert (first.label(), second.label()) == ("2019年12月上半月", "2019年12月下半月")


def test_one_day_campaign() -> None:
    assert periods(D(2019, 7, 16), D(2019, 7, 16)) == [
        Period(D(2019, 7, 16), D(2019, 7, 16), "2019-07-2")
    ]


def test_find_and_valid_id() -> None:
    all_periods = periods(D(2019, 6, 25), D(2019, 9, 25))
    assert find(all_periods, "2019-08-2") == Period(D(2019, 8, 16), D(2019, 8, 31), "2019-08-2")
    assert find(all_periods, "2019-10-1") is None
    assert [
        valid_id(t) for t in ("2019-07-1", "2019-07-2", "2019-07-3", "2019-13-1", "2019-7-1")
    ] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert valid_id("２０１９-07-1") is False  # full-width digits are not an id


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)),
    length=st.integers(min_value=0, max_value=800),
)
@example(start=D(2020, 2, 1), length=40)  # a leap-year February
@example(start=D(2019, 7, 3), length=0)  # a one-day campaign
@example(start=D(2019, 7, 16), length=90)  # starting on the 16th
@example(start=D(2019, 12, 20), length=45)  # across the new year
def test_periods_tile_the_campaign(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    found = periods(start, end)
    assert found[0].start == start
    assert found[-1].end == end
    for before, after in itertools.pairwise(found):
        assert after.start == before.end + dt.timedelta(days=1)  # contiguous, no overlap
        assert before.id < after.id
    for p in found:
        assert p.start <= p.end
        assert period_id(p.start) == period_id(p.end) == p.id  # inside one half month
        assert valid_id(p.id)
    assert sum((p.end - p.start).days + 1 for p in found) == length + 1
