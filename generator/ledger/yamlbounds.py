"""Bounds on a YAML document's shape, checked before any Python value is built from it.

A 1 MB file can hold 200,000 list items; building them and asking the schema about each took
seconds and gigabytes. The lists of a case or of campaign.yaml are capped in the schema
(``maxItems``), every other list or mapping by ``Limits.items``, and a whole file by
``MAX_NODES``; ``yamlload`` checks the node tree against them, and a large file's event stream
before the tree is even composed, so such a file costs milliseconds and is refused with one
clear message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
Finding = tuple[int, int, str, str]  # line, col, rule, message

MAX_NODES = 20_000  # a case file has ~100 values, 200 work measures ~1,000; campaign.yaml fewer
MAX_DEPTH = 32  # levels of nesting; a case file has 3
MAX_ITEMS = 1_000  # any list or mapping the schema gives no cap of its own


@dataclass(frozen=True)
class Limits:
    """Caps for one kind of file: a list's key → its ``maxItems``, and one cap for the rest."""

    lists: Mapping[str, int] = field(default_factory=dict)
    items: int = MAX_ITEMS


def label(path: Path_) -> str:
    """A field named by its keys: “信访人.姓名”, “工作措施”第 2 条的“日期”."""
    out = ""
    dotted: list[str] = []
    for part in path:
        if isinstance(part, int):
            out += f"“{'.'.join(dotted)}”第 {part + 1} 条"
            dotted = []
        else:
            dotted.append(part)
    if dotted:
        out += ("的" if out else "") + f"“{'.'.join(dotted)}”"
    return out or "文件"


def cap(limits: Limits, path: Path_, is_list: bool) -> int:
    """How many items the list or mapping at path may have."""
    if is_list and path and isinstance(path[-1], str):
        return limits.lists.get(path[-1], limits.items)
    return limits.items


def too_many(path: Path_, is_list: bool, limit: int) -> str:
    """The schema's own ``maxItems`` message, for a list refused before it is built."""
    where = label(path) if path else "文件顶层"
    return f"{where}最多 {limit} {'项' if is_list else '个键'}"


def too_many_nodes() -> Finding:
    """A problem of the whole file, so it sits at 1:1 like its size."""
    message = f"文件中的值超过 {MAX_NODES} 个，远多于一件案件所需，请检查文件是否有误"
    return 1, 1, "size", message


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Open:
    """A list or mapping whose items are being counted."""

    __slots__ = ("count", "is_list", "key", "limit", "mark", "path", "want_key")

    def __init__(self, path: Path_, is_list: bool, limit: int, mark: Any) -> None:
        self.path = path
        self.is_list = is_list
        self.limit = limit
        self.mark = mark
        self.count = 0
        self.want_key = True
        self.key: str | int = "?"


def scan(text: str, limits: Limits, loader: type) -> Finding | None:
    """The first anchor, alias or exceeded bound in text's event stream, or None.

    Syntax errors are left to the composer, which reports them with a better message.
    """
    stack: list[_Open] = []
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent):
                    stack.pop()
                continue
            if event.anchor is not None:
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                message = f"不允许使用 YAML 锚点和别名（{sign}{event.anchor}），请把内容直接写出来"
                return *_at(event.start_mark), "anchor", message
            nodes += 1
            if nodes > MAX_NODES:
                return too_many_nodes()
            path: Path_ = ()
            if stack:
                parent = stack[-1]
                if not parent.is_list and parent.want_key:
                    parent.want_key = False
                    parent.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    parent.count += 1
                else:
                    parent.want_key = True
                    if parent.is_list:
                        parent.key = parent.count
                        parent.count += 1
                if parent.count > parent.limit:
                    message = too_many(parent.path, parent.is_list, parent.limit)
                    return *_at(parent.mark), "max-items", message
                path = (*parent.path, parent.key)
            if isinstance(event, yaml.CollectionStartEvent):
                is_list = isinstance(event, yaml.SequenceStartEvent)
                stack.append(_Open(path, is_list, cap(limits, path, is_list), event.start_mark))
    except yaml.YAMLError:
        return None
    return None
