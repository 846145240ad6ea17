"""The ledger profile (``台账:`` in campaign.yaml): an office's own lists, statuses and rhythm.

A profile says what the 2019 plan fixed: the 问题类型, 风险等级, 化解方式 and 信访形式 lists, the
values of 是否已化解 in two groups, the 汇总表's rhythm, the optional fields switched on and the
forms' titles. The case schema every check and output uses is generated from the base schema
(package data) and the profile; without ``台账:`` it is the base schema itself, so the 2019
plan's files, pages and forms stay byte for byte what they were.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from generator.ledger.fields import Registry, registry
from generator.ledger.schema import case_schema, load_schema

RHYTHMS = ("周", "半月", "月", "季")
# The optional fields' catalogue, in the order a case file, the 台账 and Excel place them.
CATALOGUE = tuple(load_schema("optional")["properties"])
_BASE = case_schema()["properties"]
# The lists the generated schema takes from a profile: case key → Profile attribute.
_LISTS = {"问题类型": "categories", "风险等级": "risks", "化解方式": "methods"}
# A generic description where the base one speaks of the 2019 plan's own list.
_PLAIN = {
    "问题类型": "问题所属领域。",
    "风险等级": "若不及时化解，矛盾升级（越级访、集体访等）的可能性，从高到低：{}。",
    "是否已化解": (
        "化解状态：未化解的有 {}；已化解的有 {}（已化解时必须填写化解日期，化解方式可选填）。"
    ),
}


def _enum(key: str) -> tuple[str, ...]:
    return tuple(_BASE[key]["enum"])


@dataclass(frozen=True)
class Profile:
    """One office's ledger; every value has the 2019 plan's as its default."""

    rhythm: str = "半月"  # 报送周期: 周 | 半月 | 月 | 季
    categories: tuple[str, ...] = _enum("问题类型")
    risks: tuple[str, ...] = _enum("风险等级")  # from the highest down
    open_states: tuple[str, ...] = ("否",)  # 化解状态.未化解; the first is a new case's
    resolved_states: tuple[str, ...] = ("是",)  # 化解状态.已化解
    methods: tuple[str, ...] = _enum("化解方式")
    fields: tuple[str, ...] = ()  # optional fields switched on, in the catalogue's order
    forms: tuple[str, ...] = ("来信", "来访", "来电", "网上信访")  # 信访形式's values
    ledger_title: str = ""  # 标题.台账; "" = the 2019 wording with the organiser's name
    summary_title: str = ""  # 标题.汇总表

    @property
    def statuses(self) -> tuple[str, ...]:
        """是否已化解's values: the 未化解 group, then the 已化解 group (each value once, even
        while campaign.yaml wrongly has one in both: status-groups)."""
        return tuple(dict.fromkeys((*self.open_states, *self.resolved_states)))

    @property
    def new_status(self) -> str:
        return self.open_states[0]

    @property
    def high(self) -> str:
        """The highest risk level: "high risk" for alerts and diffs."""
        return self.risks[0]

    def is_resolved(self, status: str) -> bool:
        return status in self.resolved_states

    def risk_rank(self, risk: str) -> int:
        """Larger is riskier: the profile's order, from the lowest up."""
        return len(self.risks) - self.risks.index(risk)

    def has(self, name: str) -> bool:
        """Whether the optional field ``name`` is switched on."""
        return name in self.fields

    @cached_property
    def case_schema(self) -> dict[str, Any]:
        """The case schema of this profile: the base one itself where nothing differs."""
        return generated_schema(self)

    @cached_property
    def registry(self) -> Registry:
        return registry(self.case_schema)


PRESET = Profile()


# One schema object per profile: every reload of campaign.yaml (serve rebuilds on each save)
# finds the validators and the registry made for it, instead of adding another set of them.
@cache
def generated_schema(profile: Profile) -> dict[str, Any]:
    """The base case schema with the profile's lists and optional fields put in."""
    same = all(getattr(profile, a) == getattr(PRESET, a) for a in _LISTS.values())
    if same and profile.statuses == PRESET.statuses and not profile.fields:
        return case_schema()  # the very object: one registry, one validator for the sample
    schema = copy.deepcopy(case_schema())
    props = schema["properties"]
    for key, attr in _LISTS.items():
        values = getattr(profile, attr)
        if values != getattr(PRESET, attr):
            props[key]["enum"] = list(values)
            if key in _PLAIN:
                props[key]["description"] = _PLAIN[key].format("、".join(values))
    if profile.statuses != PRESET.statuses:
        state = props["是否已化解"]
        state["enum"] = list(profile.statuses)
        shown = ("、".join(profile.open_states), "、".join(profile.resolved_states))
        state["description"] = _PLAIN["是否已化解"].format(*shown)
    optional = load_schema("optional")["properties"]
    for name in CATALOGUE:
        if profile.has(name):
            props[name] = copy.deepcopy(optional[name])
    if profile.has("信访形式"):
        props["信访形式"]["enum"] = list(profile.forms)
    return schema


def schema_text(schema: Mapping[str, Any]) -> str:
    """A schema as committed under schema/: two-space JSON, Chinese as it is, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _words(raw: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list the schema accepted, each value once; the preset's where it did not (a value made
    INVALID). A value written twice is reported, but the list still says what the office means."""
    good = isinstance(raw, list) and raw and all(isinstance(word, str) for word in raw)
    return tuple(dict.fromkeys(raw)) if good else default


def _text(raw: Any) -> str:
    return raw if isinstance(raw, str) else ""


def profile_from_dict(raw: Mapping[str, Any] | None) -> Profile:
    """The profile of a checked ``台账:`` (None: the 2019 plan).

    A value the schema refused is left at the preset's, so that the cases can still be checked
    against everything else while campaign.yaml reports the mistake.
    """
    if not isinstance(raw, Mapping):
        return PRESET
    states = raw.get("化解状态")
    states = states if isinstance(states, Mapping) else {}
    titles = raw.get("标题")
    titles = titles if isinstance(titles, Mapping) else {}
    rhythm = raw.get("报送周期")
    switched = raw.get("字段")
    switched = switched if isinstance(switched, list) else []
    return Profile(
        rhythm=rhythm if rhythm in RHYTHMS else PRESET.rhythm,
        categories=_words(raw.get("问题类型"), PRESET.categories),
        risks=_words(raw.get("风险等级"), PRESET.risks),
        open_states=_words(states.get("未化解"), PRESET.open_states),
        resolved_states=_words(states.get("已化解"), PRESET.resolved_states),
        methods=_words(raw.get("化解方式"), PRESET.methods),
        fields=tuple(name for name in CATALOGUE if name in switched),
        forms=_words(raw.get("信访形式"), PRESET.forms),
        ledger_title=_text(titles.get("台账")),
        summary_title=_text(titles.get("汇总表")),
    )
