"""The committed sample covers what every page needs and is exactly what make_sample writes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.core.periods import periods
from generator.ledger.casefile import dump_case
from generator.ledger.model import Case
from generator.ledger.schema import enum_values
from generator.ledger.validate import Ledger, load_campaign, load_ledger
from tools import make_sample
from tools.synthetic import make_cases, render_case, write_repo

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
GROUP = re.compile(r"^(.+)等([0-9]+)人$")
MONTH_ENDS = {dt.date(2019, 6, 30), dt.date(2019, 7, 31), dt.date(2019, 8, 31)}


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger(ROOT, dt.date.fromisoformat(TODAY))


@pytest.fixture(scope="module")
def cases(ledger: Ledger) -> list[Case]:
    assert ledger.problems == []
    return ledger.cases


def base_name(case: Case) -> str:
    match = GROUP.match(case.petitioner_name)
    return match.group(1) if match else case.petitioner_name


def test_sample_validates_clean(sample_repo: Path, cli: Callable[..., Any]) -> None:
    files = len(list((sample_repo / "cases").glob("*/*.yaml")))
    assert files >= 120
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out) == (0, f"检查了 {files + 1} 个文件，发现 0 个问题\n")


def test_units_uneven_with_one_empty(ledger: Ledger, cases: list[Case]) -> None:
    assert ledger.campaign is not None
    per_unit = Counter(c.unit for c in cases)
    counts = [per_unit[code] for code in ledger.campaign.unit_codes()]
    assert len(counts) == 12
    assert counts.count(0) == 1
    assert max(counts) >= 5 * min(n for n in counts if n)


def test_every_type_and_risk_level(cases: list[Case]) -> None:
    assert {c.category for c in cases} == set(enum_values("问题类型"))
    assert {c.risk for c in cases} == set(enum_values("风险等级"))


def test_resolved_and_open_mix(cases: list[Case]) -> None:
    resolved = sum(c.resolved for c in cases)
    assert 0.60 <= resolved / len(cases) <= 0.70
    assert all(1 <= len(c.measures) <= 5 for c in cases)
    assert any(m.date > c.resolved_on for c in cases if c.resolved_on for m in c.measures)


def test_every_period_and_edge_day(ledger: Ledger, cases: list[Case]) -> None:
    assert ledger.campaign is not None
    screened = {c.screened_on for c in cases}
    resolved = {c.resolved_on for c in cases if c.resolved_on}
    for period in periods(ledger.campaign.start, ledger.campaign.end):
        assert any(period.contains(day) for day in screened), period.id
    for days in (screened, resolved):
        assert {d.day for d in days} >= {15, 16}
        assert days >= MONTH_ENDS


def test_typical_cases_are_resolved(cases: list[Case]) -> None:
    typical = [c for c in cases if c.typical]
    assert 5 <= len(typical) <= 12
    assert all(c.resolved for c in typical)


def test_alerts_have_something_to_show(ledger: Ledger, cases: list[Case]) -> None:
    campaign = ledger.campaign
    assert campaign is not None
    as_of = campaign.end  # the as-of date of any report run after the campaign
    open_ = [c for c in cases if not c.resolved]
    assert any(c.risk == "高" for c in open_)
    stalled = [c for c in open_ if (as_of - c.last_activity()).days >= campaign.stall_days]
    overdue = [c for c in open_ if (as_of - c.screened_on).days > campaign.overdue_days]
    assert len(stalled) >= 3
    assert len(overdue) >= 3


def test_people_are_invented_and_distinct(cases: list[Case]) -> None:
    officials = {c.leader.name for c in cases} | {c.department.head for c in cases}
    officials |= {c.police.name for c in cases if c.police}
    for case in cases:
        name = base_name(case)
        assert "某" not in name
        assert 2 <= len(name) <= 3
        assert not any(name in o or o in name for o in officials), case.id
    groups = [c for c in cases if GROUP.match(c.petitioner_name)]
    assert len(groups) >= 5
    for case in groups:
        match = GROUP.match(case.petitioner_name)
        assert match and int(match.group(2)) == case.people_count


def test_addresses_are_never_places(cases: list[Case]) -> None:
    assert {c.petitioner_address for c in cases}.isdisjoint({c.location for c in cases})


def test_free_text_names_the_petitioner_sometimes(cases: list[Case]) -> None:
    """So the privacy scrubbing on the site has something to scrub."""
    in_demand = [c for c in cases if base_name(c) in c.demand]
    in_measure = [c for c in cases if any(base_name(c) in m.text for m in c.measures)]
    address = [c for c in cases if any(c.petitioner_address in m.text for m in c.measures)]
    assert min(len(in_demand), len(in_measure), len(address)) >= 3


def _sample_into(dest: Path) -> dict[str, bytes]:
    dest.mkdir()
    shutil.copy(ROOT / "campaign.yaml", dest / "campaign.yaml")
    make_sample.write_sample(dest)
    return {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.glob("cases/*/*.yaml")}


def test_make_sample_is_deterministic_and_committed(tmp_path: Path) -> None:
    first = _sample_into(tmp_path / "a")
    assert first == _sample_into(tmp_path / "b")
    committed = {
        p.relative_to(ROOT).as_posix(): p.read_bytes() for p in ROOT.glob("cases/*/*.yaml")
    }
    assert first == committed, "cases/ differs from tools/make_sample.py: run make sample"


def test_make_sample_replaces_old_files(tmp_path: Path) -> None:
    stale = tmp_path / "cases" / "wenhua" / "wenhua-999.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("旧文件\n", encoding="utf-8")
    shutil.copy(ROOT / "campaign.yaml", tmp_path / "campaign.yaml")
    assert make_sample.write_sample(tmp_path) == make_sample.COUNT
    assert not stale.parent.exists()


def test_synthetic_repo_validates_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    write_repo(tmp_path, 500, seed=3)
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out) == (0, "检查了 501 个文件，发现 0 个问题\n")


def test_synthetic_ids_and_dates() -> None:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    today = dt.date(2019, 7, 20)
    made = make_cases(campaign, 300, seed=1, today=today)
    for code in campaign.unit_codes():
        ids = [case_id for unit, case_id, _ in made if unit == code]
        assert ids == [f"{code}-{i:03d}" for i in range(1, len(ids) + 1)]
    for _, _, data in made:
        assert "编号" not in data and "单位" not in data
        assert data.get("典型案例", True) is True
        days = [data["排查日期"], *(m["日期"] for m in data["工作措施"])]
        days += [data["化解日期"]] if "化解日期" in data else []
        assert all(campaign.start <= d <= today for d in days)
    assert make_cases(campaign, 300, seed=1, today=today) == made
    assert make_cases(campaign, 300, seed=2, today=today) != made


def test_fast_renderer_matches_dump_case() -> None:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    for _, _, data in make_cases(campaign, 500, seed=3):
        assert render_case(data) == dump_case(data)
    # a string the plain style cannot hold falls back to dump_case's quoting
    assert render_case({"备注": "123"}) == '备注: "123"\n'
    assert render_case({"备注": "- 注意"}) == '备注: "- 注意"\n'
