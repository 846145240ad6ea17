"""Text from case files made safe to print to a terminal or a CI log (DESIGN: Privacy and security).

A case file can hold any character a YAML escape can write: ESC and the C1 codes start terminal
escape sequences (colours, cursor moves, window titles, links), bidi controls reorder what a
reader sees, NEL and U+2028/U+2029 break lines in some viewers. CI runners also read commands
from the log: GitHub's runner acts on ``::command::`` at the start of a line and on
``##[command]`` anywhere in one (Azure's agent on ``##vso[``). Every printer of case text passes
each line through ``printable``; JSON output is data and keeps JSON's own escaping.
"""

from __future__ import annotations

import re

# C0, DEL, C1, the bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), line and paragraph
# separators, and lone surrogates (which cannot even be encoded for output).
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CI_COMMAND = re.compile(r"##(?:vso)?\[")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """One line: control and bidi characters written out (``\\x1b``, ``\\u202e``, ``\\n``), and
    nothing a CI runner would read as a command."""
    text = _HIDDEN.sub(_visible, text)
    if "##" in text:
        text = _CI_COMMAND.sub(lambda m: m.group(0)[:-1] + "\\x5b", text)
    stripped = text.lstrip()
    if stripped.startswith("::"):  # the runner trims leading white space before looking
        start = len(text) - len(stripped)
        text = text[:start] + "\\x3a" + text[start + 1 :]
    return text


def printable_lines(text: str) -> str:
    """A block of lines (split at ``\\n`` only), each made ``printable``."""
    return "\n".join(printable(line) for line in text.split("\n"))


# In JSON text a raw line break is layout (indent=2), never data: json.dumps escapes it in strings.
_HIDDEN_IN_JSON = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable_json(text: str) -> str:
    """JSON text (``json.dumps`` with ``ensure_ascii=False``) with the same characters and
    ``##[`` written as JSON ``\\u`` escapes: it reads back as the same data."""
    text = _HIDDEN_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return _CI_COMMAND.sub(lambda m: m.group(0)[:-1] + "\\u005b", text) if "##" in text else text
