"""Rules a schema cannot say on a case: real dates, date order, 是否已化解, the 人员 lists
(a listed 包案领导 with the roster's 职务).

They run on every value that is valid, beside the schema's problems (``valid_part``); the rule
that no ID-card, phone or bank-card number is kept anywhere is in ``personal_check``, the rules
on campaign.yaml in ``campaign_rules``.
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
    "check_case",
    "check_dates",
    "real_date",
    "valid_part",
    "value_at",
    "window_text",
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
        value = value_at(data, path)
        if isinstance(value, str) and real_date(value) is None:
            pos = doc.value_pos(path)
            yield (
                pos.line,
                pos.col,
                "date",
                f"{label(path)}的值“{value}”不是真实存在的日期（{_why_not_a_date(value)}）",
            )


def value_at(data: Any, path: Path_) -> Any:
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
        yield from _leader_title(data, doc, campaign)


def _at(doc: Document, path: Path_, key: bool = False) -> tuple[int, int]:
    pos = doc.key_pos(path) if key else doc.value_pos(path)
    return pos.line, pos.col


def _date_order(
    data: dict[str, Any], doc: Document, campaign: Campaign | None, today: dt.date
) -> Iterator[Finding]:
    """Dates against each other, the campaign's period and today."""
    screened = real_date(data.get("排查日期"))
    resolved_on = real_date(data.get("化解日期"))
    window = window_text(campaign.start, campaign.end) if campaign else ""
    # A standing ledger is open-ended: a date after today is only in the future (rule future).
    last = (campaign.end or dt.date.max) if campaign else today
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
        day = real_date(value_at(data, path))
        if day is None:
            continue
        dated.append((path, day))
        if screened and day < screened:
            yield *_at(doc, path), "date-order", f"{label(path)} {day} 早于“排查日期” {screened}"
    for path in _OPTIONAL_DATES[1:]:  # a deadline may lie ahead
        day = real_date(value_at(data, path))
        dated += [(path, day)] if day else []
    for path, day in dated:
        if day > today:
            yield *_at(doc, path), "future", f"{label(path)} {day} 晚于今天（{today}）"


def window_text(start: dt.date, end: dt.date | None) -> str:
    return f"活动期间（{start} 至 {end}）" if end else f"台账期间（{start} 起）"


def _resolution(data: dict[str, Any], doc: Document, profile: Profile) -> Iterator[Finding]:
    """是否已化解 (in the 已化解 group or the 未化解 one) against 化解日期 and 化解方式."""
    state = data.get("是否已化解")
    if state in profile.open_states and state in profile.resolved_states:
        return  # campaign.yaml says so (status-groups): no case problem hangs on which group wins
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
        name = value_at(data, path)
        if allowed and isinstance(name, str) and name not in allowed:
            yield (
                *_at(doc, path),
                "people-list",
                f"{label(path)}“{name}”不在 campaign.yaml 的人员名单中，可选：{'、'.join(allowed)}",
            )


def _leader_title(data: dict[str, Any], doc: Document, campaign: Campaign) -> Iterator[Finding]:
    """A 包案领导 on the roster holds the roster's 职务 (DESIGN rule 3): 附件1 prints both."""
    name = value_at(data, ("包案领导", "姓名"))
    title = value_at(data, ("包案领导", "职务"))
    # A name may stand on the roster twice (two people, or one with two posts): any of its 职务.
    titles = [p.title for p in campaign.leaders or () if p.name == name]
    if not titles or not isinstance(title, str) or title in titles:
        return
    said = "、".join(f"“{t}”" for t in dict.fromkeys(titles))
    yield (
        *_at(doc, ("包案领导", "职务")),
        "leader-title",
        f"“包案领导.职务”“{title}”与 campaign.yaml 的人员名单不符：名单中{name}的职务是{said}",
    )
