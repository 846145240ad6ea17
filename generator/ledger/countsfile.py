"""Reading a member's ``data/counts.json``: untrusted bytes from another office's server.

Every way it can be wrong becomes one Chinese reason (the roll-up shows the member 未报送 with
it): not UTF-8, not JSON, another format, the schema, or figures that contradict themselves
(a day outside the window, a unit that is not listed). Nothing here trusts a size, a depth or a
key order the file claims.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from generator.ledger.schema import load_schema
from generator.system.fetch import FetchError, fetch_all

FORMAT = "taizhang-counts/1"
MAX_BYTES = 64 * 1024 * 1024  # a county of 500 units over three years stays well below
OPEN_KEYS = ("open", "high_risk", "overdue", "late", "stalled")


Days = tuple[tuple[dt.date, str, int, int], ...]  # date, unit, screened, resolved


class CountsError(Exception):
    """Why a counts.json cannot be read: the reason shown beside 未报送."""


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # 村 / 社区 / 单位


@dataclass(frozen=True)
class Counts:
    campaign: str
    organizer: str
    start: dt.date
    end: dt.date | None  # None: a standing ledger
    as_of: dt.date
    units: tuple[Unit, ...]
    days: Days
    open: dict[str, tuple[int, ...]]  # unit → OPEN_KEYS' figures
    missing: tuple[tuple[str, str], ...] = ()  # a roll-up's own members it could not read

    def complete_until(self) -> dt.date:
        """The last day the figures are complete for: the as-of date, or for ever once the
        campaign has ended and was counted to its end."""
        if self.end is not None and self.as_of >= self.end:
            return dt.date.max
        return self.as_of


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    twice = next((k for k in keys if keys.count(k) > 1), None)
    if twice is not None:
        raise CountsError(f"JSON 中有重复的键“{twice}”")
    return dict(pairs)


def _json(raw: bytes) -> Any:
    if len(raw) > MAX_BYTES:
        raise CountsError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB 的上限")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CountsError("不是 UTF-8 编码的文字") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as err:
        raise CountsError(f"不是有效的 JSON：第 {err.lineno} 行第 {err.colno} 列") from None
    except RecursionError:
        raise CountsError("不是有效的 JSON：嵌套太深") from None


@cache
def _validators() -> tuple[Any, Any]:
    schema = load_schema("counts")
    return jsonschema_rs.Draft202012Validator(schema), jsonschema.Draft202012Validator(schema)


def _where(path: Any) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".") or "整个文件"


def _schema(data: Any) -> None:
    if not isinstance(data, dict):
        raise CountsError("不是 taizhang-counts 格式：应为一个 JSON 对象")
    if not isinstance(data.get("format"), str):
        raise CountsError("缺少格式版本 format")
    if data["format"] != FORMAT:
        raise CountsError(f"格式是“{data['format'][:50]}”，不是 {FORMAT}")
    fast, slow = _validators()
    if fast.is_valid(data):
        return
    error = jsonschema.exceptions.best_match(slow.iter_errors(data))
    kinds = {
        "required": "缺少必需的键",
        "additionalProperties": "有格式中没有的键",
        "type": "类型不对",
        "pattern": "写法不对（日期应为 YYYY-MM-DD）",
        "minimum": "不能小于 0",
        "enum": "不是允许的值",
    }
    what = kinds.get(str(error.validator), "不符合格式要求")
    raise CountsError(f"不符合 counts.schema.json：{_where(error.absolute_path)} {what}")


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CountsError(f"{where}“{text}”不是真实存在的日期") from None


def _days(data: dict[str, Any], codes: set[str], start: dt.date, as_of: dt.date) -> Days:
    days = []
    for n, d in enumerate(data["days"]):
        day = _date(d["date"], f"days[{n}].date")
        if d["unit"] not in codes:
            raise CountsError(f"days[{n}].unit“{d['unit']}”不在 units 中")
        if not start <= day <= as_of:
            raise CountsError(f"days[{n}].date {day} 不在开始日期与统计日期之间")
        days.append((day, d["unit"], d["screened"], d["resolved"]))
    return tuple(days)


def _open(data: dict[str, Any], codes: set[str]) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for n, row in enumerate(data["open"]):
        if row["unit"] not in codes or row["unit"] in out:
            raise CountsError(f"open[{n}].unit“{row['unit']}”不在 units 中或重复")
        out[row["unit"]] = tuple(row[k] for k in OPEN_KEYS)
    return out


def parse_counts(raw: bytes) -> Counts:
    """The counts of a member's file; CountsError saying why it cannot be used."""
    data = _json(raw)
    _schema(data)
    start = _date(data["start"], "start")
    end = None if data["end"] is None else _date(data["end"], "end")
    as_of = _date(data["as_of"], "as_of")
    if end is not None and end < start:
        raise CountsError(f"结束日期 {end} 早于开始日期 {start}")
    if as_of < start:
        raise CountsError(f"统计日期 {as_of} 早于开始日期 {start}")
    units = tuple(Unit(u["code"], u["name"], u["type"]) for u in data["units"])
    codes = {u.code for u in units}
    if len(codes) != len(units):
        raise CountsError("units 中有重复的单位代码")
    return Counts(
        campaign=data["campaign"],
        organizer=data["organizer"],
        start=start,
        end=end,
        as_of=as_of,
        units=units,
        days=_days(data, codes, start, as_of),
        open=_open(data, codes),
        missing=tuple((m["name"], m["reason"]) for m in data.get("missing", ())),
    )


def read_all(sources: Sequence[str], folder: Path) -> list[Counts | CountsError]:
    """Every source's counts, or why not, in order: fetched side by side (``fetch_all``), a
    relative path taken from folder."""
    out: list[Counts | CountsError] = []
    for raw in fetch_all(sources, folder, MAX_BYTES):
        if isinstance(raw, FetchError):
            out.append(CountsError(str(raw)))
            continue
        try:
            out.append(parse_counts(raw))
        except CountsError as err:
            out.append(err)
    return out
