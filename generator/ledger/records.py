"""Case and campaign files' data as models and back: where the Chinese keys meet the attributes.

Models are built only from data that has passed validation, so these functions trust it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.ledger.model import (
    DEFAULT_OVERDUE_DAYS,
    DEFAULT_STALL_DAYS,
    Campaign,
    Case,
    Department,
    Measure,
    Person,
    Phase,
    Unit,
    parse_date,
)
from generator.ledger.profile import PRESET, Profile, profile_from_dict


def _person(raw: dict[str, Any] | None) -> Person | None:
    return Person(raw["姓名"], raw["职务"]) if raw else None


def case_from_dict(
    data: dict[str, Any], unit: str, case_id: str, path: str = "", profile: Profile = PRESET
) -> Case:
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
        resolved=profile.is_resolved(data["是否已化解"]),
        resolved_on=parse_date(resolved_on) if resolved_on else None,
        resolution=data.get("化解方式"),
        typical=bool(data.get("典型案例", False)),
        note=data.get("备注") or "",
        path=path,
        status=data["是否已化解"],
        **_optional(data),
    )


def _optional(data: dict[str, Any]) -> dict[str, Any]:
    """The optional fields' attributes of a case that has them (a profile switched them on)."""
    assigned = data.get("交办") or {}
    stability = data.get("稳控") or {}
    visit = data.get("回访") or {}
    return {
        "deadline": _day(data.get("化解时限")),
        "intake": data.get("信访形式"),
        "assigned_unit": assigned.get("单位"),
        "assigned_doc": assigned.get("文号") or None,
        "assigned_on": _day(assigned.get("日期")),
        "stability_person": _person(stability.get("责任人")),
        "stability_measures": stability.get("措施") or None,
        "repeat": data.get("重复信访"),
        "visited_on": _day(visit.get("日期")),
        "satisfaction": visit.get("满意度"),
        "original_id": data.get("原编号"),
    }


def _day(value: str | None) -> dt.date | None:
    return parse_date(value) if value else None


def _optional_dict(case: Case) -> dict[str, Any]:
    """The file form of the optional fields a case has, in the catalogue's order."""
    parts: dict[str, Any] = {
        "化解时限": case.deadline,
        "信访形式": case.intake,
        "交办": _kept(
            {"单位": case.assigned_unit, "文号": case.assigned_doc, "日期": case.assigned_on}
        ),
        "稳控": _kept(
            {"责任人": _person_dict(case.stability_person), "措施": case.stability_measures}
        ),
        "重复信访": case.repeat,
        "回访": _kept({"日期": case.visited_on, "满意度": case.satisfaction}),
        "原编号": case.original_id,
    }
    return {key: value for key, value in parts.items() if value is not None}


def _kept(parts: dict[str, Any]) -> dict[str, Any] | None:
    """The parts that are there; None when none is."""
    kept = {key: value for key, value in parts.items() if value is not None}
    return kept or None


def _person_dict(person: Person | None) -> dict[str, str] | None:
    return {"姓名": person.name, "职务": person.title} if person else None


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
        "包案领导": _person_dict(case.leader),
        "责任部门": {
            "名称": case.department.name,
            "责任人": case.department.head,
            "职务": case.department.title,
        },
    }
    if case.police:
        out["分包民警"] = _person_dict(case.police)
    if case.measures:
        out["工作措施"] = [{"日期": m.date, "内容": m.text} for m in case.measures]
    out["是否已化解"] = case.status
    if case.resolved_on:
        out["化解日期"] = case.resolved_on
    if case.resolution:
        out["化解方式"] = case.resolution
    if case.typical:
        out["典型案例"] = True
    if case.note:
        out["备注"] = case.note
    out.update(_optional_dict(case))
    return out


def loaded_form(value: Any) -> Any:
    """Data in our writers' form (dates as dates) as the loader reads it back: dates as text,
    which is what the schema checks."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: loaded_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [loaded_form(v) for v in value]
    return value


def campaign_from_dict(data: dict[str, Any]) -> Campaign:
    people = data.get("人员") or {}
    alerts = data.get("预警") or {}
    leaders = people.get("包案领导")
    departments = people.get("责任部门")
    return Campaign(
        name=data["名称"],
        organizer=data["主办单位"],
        start=parse_date(data["开始日期"]),
        end=parse_date(data["结束日期"]) if data.get("结束日期") else None,
        phases=tuple(
            Phase(p["名称"], parse_date(p["开始"]), parse_date(p["结束"]))
            for p in data.get("阶段") or ()
        ),
        units=tuple(
            Unit(u["代码"], u["名称"], u["类型"], tuple(u.get("审核人") or ()))
            for u in data["单位"]
        ),
        leaders=tuple(Person(p["姓名"], p["职务"]) for p in leaders) if leaders else None,
        departments=tuple(departments) if departments else None,
        stall_days=alerts.get("停滞天数", DEFAULT_STALL_DAYS),
        overdue_days=alerts.get("超期天数", DEFAULT_OVERDUE_DAYS),
        profile=profile_from_dict(data.get("台账")),
    )
