"""The web form's fields (Decap widgets) from the campaign's case schema, lists and hints.

Labels are the schema's titles, hints its descriptions with what CI checks beyond a field's own
value, selects its enums (the profile's lists) and campaign.yaml's 人员 lists; the optional fields
a profile switches on get their widgets like every other field (dates, objects, a boolean, a
select). Field order is the schema's, the order ``casefile.dump_case`` writes.
"""

from __future__ import annotations

from typing import Any

from generator.ledger.fields import DATE_PATTERN, LONG_FROM, PATH_KEYS
from generator.ledger.model import Campaign
from generator.ledger.profile import PRESET, Profile

# The path says them; the form has no such fields (the collection is the unit, the slug the id).
HIDDEN = PATH_KEYS
# Long texts (the registry's) get a multi-line box; everything is plain text, never markdown (the
# markdown widget mishandles Chinese input methods).
MULTILINE_FROM = LONG_FROM
CI_NOTE = "表单不检查，保存后由自动检查（CI）核对。"


def _extra_hints(campaign: Campaign) -> dict[tuple[str, ...], str]:
    """What a field's rules need beyond its own value: the form cannot check these, CI does."""
    start, end = campaign.start.isoformat(), campaign.end.isoformat() if campaign.end else ""
    period = f"活动期间为 {start} 至 {end}。" if end else f"台账自 {start} 起。"
    both = "没有分包民警时姓名和职务都留空；填写时两项都要填。"
    hints = {
        ("排查日期",): period + "是否在活动期间内、是否晚于今天，" + CI_NOTE,
        ("工作措施", "日期"): "是否早于排查日期、是否晚于今天，" + CI_NOTE,
        ("是否已化解",): "与化解日期是否一致，" + CI_NOTE,
        ("化解日期",): period + "与“是否已化解”是否一致、是否早于排查日期，" + CI_NOTE,
        ("化解方式",): "与“是否已化解”是否一致，" + CI_NOTE,
        ("分包民警", "姓名"): both,
        ("分包民警", "职务"): both,
        ("典型案例",): "表单中打开开关即为 true。",
    }
    for path, words in _profile_hints(campaign.profile).items():
        hints[path] = words + hints.get(path, "")
    if campaign.leaders is not None:
        pairs = "、".join(f"{p.name}（{p.title}）" for p in campaign.leaders)
        hints[("包案领导", "姓名")] = (
            f"从 campaign.yaml 的名单中选择：{pairs}。名单外的姓名由自动检查（CI）报错。"
        )
        hints[("包案领导", "职务")] = "请选与所选领导对应的职务（见上方名单）。"
    if campaign.departments is not None:
        hints[("责任部门", "名称")] = (
            "从 campaign.yaml 的名单中选择；名单外的名称由自动检查（CI）报错。"
        )
    return hints


def _profile_hints(profile: Profile) -> dict[tuple[str, ...], str]:
    """The profile's words where a hint needs them, and the optional fields' rules."""
    hints: dict[tuple[str, ...], str] = {}
    if profile.statuses != PRESET.statuses:  # the 2019 plan's descriptions say 是 and 否
        when = f"“是否已化解”为{'、'.join(profile.resolved_states)}时填写；"
        hints[("化解日期",)] = when
        hints[("化解方式",)] = when
    later = "是否晚于今天，" + CI_NOTE
    if profile.has("交办"):
        hints[("交办", "单位")] = "填写交办时必须填交办单位。"
        hints[("交办", "日期")] = later
    if profile.has("稳控"):
        for part in ("姓名", "职务"):
            hints[("稳控", "责任人", part)] = "填写稳控时，稳控责任人的姓名和职务都要填。"
    if profile.has("重复信访"):
        hints[("重复信访",)] = "表单中打开开关即为 true（重复信访），关闭为 false（初访）。"
    if profile.has("回访"):
        hints[("回访", "日期")] = "填写回访时必须填回访日期；" + later
    return hints


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
        self.hints = _extra_hints(campaign)
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
        out: dict[str, Any] = {"name": key, "label": prop["title"]}
        out.update(self.widget(prop, path, optional))
        if optional:
            out["required"] = False
        hint = _join(prop.get("description", ""), self.hints.get(path, ""))
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
