"""A case's fields as text: the one way every output (site, Excel, diff) writes a value.

The field comes from the registry (``ledger.fields``); what an output adds on top (a dash for
nothing on the case page, masking in the diff) stays with that output. 是 and 否 are the
schema's own words (是否已化解's values), so ``yes_no`` lives with the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from generator.ledger.fields import BOOL, DATE, INT, LIST, PEOPLE, Field, yes_no
from generator.ledger.model import Case, Department, Measure, Person

MASK_MARK = "（脱敏）"  # in the title of everything masked that looks like a form
# A 姓名 that stands for a group: 张三等5人 (full-width or Chinese numbers, spaces around them).
PEOPLE_GROUP = re.compile(r"^(.*?)(等\s*([0-9０-９一二三四五六七八九十百千]+)\s*人)$")


def date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def people_text(who: Person | Department | None) -> str:
    """``姓名（职务）`` or ``部门：责任人（职务）``; "" for nobody."""
    return who.label() if who else ""


def measures_text(measures: Iterable[Measure]) -> str:
    """One line per measure, ``YYYY-MM-DD 内容``, in the order given (the model's: by date)."""
    return "\n".join(f"{m.date.isoformat()} {m.text}" for m in measures)


def group_size(name: str) -> int | None:
    """The N of a 姓名 written 张三等N人 in digits (full-width too); None for anything else."""
    match = PEOPLE_GROUP.match(name)
    if match is None:
        return None
    try:
        return int(match.group(3))
    except ValueError:  # a Chinese number: 等五人
        return None


def value(case: Case, field: Field) -> object:
    """The field's value for a cell: a date or None, a whole number, or text ("" for none)."""
    raw = getattr(case, field.attr)
    if field.kind in (DATE, INT):
        return raw
    return text(case, field)


def text(case: Case, field: Field) -> str:
    """The field's value as text; "" where the case has none."""
    raw = getattr(case, field.attr)
    if raw is None:  # an optional field the case does not have
        return ""
    if field.kind == BOOL:  # 是否已化解 holds its word, 典型案例 and 重复信访 a flag
        return raw if isinstance(raw, str) else yes_no(raw)
    if field.kind == DATE:
        return date_text(raw)
    if field.kind == PEOPLE:
        return people_text(raw)
    if field.kind == LIST:
        return measures_text(raw)
    if field.kind == INT:
        return str(raw)
    return raw or ""
