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
from generator.excel.header import SheetRow
from generator.excel.rowreader import Options, RowReader, personal_numbers_in
from generator.excel.sheet import Sheet, choose
from generator.ledger import rules, schemacheck
from generator.ledger.casefile import dump_case, write_case_file
from generator.ledger.fields import Registry, registry
from generator.ledger.layout import CASES_DIR, ID_PATTERN
from generator.ledger.model import Campaign, Case
from generator.ledger.profile import Profile
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
    normalized: list[tuple[int, str]] = field(default_factory=list)  # built-in synonyms used

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)


def document(data: dict[str, Any]) -> Document:
    """A Document for data built in memory: no positions, so checks point at the row instead."""
    return Document(data)


def check(data: dict[str, Any], campaign: Campaign, today: dt.date) -> list[str]:
    """The messages ``validate`` would give for this case, without positions."""
    doc = document(data)
    profile = campaign.profile
    found, invalid = schemacheck.examine(profile.case_schema, data, doc)  # all at once, as validate
    found += rules.check_case(rules.valid_part(data, invalid), doc, campaign, today, profile)
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
    profile: Profile
    mine: dict[str, Case]  # the unit's cases, and the new ones planned so far
    next: int  # the lowest sequence number that may be free
    seen: dict[str, int] = field(default_factory=dict)  # a row's own 编号 → that row
    added: dict[str, int] = field(default_factory=dict)  # a new case's id → its row

    @classmethod
    def of(cls, sheet: Sheet, existing: Sequence[Case], unit: str, profile: Profile) -> _Numbers:
        mine = {c.id: c for c in existing if c.unit == unit}
        ids = [*mine, *(w for w in (_wanted_id(r, unit)[0] for r in sheet.rows) if w)]
        numbers = [n for n in (_sequence(i, unit) for i in ids) if n is not None]
        return cls(unit, profile, mine, max(numbers, default=0) + 1)

    def new_id(self, row: int) -> str:
        while f"{self.unit}-{self.next:03d}" in self.mine:
            self.next += 1
        new_id = f"{self.unit}-{self.next:03d}"
        self.added[new_id] = row
        return new_id


def _refusal(
    row: SheetRow, sheet: Sheet, reg: Registry, wanted: str | None, numbers: _Numbers
) -> str:
    """Why the row is refused before its cells are read: a personal number, a bad 编号."""
    stored = personal_numbers_in(row, sheet.labels, reg)
    if stored:
        return "；".join(stored)
    if wanted and wanted in numbers.seen:
        return f"编号“{wanted}”在表中重复（第{numbers.seen[wanted]}行已有）"
    return ""


def _case_data(
    row: SheetRow, sheet: Sheet, campaign: Campaign, options: Options, plan: Plan, today: dt.date
) -> tuple[dict[str, Any], str]:
    """The row as a case file's data, normalised, and what ``validate`` says against it."""
    builder = RowReader(row, campaign, options, today, sheet.epoch, sheet.labels)
    data = builder.build()
    plan.normalized += [(row.number, said) for said in builder.normalized]
    if builder.problems:
        return data, "；".join(builder.problems)
    data = normalize_case(data)
    return data, "；".join(check(data, campaign, today))


@dataclass(frozen=True)
class _Context:
    campaign: Campaign
    today: dt.date
    update: bool  # --update: a row may change the case it matches
    covered: frozenset[str]  # the case keys the sheet has columns for


def _covered(sheet: Sheet) -> frozenset[str]:
    """The top-level case keys the sheet's columns give (化解日期, 化解方式 go with the status)."""
    keys = {key.split(".", 1)[0] for key in sheet.columns.values()}
    if "是否已化解" in keys:
        keys |= {"化解日期", "化解方式"}
    return frozenset(keys)


