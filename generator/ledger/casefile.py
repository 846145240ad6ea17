"""Writing case files the way the web editor (Decap CMS) writes them.

Decap rewrites a whole file on save (through the JavaScript ``yaml`` library): block style, keys
in the form's order, dates unquoted, sequences indented under their key, double quotes where a
value needs quoting, long lines folded at spaces near 80 columns. ``new``, ``import`` and
``move`` write the same way with PyYAML configured to match, so a diff shows only what changed,
whichever tool touched the file last. ``tests/test_casefile_decap.py`` compares the two.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import DataError
from generator.ledger.schema import case_schema
from generator.system.files import linked_part, write_atomic

# Plain scalars the YAML 1.2 core schema (Decap's) or our loader would not read back as text;
# a string that looks like one of these must be quoted.
_CORE_RESOLVERS = (
    ("tag:yaml.org,2002:null", r"^(?:~|[Nn]ull|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$", list("tTfF")),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
        r"|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Decap indents a sequence under its key: "工作措施:\n  - 日期: …".
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: object) -> bool:
        # A date object used twice (排查日期 == 化解日期) would become an anchor and alias,
        # which our own loader rightly refuses.
        return True

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style  # Decap quotes with double quotes


_YAML11_BREAK = re.compile("[\x85\u2028\u2029]")
_Dumper.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Dumper.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A multi-line text is a literal block, as Decap writes it; PyYAML falls back to double
    # quotes where a block cannot hold the text exactly (leading tab or space, odd breaks).
    # PyYAML (YAML 1.1) would write NEL, U+2028 and U+2029 in a block as line breaks, which
    # YAML 1.2 readers (Decap's, ours) read as characters: such a text is double-quoted, where
    # they become the escapes \N, \L and \P.
    block = "\n" in value and not value.startswith(("\t", " ")) and not _YAML11_BREAK.search(value)
    style = "|" if block else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.date, _date)


def dump(data: dict[str, Any]) -> str:
    """YAML text of a mapping in the web editor's style, keys in the given order."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=80,
    )
    return text


def ordered(data: dict[str, Any], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Reorder keys (recursively) into the schema's property order; unknown keys go last."""
    schema = schema or case_schema()
    props = schema.get("properties", {})
    keys = [k for k in props if k in data] + [k for k in data if k not in props]
    out: dict[str, Any] = {}
    for key in keys:
        value = data[key]
        sub = props.get(key, {})
        if isinstance(value, dict):
            value = ordered(value, sub)
        elif isinstance(value, list) and isinstance(sub.get("items"), dict):
            value = [ordered(v, sub["items"]) if isinstance(v, dict) else v for v in value]
        out[key] = value
    return out


def dump_case(data: dict[str, Any]) -> str:
    """YAML text of a case, in the key order and block style of the web editor."""
    return dump(ordered(data))


def write_case_file(root: Path, path: Path, text: str) -> None:
    """write_atomic, refusing a case file whose way from root passes a symbolic link.

    validate refuses links under cases/ (and cases/ itself as one), but ``new`` and ``import``
    write before anything is validated: a committed ``cases -> /elsewhere`` must not steer them.
    """
    rel = linked_part(root, path)
    if rel is not None:
        raise DataError(f"{rel} 是符号链接，案件文件不能写到链接指向的地方；请把它换成真正的文件夹")
    write_atomic(path, text)
