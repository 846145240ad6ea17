"""Strict YAML loading: data only, YAML 1.2 scalars, and the line and column of every key and value.

One loader (libyaml's, through PyYAML's CSafeLoader) serves the hook, CI and the build, because
the C and pure-Python loaders disagree on some inputs (a tab after ``key:``). Nothing is ever
constructed from a tag: we compose the node tree and build plain Python values ourselves.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - PyYAML wheels ship libyaml
    raise ImportError("PyYAML 缺少 libyaml 支持，请按 README 重新安装依赖")

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# JSON numbers only: "0571" stays text, "1e3" is a float, "+1" is text.
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null"})
_FULLWIDTH_KEY = re.compile(r"^(\s*-?\s*)([^\s:#'\"][^:：]*?)：")


class _Loader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
    """libyaml with no implicit resolvers: every plain scalar arrives as text, we type it."""


_Loader.yaml_implicit_resolvers = {}


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based, in characters


@dataclass
class Document:
    """A loaded YAML mapping with the position of every value and every mapping key."""

    data: Any
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def value_pos(self, path: Path_) -> Pos:
        """The value at path, or the nearest enclosing place that exists."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Pos(1, 1))

    def key_pos(self, path: Path_) -> Pos:
        """The key that holds path (the parent key for a missing key, 1:1 for the root)."""
        while path:
            if path in self.keys:
                return self.keys[path]
            if isinstance(path[-1], int) and path in self.values:
                return self.values[path]
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


def load_bytes(raw: bytes) -> Document:
    return load_text(decode(raw))


def load_text(text: str) -> Document:
    """Parse text as exactly one YAML mapping; raise LoadError with a position otherwise."""
    if "&" in text or "*" in text:
        _reject_anchors(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
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
    doc = Document(data=None)
    doc.data = _build(node, (), doc, set(), 0)
    return doc


def _reject_anchors(text: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                mark = event.start_mark
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise LoadError(
                    f"不允许使用 YAML 锚点和别名（{sign}{anchor}），请把内容直接写出来",
                    mark.line + 1 if mark else 1,
                    mark.column + 1 if mark else 1,
                    rule="anchor",
                )
    except yaml.YAMLError:
        return  # the composer reports syntax errors with a better message


def _scalar(node: yaml.ScalarNode, path: Path_) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text
        return value
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _build(node: yaml.Node, path: Path_, doc: Document, seen: set[int], depth: int) -> Any:
    mark = node.start_mark
    pos = Pos(mark.line + 1, mark.column + 1)
    if id(node) in seen:  # the composer shares a node only for an alias
        raise LoadError(
            "不允许使用 YAML 锚点和别名，请把内容直接写出来", pos.line, pos.col, "anchor"
        )
    if depth > MAX_DEPTH:
        raise LoadError(
            f"嵌套层数过多（超过 {MAX_DEPTH} 层），案件文件用不到这么深的结构",
            pos.line,
            pos.col,
            "depth",
        )
    if node.tag not in (_STR, _SEQ, _MAP):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(
            f"不允许使用 YAML 标签“{tag}”，案件文件只能包含普通数据", pos.line, pos.col, "tag"
        )
    doc.values[path] = pos
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path)
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        kpos = Pos(kmark.line + 1, kmark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise LoadError("键必须是普通文字", kpos.line, kpos.col, rule="key")
        key = key_node.value
        if key in result:
            first = doc.keys[(*path, key)]
            raise LoadError(
                f"键“{key}”重复出现（第一次在第 {first.line} 行），请删除其中一个",
                kpos.line,
                kpos.col,
                rule="duplicate-key",
            )
        doc.keys[(*path, key)] = kpos
        result[key] = _build(value_node, (*path, key), doc, seen, depth + 1)
    return result


_TAB = "不能用 Tab 缩进，请改用空格"


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
    lines = text.splitlines()
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
    lines = text.splitlines()
    for number in range(min(error_line, len(lines)), 0, -1):
        line = lines[number - 1]
        match = _FULLWIDTH_KEY.match(line)
        if match and ": " not in line and not line.rstrip().endswith(":"):
            return Pos(number, match.end())
        if number < error_line - 3:
            break
    return None
