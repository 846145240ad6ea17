"""tools/bench_rollup.py's members are what the benchmark claims: valid counts.json files
(schema/counts.schema.json, the published copy), 5 to 15 units, days inside 2019-06-25..2019-09-30
and the member's own window, every case counted once, open rows that are the cases not resolved;
each served at its own URL on 127.0.0.1 and named in the ROLLUP.yaml written beside them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT
from tools import bench_rollup

SCHEMA = json.loads((ROOT / "schema/counts.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def members() -> dict[str, dict]:
    return bench_rollup.make_members(25)


def test_members_are_valid_and_hold_500_cases_each_on_average(members: dict[str, dict]) -> None:
    assert len(members) == len(set(members)) == 25
    for doc in members.values():
        jsonschema.validate(doc, SCHEMA)
    assert sum(d["screened"] for doc in members.values() for d in doc["days"]) == 25 * 500
    assert [n for n, doc in enumerate(members.values()) if doc["end"] is None] == [9, 19]
    assert {5 <= len(doc["units"]) <= 15 for doc in members.values()} == {True}


def test_days_lie_in_the_window_and_open_is_what_was_not_resolved(members: dict) -> None:
    for doc in members.values():
        dates = [d["date"] for d in doc["days"]]
        assert dates == sorted(dates)
        assert doc["start"] <= dates[0] and dates[-1] <= min(doc["as_of"], "2019-09-30")
        assert doc["start"] >= "2019-06-25" and (doc["end"] or "2019-09-30") <= "2019-09-30"
        left: Counter[str] = Counter()
        for d in doc["days"]:
            left[d["unit"]] += d["screened"] - d["resolved"]
        assert {r["unit"]: r["open"] for r in doc["open"]} == {
            u["code"]: left[u["code"]] for u in doc["units"]
        }
        assert all(r[k] <= r["open"] for r in doc["open"] for k in bench_rollup.ALERTS)


def test_each_member_is_served_at_its_own_url(tmp_path: Path, members: dict) -> None:
    with bench_rollup.Server() as base:
        rollup = bench_rollup.write_rollup(tmp_path / "n25", base, members)
        data = yaml.safe_load(rollup.read_text(encoding="utf-8"))
        assert [m["名称"] for m in data["成员"]] == list(members)
        first, last = data["成员"][0]["来源"], data["成员"][-1]["来源"]
        assert last == f"{base}/n25/m025/data/counts.json"
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy
        with direct.open(first, timeout=5) as answer:
            assert json.load(answer) == next(iter(members.values()))
        with pytest.raises(urllib.error.HTTPError) as err:
            direct.open(f"{base}/n25/m026/data/counts.json", timeout=5)
        err.value.close()
        assert err.value.code == 404
