"""``data/counts.json`` (DESIGN.md "Beyond one office"): what a district roll-up reads.

The expectations come from a plain count over the case files read with ``yaml.safe_load``
(tests/sample_counts.py's way), never from the generator's own counting: the day counts, the
open alerts, and the 汇总表 of every period of ``summary --format json`` re-added from the days.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.site.build import Options, build
from tests.conftest import ROOT, TODAY, Result
from tests.sample_counts import case_files

Cli = Callable[..., Result]
D = dt.date.fromisoformat
STANDING = ROOT / "examples/standing"
SCHEMA = json.loads((ROOT / "schema/counts.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's site, built once (masked, the default)."""
    from tests.casemaker import copy_sample

    root = tmp_path_factory.mktemp("counts")
    copy_sample(root)
    build(Options(root=root, out=root / "site", today=D(TODAY)), today_given=D(TODAY))
    return root / "site"


def days_by_hand(root: Path) -> list[dict[str, Any]]:
    """Day × unit counts from the files: days with a count, by date, then unit in file order of
    campaign.yaml (every case of both ledgers lies inside its campaign window)."""
    order = [u["代码"] for u in yaml.safe_load((root / "campaign.yaml").read_text("utf-8"))["单位"]]
    screened: Counter[tuple[dt.date, str]] = Counter()
    resolved: Counter[tuple[dt.date, str]] = Counter()
    for key, case in case_files(root).items():
        unit = key.split("/")[0]
        screened[case["排查日期"], unit] += 1
        if case.get("化解日期"):
            resolved[case["化解日期"], unit] += 1
    keys = sorted(set(screened) | set(resolved), key=lambda k: (k[0], order.index(k[1])))
    return [
        {"date": d.isoformat(), "unit": u, "screened": screened[d, u], "resolved": resolved[d, u]}
        for d, u in keys
    ]


