"""Writing case files the way the web editor (Decap CMS) writes them.

Decap rewrites a whole file on save: block style, keys in the form's order, dates unquoted,
sequences indented under their key, double quotes where a value needs quoting, long lines
folded at 80 columns (see ``decapyaml``). ``new``, ``import`` and ``move`` write the same way, so a
diff shows only what changed, whichever tool touched the file last.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from generator import decapyaml
from generator.schemas import case_schema


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
    """YAML text of a case, byte for byte as the web editor would save the same data."""
    return decapyaml.dump(ordered(data))


def write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file in the same folder, so no reader sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