def _plain(value: Any) -> Any:
    """A model's file form as the loader gives it: dates as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _kept(old: Case, case: Case, ctx: _Context) -> tuple[Case | None, str]:
    """An update: what the sheet has no column for keeps the case's own value (a hand-made
    sheet without 工作措施 must not wipe the measures); the result is checked again."""
    new, before = case_to_dict(case), case_to_dict(old)
    merged = {k: v for k, v in before.items() if k not in ctx.covered}
    merged |= {k: v for k, v in new.items() if k in ctx.covered}
    data = _plain(registry().without_path(merged))
    problems = check(data, ctx.campaign, ctx.today)
    if problems:
        return None, "按表格更新后案件有误：" + "；".join(problems)
    return case_from_dict(data, old.unit, old.id, profile=ctx.campaign.profile), ""


def _plan_known(plan: Plan, row: int, case: Case, old: Case | None, ctx: _Context) -> None:
    """A row with its own 编号: new, the same, or an update of the case that has it."""
    if old is not None:
        kept, problem = _kept(old, case, ctx)
        if kept is None:
            plan.refused.append((row, problem))
            return
        case = kept
    if old is None:
        plan.planned.append(Planned(row, case, "new"))
    elif _same(old, case):
        plan.planned.append(Planned(row, case, "same"))
    elif ctx.update:
        plan.planned.append(Planned(row, case, "update"))
    else:
        plan.refused.append(
            (row, f"案件 {case.id} 已存在且内容不同；要按表格更新它，请加 --update")
        )


def _key(case: Case) -> tuple[str, dt.date, str]:
    """What tells a hand-made sheet's row from another: 信访人姓名 + 排查日期 + 问题属地."""
    return case.petitioner_name, case.screened_on, case.location


def _plan_new(plan: Plan, row: int, data: dict[str, Any], numbers: _Numbers, ctx: _Context) -> None:
    """A row without 编号: the case of the unit with its name, date and place, or a new one."""
    draft = case_from_dict(data, numbers.unit, "", profile=numbers.profile)
    twins = [c for c in numbers.mine.values() if _key(c) == _key(draft)]
    earlier = [numbers.added[c.id] for c in twins if c.id in numbers.added]
    if earlier:
        same = (
            "内容相同"
            if any(_same(c, draft) for c in twins)
            else "信访人姓名、排查日期、问题属地相同"
        )
        plan.refused.append((row, f"与第{earlier[0]}行{same}，未重复导入"))
    elif len(twins) > 1:
        ids = "、".join(sorted(c.id for c in twins))
        plan.refused.append(
            (
                row,
                f"与已有的 {len(twins)} 件案件（{ids}）信访人姓名、排查日期、问题属地都相同，"
                "认不出是哪一件；请在表中填上编号",
            )
        )
    elif twins:
        case = case_from_dict(data, numbers.unit, twins[0].id, profile=numbers.profile)
        _plan_known(plan, row, case, twins[0], ctx)
    else:
        case = case_from_dict(data, numbers.unit, numbers.new_id(row), profile=numbers.profile)
        numbers.mine[case.id] = case
        plan.planned.append(Planned(row, case, "new"))


def plan_import(
    sheet: Sheet, campaign: Campaign, existing: Sequence[Case], options: Options, today: dt.date
) -> Plan:
    """What importing the sheet would do, row by row; writes nothing."""
    numbers = _Numbers.of(sheet, existing, options.unit, campaign.profile)
    ctx = _Context(campaign, today, options.update, _covered(sheet))
    plan = Plan(sheet.name)
    for row in sheet.rows:
        wanted, problem = _wanted_id(row, options.unit)
        refusal = _refusal(row, sheet, campaign.profile.registry, wanted, numbers) or problem
        if not refusal:
            data, refusal = _case_data(row, sheet, campaign, options, plan, today)
        if refusal:
            plan.refused.append((row.number, refusal))
        elif wanted:
            numbers.seen[wanted] = row.number
            case = case_from_dict(data, options.unit, wanted, profile=campaign.profile)
            _plan_known(plan, row.number, case, numbers.mine.get(wanted), ctx)
        else:
            _plan_new(plan, row.number, data, numbers, ctx)
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
