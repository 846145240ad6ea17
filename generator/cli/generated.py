"""Files made from the data and committed with it (CODEOWNERS, admin/config.yml): write or check."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from generator.system.files import write_atomic

State = Literal["current", "stale", "written"]


def refresh(path: Path, text: str, check: bool) -> State:
    """Whether path already holds text; if not, ``stale`` when checking, else it is written."""
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == text:
        return "current"
    if check:
        return "stale"
    write_atomic(path, text)
    return "written"
