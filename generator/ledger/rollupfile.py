"""ROLLUP.yaml: a district roll-up's name, rhythm, window and members (DESIGN.md "Beyond one
office"). Read with the loader every case file goes through, checked against
``schemas/rollup.schema.json`` and a few rules a schema cannot say; every problem is reported
at its PATH:LINE:COL, all of them in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ProblemsFound, UsageError
from generator.ledger import schemacheck
from generator.ledger.problems import Problem
from generator.ledger.profile import RHYTHMS
from generator.ledger.rules import check_dates, real_date, valid_part, value_at
from generator.ledger.yamlbounds import Finding
from generator.ledger.yamlload import Document, LoadError, load_bytes, size_problem

HALF_MONTH = RHYTHMS[1]


@dataclass(frozen=True)
class Member:
    name: str
    source: str  # as written: an http(s) address or a path relative to ROLLUP.yaml's folder


@dataclass(frozen=True)
class Rollup:
    path: Path  # ROLLUP.yaml itself; a relative 来源 is relative to its folder
    name: str
    organizer: str
    rhythm: str
    start: dt.date | None  # None: the earliest member's start
    end: dt.date | None  # None: the latest member's end (or the as-of date)
    members: tuple[Member, ...]

    @property
    def folder(self) -> Path:
        return self.path.parent


def _rules(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    """Real dates in order, and each member named once (its name is its row and its page)."""
    bad = list(check_dates(data, doc, [("开始日期",), ("结束日期",)]))
    yield from bad
    start, end = real_date(data.get("开始日期")), real_date(data.get("结束日期"))
    if not bad and start and end and end < start:
        pos = doc.value_pos(("结束日期",))
        yield pos.line, pos.col, "date-order", f"“结束日期” {end} 早于“开始日期” {start}"
    members = data.get("成员")
    seen: dict[str, int] = {}
    for i, member in enumerate(members if isinstance(members, list) else ()):
        name = value_at(member, ("名称",))
        if not isinstance(name, str):
            continue
        if name in seen:
            pos = doc.value_pos(("成员", i, "名称"))
            message = f"成员名称“{name}”重复（第 {seen[name] + 1} 个成员已使用）"
            yield pos.line, pos.col, "duplicate-member", message
        seen.setdefault(name, i)


def _problems(rel: str, raw: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        doc = load_bytes(raw, schemacheck.limits("rollup"))
    except LoadError as err:
        return None, [Problem(rel, err.line, err.col, err.rule, err.message)]
    found, invalid = schemacheck.examine("rollup", doc.data, doc)
    found += _rules(valid_part(doc.data, invalid), doc)
    problems = sorted(Problem(rel, *f) for f in found)
    return (None if problems else doc.data), problems


def load_rollup(path: Path, shown: str) -> Rollup:
    """The roll-up of the file at path (``shown`` is how messages name it); ProblemsFound
    listing every problem of an invalid file; UsageError for a file that is not there."""
    try:
        too_big = size_problem(path.stat().st_size)  # refused before it is read
        raw = b"" if too_big else path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"找不到汇总设置文件：{shown}") from None
    except IsADirectoryError:
        raise UsageError(f"{shown} 是文件夹，请给出汇总设置文件（如 ROLLUP.yaml）") from None
    except OSError as err:
        raise UsageError(f"无法读取 {shown}（系统错误码 {err.errno}）") from None
    if too_big:
        raise ProblemsFound(f"{shown} 有误", [Problem(shown, 1, 1, "size", too_big.message)], 1)
    data, problems = _problems(shown, raw)
    if data is None:
        raise ProblemsFound(f"{shown} 有误，请先修正上面列出的问题", problems, 1)
    return Rollup(
        path=path,
        name=data["名称"],
        organizer=data.get("主办单位", data["名称"]),
        rhythm=data.get("报送周期", HALF_MONTH),
        start=real_date(data.get("开始日期")),
        end=real_date(data.get("结束日期")),
        members=tuple(Member(m["名称"], m["来源"]) for m in data["成员"]),
    )
