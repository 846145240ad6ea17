"""One version of a case file as the history sees it: its fields, to say which ones a commit
changed, and its petitioner, so that a name corrected long ago is still masked.

No value leaves this module except the petitioner's name and address (for the masking engine):
a change is named by its field, never by what the field held before or after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.ledger.fields import PATH_KEYS
from generator.ledger.profile import CATALOGUE, Profile
from generator.ledger.yamlload import LoadError, load_bytes

NEW = "新建"
FORMAT = "格式调整"
MOVED = "移动"
UNREADABLE = "文件无法读取（格式有误）"
REPAIRED = "修正文件格式"
OTHER = "其他字段"  # a key the schema does not know: its name is free text, so it is not shown

_ABSENT = object()


@dataclass(frozen=True)
class Version:
    """The fields of one blob (dotted key → value; None if it cannot be read) and its petitioner."""

    fields: Mapping[str, Any] | None
    person: tuple[str, str] | None  # (姓名, 住址), "" for a missing one


@cache
def _known() -> dict[str, int]:
    """Every field a case schema can define, dotted, in the form's order: the optional ones of
    the catalogue too, whatever the profile switches on now (their names are the product's)."""
    every = Profile(fields=CATALOGUE).registry
    return {key: i for i, key in enumerate(every.titles)}


def _empty(value: Any) -> bool:
    """What the web editor writes for a cleared field ('' or null) counts as absent."""
    return value is None or value == "" or value == [] or value == {}


def _flatten(data: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in data.items():
        if _empty(value):
            continue
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", out)
        else:
            out[f"{prefix}{key}"] = value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def read_version(raw: bytes) -> Version:
    """Parse a blob with the product's strict loader; a broken one still gives up its petitioner."""
    try:
        data = load_bytes(raw).data
    except LoadError:
        return Version(None, _person_from_lines(raw.decode("utf-8", errors="replace")))
    fields: dict[str, Any] = {}
    _flatten(data, "", fields)
    # An earlier version need not have the schema's shape (committed without validate): its
    # petitioner may be a plain text or a list, or 姓名 and 住址 may stand at the top.
    person = data.get("信访人")
    if isinstance(person, dict):
        name, address = _texts(person.get("姓名")), _texts(person.get("住址"))
    elif person is not None:
        name, address = _texts(person), ""
    else:
        name, address = _texts(data.get("姓名")), _texts(data.get("住址"))
    return Version(fields, (name, address) if name or address else None)


def _texts(value: Any) -> str:
    """A text, or the texts of a list joined as a joint 姓名 is written."""
    if isinstance(value, list):
        return "、".join(v for v in value if isinstance(v, str))
    return _text(value)


_TOP = re.compile(r"^[^\s#-]")
_OWNER = re.compile(r"^信访人\s*[:：]")
_ITEM = re.compile(r"(姓名|住址)\s*[:：]\s*([^,，{}\n]*)")


def _person_from_lines(text: str) -> tuple[str, str] | None:
    """The 信访人 block of a file YAML cannot read (an old broken commit), line by line."""
    found: dict[str, str] = {}
    inside = False
    for line in text.splitlines():
        if _TOP.match(line):
            inside = bool(_OWNER.match(line))
        if inside:
            for key, value in _ITEM.findall(line):
                found.setdefault(key, value.strip().strip("'\""))
    name, address = found.get("姓名", ""), found.get("住址", "")
    return (name, address) if name or address else None


def _same(a: Any, b: Any) -> bool:
    """Equal data of the same type (true is not 1); lists compared whole."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    return bool(a == b)


def changed_fields(
    old: Mapping[str, Any], new: Mapping[str, Any], ignore: Iterable[str] = ()
) -> tuple[str, ...]:
    """The fields whose data differ, dotted, in the form's order; unknown keys as 其他字段."""
    known = _known()
    skip = set(ignore)
    names: set[str] = set()
    for key in old.keys() | new.keys():
        if key in skip or _same(old.get(key, _ABSENT), new.get(key, _ABSENT)):
            continue
        names.add(key if key in known else OTHER)
    return ordered(names)


def ordered(names: Iterable[str]) -> tuple[str, ...]:
    """Field names in the form's order, 其他字段 last."""
    known = _known()
    return tuple(sorted(names, key=lambda n: known.get(n, len(known))))


def describe(old: Version | None, new: Version, *, moved: bool = False) -> str:
    """What a commit did to a file: 新建, 移动, 格式调整, or the fields it changed."""
    if old is None:
        return NEW
    if new.fields is None:
        return UNREADABLE
    if old.fields is None:
        return REPAIRED
    names = changed_fields(old.fields, new.fields, PATH_KEYS if moved else ())
    if moved:
        return "；".join([MOVED, "、".join(names)]) if names else MOVED
    return "、".join(names) if names else FORMAT


def same_case(old: Version, new: Version) -> bool:
    """A deleted and an added file with the same data but for 编号/单位: one case, moved."""
    if old.fields is None or new.fields is None:
        return False
    return not changed_fields(old.fields, new.fields, PATH_KEYS)
