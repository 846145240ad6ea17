"""The web form's fields (Decap widgets) from the campaign's case schema, lists and hints.

Labels are the schema's titles (a nested field's is its path, 信访人·姓名); hints
(``editor.hints``) its descriptions in the clerk's words with what is checked after saving;
selects its enums (the profile's lists) and campaign.yaml's 人员 lists. The optional fields a
profile switches on get their widgets like every other field (dates, objects, a boolean, a
select). Field order is the schema's, the order ``casefile.dump_case`` writes.
"""

from __future__ import annotations

from typing import Any

from generator.editor import hints
from generator.ledger.fields import DATE_PATTERN, LONG_FROM, PATH_KEYS
from generator.ledger.model import Campaign

# The path says them; the form has no such fields (the collection is the unit, the slug the id).
HIDDEN = PATH_KEYS
# Long texts (the registry's) get a multi-line box; everything is plain text, never markdown (the
# markdown widget mishandles Chinese input methods).
MULTILINE_FROM = LONG_FROM
# A nested field's label is its path (信访人·姓名): Decap's messages name a field by its label
# alone, and 姓名 alone would not say whose.
PATH_MARK = "·"


def label(prop: dict[str, Any], path: tuple[str, ...]) -> str:
    """The schema's title for a top-level field; the path of keys for a nested one."""
    return prop["title"] if len(path) == 1 else PATH_MARK.join(path)


def _choices(campaign: Campaign) -> dict[tuple[str, ...], list[str]]:
    """Selects that campaign.yaml's 人员 lists fill in; without a list the field is free text."""
    out: dict[tuple[str, ...], list[str]] = {}
    if campaign.leaders is not None:
        out[("包案领导", "姓名")] = [p.name for p in campaign.leaders]
        out[("包案领导", "职务")] = list(dict.fromkeys(p.title for p in campaign.leaders))
    if campaign.departments is not None:
        out[("责任部门", "名称")] = list(campaign.departments)
    return out


def _join(*parts: str) -> str:
    return "".join(p if p.endswith(("。", "；", "）")) else p + "。" for p in parts if p)


class _Fields:
    """Turns schema properties into Decap fields, with the campaign's lists and hints."""

    def __init__(self, campaign: Campaign) -> None:
        self.hints = hints.extra_hints(campaign)
        self.choices = _choices(campaign)
        self.new_status = campaign.profile.new_status

    def fields(self, schema: dict[str, Any], path: tuple[str, ...], optional: bool) -> list[Any]:
        required = set(schema.get("required", []))
        return [
            self.field(key, prop, (*path, key), optional or key not in required)
            for key, prop in schema["properties"].items()
            if not (not path and key in HIDDEN)
        ]

    def field(
        self, key: str, prop: dict[str, Any], path: tuple[str, ...], optional: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"name": key, "label": label(prop, path)}
        out.update(self.widget(prop, path, optional))
        if optional:
            out["required"] = False
        hint = _join(hints.described(path, prop.get("description", "")), self.hints.get(path, ""))
        if hint:
            out["hint"] = hint
        return out

    def widget(self, prop: dict[str, Any], path: tuple[str, ...], optional: bool) -> dict[str, Any]:
        kind = prop.get("type")
        if path in self.choices:
            return {"widget": "select", "options": self.choices[path]}
        if "enum" in prop:
            out: dict[str, Any] = {"widget": "select", "options": list(prop["enum"])}
            if path == ("是否已化解",):
                out["default"] = self.new_status  # a case is open when it is found
            return out
        if kind == "object":
            # Sub-fields of an optional object are optional too: Decap validates them even
            # when the object is left empty, and the schema checks the pair once filled.
            return {
                "widget": "object",
                "collapsed": False,
                "fields": self.fields(prop, path, optional),
            }
        if kind == "array":
            items = prop["items"]
            return {
                "widget": "list",
                "label_singular": items["title"],
                "summary": "{{fields.日期}} {{fields.内容}}",
                "collapsed": True,
                "max": prop["maxItems"],
                "fields": self.fields(items, path, False),
            }
        return _scalar(prop)


def _scalar(prop: dict[str, Any]) -> dict[str, Any]:
    """A number, a switch, a date or text: the widget of a field that holds one value."""
    kind = prop.get("type")
    if kind == "integer":
        return {
            "widget": "number",
            "value_type": "int",
            "step": 1,
            "min": prop["minimum"],
            "max": prop["maximum"],
        }
    if kind == "boolean":  # a default only where the schema has one: 重复信访 is never assumed
        return {"widget": "boolean", **({"default": prop["default"]} if "default" in prop else {})}
    if prop.get("pattern") == DATE_PATTERN:
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "pattern": [DATE_PATTERN, "：应为“年-月-日”，如 2019-07-03"],
        }
    limit = prop.get("maxLength")
    if limit and limit >= MULTILINE_FROM:
        # Decap would save a text whose first line starts with a tab as a block that
        # libyaml (our loader) refuses; stop it here, with a message the clerk can act on.
        return {
            "widget": "text",
            "pattern": [
                f"^(?!\\n*\\t)[\\s\\S]{{0,{limit}}}$",
                f"：最多 {limit} 个字，开头不能是 Tab",
            ],
        }
    out: dict[str, Any] = {"widget": "string"}
    if limit:
        out["pattern"] = [f"^[\\s\\S]{{0,{limit}}}$", f"：最多 {limit} 个字"]
    return out


def case_fields(campaign: Campaign) -> list[Any]:
    """The form's fields, the same for every unit."""
    return _Fields(campaign).fields(campaign.profile.case_schema, (), False)
