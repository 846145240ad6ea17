"""Rules a schema cannot say: real dates, date order, 是否已化解 consistency, the 人员 lists.

They run on every value that is valid, beside the schema's problems (``valid_part``); the rule
that no ID-card, phone or bank-card number is kept anywhere is in ``personal_check``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from generator.ledger.model import Campaign
from generator.ledger.profile import PRESET, Profile
from generator.ledger.yamlbounds import Finding
from generator.ledger.yamlload import Document, Path_, label

__all__ = [
    "INVALID",
    "check_campaign",
    "check_case",
    "check_dates",
    "real_date",
    "valid_part",
]


def real_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _why_not_a_date(text: str) -> str:
    """What is wrong with a YYYY-MM-DD text that is not on the calendar."""
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"没有 {month} 月"
    if day == 0:
        return "没有 0 日"
    last = calendar.monthrange(year, month)[1]
    return f"{year} 年 {month} 月只有 {last} 天"


def check_dates(data: Any, doc: Document, paths: list[Path_]) -> Iterator[Finding]:
    """Values that look like dates but do not exist on the calendar (2019-02-30)."""
    for path in paths:
        value = _get(data, path)
        if isinstance(value, str) and real_date(value) is None:
            pos = doc.value_pos(path)
            yield (
                pos.line,
                pos.col,
                "date",
                f"{label(path)}的值“{value}”不是真实存在的日期（{_why_not_a_date(value)}）",
            )


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _measure_dates(data: dict[str, Any]) -> list[Path_]:
    measures = data.get("工作措施")
    return [
        ("工作措施", i, "日期") for i in range(len(measures) if isinstance(measures, list) else 0)
    ]


class _Invalid:
    """The stand-in for a value that broke the schema: no rule reads anything from it."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


def valid_part(data: Any, invalid: set[Path_]) -> Any:
    """data with each value at an invalid path (``schemacheck.examine``) replaced by INVALID.

    The cross-field rules then run on every field that is valid: 风险等级 很高 does not hide a
    化解日期 before the 排查日期. The value stays in place (a list keeps its positions, a key
    stays present) so that no rule mistakes a malformed value for a missing one.
    """
    if not invalid:  # a valid file: nothing to copy
        return data
    if () in invalid:
        return {}
    above = {path[:end] for path in invalid for end in range(1, len(path))}
    return _replaced(data, (), invalid, above)


def _replaced(value: Any, path: Path_, invalid: set[Path_], above: set[Path_]) -> Any:
    if path in invalid:
        return INVALID
    if path and path not in above:  # nothing invalid below: the value as it is
        return value
    if isinstance(value, dict):
        return {k: _replaced(v, (*path, k), invalid, above) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, (*path, i), invalid, above) for i, v in enumerate(value)]
    return value


# The optional fields' dates: real ones, and (but for a deadline) not after today.
_OPTIONAL_DATES: tuple[Path_, ...] = (("化解时限",), ("交办", "日期"), ("回访", "日期"))


def check_case(
    data: dict[str, Any],
    doc: Document,
    campaign: Campaign | None,
    today: dt.date,
    profile: Profile = PRESET,
) -> Iterator[Finding]:
    """Cross-field rules on a case (normalised data, schema-invalid values made INVALID)."""
    dates = [("排查日期",), ("化解日期",), *_measure_dates(data), *_OPTIONAL_DATES]
    yield from check_dates(data, doc, dates)
    yield from _date_order(data, doc, campaign, today)
    yield from _resolution(data, doc, profile)
    if campaign:
        yield from _people_lists(data, doc, campaign)


def _at(doc: Document, path: Path_, key: bool = False) -> tuple[int, int]:
    pos = doc.key_pos(path) if key else doc.value_pos(path)
    return pos.line, pos.col


