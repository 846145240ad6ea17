"""JSON Schema checks with Chinese messages placed on the offending key or value.

jsonschema-rs answers "valid?" in microseconds; only for a document that fails do we ask the
pure-Python jsonschema library for structured errors to translate.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
import jsonschema_rs

from generator.ledger.schema import load_schema, subschema
from generator.ledger.yamlbounds import Limits
from generator.ledger.yamlload import Document, Path_, label

_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值（true 或 false）",
    "object": "“键: 值”的映射",
    "array": "列表",
    "null": "空值",
}
_SENSITIVE = ("身份证", "电话", "手机", "证件", "联系方式")


__all__ = ["check", "label", "limits"]


@cache
def limits(name: str) -> Limits:
    """Each list's ``maxItems`` in the schema, by its key: the loader checks them on the node
    tree, before a single item is built."""
    lists: dict[str, int] = {}

    def walk(node: dict[str, Any], key: str | None) -> None:
        if key is not None and "maxItems" in node:
            lists[key] = min(node["maxItems"], lists.get(key, node["maxItems"]))
        for sub_key, sub in node.get("properties", {}).items():
            walk(sub, sub_key)
        if isinstance(node.get("items"), dict):
            walk(node["items"], None)

    walk(load_schema(name), None)
    return Limits(lists)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int):
        return _TYPES["integer"]
    if isinstance(value, float):
        return _TYPES["number"]
    if isinstance(value, str):
        return _TYPES["string"]
    if isinstance(value, list):
        return _TYPES["array"]
    if isinstance(value, dict):
        return _TYPES["object"]
    return _TYPES["null"]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


@cache
def _fast(name: str) -> Any:
    return jsonschema_rs.Draft202012Validator(load_schema(name))


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    # Python's "$" also matches before a final line break; JSON Schema's (ECMA 262) does not,
    # and jsonschema-rs agrees with JSON Schema. "2019-07-03\n" must fail here too.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and not _regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def _slow(name: str) -> Any:
    return _Validator(load_schema(name))


def check(name: str, data: Any, doc: Document) -> Iterator[tuple[int, int, str, str]]:
    """Yield (line, col, rule, message) for every schema violation of data against a schema."""
    if _fast(name).is_valid(data):
        return
    schema = load_schema(name)
    errors = list(_slow(name).iter_errors(data))
    # A value outside an enum also fails its type (false for 是/否); the enum message, which
    # lists the allowed values, says everything.
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    seen: set[tuple[int, int, str, str]] = set()
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "type" and tuple(error.absolute_path) in enum_paths:
            continue
        for found in _translate(error, schema, doc):
            # jsonschema reports each missing key of one object as its own error.
            if found not in seen:
                seen.add(found)
                yield found
    if not seen:  # the two libraries disagree: never let such a file pass without a word
        yield 1, 1, "schema", "文件不符合格式要求（schema），请对照 schema 目录中的说明检查"


_YAML11_BOOLEANS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "true", "false", "True", "False", "TRUE", "FALSE"}
)


def _type_message(where: str, value: Any, names: list[str]) -> str:
    """Why a value has the wrong type, with the fix for the YAML 1.1 habits clerks bring along."""
    want = "或".join(_TYPES.get(n, n) for n in names)
    if value is None:
        return f"{where}不能为空，应填写{want}"
    if names == ["string"] and isinstance(value, bool):
        return f"{where}应为文字，而不是 {_shown(value)}（如确为文字，请加引号：'{_shown(value)}'）"
    if names == ["string"] and isinstance(value, (int, float)):
        return f"{where}应为文字，而不是数字 {value}（如确为文字，请加引号：'{value}'）"
    if names == ["boolean"] and isinstance(value, str) and value.strip() in _YAML11_BOOLEANS:
        return f"{where}应为 true 或 false，而不是文字“{value}”（只有小写的 true、false 是布尔值）"
    if names == ["integer"] and isinstance(value, str):
        if len(value) > 1 and value.startswith("0") and value.isascii() and value.isdigit():
            return (
                f"{where}应为整数，而不是文字“{value}”（以 0 开头的数字按文字读取，请去掉开头的 0）"
            )
        if value.strip().isascii() and value.strip().isdigit():
            return f"{where}应为整数，而不是文字“{value}”（数字不要加引号）"
    if isinstance(value, (dict, list)):
        return f"{where}应为{want}，而不是{_kind(value)}"
    return f"{where}应为{want}，而不是{_kind(value)}“{_shown(value)}”"


def _pattern_message(where: str, value: Any, sub: dict[str, Any]) -> str:
    pattern = sub.get("pattern", "")
    if pattern.startswith("^[0-9]{4}"):
        return f"{where}应为 YYYY-MM-DD 格式的日期（如 2019-07-03），而不是“{_shown(value)}”"
    if "-[0-9]{3,}" in pattern:
        return (
            f"{where}“{_shown(value)}”格式不对，应为“单位代码-序号”，"
            "如 dongcun-007 或 dongcun-20190703-093000"
        )
    if pattern.startswith("^@"):
        return f"{where}“{_shown(value)}”格式不对，应为以 @ 开头的账号或团队，如 @dongcun-reviewers"
    if pattern.startswith("^[a-z]"):
        return f"{where}“{_shown(value)}”格式不对，应以小写字母开头，只含小写字母和数字，如 dongcun"
    return f"{where}“{_shown(value)}”格式不对"


def _translate(
    error: jsonschema.ValidationError, schema: dict[str, Any], doc: Document
) -> Iterator[tuple[int, int, str, str]]:
    path: Path_ = tuple(error.absolute_path)
    where = label(path)
    value = error.instance
    kind = error.validator
    sub = subschema(schema, path) or {}
    at_value = doc.value_pos(path)
    if kind == "required":
        missing = [k for k in error.validator_value if k not in (value or {})]
        pos = doc.key_pos(path)
        for key in missing:
            owner = f"{where}缺少" if path else "缺少"
            yield pos.line, pos.col, "required", f"{owner}必填项“{key}”"
    elif kind == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            pos = doc.key_pos((*path, key))
            message = f"{where + '中' if path else ''}不认识的键“{key}”"
            missing = [k for k in allowed if k not in value]
            close = difflib.get_close_matches(key, missing, n=1, cutoff=0.5)
            if any(s in key for s in _SENSITIVE):
                message += "：按个人信息保护的最小必要原则，台账不记录身份证号、电话等信息"
            elif close:
                message += f"，是不是“{close[0]}”？"
            else:
                message += f"，允许的键有：{'、'.join(allowed)}"
            yield pos.line, pos.col, "unknown-key", message
    elif kind == "enum":
        choices = "、".join(str(v) for v in error.validator_value)
        if value is None or value == "":
            pos = doc.key_pos(path) if value is None else at_value
            yield pos.line, pos.col, "enum", f"{where}不能为空，应为：{choices}"
        else:
            message = f"{where}的值“{_shown(value)}”不在可选范围内，应为：{choices}"
            yield at_value.line, at_value.col, "enum", message
    elif kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        # An empty value has no position of its own worth showing: point at its key.
        pos = doc.key_pos(path) if value is None else at_value
        yield pos.line, pos.col, "type", _type_message(where, value, names)
    elif kind == "pattern":
        yield at_value.line, at_value.col, "pattern", _pattern_message(where, value, sub)
    elif kind == "minLength":
        yield at_value.line, at_value.col, "empty", f"{where}不能为空"
    elif kind == "maxLength":
        limit = error.validator_value
        yield (
            at_value.line,
            at_value.col,
            "too-long",
            f"{where}过长：最多 {limit} 个字，现有 {len(value)} 个",
        )
    elif kind == "minimum":
        limit = error.validator_value
        yield (
            at_value.line,
            at_value.col,
            "minimum",
            f"{where}至少为 {limit}，而不是 {_shown(value)}",
        )
    elif kind == "maximum":
        limit = error.validator_value
        yield (
            at_value.line,
            at_value.col,
            "maximum",
            f"{where}最多为 {limit}，而不是 {_shown(value)}",
        )
    elif kind == "minItems":
        yield (
            at_value.line,
            at_value.col,
            "min-items",
            f"{where}至少要有 {error.validator_value} 项",
        )
    elif kind == "maxItems":
        yield at_value.line, at_value.col, "max-items", f"{where}最多 {error.validator_value} 项"
    else:  # pragma: no cover - every keyword our schemas use is translated above
        yield at_value.line, at_value.col, kind, f"{where}不符合要求（{kind}）"
