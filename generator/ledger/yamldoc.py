"""What loading a YAML file gives: the data with the position of every key and value, or a
``LoadError`` that says where and why it could not be loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.ledger.yamlbounds import Path_
from generator.ledger.yamlshield import Shield


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based, in characters


def pos_of(mark: Any) -> Pos:
    """A libyaml mark (0-based) as a position (1-based)."""
    return Pos(mark.line + 1, mark.column + 1)


class Document:
    """A loaded YAML mapping and, when asked, the position of every value and mapping key.

    Only files with a problem need positions, so they are read from the node tree on first
    use rather than recorded while loading (which would cost more than the loading itself).
    A Document built from data in memory (no node tree) places everything at 1:1.
    """

    def __init__(
        self, data: Any, root: yaml.Node | None = None, shield: Shield | None = None
    ) -> None:
        self.data = data
        self._root = root
        self._shield = shield
        self._values: dict[Path_, Pos] | None = None
        self._keys: dict[Path_, Pos] = {}

    @property
    def values(self) -> dict[Path_, Pos]:
        """The position of every value (the root mapping at ``()``)."""
        if self._values is None:
            self._values = {}
            if self._root is not None:
                self._index(self._root, ())
        return self._values

    @property
    def keys(self) -> dict[Path_, Pos]:
        """The position of every mapping key, by the path of its value."""
        _ = self.values
        return self._keys

    def _index(self, node: yaml.Node, path: Path_) -> None:
        assert self._values is not None
        self._values[path] = pos_of(node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*path, i))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = self._shield.show(key_node.value) if self._shield else key_node.value
                self._keys[(*path, key)] = pos_of(key_node.start_mark)
                self._index(value_node, (*path, key))

    def value_pos(self, path: Path_) -> Pos:
        """The value at path, or the nearest enclosing place that exists."""
        values = self.values
        while path not in values and path:
            path = path[:-1]
        return values.get(path, Pos(1, 1))

    def key_pos(self, path: Path_) -> Pos:
        """The key that holds path (the parent key for a missing key, 1:1 for the root)."""
        values = self.values
        while path:
            if path in self._keys:
                return self._keys[path]
            if isinstance(path[-1], int) and path in values:
                return values[path]
            path = path[:-1]
        return Pos(1, 1)


class LoadError(Exception):
    """A file that cannot be read as one strict YAML document; always has a position."""

    def __init__(self, message: str, line: int = 1, col: int = 1, rule: str = "yaml") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.rule = rule
