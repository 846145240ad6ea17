"""Rules a schema cannot say: real dates, date order, 是否已化解 consistency, the 人员 lists, and
no ID-card, phone or bank-card number anywhere (``personal-number``)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

from generator.ledger import personal_numbers
from generator.ledger.model import Campaign
from generator.ledger.schema import load_schema, subschema
from generator.ledger.yamlload import Document, Path_, label

Finding = tuple[int, int, str, str]  # line, col, rule, message


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


def check_dates(doc: Document, paths: list[Path_]) -> Iterator[Finding]:
    """Values that look like dates but do not exist on the calendar (2019-02-30)."""
    for path in paths:
        value = _get(doc.data, path)
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


def case_date_paths(data: dict[str, Any]) -> list[Path_]:
    paths: list[Path_] = [("排查日期",), ("化解日期",)]
    measures = data.get("工作措施")
    if isinstance(measures, list):
        paths += [("工作措施", i, "日期") for i in range(len(measures))]
    return [p for p in paths if _get(data, p) is not None]


def check_case(
    data: dict[str, Any], doc: Document, campaign: Campaign | None, today: dt.date
) -> Iterator[Finding]:
    """Cross-field rules on a case that passed the schema (normalised data)."""
    screened = real_date(data.get("排查日期"))
    resolved_on = real_date(data.get("化解日期"))

    def at(path: Path_, key: bool = False) -> tuple[int, int]:
        pos = doc.key_pos(path) if key else doc.value_pos(path)
        return pos.line, pos.col

    yield from check_dates(doc, case_date_paths(data))

    window = f"活动期间（{campaign.start} 至 {campaign.end}）" if campaign else ""
    dated: list[tuple[Path_, dt.date]] = []
    if screened:
        dated.append((("排查日期",), screened))
        if campaign and not campaign.start <= screened <= campaign.end:
            yield *at(("排查日期",)), "campaign-window", f"“排查日期” {screened} 不在{window}内"
    if resolved_on:
        dated.append((("化解日期",), resolved_on))
        if screened and resolved_on < screened:
            yield (
                *at(("化解日期",)),
                "date-order",
                f"“化解日期” {resolved_on} 早于“排查日期” {screened}",
            )
        if campaign and not campaign.start <= resolved_on <= campaign.end:
            yield *at(("化解日期",)), "campaign-window", f"“化解日期” {resolved_on} 不在{window}内"
    for i, measure in enumerate(data.get("工作措施") or ()):
        path: Path_ = ("工作措施", i, "日期")
        day = real_date(measure.get("日期"))
        if day is None:
            continue
        dated.append((path, day))
        if screened and day < screened:
            yield *at(path), "date-order", f"{label(path)} {day} 早于“排查日期” {screened}"
    for path, day in dated:
        if day > today:
            yield *at(path), "future", f"{label(path)} {day} 晚于今天（{today}）"

    state = data.get("是否已化解")
    if state == "是" and "化解日期" not in data:
        yield *at(("是否已化解",)), "resolution", "“是否已化解”为“是”时必须填写“化解日期”"
    if state == "否":
        for key in ("化解日期", "化解方式"):
            if key in data:
                yield *at((key,), key=True), "resolution", f"“是否已化解”为“否”，不应填写“{key}”"

    if campaign and campaign.leaders is not None:
        name = data["包案领导"]["姓名"]
        names = [p.name for p in campaign.leaders]
        if name not in names:
            yield (
                *at(("包案领导", "姓名")),
                "people-list",
                f"“包案领导.姓名”“{name}”不在 campaign.yaml 的人员名单中，可选：{'、'.join(names)}",
            )
    if campaign and campaign.departments is not None:
        name = data["责任部门"]["名称"]
        if name not in campaign.departments:
            yield (
                *at(("责任部门", "名称")),
                "people-list",
                f"“责任部门.名称”“{name}”不在 campaign.yaml 的人员名单中，"
                f"可选：{'、'.join(campaign.departments)}",
            )


def check_campaign(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    """Rules on campaign.yaml that passed its schema."""
    yield from _unique_units(data, doc)
    paths: list[Path_] = [("开始日期",), ("结束日期",)]
    for i in range(len(data["阶段"])):
        paths += [("阶段", i, "开始"), ("阶段", i, "结束")]
    bad = list(check_dates(doc, paths))
    yield from bad
    if bad:  # the order of dates that do not exist means nothing
        return
    start = dt.date.fromisoformat(data["开始日期"])
    end = dt.date.fromisoformat(data["结束日期"])
    if end < start:
        pos = doc.value_pos(("结束日期",))
        yield pos.line, pos.col, "date-order", f"“结束日期” {end} 早于“开始日期” {start}"
    previous: dt.date | None = None
    for i, phase in enumerate(data["阶段"]):
        p_start = dt.date.fromisoformat(phase["开始"])
        p_end = dt.date.fromisoformat(phase["结束"])
        pos = doc.value_pos(("阶段", i))
        name = phase["名称"]
        if p_end < p_start or p_start < start or p_end > end:
            yield (
                pos.line,
                pos.col,
                "phase",
                f"阶段“{name}”（{p_start} 至 {p_end}）应在活动期间（{start} 至 {end}）内，"
                "且开始不晚于结束",
            )
        elif previous and p_start <= previous:
            message = (
                f"阶段“{name}”的开始日期 {p_start} 不晚于上一阶段的结束日期 {previous}："
                "各阶段应按时间顺序排列，不能重叠"
            )
            yield pos.line, pos.col, "phase", message
        previous = p_end


def _unique_units(data: dict[str, Any], doc: Document) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, unit in enumerate(data["单位"]):
        code = unit["代码"]
        if code in seen:
            pos = doc.value_pos(("单位", i, "代码"))
            yield (
                pos.line,
                pos.col,
                "duplicate-unit",
                f"单位代码“{code}”重复（第 {seen[code] + 1} 个单位已使用）",
            )
        seen.setdefault(code, i)


def personal_number_message(where: str, kinds: list[str]) -> str:
    """What ``personal-number`` says about a field: which kinds of number, never the number."""
    found = "、".join(dict.fromkeys(kinds))
    return (
        f"{where}中有{found}：按个人信息保护的最小必要原则，台账不记录身份证号、电话号码和"
        "银行卡号，请删除"
    )


def _texts(value: Any, out: list[str]) -> None:
    if value.__class__ is str:
        out.append(value)
    elif value.__class__ is dict:
        for item in value.values():
            _texts(item, out)
    elif value.__class__ is list:
        for item in value:
            _texts(item, out)
    elif value.__class__ is int:  # 备注: 13912345678 unquoted is a number, and still a phone
        out.append(str(value))


def _located(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _located(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _located(item, (*path, i))
    elif isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        yield path, str(value)


def check_personal_numbers(
    schema: str, value: Any, doc: Document, path: Path_ = ()
) -> Iterator[Finding]:
    """Every field at or under path (its text or whole number) that holds an ID-card, phone or
    bank-card number; the finding sits on the value and names the kinds, never the number.

    A key the schema does not know has its own problem (``unknown-key``, which already says
    that the ledger keeps no such numbers), so only the schema's fields are looked at here.
    """
    texts: list[str] = []
    _texts(value, texts)
    # One cheap search over all the text of a file: almost every file stops here.
    if not personal_numbers.possible("\n".join(texts)):
        return
    for where, text in _located(value, path):
        sub = subschema(load_schema(schema), where)
        # A value past its maxLength has its own problem; searching 900,000 characters of
        # "1 1 1 …" for numbers took 1.5 s and 120 MB, so only lengths the schema allows are.
        if sub is None or len(text) > sub.get("maxLength", len(text)):
            continue
        kinds = personal_numbers.kinds(text)
        if kinds:
            pos = doc.value_pos(where)
            yield pos.line, pos.col, "personal-number", personal_number_message(label(where), kinds)


def hide_personal_numbers(text: str) -> str:
    """A message with every personal number in it replaced by its kind: another rule's message
    may quote a value (an enum, a name not on the list) that holds one."""
    found = personal_numbers.find(text)
    for number in reversed(found):
        text = f"{text[: number.start]}（{number.kind}，不显示）{text[number.end :]}"
    return text