def readd(counts: dict[str, Any], summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary's periods re-added from the day counts: per unit 新排查, 新化解 and 累计."""
    out, cum = [], {u["code"]: [0, 0] for u in counts["units"]}
    for period in summary["periods"]:
        rows = []
        for unit in counts["units"]:
            inside = [
                d
                for d in counts["days"]
                if d["unit"] == unit["code"] and period["start"] <= d["date"] <= period["end"]
            ]
            s, r = sum(d["screened"] for d in inside), sum(d["resolved"] for d in inside)
            cum[unit["code"]][0] += s
            cum[unit["code"]][1] += r
            rows.append([unit["code"], unit["name"], s, r, *cum[unit["code"]]])
        out.append({"id": period["id"], "rows": rows})
    return out


def summary_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    keys = ("unit", "name", "screened", "resolved", "cum_screened", "cum_resolved")
    return [
        {"id": p["id"], "rows": [[r[k] for k in keys] for r in p["rows"]]}
        for p in summary["periods"]
    ]


def open_by_hand(root: Path, as_of: dt.date, high: str) -> list[dict[str, Any]]:
    """Per unit: open, open at the highest risk, open over 60 days, past its own 化解时限,
    15 days or more without a measure (both ledgers keep the default thresholds)."""
    units = [u["代码"] for u in yaml.safe_load((root / "campaign.yaml").read_text("utf-8"))["单位"]]
    files = case_files(root)
    out = []
    for unit in units:
        mine = [c for k, c in files.items() if k.split("/")[0] == unit and not c.get("化解日期")]

        def last(case: dict[str, Any]) -> dt.date:
            return max([m["日期"] for m in case.get("工作措施") or []] or [case["排查日期"]])

        out.append(
            {
                "unit": unit,
                "open": len(mine),
                "high_risk": sum(c["风险等级"] == high for c in mine),
                "overdue": sum((as_of - c["排查日期"]).days > 60 for c in mine),
                "late": sum(bool(c.get("化解时限")) and c["化解时限"] < as_of for c in mine),
                "stalled": sum((as_of - last(c)).days >= 15 for c in mine),
            }
        )
    return out


def test_sample_file_is_the_documented_shape(built: Path) -> None:
    doc = json.loads((built / "data/counts.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    head = {k: doc[k] for k in ("format", "campaign", "organizer", "start", "end", "as_of")}
    assert head == {
        "format": "taizhang-counts/1",
        "campaign": "刘寨街道办事处信访矛盾大排查大化解活动",
        "organizer": "刘寨街道办事处",
        "start": "2019-06-25",
        "end": "2019-09-25",
        "as_of": "2019-09-25",
    }
    assert "rhythm" not in doc  # DESIGN's keys only: days re-add to any rhythm
    assert doc["units"][:2] == [
        {"code": "dongcun", "name": "东村", "type": "村"},
        {"code": "xicun", "name": "西村", "type": "村"},
    ]
    assert len(doc["units"]) == 12
    assert doc["days"] == days_by_hand(ROOT)
    assert doc["open"] == open_by_hand(ROOT, D("2019-09-25"), "高")


def test_sample_days_readd_to_every_period_of_the_summary(
    built: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    doc = json.loads((built / "data/counts.json").read_text(encoding="utf-8"))
    result = cli("summary", "--today", TODAY, "--format", "json")
    summary = json.loads(result.out)
    assert [p["id"] for p in summary["periods"]] == [
        "2019-06-2",
        "2019-07-1",
        "2019-07-2",
        "2019-08-1",
        "2019-08-2",
        "2019-09-1",
        "2019-09-2",
    ]
    assert summary["periods"][-1]["total"]["cum_screened"] == len(case_files(ROOT))
    assert readd(doc, summary) == summary_rows(summary)


def case_strings(root: Path) -> set[str]:
    """Every text of every case: 编号, names, addresses, 诉求, measures, ... (dates are dates)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for key, case in case_files(root).items():
        found.add(key.split("/")[1])  # the 编号 is the file's name
        walk(case)
    return found


def test_no_case_text_in_the_file(built: Path) -> None:
    text = (built / "data/counts.json").read_text(encoding="utf-8")
    decoded = json.dumps(json.loads(text), ensure_ascii=False)
    strings = case_strings(ROOT)
    assert len(strings) > 300
    allowed = {"是", "否", "高", "中", "低"}  # 是否已化解 and 风险等级: words, not a case's text
    leaked = sorted(s for s in strings - allowed if s in decoded)
    assert leaked == []


def test_full_privacy_build_publishes_the_same_counts(built: Path, tmp_path: Path) -> None:
    from tests.casemaker import copy_sample

    copy_sample(tmp_path)
    opts = Options(root=tmp_path, out=tmp_path / "site", today=D(TODAY), privacy="full")
    build(opts, today_given=D(TODAY))
    full = (tmp_path / "site/data/counts.json").read_bytes()
    assert full == (built / "data/counts.json").read_bytes()


def test_standing_monthly_ledger(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.core.counts import counts
    from generator.ledger.validate import checked_ledger
    from generator.site.render import json_file

    monkeypatch.chdir(STANDING)
    campaign, cases = checked_ledger(STANDING, D(TODAY))
    doc = json.loads(json_file(counts(campaign, cases, D(TODAY))))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert (doc["end"], doc["as_of"]) == (None, TODAY)
    assert doc["days"] == days_by_hand(STANDING)
    assert doc["open"] == open_by_hand(STANDING, D(TODAY), "红")
    summary = json.loads(cli("summary", "--today", TODAY, "--format", "json").out)
    assert [p["id"] for p in summary["periods"]] == [f"2026-{m:02d}" for m in range(1, 12)]
    assert summary["periods"][-1]["total"]["cum_screened"] == 8
    assert readd(doc, summary) == summary_rows(summary)
    text = json.dumps(doc, ensure_ascii=False)
    allowed = {"是", "否", "红", "橙", "黄", "蓝"}
    assert sorted(s for s in case_strings(STANDING) - allowed if s in text) == []


def test_package_schema_is_the_committed_one() -> None:
    package = ROOT / "generator/ledger/schemas/counts.schema.json"
    assert (ROOT / "schema/counts.schema.json").read_bytes() == package.read_bytes()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
