"""Plain Python values from libyaml's node tree: JSON's types only, and nothing else.

Nothing is ever constructed from a tag: every plain scalar arrives as text and we type it as
YAML 1.2's JSON schema would ("0571" stays text, ``on`` is text, ``1e3`` a float).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.ledger.yamlbounds import MAX_DEPTH, Limits, Path_
from generator.ledger.yamldoc import LoadError, pos_of
from generator.ledger.yamlshield import Shield

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - PyYAML wheels ship libyaml
    raise ImportError("PyYAML 缺少 libyaml 支持，请按 README 重新安装依赖")

MAX_DIGITS = 100

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TAGS = frozenset({_STR, _SEQ, _MAP})
# JSON numbers only: "0571" stays text, "1e3" is a float, "+1" is text.
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("-0123456789")
_WORDS: dict[str, Any] = {"": None, "~": None, "null": None, "true": True, "false": False}


class StrictLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
    """libyaml with no implicit resolvers: every plain scalar arrives as text, we type it.

    The composer asks the resolver about every node; answering at once (no path resolvers,
    no regular expressions) is most of what makes our loading cheaper than ``yaml.load``.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _STR if kind is yaml.ScalarNode else _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text
        return value
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMBER_START:
        if len(value) > MAX_DIGITS and _FLOAT.fullmatch(value):
            # Python refuses to convert integers of more than 4,300 digits (ValueError).
            pos = pos_of(node.start_mark)
            message = f"数字过长（{len(value)} 位），请检查是否误填"
            raise LoadError(message, pos.line, pos.col, "number")
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    return value


class TooMany(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class Builder:
    """Plain Python values from the node tree, refusing tags, deep nesting, duplicate keys and
    lists or mappings over their caps (checked on the node, before any item is built).

    Anchors and aliases never get here (``yamlbounds.scan``), so no node is shared.
    """

    def __init__(self, limits: Limits, shield: Shield | None) -> None:
        self.lists = limits.lists
        self.items = limits.items
        self.shield = shield

    def build(self, node: yaml.Node, depth: int, list_cap: int) -> Any:
        """The value of node; ``list_cap`` is how many items it may have if it is a list."""
        if node.tag not in _TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            pos = pos_of(node.start_mark)
            message = f"不允许使用 YAML 标签“{tag}”，案件文件只能包含普通数据"
            raise LoadError(message, pos.line, pos.col, "tag")
        if depth > MAX_DEPTH:
            pos = pos_of(node.start_mark)
            message = f"嵌套层数过多（超过 {MAX_DEPTH} 层），案件文件用不到这么深的结构"
            raise LoadError(message, pos.line, pos.col, "depth")
        if node.__class__ is yaml.ScalarNode:
            value = _scalar(node)
            return self.shield.show(value) if self.shield and value.__class__ is str else value
        if node.__class__ is yaml.SequenceNode:
            if len(node.value) > list_cap:
                raise TooMany(node)
            return [self.build(item, depth + 1, self.items) for item in node.value]
        if len(node.value) > self.items:
            raise TooMany(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != _STR:
                pos = pos_of(key_node.start_mark)
                raise LoadError("键必须是普通文字", pos.line, pos.col, rule="key")
            key = self.shield.show(key_node.value) if self.shield else key_node.value
            if key in result:
                raise _duplicate(node, key_node)
            result[key] = self.build(value_node, depth + 1, self.lists.get(key, self.items))
        return result


def path_to(node: yaml.Node, target: yaml.Node, path: Path_ = ()) -> Path_ | None:
    """The path of target in the tree under node (keys as written), or None."""
    if node is target:
        return path
    if node.__class__ is yaml.SequenceNode:
        for i, item in enumerate(node.value):
            found = path_to(item, target, (*path, i))
            if found is not None:
                return found
    elif node.__class__ is yaml.MappingNode:
        for key_node, value_node in node.value:
            key = key_node.value if key_node.__class__ is yaml.ScalarNode else "?"
            found = path_to(value_node, target, (*path, key))
            if found is not None:
                return found
    return None


def _duplicate(mapping: yaml.Node, again: yaml.Node) -> LoadError:
    first = next(k for k, _ in mapping.value if k.value == again.value)
    pos = pos_of(again.start_mark)
    return LoadError(
        f"键“{again.value}”重复出现（第一次在第 {first.start_mark.line + 1} 行），请删除其中一个",
        pos.line,
        pos.col,
        rule="duplicate-key",
    )
