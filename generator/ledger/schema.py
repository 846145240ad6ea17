"""The JSON Schemas (package data): the one source of truth for fields, titles, vocabularies."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from generator.system import resources


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return schemas/<name>.schema.json (``case`` or ``campaign``), keys in file order.

    The schemas are package data (schema/ in the repository links to them), read wherever the
    package is installed.
    """
    text = resources.data("ledger", "schemas", f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def resolve(schema: str | dict[str, Any]) -> dict[str, Any]:
    """A shipped schema by its name (case, campaign), or a schema given itself (a profile's)."""
    return load_schema(schema) if isinstance(schema, str) else schema


def case_schema() -> dict[str, Any]:
    return load_schema("case")


def campaign_schema() -> dict[str, Any]:
    return load_schema("campaign")


def case_keys() -> list[str]:
    """Top-level case keys in the form's order: the order every writer uses."""
    return list(case_schema()["properties"])


def enum_values(key: str) -> list[str]:
    values: list[str] = case_schema()["properties"][key]["enum"]
    return values


def title(key: str) -> str:
    """The Chinese title of a top-level case key."""
    t: str = case_schema()["properties"][key]["title"]
    return t


def subschema(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any] | None:
    """Follow an instance path through properties/items; None where the schema has no such place."""
    node: dict[str, Any] | None = schema
    for part in path:
        if node is None:
            return None
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
    return node
