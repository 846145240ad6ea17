"""Typed, frozen models of the campaign and its cases.

This is the one place where the files' Chinese keys become English attribute names. Models are
built only from data that has passed validation, so constructors trust their input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.errors import NotFound
from generator.ledger.fields import YES, yes_no

DEFAULT_STALL_DAYS = 15
DEFAULT_OVERDUE_DAYS = 60


def parse_date(value: str | dt.date) -> dt.date:
    """A validated date as the loader gives it (text), or as writers hold it (a date)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@dataclass(frozen=True)
class Person:
    name: str
    title: str

    def label(self) -> str:
        """``姓名（职务）``, the form's way of writing a person in one cell."""
        return f"{self.name}（{self.title}）"


@dataclass(frozen=True)
class Department:
    name: str
    head: str  # 责任人
    title: str  # the 责任人's 职务

    @property
    def responsible(self) -> Person:
        return Person(self.head, self.title)

    def label(self) -> str:
        """``名称：责任人（职务）``, the 责任人 written as any person is."""
        return f"{self.name}：{self.responsible.label()}"


@dataclass(frozen=True)
class Measure:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Phase:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # 村 | 社区 | 单位
    reviewers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Campaign:
    name: str
    organizer: str
    start: dt.date
    end: dt.date
    phases: tuple[Phase, ...]
    units: tuple[Unit, ...]
    leaders: tuple[Person, ...] | None = None  # 人员.包案领导, None when no list is kept
    departments: tuple[str, ...] | None = None  # 人员.责任部门
    stall_days: int = DEFAULT_STALL_DAYS
    overdue_days: int = DEFAULT_OVERDUE_DAYS

    def unit(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def unit_codes(self) -> tuple[str, ...]:
        return tuple(u.code for u in self.units)

    def require_unit(self, code: str) -> Unit:
        """The unit a command was given (--unit, --to); a usage error listing the codes if none."""
        found = self.unit(code)
        if found is None:
            codes = "、".join(self.unit_codes())
            raise NotFound(f"单位代码“{code}”不在 campaign.yaml 中，可选：{codes}")
        return found

    def phase_on(self, day: dt.date) -> Phase | None:
        return next((p for p in self.phases if p.start <= day <= p.end), None)

    def as_of(self, today: dt.date) -> dt.date:
        """The as-of date of a report: the earlier of today and the campaign's end."""
        return min(today, self.end)


@dataclass(frozen=True)
class Case:
    id: str
    unit: str
    screened_on: dt.date  # 排查日期
    petitioner_name: str  # 信访人.姓名 (personal data)
    petitioner_address: str  # 信访人.住址 (personal data)
    people_count: int  # 涉及人数
    location: str  # 问题属地
    category: str  # 问题类型
    demand: str  # 主要诉求
    risk: str  # 风险等级
    leader: Person  # 包案领导
    department: Department  # 责任部门
    police: Person | None  # 分包民警
    measures: tuple[Measure, ...]  # 工作措施, sorted by date
    resolved: bool  # 是否已化解
    resolved_on: dt.date | None  # 化解日期
    resolution: str | None  # 化解方式
    typical: bool  # 典型案例
    note: str  # 备注
    path: str = field(default="", compare=False)  # relative to the repository root

    def last_activity(self) -> dt.date:
        """The latest work-measure date, or 排查日期 for a case with none."""
        return max((m.date for m in self.measures), default=self.screened_on)


def _person(raw: dict[str, Any] | None) -> Person | None:
    return Person(raw["姓名"], raw["职务"]) if raw else None


def case_from_dict(data: dict[str, Any], unit: str, case_id: str, path: str = "") -> Case:
    """Build a Case from validated, normalised data (empty optional keys already dropped)."""
    measures = sorted(
        (Measure(parse_date(m["日期"]), m["内容"]) for m in data.get("工作措施") or ()),
        key=lambda m: m.date,
    )
    leader = _person(data["包案领导"])
    assert leader is not None
    dept = data["责任部门"]
    resolved_on = data.get("化解日期")
    return Case(
        id=case_id,
        unit=unit,
        screened_on=parse_date(data["排查日期"]),
        petitioner_name=data["信访人"]["姓名"],
        petitioner_address=data["信访人"]["住址"],
        people_count=data["涉及人数"],
        location=data["问题属地"],
        category=data["问题类型"],
        demand=data["主要诉求"],
        risk=data["风险等级"],
        leader=leader,
        department=Department(dept["名称"], dept["责任人"], dept["职务"]),
        police=_person(data.get("分包民警")),
        measures=tuple(measures),
        resolved=data["是否已化解"] == YES,
        resolved_on=parse_date(resolved_on) if resolved_on else None,
        resolution=data.get("化解方式"),
        typical=bool(data.get("典型案例", False)),
        note=data.get("备注") or "",
        path=path,
    )


def case_to_dict(case: Case) -> dict[str, Any]:
    """The file form of a case, keys in the schema's order, empty optional keys left out."""
    out: dict[str, Any] = {
        "编号": case.id,
        "单位": case.unit,
        "排查日期": case.screened_on,
        "信访人": {"姓名": case.petitioner_name, "住址": case.petitioner_address},
        "涉及人数": case.people_count,
        "问题属地": case.location,
        "问题类型": case.category,
        "主要诉求": case.demand,
        "风险等级": case.risk,
        "包案领导": {"姓名": case.leader.name, "职务": case.leader.title},
        "责任部门": {
            "名称": case.department.name,
            "责任人": case.department.head,
            "职务": case.department.title,
        },
    }
    if case.police:
        out["分包民警"] = {"姓名": case.police.name, "职务": case.police.title}
    if case.measures:
        out["工作措施"] = [{"日期": m.date, "内容": m.text} for m in case.measures]
    out["是否已化解"] = yes_no(case.resolved)
    if case.resolved_on:
        out["化解日期"] = case.resolved_on
    if case.resolution:
        out["化解方式"] = case.resolution
    if case.typical:
        out["典型案例"] = True
    if case.note:
        out["备注"] = case.note
    return out


def campaign_from_dict(data: dict[str, Any]) -> Campaign:
    people = data.get("人员") or {}
    alerts = data.get("预警") or {}
    leaders = people.get("包案领导")
    departments = people.get("责任部门")
    return Campaign(
        name=data["名称"],
        organizer=data["主办单位"],
        start=parse_date(data["开始日期"]),
        end=parse_date(data["结束日期"]),
        phases=tuple(
            Phase(p["名称"], parse_date(p["开始"]), parse_date(p["结束"])) for p in data["阶段"]
        ),
        units=tuple(
            Unit(u["代码"], u["名称"], u["类型"], tuple(u.get("审核人") or ()))
            for u in data["单位"]
        ),
        leaders=tuple(Person(p["姓名"], p["职务"]) for p in leaders) if leaders else None,
        departments=tuple(departments) if departments else None,
        stall_days=alerts.get("停滞天数", DEFAULT_STALL_DAYS),
        overdue_days=alerts.get("超期天数", DEFAULT_OVERDUE_DAYS),
    )
