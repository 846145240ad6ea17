"""Typed, frozen models of the campaign and its cases.

ledger/records.py builds them from the files' data (the one place where the Chinese keys
become these attribute names), only from data that has passed validation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.errors import NotFound
from generator.ledger.fields import yes_no
from generator.ledger.profile import PRESET, Profile

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
    end: dt.date | None  # None: a standing ledger, open to today
    phases: tuple[Phase, ...]
    units: tuple[Unit, ...]
    leaders: tuple[Person, ...] | None = None  # 人员.包案领导, None when no list is kept
    departments: tuple[str, ...] | None = None  # 人员.责任部门
    stall_days: int = DEFAULT_STALL_DAYS
    overdue_days: int = DEFAULT_OVERDUE_DAYS
    profile: Profile = PRESET  # 台账: the office's lists, statuses, rhythm and optional fields

    def unit(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def unit_codes(self) -> tuple[str, ...]:
        return tuple(u.code for u in self.units)

    def require_unit(self, given: str) -> Unit:
        """The unit a command was given (--unit, --to) by code or by name (东村); a usage error
        listing the names and codes if none."""
        found = self.unit(given) or next((u for u in self.units if u.name == given), None)
        if found is None:
            units = "、".join(f"{u.name}（{u.code}）" for u in self.units)
            raise NotFound(f"单位“{given}”不在 campaign.yaml 中，可选（名称或代码）：{units}")
        return found

    def phase_on(self, day: dt.date) -> Phase | None:
        return next((p for p in self.phases if p.start <= day <= p.end), None)

    def as_of(self, today: dt.date) -> dt.date:
        """The as-of date of a report: the earlier of today and the campaign's end, if any."""
        return today if self.end is None else min(today, self.end)

    def ledger_title(self) -> str:
        """The 台账's title row (附件1), the profile's or the 2019 plan's wording."""
        return self.profile.ledger_title or f"{self.organizer}信访矛盾大排查化解活动台账"

    def summary_title(self) -> str:
        """The 汇总表's title row (附件2)."""
        return self.profile.summary_title or f"{self.organizer}信访矛盾大排查化解活动汇总表"


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
    resolved: bool  # 是否已化解 is in the profile's 已化解 group
    resolved_on: dt.date | None  # 化解日期
    resolution: str | None  # 化解方式
    typical: bool  # 典型案例
    note: str  # 备注
    path: str = field(default="", compare=False)  # relative to the repository root
    status: str = ""  # 是否已化解 as written (是, 否, 稳控中 …); "" = 是 or 否 from ``resolved``
    # The optional fields (a profile's 字段); None where the case has none.
    deadline: dt.date | None = None  # 化解时限
    intake: str | None = None  # 信访形式
    assigned_unit: str | None = None  # 交办.单位
    assigned_doc: str | None = None  # 交办.文号
    assigned_on: dt.date | None = None  # 交办.日期
    stability_person: Person | None = None  # 稳控.责任人
    stability_measures: str | None = None  # 稳控.措施
    repeat: bool | None = None  # 重复信访
    visited_on: dt.date | None = None  # 回访.日期
    satisfaction: str | None = None  # 回访.满意度
    original_id: str | None = None  # 原编号

    def __post_init__(self) -> None:
        if not self.status:  # a case made in code with only the flag
            object.__setattr__(self, "status", yes_no(self.resolved))

    def last_activity(self) -> dt.date:
        """The latest work-measure date, or 排查日期 for a case with none."""
        return max((m.date for m in self.measures), default=self.screened_on)
