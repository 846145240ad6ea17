"""An Excel 台账 into case files: our own export without loss, hand-made 附件1 sheets too.

Every row becomes a candidate case that is checked with the same schema and rules as
``validate``; a row that would make an invalid case is reported (``FILE:第N行: reason``) and
nothing is written for it. A row with an ID-card, phone or bank-card number in any of its
columns is refused for that alone (rule ``personal-number``), so no message repeats the number.
The whole sheet is planned before the first file is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.excel import cells as cell
from generator.excel.sheet import TITLE_OF, Row, Sheet, choose
from generator.ledger import personal_numbers, rules, schemacheck
from generator.ledger.casefile import dump_case, write_case_file
from generator.ledger.model import Campaign, Case, case_from_dict, case_to_dict
from generator.ledger.validate import CASES_DIR, ID_PATTERN, normalize_case
from generator.ledger.yamlload import Document

_GROUP = re.compile(r"等\s*([0-9]+)\s*人$")


@dataclass(frozen=True)
class Options:
    unit: str
    screened_on: dt.date | None = None  # 排查日期 for rows that have none
    resolved_on: dt.date | None = None  # 化解日期 for rows marked 已化解 that have none
    risk: str | None = None  # 风险等级 for rows that have none
    update: bool = False


@dataclass(frozen=True)
class Planned:
    row: int
    case: Case
    action: str  # new | update | same


@dataclass
class Plan:
    sheet: str
    planned: list[Planned] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)


def document(data: dict[str, Any]) -> Document:
    """A Document for data built in memory: no positions, so checks point at the row instead."""
    return Document(data)


def check(data: dict[str, Any], campaign: Campaign, today: dt.date) -> list[str]:
    """The messages ``validate`` would give for this case, without positions."""
    doc = document(data)
    found = list(schemacheck.check("case", data, doc))
    if not found:
        found = list(rules.check_case(data, doc, campaign, today))
    return [message for _, _, _, message in found]


def personal_numbers_in(row: Row) -> list[str]:
    """``personal-number`` for each column of the row that holds such a number."""
    found = []
    for key, value in row.values.items():
        kinds = personal_numbers.kinds(cell.text(value))
        if kinds:
            found.append(rules.personal_number_message(f"“{TITLE_OF.get(key, key)}”", kinds))
    return found


class _Row:
    """Turns one sheet row into the file form of a case, collecting every problem on the way."""

    def __init__(self, row: Row, campaign: Campaign, options: Options) -> None:
        self.values = row.values
        self.campaign = campaign
        self.options = options
        self.window = (campaign.start, campaign.end)
        self.problems: list[str] = []

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def has(self, key: str) -> bool:
        return bool(cell.text(self.raw(key)))

    def take(self, key: str, parse: Any, *args: Any) -> Any:
        try:
            return parse(self.raw(key), *args)
        except cell.CellError as err:
            self.problems.append(str(err))
            return None

    def required_text(self, key: str) -> str:
        value = cell.text(self.raw(key))
        if not value:
            self.problems.append(f"“{TITLE_OF[key]}”为空")
        return value

    def day(self, key: str, fallback: dt.date | None, hint: str) -> dt.date | None:
        if self.has(key):
            found: dt.date | None = self.take(key, cell.date, TITLE_OF[key], self.window)
            return found
        if fallback is None:
            self.problems.append(f"没有“{TITLE_OF[key]}”{hint}")
        return fallback

    def build(self) -> dict[str, Any]:
        o, c = self.options, self.campaign
        name = self.required_text("姓名")
        data: dict[str, Any] = {}
        screened = self.day("排查日期", o.screened_on, "（可用 --screened-on 日期 指定）")
        data["排查日期"] = screened.isoformat() if screened else None
        data["信访人"] = {"姓名": name, "住址": self.required_text("住址")}
        if self.has("涉及人数"):
            data["涉及人数"] = self.take("涉及人数", cell.count, "涉及人数")
        else:
            group = _GROUP.search(name)
            data["涉及人数"] = int(group.group(1)) if group else 1
        data["问题属地"] = self.required_text("问题属地")
        data["问题类型"] = (
            self.take("问题类型", cell.CATEGORY.pick) if self.has("问题类型") else None
        )
        if data["问题类型"] is None and not self.has("问题类型"):
            self.problems.append("“问题类型”为空")
        data["主要诉求"] = self.required_text("主要诉求")
        if self.has("风险等级"):
            data["风险等级"] = self.take("风险等级", cell.RISK.pick)
        elif o.risk:
            data["风险等级"] = o.risk
        else:
            self.problems.append("没有“风险等级”（可用 --risk 高|中|低 指定）")
        leaders = {p.name: p.title for p in c.leaders or ()}
        data["包案领导"] = self._person("包案领导", leaders)
        data["责任部门"] = self._department()
        if self.has("分包民警"):
            data["分包民警"] = self._person("分包民警", None)
        if self.has("工作措施") and screened is not None:  # without it the row is refused anyway
            steps = self.take("工作措施", cell.measures, screened, self.window) or []
            data["工作措施"] = [{"日期": d.isoformat(), "内容": t} for d, t in steps]
        state = self.take("是否已化解", cell.RESOLVED.pick) if self.has("是否已化解") else None
        if state is None and not self.has("是否已化解"):
            self.problems.append("“是否已化解”为空")
        data["是否已化解"] = state
        if state == "是" or self.has("化解日期"):
            fallback = o.resolved_on if state == "是" else None
            resolved = self.day("化解日期", fallback, "（可用 --resolved-on 日期 指定）")
            if resolved:
                data["化解日期"] = resolved.isoformat()
        if self.has("化解方式"):
            data["化解方式"] = self.take("化解方式", cell.METHOD.pick)
        if self.has("典型案例") and self.take("典型案例", cell.TYPICAL.pick) == "是":
            data["典型案例"] = True
        note = cell.text(self.raw("备注"))
        if note:
            data["备注"] = note
        return data

    def _person(self, key: str, known: dict[str, str] | None) -> dict[str, str] | None:
        if not self.has(key):
            self.problems.append(f"“{TITLE_OF[key]}”为空")
            return None
        found = self.take(key, cell.person, TITLE_OF[key], known)
        return {"姓名": found[0], "职务": found[1]} if found else None

    def _department(self) -> dict[str, str] | None:
        if not self.has("责任部门"):
            self.problems.append(f"“{TITLE_OF['责任部门']}”为空")
            return None
        names = self.campaign.departments or ()
        found = self.take("责任部门", cell.department, TITLE_OF["责任部门"], names)
        return {"名称": found[0], "责任人": found[1], "职务": found[2]} if found else None


def _same(a: Case, b: Case) -> bool:
    return case_to_dict(a) | {"编号": ""} == case_to_dict(b) | {"编号": ""}


def _sequence(case_id: str, unit: str) -> int | None:
    match = re.fullmatch(rf"{re.escape(unit)}-([0-9]{{3,}})", case_id)
    return int(match.group(1)) if match else None


def _wanted_id(row: Row, unit: str) -> tuple[str | None, str | None]:
    """(the row's 编号, or None for a new case; a problem with it, if any)."""
    value = row.values.get("编号")
    raw = cell.text(value)
    if not raw or re.fullmatch(r"[0-9]+", cell.folded(value)):
        return None, None  # empty, or a hand-made sheet's running number
    if not ID_PATTERN.fullmatch(raw):
        return None, f"“编号”“{raw}”格式不对，应为“单位代码-序号”，如 {unit}-007；新案件请留空"
    if not raw.startswith(f"{unit}-"):
        return None, f"编号“{raw}”不属于单位 {unit}；若要作为{unit}的新案件导入，请清空编号"
    return raw, None


def plan_import(
    sheet: Sheet, campaign: Campaign, existing: Sequence[Case], options: Options, today: dt.date
) -> Plan:
    """What importing the sheet would do, row by row; writes nothing."""
    unit = options.unit
    mine = {c.id: c for c in existing if c.unit == unit}
    taken = set(mine)
    numbers = [n for n in (_sequence(i, unit) for i in mine) if n is not None]
    for row in sheet.rows:
        wanted, _ = _wanted_id(row, unit)
        if wanted and (n := _sequence(wanted, unit)) is not None:
            numbers.append(n)
    next_number = max(numbers, default=0) + 1
    plan = Plan(sheet.name)
    seen: dict[str, int] = {}  # 编号 → the row that has it
    added: dict[str, int] = {}  # new case id → its row
    for row in sheet.rows:
        stored = personal_numbers_in(row)
        if stored:
            plan.refused.append((row.number, "；".join(stored)))
            continue
        wanted, problem = _wanted_id(row, unit)
        if problem:
            plan.refused.append((row.number, problem))
            continue
        if wanted and wanted in seen:
            plan.refused.append((row.number, f"编号“{wanted}”在表中重复（第{seen[wanted]}行已有）"))
            continue
        builder = _Row(row, campaign, options)
        data = builder.build()
        if builder.problems:
            plan.refused.append((row.number, "；".join(builder.problems)))
            continue
        data = normalize_case(data)
        problems = check(data, campaign, today)
        if problems:
            plan.refused.append((row.number, "；".join(problems)))
            continue
        if wanted:
            seen[wanted] = row.number
            case = case_from_dict(data, unit, wanted)
            old = mine.get(wanted)
            if old is None:
                plan.planned.append(Planned(row.number, case, "new"))
            elif _same(old, case):
                plan.planned.append(Planned(row.number, case, "same"))
            elif options.update:
                plan.planned.append(Planned(row.number, case, "update"))
            else:
                plan.refused.append(
                    (row.number, f"案件 {wanted} 已存在且内容不同；要按表格更新它，请加 --update")
                )
            continue
        draft = case_from_dict(data, unit, "")
        twin = next((c for c in mine.values() if _same(c, draft)), None)
        if twin is not None and twin.id in added:
            plan.refused.append((row.number, f"与第{added[twin.id]}行内容相同，未重复导入"))
            continue
        if twin is not None:
            plan.planned.append(Planned(row.number, twin, "same"))
            continue
        while f"{unit}-{next_number:03d}" in taken:
            next_number += 1
        new_id = f"{unit}-{next_number:03d}"
        taken.add(new_id)
        case = case_from_dict(data, unit, new_id)
        mine[new_id] = case
        added[new_id] = row.number
        plan.planned.append(Planned(row.number, case, "new"))
    return plan


def case_path(root: Path, case: Case) -> Path:
    return root / CASES_DIR / case.unit / f"{case.id}.yaml"


def write(root: Path, plan: Plan) -> None:
    """Write the planned new and updated cases, each file atomically, in canonical form."""
    for item in plan.planned:
        if item.action in ("new", "update"):
            data = {k: v for k, v in case_to_dict(item.case).items() if k not in ("编号", "单位")}
            write_case_file(root, case_path(root, item.case), dump_case(data))


def load(path: Path, shown: str, campaign: Campaign, unit: str) -> Sheet:
    chosen = campaign.unit(unit)
    if chosen is None:
        raise UsageError(
            f"单位代码“{unit}”不在 campaign.yaml 中，可选：{'、'.join(campaign.unit_codes())}"
        )
    return choose(path, shown, campaign, chosen)
