"""Strict YAML loading: data only, YAML 1.2 scalars, and the line and column of every key and value.

One loader (libyaml's, through PyYAML's CSafeLoader) serves the hook, CI and the build, because
the C and pure-Python loaders disagree on some inputs (a tab after ``key:``). Nothing is ever
constructed from a tag: we compose the node tree and build plain Python values ourselves, after
checking its shape against ``yamlbounds.Limits``.

libyaml reads YAML 1.1, where NEL (U+0085), U+2028 and U+2029 break lines; in YAML 1.2, as the
web editor reads a file, they are ordinary characters. ``_Shield`` swaps them for characters the
file does not use before parsing and back in every value and key: one character for one, so
lines (counted at ``\n``) and columns stay those of the file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from itertools import chain
from typing import Any

import yaml

from generator.ledger.yamlbounds import (
    Limits,
    Path_,
    cap,
    label,
    scan,
    too_many,
)

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - PyYAML wheels ship libyaml
    raise ImportError("PyYAML 缺少 libyaml 支持，请按 README 重新安装依赖")

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_DIGITS = 100
SCAN_CHARS = 32 * 1024  # a larger text has its event stream checked before it is composed
# Fewer than SCAN_CHARS characters make fewer than yamlbounds.MAX_NODES nodes (2 characters at
# least per node), so a small file's tree is checked only by _build.

__all__ = ["Document", "Limits", "LoadError", "Path_", "Pos", "label", "load_bytes", "load_text"]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TAGS = frozenset({_STR, _SEQ, _MAP})
# JSON numbers only: "0571" stays text, "1e3" is a float, "+1" is text.
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("-0123456789")
_WORDS: dict[str, Any] = {"": None, "~": None, "null": None, "true": True, "false": False}
_FULLWIDTH_KEY = re.compile(r"^(\s*-?\s*)([^\s:#'\"][^:：]*?)：")


class _Loader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
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


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based, in characters


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class Document:
    """A loaded YAML mapping and, when asked, the position of every value and mapping key.

    Only files with a problem need positions, so they are read from the node tree on first
    use rather than recorded while loading (which would cost more than the loading itself).
    A Document built from data in memory (no node tree) places everything at 1:1.
    """

    def __init__(
        self, data: Any, root: yaml.Node | None = None, shield: _Shield | None = None
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
        self._values[path] = _pos(node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*path, i))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = self._shield.show(key_node.value) if self._shield else key_node.value
                self._keys[(*path, key)] = _pos(key_node.start_mark)
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


def size_problem(size: int) -> LoadError | None:
    """A file over the limit, reported before it is decoded (or even read, by the caller)."""
    if size <= MAX_BYTES:
        return None
    megabytes = math.ceil(size * 10 / MAX_BYTES) / 10  # rounded up: 1 MB + 1 byte is not "1.0 MB"
    return LoadError(
        f"文件大小 {megabytes:.1f} MB，超过 1 MB 的上限（案件文件通常只有几 KB）", rule="size"
    )


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (a BOM is tolerated), else a Chinese hint about the encoding."""
    too_big = size_problem(len(raw))
    if too_big:
        raise too_big
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        # The encoding is a property of the whole file, so the problem sits at 1:1; the line of
        # the first bad byte still helps when only one pasted character is wrong.
        line = raw[: err.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            guess = ""
        else:
            guess = "，看起来是 GBK/GB2312"
        raise LoadError(
            f"文件不是 UTF-8 编码（第 {line} 行起无法按 UTF-8 读取{guess}），请另存为 UTF-8",
            rule="encoding",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise LoadError("文件含有空字符（NUL），不是文本文件", rule="encoding")
    return text


class _Shield:
    """NEL, U+2028 and U+2029 hidden from libyaml as characters the text cannot contain."""

    BREAKS = "\x85\u2028\u2029"

    def __init__(self, text: str) -> None:
        # Neither a character of the text nor one a double-quoted escape in it could write.
        taken = {ord(c) for c in set(text)}
        taken |= {int(m.group(1) or m.group(2), 16) for m in _ESCAPE.finditer(text)}
        pool = chain(range(0xE000, 0xF900), range(0x10000, 0x110000))  # a 1 MB file cannot use all
        free = (chr(c) for c in pool if c not in taken)
        stand_ins = [next(free) for _ in self.BREAKS]
        self._hide = str.maketrans(dict(zip(self.BREAKS, stand_ins, strict=True)))
        self._show = str.maketrans(dict(zip(stand_ins, self.BREAKS, strict=True)))

    @classmethod
    def needed(cls, text: str) -> _Shield | None:
        return cls(text) if "\x85" in text or "\u2028" in text or "\u2029" in text else None

    def hide(self, text: str) -> str:
        return text.translate(self._hide)

    def show(self, text: str) -> str:
        return text.translate(self._show)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def load_bytes(raw: bytes, limits: Limits | None = None) -> Document:
    return load_text(decode(raw), limits)


def load_text(text: str, limits: Limits | None = None) -> Document:
    """Parse text as exactly one YAML mapping; raise LoadError with a position otherwise.

    ``limits`` caps its lists and mappings (by default only the generic caps of yamlbounds).
    """
    shield = _Shield.needed(text)
    try:
        return _load(shield.hide(text) if shield else text, limits or Limits(), shield)
    except LoadError as err:
        if shield:  # a message may quote a key or a value
            err.message = shield.show(err.message)
        raise


def _load(text: str, limits: Limits, shield: _Shield | None) -> Document:
    if "&" in text or "*" in text or len(text) > SCAN_CHARS:
        found = scan(text, limits, _Loader)
        if found:
            raise LoadError(found[3], found[0], found[1], found[2])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text) from None
    except yaml.YAMLError as err:  # pragma: no cover - libyaml always gives marks
        raise LoadError(f"YAML 格式错误：{err}") from None
    if node is None:
        raise LoadError("文件为空", rule="empty")
    if not isinstance(node, yaml.MappingNode):
        kind = "列表" if isinstance(node, yaml.SequenceNode) else "单个值"
        raise LoadError(
            f"文件顶层应是“键: 值”的映射，而不是{kind}",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            rule="toplevel",
        )
    builder = _Builder(limits, shield)
    try:
        data = builder.build(node, 0, limits.items)
    except _TooMany as err:
        path = _path_to(node, err.node) or ()
        is_list = err.node.__class__ is yaml.SequenceNode
        message = too_many(path, is_list, cap(limits, path, is_list))
        pos = _pos(err.node.start_mark)
        raise LoadError(message, pos.line, pos.col, "max-items") from None
    return Document(data, node, shield)


def _reader_error(err: yaml.reader.ReaderError, text: str) -> LoadError:
    """A character libyaml refuses anywhere (ESC, DEL, C1 codes, U+FFFE): where it is, in Chinese.

    libyaml gives the offset in bytes of the UTF-8 text.
    """
    before = text.encode("utf-8")[: err.position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    col = len(before) - before.rfind("\n")
    code = f"U+{err.character:04X}" if isinstance(err.character, int) else "?"
    name = "控制字符" if unicodedata.category(chr(err.character)) == "Cc" else "字符"
    return LoadError(
        f"文件含有不可见的{name} {code}，YAML 文件中不允许出现，请删除它",
        line,
        col,
        rule="encoding",
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text
        return value
    if value in _WORDS:
        return _WORDS[value]
    if value[0] in _NUMBER_START:
        if len(value) > MAX_DIGITS and _FLOAT.fullmatch(value):
            # Python refuses to convert integers of more than 4,300 digits (ValueError).
            pos = _pos(node.start_mark)
            message = f"数字过长（{len(value)} 位），请检查是否误填"
            raise LoadError(message, pos.line, pos.col, "number")
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    return value


class _TooMany(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Builder:
    """Plain Python values from the node tree, refusing tags, deep nesting, duplicate keys and
    lists or mappings over their caps (checked on the node, before any item is built).

    Anchors and aliases never get here (``yamlbounds.scan``), so no node is shared.
    """

    def __init__(self, limits: Limits, shield: _Shield | None) -> None:
        self.lists = limits.lists
        self.items = limits.items
        self.shield = shield

    def build(self, node: yaml.Node, depth: int, list_cap: int) -> Any:
        """The value of node; ``list_cap`` is how many items it may have if it is a list."""
        if node.tag not in _TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            pos = _pos(node.start_mark)
            message = f"不允许使用 YAML 标签“{tag}”，案件文件只能包含普通数据"
            raise LoadError(message, pos.line, pos.col, "tag")
        if depth > MAX_DEPTH:
            pos = _pos(node.start_mark)
            message = f"嵌套层数过多（超过 {MAX_DEPTH} 层），案件文件用不到这么深的结构"
            raise LoadError(message, pos.line, pos.col, "depth")
        if node.__class__ is yaml.ScalarNode:
            value = _scalar(node)
            return self.shield.show(value) if self.shield and value.__class__ is str else value
        if node.__class__ is yaml.SequenceNode:
            if len(node.value) > list_cap:
                raise _TooMany(node)
            return [self.build(item, depth + 1, self.items) for item in node.value]
        if len(node.value) > self.items:
            raise _TooMany(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != _STR:
                pos = _pos(key_node.start_mark)
                raise LoadError("键必须是普通文字", pos.line, pos.col, rule="key")
            key = self.shield.show(key_node.value) if self.shield else key_node.value
            if key in result:
                raise _duplicate(node, key_node)
            result[key] = self.build(value_node, depth + 1, self.lists.get(key, self.items))
        return result


def _path_to(node: yaml.Node, target: yaml.Node, path: Path_ = ()) -> Path_ | None:
    """The path of target in the tree under node (keys as written), or None."""
    if node is target:
        return path
    if node.__class__ is yaml.SequenceNode:
        for i, item in enumerate(node.value):
            found = _path_to(item, target, (*path, i))
            if found is not None:
                return found
    elif node.__class__ is yaml.MappingNode:
        for key_node, value_node in node.value:
            key = key_node.value if key_node.__class__ is yaml.ScalarNode else "?"
            found = _path_to(value_node, target, (*path, key))
            if found is not None:
                return found
    return None


def _duplicate(mapping: yaml.Node, again: yaml.Node) -> LoadError:
    first = next(k for k, _ in mapping.value if k.value == again.value)
    pos = _pos(again.start_mark)
    return LoadError(
        f"键“{again.value}”重复出现（第一次在第 {first.start_mark.line + 1} 行），请删除其中一个",
        pos.line,
        pos.col,
        rule="duplicate-key",
    )


_TAB = "不能用 Tab 缩进，请改用空格"
_LINE_BREAK = re.compile(r"\r\n?|\n")  # libyaml's line breaks, once NEL, LS and PS are shielded


@dataclass(frozen=True)
class _Syntax:
    """A libyaml problem (the start of its English text) and what we say instead."""

    english: str
    message: str
    rule: str = "syntax"
    # For an unclosed quote or bracket libyaml stops at the end of the file; the place to fix
    # is where it was opened (libyaml's context mark), so the message points there.
    at_opening: bool = False


_PROBLEMS = (
    _Syntax("could not find expected ':'", "找不到应有的英文冒号“:”（键和值之间用英文冒号加空格）"),
    _Syntax(
        "mapping values are not allowed",
        "此处不能出现“: ”（常见原因：值里含有“: ”却没加引号，或缩进不对）",
    ),
    _Syntax("did not find expected key", "缩进不对：这一行与同一层的键没有对齐"),
    _Syntax("expected <block end>", "缩进不对：这一行与同一层的键没有对齐"),
    _Syntax("did not find expected '-' indicator", "列表缩进不对：这一行与同一层的“- ”没有对齐"),
    _Syntax(
        "found unexpected end of stream",
        "引号没有闭合：从这里开始的引号直到文件末尾都没有结束",
        at_opening=True,
    ),
    _Syntax(
        "did not find expected ',' or ']'",
        "方括号“[”没有闭合，或列表各项之间缺少英文逗号“,”",
        at_opening=True,
    ),
    _Syntax(
        "did not find expected ',' or '}'",
        "花括号“{”没有闭合，或各项之间缺少英文逗号“,”",
        at_opening=True,
    ),
    _Syntax("found a tab character", _TAB),
    _Syntax(
        "found unknown escape character",
        "双引号内有无法识别的转义“\\”（反斜杠本身请写成“\\\\”，或改用单引号）",
    ),
    _Syntax(
        "found invalid Unicode character escape code",
        "双引号内的 Unicode 转义（\\u 或 \\U）不是有效的字符，请改正或删除",
    ),
    _Syntax("found unexpected ':'", "出现了多余的冒号“:”，含冒号的值请加引号"),
    _Syntax(
        "but found another document",
        "一个文件只能有一个 YAML 文档（这里出现了第二个“---”）",
        "documents",
    ),
    _Syntax(
        "did not find expected <document start>",
        "一个文件只能有一个 YAML 文档（文档结束标记“...”之后还有内容）",
        "documents",
    ),
    _Syntax(
        "exceeded maximum nesting depth",
        f"嵌套层数过多（超过 {MAX_DEPTH} 层），案件文件用不到这么深的结构",
        "depth",
    ),
)


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    hint = _fullwidth_colon(text, line)
    if hint:
        return LoadError(
            "用了全角冒号“：”，键和值之间应使用英文冒号加空格“: ”", hint.line, hint.col, "syntax"
        )
    problem = (err.problem or "").strip()
    lines = _LINE_BREAK.split(text)
    here = lines[line - 1] if line <= len(lines) else ""
    rule = "syntax"
    if problem.startswith("found character that cannot start any token"):
        char = here[col - 1] if col <= len(here) else ""
        message = _TAB if char == "\t" else f"值不能以“{char}”开头，请给整个值加上引号"
    else:
        found = next((p for p in _PROBLEMS if problem.startswith(p.english)), None)
        if found is None:
            message = f"YAML 格式错误：{problem or err.context}"
        else:
            rule, message = found.rule, found.message
            if found.at_opening and err.context_mark:
                line, col = err.context_mark.line + 1, err.context_mark.column + 1
                here = lines[line - 1] if line <= len(lines) else ""
    if "\t" in here and "Tab" not in message:
        message += "；此行含有 Tab 字符，请改用空格"
    return LoadError(message, line, col, rule=rule)


def _fullwidth_colon(text: str, error_line: int) -> Pos | None:
    """A line up to the error whose key is followed by a full-width colon and no real colon."""
    lines = _LINE_BREAK.split(text)
    for number in range(min(error_line, len(lines)), 0, -1):
        line = lines[number - 1]
        match = _FULLWIDTH_KEY.match(line)
        if match and ": " not in line and not line.rstrip().endswith(":"):
            return Pos(number, match.end())
        if number < error_line - 3:
            break
    return None
