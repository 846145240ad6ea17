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

from generator.excel import cells as cell
from generator.excel.rowreader import Options, RowReader, personal_numbers_in
from generator.excel.sheet import Sheet, SheetRow, choose
from generator.ledger import rules, schemacheck
from generator.ledger.casefile import dump_case, write_case_file
from generator.ledger.fields import registry
from generator.ledger.layout import CASES_DIR, ID_PATTERN
from generator.ledger.model import Campaign, Case
from generator.ledger.records import case_from_dict, case_to_dict
from generator.ledger.validate import normalize_case
from generator.ledger.yamlload import Document


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
    found, invalid = schemacheck.examine("case", data, doc)  # all problems at once, as validate
    found += rules.check_case(rules.valid_part(data, invalid), doc, campaign, today)
    return [message for _, _, _, message in found]


def _same(a: Case, b: Case) -> bool:
    return case_to_dict(a) | {"编号": ""} == case_to_dict(b) | {"编号": ""}


def _sequence(case_id: str, unit: str) -> int | None:
    match = re.fullmatch(rf"{re.escape(unit)}-([0-9]{{3,}})", case_id)
    return int(match.group(1)) if match else None


def _wanted_id(row: SheetRow, unit: str) -> tuple[str | None, str | None]:
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


@dataclass
class _Numbers:
    """Which 编号 a unit's cases and the sheet's rows hold while the sheet is planned."""

    unit: str
    mine: dict[str, Case]  # the unit's cases, and the new ones planned so far
    next: int  # the lowest sequence number that may be free
    seen: dict[str, int] = field(default_factory=dict)  # a row's own 编号 → that row
    added: dict[str, int] = field(default_factory=dict)  # a new case's id → its row

    @classmethod
    def of(cls, sheet: Sheet, existing: Sequence[Case], unit: str) -> _Numbers:
        mine = {c.id: c for c in existing if c.unit == unit}
        ids = [*mine, *(w for w in (_wanted_id(r, unit)[0] for r in sheet.rows) if w)]
        numbers = [n for n in (_sequence(i, unit) for i in ids) if n is not None]
        return cls(unit, mine, max(numbers, default=0) + 1)

    def new_id(self, row: int) -> str:
        while f"{self.unit}-{self.next:03d}" in self.mine:
            self.next += 1
        new_id = f"{self.unit}-{self.next:03d}"
        self.added[new_id] = row
        return new_id


def _refusal(row: SheetRow, wanted: str | None, problem: str | None, seen: dict[str, int]) -> str:
    """Why the row is refused before its cells are read: a personal number, a bad 编号."""
    stored = personal_numbers_in(row)
    if stored:
        return "；".join(stored)
    if problem:
        return problem
    if wanted and wanted in seen:
        return f"编号“{wanted}”在表中重复（第{seen[wanted]}行已有）"
    return ""


def _case_data(
    row: SheetRow, sheet: Sheet, campaign: Campaign, options: Options, today: dt.date
) -> tuple[dict[str, Any], str]:
    """The row as a case file's data, normalised, and what ``validate`` says against it."""
    builder = RowReader(row, campaign, options, sheet.epoch)
    data = builder.build()
    if builder.problems:
        return data, "；".join(builder.problems)
    data = normalize_case(data)
    return data, "；".join(check(data, campaign, today))


def _plan_known(plan: Plan, row: int, case: Case, old: Case | None, update: bool) -> None:
    """A row with its own 编号: new, the same, or an update of the case that has it."""
    if old is None:
        plan.planned.append(Planned(row, case, "new"))
    elif _same(old, case):
        plan.planned.append(Planned(row, case, "same"))
    elif update:
        plan.planned.append(Planned(row, case, "update"))
    else:
        plan.refused.append(
            (row, f"案件 {case.id} 已存在且内容不同；要按表格更新它，请加 --update")
        )


def _plan_new(plan: Plan, row: int, data: dict[str, Any], numbers: _Numbers) -> None:
    """A row without 编号: a case already there (by content), or a new one with the next 编号."""
    draft = case_from_dict(data, numbers.unit, "")
    twin = next((c for c in numbers.mine.values() if _same(c, draft)), None)
    if twin is not None and twin.id in numbers.added:
        plan.refused.append((row, f"与第{numbers.added[twin.id]}行内容相同，未重复导入"))
    elif twin is not None:
        plan.planned.append(Planned(row, twin, "same"))
    else:
        case = case_from_dict(data, numbers.unit, numbers.new_id(row))
        numbers.mine[case.id] = case
        plan.planned.append(Planned(row, case, "new"))


def plan_import(
    sheet: Sheet, campaign: Campaign, existing: Sequence[Case], options: Options, today: dt.date
) -> Plan:
    """What importing the sheet would do, row by row; writes nothing."""
    numbers = _Numbers.of(sheet, existing, options.unit)
    plan = Plan(sheet.name)
    for row in sheet.rows:
        wanted, problem = _wanted_id(row, options.unit)
        refusal = _refusal(row, wanted, problem, numbers.seen)
        if not refusal:
            data, refusal = _case_data(row, sheet, campaign, options, today)
        if refusal:
            plan.refused.append((row.number, refusal))
        elif wanted:
            numbers.seen[wanted] = row.number
            case = case_from_dict(data, options.unit, wanted)
            _plan_known(plan, row.number, case, numbers.mine.get(wanted), options.update)
        else:
            _plan_new(plan, row.number, data, numbers)
    return plan


def case_path(root: Path, case: Case) -> Path:
    return root / CASES_DIR / case.unit / f"{case.id}.yaml"


def write(root: Path, plan: Plan) -> None:
    """Write the planned new and updated cases, each file atomically, in canonical form."""
    for item in plan.planned:
        if item.action in ("new", "update"):
            data = registry().without_path(case_to_dict(item.case))
            write_case_file(root, case_path(root, item.case), dump_case(data))


def load(path: Path, shown: str, campaign: Campaign, unit: str) -> Sheet:
    return choose(path, shown, campaign, campaign.require_unit(unit))
