"""The 台账's columns (附件1, then the fields that keep an export lossless) and their cell values.

Titles come from the case schema; only the two form columns that join a person's name and
title into one cell add the form's own words. Export writes these columns and import reads
them back, so a cell is spelt one way in both directions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.ledger.model import Case, Department, Measure, Person
from generator.ledger.schema import case_schema, subschema

SEQ = "序号"


def _title(*path: str) -> str:
    sub = subschema(case_schema(), path)
    assert sub is not None, path
    return str(sub["title"])


@dataclass(frozen=True)
class Column:
    key: str  # the column's name in code (a case key, or 序号)
    title: str
    kind: str  # text | long | date | int | center
    width: float  # Excel column width (about one Latin character; a CJK character is two)
    form: bool  # one of 附件1's own columns (printed), or one of the columns added after them


def _columns() -> tuple[Column, ...]:
    def c(key: str, title: str, kind: str, width: float, form: bool = True) -> Column:
        return Column(key, title, kind, width, form)

    return (
        c(SEQ, SEQ, "center", 6),
        c("姓名", _title("信访人", "姓名"), "text", 12),
        c("住址", _title("信访人", "住址"), "text", 18),
        c("问题属地", _title("问题属地"), "text", 16),
        c("主要诉求", _title("主要诉求"), "long", 30),
        c("工作措施", _title("工作措施"), "long", 40),
        c("包案领导", _title("包案领导") + "姓名、职务", "text", 20),
        c("责任部门", _title("责任部门") + "及责任人姓名、职务", "text", 24),
        c("分包民警", _title("分包民警"), "text", 16),
        c("问题类型", _title("问题类型"), "center", 10),
        c("是否已化解", _title("是否已化解"), "center", 8),
        c("备注", _title("备注"), "long", 16),
        c("编号", _title("编号"), "text", 20, form=False),
        c("排查日期", _title("排查日期"), "date", 12, form=False),
        c("化解日期", _title("化解日期"), "date", 12, form=False),
        c("涉及人数", _title("涉及人数"), "int", 8, form=False),
        c("风险等级", _title("风险等级"), "center", 8, form=False),
        c("化解方式", _title("化解方式"), "center", 10, form=False),
        c("典型案例", _title("典型案例"), "center", 8, form=False),
    )


LEDGER = _columns()
FORM_COLUMNS = sum(1 for c in LEDGER if c.form)


def person_cell(person: Person | None) -> str:
    return person.label() if person else ""


def department_cell(dept: Department) -> str:
    return dept.label()


def measures_cell(measures: tuple[Measure, ...]) -> str:
    """One line per measure, ``YYYY-MM-DD 内容``, in date order."""
    return "\n".join(f"{m.date.isoformat()} {m.text}" for m in measures)


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def cells(case: Case, seq: int) -> list[Any]:
    """The row of one case, in LEDGER's order; dates as dates, counts as numbers."""
    resolved_on: dt.date | None = case.resolved_on
    return [
        seq,
        case.petitioner_name,
        case.petitioner_address,
        case.location,
        case.demand,
        measures_cell(case.measures),
        person_cell(case.leader),
        department_cell(case.department),
        person_cell(case.police),
        case.category,
        yes_no(case.resolved),
        case.note,
        case.id,
        case.screened_on,
        resolved_on,
        case.people_count,
        case.risk,
        case.resolution or "",
        yes_no(case.typical),
    ]
