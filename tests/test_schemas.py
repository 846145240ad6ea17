"""The JSON Schemas: valid draft 2020-12, Chinese title and description everywhere, closed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from generator.ledger.schema import load_schema

NAMES = ["case", "campaign"]


def places(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The schema itself, every property and every array's items, recursively."""
    yield where, node
    for key, sub in node.get("properties", {}).items():
        yield from places(sub, f"{where}.{key}")
    if isinstance(node.get("items"), dict):
        yield from places(node["items"], f"{where}[]")


def chinese(text: Any) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("name", NAMES)
def test_valid_against_the_draft_2020_12_metaschema(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    meta = jsonschema.Draft202012Validator.META_SCHEMA
    assert jsonschema.Draft202012Validator(meta).is_valid(schema)
    jsonschema_rs.Draft202012Validator(schema)  # the fast validator compiles it too


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_chinese_title_and_description(name: str) -> None:
    found = list(places(load_schema(name), name))
    assert len(found) >= 20
    for where, node in found:
        assert chinese(node.get("title")), f"{where} 缺少中文 title"
        assert chinese(node.get("description")), f"{where} 缺少中文 description"


@pytest.mark.parametrize("name", NAMES)
def test_every_object_is_closed(name: str) -> None:
    for where, node in places(load_schema(name), name):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, where
            assert set(node.get("required", [])) <= set(node["properties"]), where


@pytest.mark.parametrize("name", NAMES)
def test_patterns_use_ascii_digits(name: str) -> None:
    for where, node in places(load_schema(name), name):
        if "pattern" in node:
            assert "\\d" not in node["pattern"], where
            assert node["pattern"].startswith("^") and node["pattern"].endswith("$"), where


def test_no_field_for_identity_or_phone_numbers() -> None:
    names = " ".join(where for where, _ in places(load_schema("case"), "case"))
    for word in ("身份证", "电话", "手机", "证件"):
        assert word not in names


def test_case_enums_are_those_of_the_design() -> None:
    props = load_schema("case")["properties"]
    assert props["问题类型"]["enum"] == [
        "城建拆迁",
        "问题楼盘",
        "集资融资",
        "劳动社保",
        "双拖欠",
        "土地征用",
        "涉法涉诉",
        "婚姻家庭",
        "邻里纠纷",
        "环境污染",
        "其他",
    ]
    assert props["风险等级"]["enum"] == ["高", "中", "低"]
    assert props["化解方式"]["enum"] == [
        "调解",
        "政策解释",
        "协商和解",
        "司法途径",
        "行政复议",
        "其他",
    ]
    assert props["是否已化解"]["enum"] == ["是", "否"]
