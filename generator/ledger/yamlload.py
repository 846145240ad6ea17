"""Strict YAML loading: data only, YAML 1.2 scalars, and the line and column of every key and value.

One loader (libyaml's, through PyYAML's CSafeLoader) serves the hook, CI and the build, because
the C and pure-Python loaders disagree on some inputs (a tab after ``key:``). Nothing is ever
constructed from a tag: we compose the node tree and build plain Python values ourselves, after
checking its shape against ``yamlbounds.Limits``.

The parts: ``yamlshield`` (NEL, U+2028, U+2029 kept from libyaml), ``yamlbuild`` (the node tree
to values), ``yamlsyntax`` (libyaml's errors in Chinese), ``yamldoc`` (the result: a Document
with positions, or a LoadError).
"""

from __future__ import annotations

import math

import yaml

from generator.ledger.yamlbounds import Limits, Path_, cap, label, scan, too_many
from generator.ledger.yamlbuild import Builder, StrictLoader, TooMany, path_to
from generator.ledger.yamldoc import Document, LoadError, Pos, pos_of
from generator.ledger.yamlshield import Shield
from generator.ledger.yamlsyntax import reader_error, syntax_error

MAX_BYTES = 1024 * 1024
SCAN_CHARS = 32 * 1024  # a larger text has its event stream checked before it is composed
# Fewer than SCAN_CHARS characters make fewer than yamlbounds.MAX_NODES nodes (2 characters at
# least per node), so a small file's tree is checked only by the Builder.

__all__ = ["Document", "Limits", "LoadError", "Path_", "Pos", "label", "load_bytes", "load_text"]


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


def load_bytes(raw: bytes, limits: Limits | None = None) -> Document:
    return load_text(decode(raw), limits)


def load_text(text: str, limits: Limits | None = None) -> Document:
    """Parse text as exactly one YAML mapping; raise LoadError with a position otherwise.

    ``limits`` caps its lists and mappings (by default only the generic caps of yamlbounds).
    """
    shield = Shield.needed(text)
    try:
        return _load(shield.hide(text) if shield else text, limits or Limits(), shield)
    except LoadError as err:
        if shield:  # a message may quote a key or a value
            err.message = shield.show(err.message)
        raise


def _load(text: str, limits: Limits, shield: Shield | None) -> Document:
    if "&" in text or "*" in text or len(text) > SCAN_CHARS:
        found = scan(text, limits, StrictLoader)
        if found:
            raise LoadError(found[3], found[0], found[1], found[2])
    try:
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as err:
        raise syntax_error(err, text) from None
    except yaml.reader.ReaderError as err:
        raise reader_error(err, text) from None
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
    builder = Builder(limits, shield)
    try:
        data = builder.build(node, 0, limits.items)
    except TooMany as err:
        path = path_to(node, err.node) or ()
        is_list = err.node.__class__ is yaml.SequenceNode
        message = too_many(path, is_list, cap(limits, path, is_list))
        pos = pos_of(err.node.start_mark)
        raise LoadError(message, pos.line, pos.col, "max-items") from None
    return Document(data, node, shield)
