"""Rules a schema cannot say on campaign.yaml: unique unit codes, real dates in order, phases
inside the campaign and in turn, and each status in one group of 台账.化解状态 only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from generator.ledger.rules import check_dates, real_date, value_at, window_text
from generator.ledger.yamlbounds import Finding
from generator.ledger.yamlload import Document, Path_

__all__ = ["check_campaign"]


def check_campaign(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    """Rules on campaign.yaml (schema-invalid values made INVALID, see ``valid_part``)."""
    yield from _unique_units(data, doc)
    yield from _status_groups(data, doc)
    phases = data.get("阶段")
    phases = phases if isinstance(phases, list) else []
    paths: list[Path_] = [("开始日期",), ("结束日期",)]
    for i in range(len(phases)):
        paths += [("阶段", i, "开始"), ("阶段", i, "结束")]
    bad = list(check_dates(data, doc, paths))
    yield from bad
    start = real_date(data.get("开始日期"))
    end = real_date(data.get("结束日期"))
    # The order of dates that do not exist, or that break the schema, means nothing; a
    # standing ledger has no 结束日期 at all.
    if bad or start is None or (end is None and "结束日期" in data):
        return
    if end and end < start:
        pos = doc.value_pos(("结束日期",))
        yield pos.line, pos.col, "date-order", f"“结束日期” {end} 早于“开始日期” {start}"
    yield from _phase_order(phases, doc, start, end)


def _phase_order(
    phases: list[Any], doc: Document, start: dt.date, end: dt.date | None
) -> Iterator[Finding]:
    """Each phase within the campaign, after the one before it."""
    previous: dt.date | None = None
    for i, phase in enumerate(phases):
        p_start = real_date(value_at(phase, ("开始",)))
        p_end = real_date(value_at(phase, ("结束",)))
        name = value_at(phase, ("名称",))
        if p_start is None or p_end is None or not isinstance(name, str):
            previous = None  # an order against a phase that is not there means nothing
            continue
        pos = doc.value_pos(("阶段", i))
        if p_end < p_start or p_start < start or (end and p_end > end):
            yield (
                pos.line,
                pos.col,
                "phase",
                f"阶段“{name}”（{p_start} 至 {p_end}）应在{window_text(start, end)}内，"
                "且开始不晚于结束",
            )
        elif previous and p_start <= previous:
            message = (
                f"阶段“{name}”的开始日期 {p_start} 不晚于上一阶段的结束日期 {previous}："
                "各阶段应按时间顺序排列，不能重叠"
            )
            yield pos.line, pos.col, "phase", message
        previous = p_end


def _status_groups(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    """A status is in one group only: resolved or not must never depend on which one wins."""
    groups = value_at(data, ("台账", "化解状态"))
    if not isinstance(groups, dict):
        return
    unresolved = groups.get("未化解")
    resolved = groups.get("已化解")
    if not isinstance(unresolved, list) or not isinstance(resolved, list):
        return
    for i, word in enumerate(resolved):
        if isinstance(word, str) and word in unresolved:
            pos = doc.value_pos(("台账", "化解状态", "已化解", i))
            message = f"化解状态“{word}”不能既算未化解又算已化解，请只留在一组中"
            yield pos.line, pos.col, "status-groups", message


def _unique_units(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    units = data.get("单位")
    for i, unit in enumerate(units if isinstance(units, list) else ()):
        code = value_at(unit, ("代码",))
        if not isinstance(code, str):
            continue
        if code in seen:
            pos = doc.value_pos(("单位", i, "代码"))
            yield (
                pos.line,
                pos.col,
                "duplicate-unit",
                f"单位代码“{code}”重复（第 {seen[code] + 1} 个单位已使用）",
            )
        seen.setdefault(code, i)
