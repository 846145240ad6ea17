"""使用说明: how to add and change cases, the fields (generated from the profile's case schema),
the ledger's own settings (``台账:`` in campaign.yaml) and how the alerts are counted."""

from __future__ import annotations

from typing import Any, NamedTuple

from generator.ledger.fields import DATE_PATTERN, yes_no
from generator.ledger.profile import PRESET, Profile
from generator.site.context import Site
from generator.site.render import Page, page

RHYTHM_NAMES = {"周": "每周", "半月": "每半月", "月": "每月", "季": "每季度"}


class FieldHelp(NamedTuple):
    """One row of 使用说明's table of fields."""

    key: str
    title: str
    required: str  # 是 or 否
    description: str
    values: str


def field_help(schema: dict[str, Any]) -> list[FieldHelp]:
    """Each field of the case schema, nested ones as ``信访人.姓名``, from the schema itself."""
    out: list[FieldHelp] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        required = set(node.get("required", []))
        for key, prop in node["properties"].items():
            name = f"{prefix}{key}"
            out.append(
                FieldHelp(name, prop.get("title", key), yes_no(key in required),
                          prop.get("description", ""), _values(prop))
            )  # fmt: skip
            if prop.get("type") == "object":
                walk(prop, f"{name}.")
            elif prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
                walk(prop["items"], f"{name}[].")

    walk(schema, "")
    return out


def _values(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "、".join(str(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "boolean":
        return "是、否"  # a switch in the web editor; the description says how a file writes it
    if kind == "integer":
        return f"{prop.get('minimum', '')}–{prop.get('maximum', '')} 的整数"
    if kind == "string" and prop.get("pattern") == DATE_PATTERN:
        return "日期，如 2019-07-01"
    if kind == "string":
        return f"文字，不超过 {prop['maxLength']} 字" if "maxLength" in prop else "文字"
    if kind == "array":
        return "列表，每条一项"
    return ""


def settings(profile: Profile) -> list[tuple[str, str]]:
    """The ledger's own lists and switches, as campaign.yaml's ``台账:`` gives them."""
    rows = [
        ("报送周期", f"{profile.rhythm}（汇总表{RHYTHM_NAMES[profile.rhythm]}一期）"),
        ("问题类型", "、".join(profile.categories)),
        ("风险等级（从高到低）", "、".join(profile.risks)),
        ("未化解的状态", "、".join(profile.open_states)),
        ("已化解的状态", "、".join(profile.resolved_states)),
        ("化解方式", "、".join(profile.methods)),
        ("启用的可选字段", "、".join(profile.fields) or "无"),
    ]
    if profile.has("信访形式"):
        rows.append(("信访形式", "、".join(profile.forms)))
    return rows


def help_page(site: Site) -> Page:
    profile = site.profile
    return page(
        "help.md",
        "使用说明",
        "help.md.j2",
        site=site,
        masked=site.masked,
        fields=field_help(profile.case_schema),
        # The 2019 plan has no 台账: to describe (and its page stays as it was).
        settings=settings(profile) if profile != PRESET else [],
        stall=site.campaign.stall_days,
        overdue=site.campaign.overdue_days,
    )
