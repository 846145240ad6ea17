"""The three forms of ``diff``: text for a terminal, Markdown for a pull request, JSON for tools."""

from __future__ import annotations

from collections.abc import Callable

from generator.diff.jsonout import to_json
from generator.diff.markdown import to_markdown
from generator.diff.model import LedgerDiff
from generator.diff.text import to_text

FORMATS: dict[str, Callable[[LedgerDiff], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
}