def _date_order(
    data: dict[str, Any], doc: Document, campaign: Campaign | None, today: dt.date
) -> Iterator[Finding]:
    """Dates against each other, the campaign's period and today."""
    screened = real_date(data.get("排查日期"))
    resolved_on = real_date(data.get("化解日期"))
    window = _window(campaign.start, campaign.end) if campaign else ""
    last = (campaign.end or today) if campaign else today
    dated: list[tuple[Path_, dt.date]] = []
    if screened:
        dated.append((("排查日期",), screened))
        if campaign and not campaign.start <= screened <= last:
            yield (
                *_at(doc, ("排查日期",)),
                "campaign-window",
                f"“排查日期” {screened} 不在{window}内",
            )
    if resolved_on:
        dated.append((("化解日期",), resolved_on))
        if screened and resolved_on < screened:
            message = f"“化解日期” {resolved_on} 早于“排查日期” {screened}"
            yield *_at(doc, ("化解日期",)), "date-order", message
        if campaign and not campaign.start <= resolved_on <= last:
            message = f"“化解日期” {resolved_on} 不在{window}内"
            yield *_at(doc, ("化解日期",)), "campaign-window", message
    for path in _measure_dates(data):
        day = real_date(_get(data, path))
        if day is None:
            continue
        dated.append((path, day))
        if screened and day < screened:
            yield *_at(doc, path), "date-order", f"{label(path)} {day} 早于“排查日期” {screened}"
    for path in _OPTIONAL_DATES[1:]:  # a deadline may lie ahead
        day = real_date(_get(data, path))
        dated += [(path, day)] if day else []
    for path, day in dated:
        if day > today:
            yield *_at(doc, path), "future", f"{label(path)} {day} 晚于今天（{today}）"


def _window(start: dt.date, end: dt.date | None) -> str:
    return f"活动期间（{start} 至 {end}）" if end else f"台账期间（{start} 起）"


def _resolution(data: dict[str, Any], doc: Document, profile: Profile) -> Iterator[Finding]:
    """是否已化解 (in the 已化解 group or the 未化解 one) against 化解日期 and 化解方式."""
    state = data.get("是否已化解")
    if state in profile.resolved_states and "化解日期" not in data:
        message = f"“是否已化解”为“{state}”时必须填写“化解日期”"
        yield *_at(doc, ("是否已化解",)), "resolution", message
    if state in profile.open_states:
        for key in ("化解日期", "化解方式"):
            if key in data:
                message = f"“是否已化解”为“{state}”，不应填写“{key}”"
                yield *_at(doc, (key,), key=True), "resolution", message


def _people_lists(data: dict[str, Any], doc: Document, campaign: Campaign) -> Iterator[Finding]:
    """包案领导 and 责任部门 against the lists in campaign.yaml, where it keeps them."""
    leaders = [p.name for p in campaign.leaders] if campaign.leaders else None
    checks: tuple[tuple[Path_, Sequence[str] | None], ...] = (
        (("包案领导", "姓名"), leaders),
        (("责任部门", "名称"), campaign.departments),
    )
    for path, allowed in checks:
        name = _get(data, path)
        if allowed and isinstance(name, str) and name not in allowed:
            yield (
                *_at(doc, path),
                "people-list",
                f"{label(path)}“{name}”不在 campaign.yaml 的人员名单中，可选：{'、'.join(allowed)}",
            )


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
        p_start = real_date(_get(phase, ("开始",)))
        p_end = real_date(_get(phase, ("结束",)))
        name = _get(phase, ("名称",))
        if p_start is None or p_end is None or not isinstance(name, str):
            previous = None  # an order against a phase that is not there means nothing
            continue
        pos = doc.value_pos(("阶段", i))
        if p_end < p_start or p_start < start or (end and p_end > end):
            yield (
                pos.line,
                pos.col,
                "phase",
                f"阶段“{name}”（{p_start} 至 {p_end}）应在{_window(start, end)}内，"
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
    groups = _get(data, ("台账", "化解状态"))
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
        code = _get(unit, ("代码",))
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
