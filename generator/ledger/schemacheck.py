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

from generator.ledger.profile import CATALOGUE
from generator.ledger.schema import load_schema, resolve, subschema
from generator.ledger.yamlbounds import Finding, Limits
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
# The optional fields' keys: a case may carry one only when the profile switches it on.


__all__ = ["Finding", "examine", "label", "limits"]


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


Schema = str | dict[str, Any]  # a shipped schema's name (case, campaign) or a schema itself
_validators: dict[int, tuple[dict[str, Any], Any, Any]] = {}


def _checkers(schema: Schema) -> tuple[dict[str, Any], Any, Any]:
    """The schema, its fast and its explaining validator, made once per schema object (a
    profile's case schema is one object for the whole run)."""
    resolved = resolve(schema)
    hit = _validators.get(id(resolved))
    if hit is None or hit[0] is not resolved:
        fast = jsonschema_rs.Draft202012Validator(resolved)
        hit = _validators[id(resolved)] = (resolved, fast, _Validator(resolved))
    return hit


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


def examine(name: Schema, data: Any, doc: Document) -> tuple[list[Finding], set[Path_]]:
    """Every schema violation of data, and the paths of the values that break the schema.

    A missing key has no value and no rule reads an unknown key, so neither is among the
    paths: the cross-field rules still see every other value (``rules.valid_part``).
    """
    schema, fast, slow = _checkers(name)
    if fast.is_valid(data):
        return [], set()
    errors = list(slow.iter_errors(data))
    # A value outside an enum also fails its type (false for 是/否); the enum message, which
    # lists the allowed values, says everything.
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    found: list[Finding] = []
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "type" and tuple(error.absolute_path) in enum_paths:
            continue
        for finding in _translate(error, schema, doc):
            # jsonschema reports each missing key of one object as its own error.
            if finding not in found:
                found.append(finding)
    if not found:  # the two libraries disagree: never let such a file pass without a word
        message = "文件不符合格式要求（schema），请对照 schema 目录中的说明检查"
        return [(1, 1, "schema", message)], {()}
    # A list with a value twice still says what is meant (the profile keeps each value once).
    keys = ("required", "additionalProperties", "uniqueItems")
    return found, {tuple(e.absolute_path) for e in errors if e.validator not in keys}


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
) -> Iterator[Finding]:
    path: Path_ = tuple(error.absolute_path)
    where = label(path)
    sub = subschema(schema, path) or {}
    if error.validator == "required":
        yield from _missing_keys(error, path, doc)
    elif error.validator == "additionalProperties":
        yield from _unknown_keys(error, path, sub, doc)
    else:
        # An empty value has no position of its own worth showing: point at its key.
        pos = doc.key_pos(path) if error.instance is None else doc.value_pos(path)
        rule, message = _value_message(error, where, sub)
        yield pos.line, pos.col, rule, message


def _missing_keys(
    error: jsonschema.ValidationError, path: Path_, doc: Document
) -> Iterator[Finding]:
    pos = doc.key_pos(path)
    owner = f"{label(path)}缺少" if path else "缺少"
    for key in error.validator_value:
        if key not in (error.instance or {}):
            yield pos.line, pos.col, "required", f"{owner}必填项“{key}”"


def _unknown_keys(
    error: jsonschema.ValidationError, path: Path_, sub: dict[str, Any], doc: Document
) -> Iterator[Finding]:
    allowed = list(sub.get("properties", {}))
    missing = [k for k in allowed if k not in error.instance]
    for key in error.instance:
        if key in allowed:
            continue
        pos = doc.key_pos((*path, key))
        message = f"{label(path) + '中' if path else ''}不认识的键“{key}”"
        close = difflib.get_close_matches(key, missing, n=1, cutoff=0.5)
        if not path and key in CATALOGUE and "是否已化解" in allowed:  # a case file
            message += "：这是可选字段，须先在 campaign.yaml 的“台账.字段”中启用"
        elif any(s in key for s in _SENSITIVE):
            message += "：按个人信息保护的最小必要原则，台账不记录身份证号、电话等信息"
        elif close:
            message += f"，是不是“{close[0]}”？"
        else:
            message += f"，允许的键有：{'、'.join(allowed)}"
        yield pos.line, pos.col, "unknown-key", message


def _repeated(values: list[Any]) -> str:
    """The first value of a list that comes again (uniqueItems)."""
    seen: list[Any] = []
    for value in values:
        if value in seen:
            return _shown(value)
        seen.append(value)
    return ""  # pragma: no cover (jsonschema reports only lists with a repeat)


# The keywords whose message needs only the field, the limit and the value: rule, message.
_LIMITS = {
    "minLength": ("empty", "{where}不能为空"),
    "maxLength": ("too-long", "{where}过长：最多 {limit} 个字，现有 {length} 个"),
    "minimum": ("minimum", "{where}至少为 {limit}，而不是 {shown}"),
    "maximum": ("maximum", "{where}最多为 {limit}，而不是 {shown}"),
    "minItems": ("min-items", "{where}至少要有 {limit} 项"),
    "maxItems": ("max-items", "{where}最多 {limit} 项"),
}


def _value_message(
    error: jsonschema.ValidationError, where: str, sub: dict[str, Any]
) -> tuple[str, str]:
    """The rule and message of a value that breaks its own part of the schema."""
    kind, value, limit = error.validator, error.instance, error.validator_value
    if kind == "enum":
        choices = "、".join(str(v) for v in limit)
        if value is None or value == "":
            return "enum", f"{where}不能为空，应为：{choices}"
        message = f"{where}的值“{_shown(value)}”不在可选范围内，应为：{choices}"
        if isinstance(value, str) and any(s in value for s in _SENSITIVE):  # 字段: [身份证号]
            message += "（按个人信息保护的最小必要原则，台账不记录身份证号、电话等信息）"
        return "enum", message
    if kind == "uniqueItems":
        return "duplicate", f"{where}中有重复的值“{_repeated(value)}”，每个值只写一次"
    if kind == "type":
        names = [limit] if isinstance(limit, str) else list(limit)
        return "type", _type_message(where, value, names)
    if kind == "pattern":
        return "pattern", _pattern_message(where, value, sub)
    if kind in _LIMITS:
        rule, template = _LIMITS[kind]
        length = len(value) if isinstance(value, str) else 0
        return rule, template.format(where=where, limit=limit, shown=_shown(value), length=length)
    # Every keyword our schemas use is translated above.
    return kind, f"{where}不符合要求（{kind}）"  # pragma: no cover
