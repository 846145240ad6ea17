"""The case's fields as every output names and orders them: one registry built from the schema.

An entry says a field's key (dotted for the petitioner's two), its titles, the model attribute
that holds it, its kind and its place in the 台账. Titles and kinds come from the schema; what
the schema cannot say (附件1's column order and its extra words, the model's attribute names,
which fields the path holds, which are personal data) is typed here, once. The site's 台账 and
case pages, the Excel export and import and the diff all read it, so a profile that changes the
schema changes every one of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.ledger.schema import case_schema

# Kinds: how a field's value is held and written.
TEXT, INT, DATE, BOOL, ENUM, PEOPLE, LIST = "text", "int", "date", "bool", "enum", "people", "list"
# Personal data: a petitioner's name is masked to its first character, an address never shown.
NAME, ADDRESS = "name", "address"

# The form's yes and no: the values of 是否已化解, and how every output writes a flag.
YES, NO = "是", "否"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LONG_FROM = 500  # a maxLength from which text runs to paragraphs (the web editor's cut too)
# The model's attribute for each field (ledger/model.py turns the file's keys into these).
ATTRS = {
    "编号": "id",
    "单位": "unit",
    "排查日期": "screened_on",
    "信访人.姓名": "petitioner_name",
    "信访人.住址": "petitioner_address",
    "涉及人数": "people_count",
    "问题属地": "location",
    "问题类型": "category",
    "主要诉求": "demand",
    "风险等级": "risk",
    "包案领导": "leader",
    "责任部门": "department",
    "分包民警": "police",
    "工作措施": "measures",
    "是否已化解": "status",
    "化解日期": "resolved_on",
    "化解方式": "resolution",
    "典型案例": "typical",
    "备注": "note",
    # The optional fields a profile may switch on (schemas/optional.schema.json).
    "化解时限": "deadline",
    "信访形式": "intake",
    "交办.单位": "assigned_unit",
    "交办.文号": "assigned_doc",
    "交办.日期": "assigned_on",
    "稳控.责任人": "stability_person",
    "稳控.措施": "stability_measures",
    "重复信访": "repeat",
    "回访.日期": "visited_on",
    "回访.满意度": "satisfaction",
    "原编号": "original_id",
}
PATH_KEYS = ("编号", "单位")  # cases/<单位>/<编号>.yaml: the path holds them
PERSONAL = {"信访人.姓名": NAME, "信访人.住址": ADDRESS}
# 附件1's own columns in the form's order, then those an export adds so that nothing is lost.
FORM_COLUMNS = (
    "信访人.姓名",
    "信访人.住址",
    "问题属地",
    "主要诉求",
    "工作措施",
    "包案领导",
    "责任部门",
    "分包民警",
    "问题类型",
    "是否已化解",
    "备注",
)
EXTRA_COLUMNS = ("编号", "排查日期", "化解日期", "涉及人数", "风险等级", "化解方式", "典型案例")
# The form's column titles add to a schema title where one cell holds a person and a post.
FORM_WORDS = {"包案领导": "{}姓名、职务", "责任部门": "{}及责任人姓名、职务"}


@dataclass(frozen=True)
class Field:
    """One field of a case as every output names, orders and writes it."""

    key: str  # 排查日期, 信访人.姓名 …: its place in a case file
    title: str  # the schema's, with its parent's in front where it lacks it: 信访人姓名
    heading: str  # its 台账 column title in the form's words: 姓名, 科级包案领导姓名、职务
    attr: str  # the Case attribute that holds it
    kind: str  # TEXT | INT | DATE | BOOL | ENUM | PEOPLE | LIST
    long: bool  # text that runs to paragraphs: the site clips it, Excel gives it a wide column
    form: bool  # one of 附件1's own columns
    in_path: bool  # 编号, 单位: the file's path says it
    personal: str  # NAME | ADDRESS for the petitioner's data, "" otherwise
    values: tuple[str, ...] = ()  # an ENUM's (or a yes/no BOOL's) allowed values


@dataclass(frozen=True, eq=False)  # one per schema: equal only to itself, so it can key a cache
class Registry:
    """Every field of one case schema, the 台账's columns, and every title the schema gives."""

    fields: tuple[Field, ...]  # in the schema's order
    ledger: tuple[Field, ...]  # the 台账's columns: 附件1's, then the rest but 单位 (the sheet's)
    titles: Mapping[str, str]  # every place the schema names, dotted (信访人 too) → its title

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def title(self, key: str) -> str:
        return self.titles[key]

    def path_keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields if f.in_path)

    def without_path(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A case's file form without 编号 and 单位: what a file says, what a move keeps."""
        keys = self.path_keys()
        return {k: v for k, v in data.items() if k not in keys}


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def _kind(sub: Mapping[str, Any]) -> str:
    kind = sub.get("type")
    if kind == "integer":
        return INT
    if kind == "boolean" or sub.get("enum") == [YES, NO]:
        return BOOL
    if "enum" in sub:
        return ENUM
    if kind == "object":
        return PEOPLE
    if kind == "array":
        return LIST
    return DATE if sub.get("pattern") == DATE_PATTERN else TEXT


def _places(schema: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any], str]]:
    """(dotted key, own title, subschema, parent's title) of every field, in the schema's order;
    an object the model holds as one value (a person) is one field, others stand for their parts.
    """
    for key, sub in schema["properties"].items():
        if key in ATTRS or sub.get("type") != "object":
            yield key, sub["title"], sub, ""
            continue
        for child, part in sub["properties"].items():
            yield f"{key}.{child}", part["title"], part, sub["title"]


def _field(key: str, own: str, sub: Mapping[str, Any], parent: str) -> Field:
    kind = _kind(sub)
    return Field(
        key=key,
        title=own if own.startswith(parent) else parent + own,
        heading=FORM_WORDS.get(key, "{}").format(own),
        attr=ATTRS[key],
        kind=kind,
        long=kind == LIST or sub.get("maxLength", 0) >= LONG_FROM,
        form=key in FORM_COLUMNS,
        in_path=key in PATH_KEYS,
        personal=PERSONAL.get(key, ""),
        values=tuple(sub.get("enum", ())),
    )


def _titles(schema: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for key, sub in schema.get("properties", {}).items():
        yield prefix + key, sub["title"]
        yield from _titles(sub, f"{prefix}{key}.")


def build(schema: Mapping[str, Any]) -> Registry:
    """The registry of a case schema (the built-in one, or one a profile has changed)."""
    fields = tuple(_field(*place) for place in _places(schema))
    by_key = {f.key: f for f in fields}
    placed = [by_key[k] for k in (*FORM_COLUMNS, *EXTRA_COLUMNS) if k in by_key]
    rest = [f for f in fields if f not in placed and not f.in_path]  # a field the form lacks
    return Registry(fields, (*placed, *rest), dict(_titles(schema)))


_built: dict[int, tuple[Mapping[str, Any], Registry]] = {}


def registry(schema: Mapping[str, Any] | None = None) -> Registry:
    """The registry of schema (default: the case schema), built once per schema object."""
    schema = case_schema() if schema is None else schema
    hit = _built.get(id(schema))
    if hit is None or hit[0] is not schema:
        hit = _built[id(schema)] = (schema, build(schema))
    return hit[1]
