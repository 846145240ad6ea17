"""The dashboard's KPI and alert rules (generator.core.alerts), counted at the as-of date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.core import alerts
from generator.ledger.model import Campaign, Case, Phase, Unit
from generator.ledger.records import case_from_dict

D = dt.date.fromisoformat
CAMPAIGN = Campaign(
    name="测试活动",
    organizer="测试街道办事处",
    start=D("2019-06-25"),
    end=D("2019-09-25"),
    phases=(
        Phase("动员部署", D("2019-06-25"), D("2019-06-30")),
        Phase("全面排查", D("2019-07-01"), D("2019-07-31")),
        Phase("集中化解", D("2019-08-01"), D("2019-09-25")),
    ),
    units=(Unit("dongcun", "东村", "村"),),
    stall_days=15,
    overdue_days=60,
)


def case(number: int, screened: str, risk: str = "低", **extra: Any) -> Case:
    data: dict[str, Any] = {
        "排查日期": screened,
        "信访人": {"姓名": "王建国", "住址": "东村一组"},
        "涉及人数": 1,
        "问题属地": "东村一组",
        "问题类型": "其他",
        "主要诉求": "诉求",
        "风险等级": risk,
        "包案领导": {"姓名": "李志强", "职务": "主任"},
        "责任部门": {"名称": "综治办", "责任人": "赵敏", "职务": "主任"},
        "是否已化解": "否",
    }
    if "resolved" in extra:
        data.update({"是否已化解": "是", "化解日期": extra["resolved"]})
    if "measures" in extra:
        data["工作措施"] = [{"日期": d, "内容": "走访"} for d in extra["measures"]]
    return case_from_dict(data, "dongcun", f"dongcun-{number:03d}")


def test_stalled_counts_days_since_last_measure_at_as_of() -> None:
    as_of = D("2019-08-16")
    assert not alerts.is_stalled(case(1, "2019-08-01", measures=["2019-08-02"]), as_of, 15)
    assert alerts.is_stalled(case(2, "2019-08-01", measures=["2019-08-01"]), as_of, 15)  # 15 days
    assert alerts.is_stalled(case(3, "2019-08-01"), as_of, 15)  # no measure: since 排查日期
    assert not alerts.is_stalled(case(4, "2019-08-02"), as_of, 15)  # 14 days
    # A resolved case is never stalled, but one resolved after the as-of date still was.
    assert not alerts.is_stalled(case(5, "2019-07-01", resolved="2019-08-10"), as_of, 15)
    assert alerts.is_stalled(case(6, "2019-07-01", resolved="2019-08-20"), as_of, 15)


def test_overdue_is_open_longer_than_the_limit() -> None:
    as_of = D("2019-09-25")
    assert not alerts.is_overdue(case(1, "2019-07-27"), as_of, 60)  # exactly 60 days
    assert alerts.is_overdue(case(2, "2019-07-26"), as_of, 60)  # 61 days
    assert not alerts.is_overdue(case(3, "2019-07-01", resolved="2019-09-25"), as_of, 60)


def test_figures_and_lists_at_the_as_of_date() -> None:
    cases = [
        case(1, "2019-07-01", "高", measures=["2019-07-02"]),  # high, stalled, overdue
        case(2, "2019-07-10", "高", resolved="2019-08-01"),  # resolved
        case(3, "2019-09-20", "中", measures=["2019-09-21"]),  # fresh
        case(4, "2019-07-05", "低", measures=["2019-09-20"]),  # overdue only
        case(5, "2019-08-01", "高", measures=["2019-08-05"]),  # high, stalled, not overdue
    ]
    as_of = CAMPAIGN.as_of(D("2026-11-29"))
    assert as_of == D("2019-09-25")
    f = alerts.figures(CAMPAIGN, cases, as_of)
    assert (f.total, f.resolved, f.open, f.high_open, f.overdue, f.stalled) == (5, 1, 4, 2, 2, 2)
    assert f.rate == 0.2
    a = alerts.alerts(CAMPAIGN, cases, as_of)
    assert [c.id for c in a.high_open] == ["dongcun-001", "dongcun-005"]
    assert [c.id for c in a.stalled] == ["dongcun-001", "dongcun-005"]  # 85 idle days, then 51
    assert [c.id for c in a.overdue] == ["dongcun-001", "dongcun-004"]


def test_counting_before_the_end_ignores_later_resolutions() -> None:
    cases = [case(1, "2019-07-01", resolved="2019-08-20"), case(2, "2019-07-02")]
    f = alerts.figures(CAMPAIGN, cases, D("2019-08-01"))
    assert (f.total, f.resolved, f.open) == (2, 0, 2)
    assert alerts.figures(CAMPAIGN, [], D("2019-08-01")).rate is None


def test_progress_phase_and_days_left() -> None:
    mid = alerts.progress(CAMPAIGN, D("2019-07-15"))
    assert (mid.as_of, mid.phase and mid.phase.name, mid.days_left, mid.ended) == (
        D("2019-07-15"),
        "全面排查",
        72,
        False,
    )
    after = alerts.progress(CAMPAIGN, D("2026-11-29"))
    assert (after.as_of, after.phase and after.phase.name, after.days_left, after.ended) == (
        D("2019-09-25"),
        "集中化解",
        0,
        True,
    )
