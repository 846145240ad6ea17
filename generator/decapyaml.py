"""YAML text exactly as the web editor writes it, so a diff shows only what changed.

Decap CMS 3.x saves a case through the ``yaml`` 1.x JavaScript library with its default
options (YAML 1.2 core schema, 2-space indent, lines folded at 80 columns). This module ports
the parts of that library's stringifier a case file needs: block mappings and sequences, and
its choice between plain, double-quoted, single-quoted and block scalars, with its line
folding. Lengths are counted in UTF-16 code units, as JavaScript counts them.
``tests/test_decapyaml.py`` checks the port against the library itself.

Where the library writes text that does not read back as the same data, we write something
that does, and differ from Decap: U+2028/U+2029 are written as ``\\L``/``\\P`` in double quotes
(our YAML 1.1 reader takes them for line breaks); a space between two line breaks in a
double-quoted string is escaped once, not twice; a fold never cuts a surrogate pair; text
whose first line starts with a tab goes in double quotes (libyaml refuses it in a block).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

LINE_WIDTH = 80
MIN_CONTENT_WIDTH = 20
MIN_MULTILINE_LENGTH = 40  # doubleQuoted.minMultiLineLength
INDENT = "  "

_FLOW, _BLOCK, _QUOTED = "flow", "block", "quoted"

# The YAML 1.2 core schema: a plain scalar matching one of these is not read back as a string.
_CORE = [
    re.compile(p)
    for p in (
        r"(?:~|[Nn]ull|NULL)?",
        r"(?:[Tt]rue|TRUE|[Ff]alse|FALSE)",
        r"0o[0-7]+",
        r"[-+]?[0-9]+",
        r"0x[0-9a-fA-F]+",
        r"(?i:[-+]?\.inf|\.nan)",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+",
        r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)",
    )
]
# Control characters, and the two separators YAML 1.1 readers (libyaml) take for line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NOT_PLAIN = re.compile(
    r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]\Z|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]\Z"
)
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ALL_SPACE = re.compile(f"[{_JS_SPACE}]*")
_JS_LINE_END = "\n\r\u2028\u2029"
_TAB_FIRST = re.compile(r"\A\n*\t")
_DOC_MARKER = re.compile(f"(?:\\A|[{_JS_LINE_END}])(?:%|---|\\.\\.\\.)")


def _utf16(text: str) -> str:
    """Astral characters as surrogate pairs, so indexes match JavaScript's."""
    if all(ord(c) <= 0xFFFF for c in text):
        return text
    return "".join(
        c
        if ord(c) <= 0xFFFF
        else chr(0xD800 + ((ord(c) - 0x10000) >> 10)) + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
        for c in text
    )


def _unutf16(text: str) -> str:
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _fold(text: str, indent: str, mode: str, indent_at_start: int | None = None) -> str:
    """foldFlowLines: break lines at single spaces so they stay within LINE_WIDTH."""
    end_step = max(1 + MIN_CONTENT_WIDTH, 1 + LINE_WIDTH - len(indent))
    if len(text) <= end_step:
        return text
    folds: list[int] = []
    escaped_folds: set[int] = set()
    end = LINE_WIDTH - len(indent)
    if indent_at_start is not None:
        if indent_at_start > LINE_WIDTH - max(2, MIN_CONTENT_WIDTH):
            folds.append(0)
        else:
            end = LINE_WIDTH - indent_at_start
    split: int | None = None
    prev: str | None = None
    i = -1
    esc_start = -1
    esc_end = -1
    n = len(text)
    if mode == _BLOCK:
        i = _more_indented(text, i)
        if i != -1:
            end = i + end_step
    while True:
        i += 1
        if i >= n:
            break
        ch: str | None = text[i]
        if mode == _QUOTED and ch == "\\":
            esc_start = i
            nxt = text[i + 1] if i + 1 < n else ""
            i += {"x": 3, "u": 5, "U": 9}.get(nxt, 1)
            esc_end = i
        if ch == "\n":
            if mode == _BLOCK:
                i = _more_indented(text, i)
            end = i + end_step
            split = None
        else:
            if ch == " " and prev and prev not in " \n\t":
                nxt = text[i + 1] if i + 1 < n else ""
                if nxt and nxt not in " \n\t":
                    split = i
            if i >= end:
                if split:
                    folds.append(split)
                    end = split + end_step
                    split = None
                elif mode == _QUOTED:
                    while prev in (" ", "\t"):
                        prev = ch
                        i += 1
                        ch = text[i] if i < n else None
                    j = i - 2 if i > esc_end + 1 else esc_start - 1
                    if 0xD800 <= ord(text[j]) <= 0xDBFF:
                        # JavaScript would cut the surrogate pair and write U+FFFD; we keep
                        # the character whole (the one place we differ from Decap).
                        j -= 1
                    if j in escaped_folds:
                        return text
                    folds.append(j)
                    escaped_folds.add(j)
                    end = j + end_step
                    split = None
        prev = ch
        if ch is None:
            break
    if not folds:
        return text
    res = text[: folds[0]]
    for k, fold in enumerate(folds):
        stop = folds[k + 1] if k + 1 < len(folds) else n
        if fold == 0:
            res = f"\n{indent}{text[0:stop]}"
        else:
            if mode == _QUOTED and fold in escaped_folds:
                res += f"{text[fold]}\\"
            res += f"\n{indent}{text[fold + 1 : stop]}"
    return res


def _more_indented(text: str, i: int) -> int:
    """consumeMoreIndentedLines: skip lines that start with a space or tab."""
    n = len(text)
    ch = text[i + 1] if i + 1 < n else None
    while ch in (" ", "\t"):
        while True:
            i += 1
            ch = text[i] if i < n else None
            if not ch or ch == "\n":
                break
        ch = text[i + 1] if i + 1 < n else None
    return i


def _doc_marker(value: str) -> bool:
    return bool(_DOC_MARKER.search(value))


def _double(value: str, indent: str, implicit_key: bool, at_start: int | None) -> str:
    """doubleQuotedString."""
    js = _utf16(json.dumps(_unutf16(value), ensure_ascii=False))
    if indent == "" and _doc_marker(value):
        indent = INDENT
    out = ""
    start = 0
    i = 0
    n = len(js)
    while i < n:
        ch = js[i]
        if ch == " " and js[i + 1 : i + 3] == "\\n":
            # After a line break the library has already escaped this space; escaping it
            # again writes a backslash into the text (fixed here, see the module notes).
            pending = start == i and out.endswith("\\")
            out += js[start:i] + (" " if pending else "\\ ")
            i += 1
            start = i
            ch = "\\"
        if ch == "\\":
            nxt = js[i + 1] if i + 1 < n else ""
            if nxt == "u":
                out += js[start:i]
                code = js[i + 2 : i + 6]
                named = {
                    "0000": "\\0",
                    "0007": "\\a",
                    "000b": "\\v",
                    "001b": "\\e",
                    "0085": "\\N",
                    "00a0": "\\_",
                    "2028": "\\L",
                    "2029": "\\P",
                }
                if code in named:
                    out += named[code]
                elif code.startswith("00"):
                    out += "\\x" + code[2:]
                else:
                    out += js[i : i + 6]
                i += 5
                start = i + 1
            elif nxt == "n":
                if implicit_key or js[i + 2 : i + 3] == '"' or len(js) < MIN_MULTILINE_LENGTH:
                    i += 1
                else:
                    out += js[start:i] + "\n\n"
                    while js[i + 2 : i + 4] == "\\n" and js[i + 4 : i + 5] != '"':
                        out += "\n"
                        i += 2
                    out += indent
                    if js[i + 2 : i + 3] == " ":
                        out += "\\"
                    i += 1
                    start = i + 1
            else:
                i += 1
        i += 1
    out = out + js[start:] if start else js
    out = out.replace("\u2028", "\\L").replace("\u2029", "\\P")
    return out if implicit_key else _fold(out, indent, _QUOTED, at_start)


def _single(value: str, indent: str, implicit_key: bool, at_start: int | None) -> str:
    """singleQuotedString."""
    if implicit_key:
        if "\n" in value:
            return _double(value, indent, implicit_key, at_start)
    elif re.search(r"[ \t]\n|\n[ \t]", value):
        return _double(value, indent, implicit_key, at_start)
    if indent == "" and _doc_marker(value):
        indent = INDENT
    body = "'" + re.sub(r"\n+", lambda m: m.group(0) + "\n" + indent, value.replace("'", "''"))
    res = body + "'"
    return res if implicit_key else _fold(res, indent, _FLOW, at_start)


def _over_limit(value: str, indent_len: int) -> bool:
    """lineLengthOverLimit."""
    limit = LINE_WIDTH - indent_len
    n = len(value)
    if n <= limit:
        return False
    start = 0
    for i, ch in enumerate(value):
        if ch == "\n":
            if i - start > limit:
                return True
            start = i + 1
            if n - start <= limit:
                return False
    return True


def _block(value: str, indent: str, at_start: int | None) -> str:
    """blockString: literal (|) unless a line is too long, then folded (>)."""
    if re.search(r"\n[\t ]+\Z", value) or _ALL_SPACE.fullmatch(value):
        return _double(value, indent, False, at_start)
    if _TAB_FIRST.match(value):
        return _double(value, indent, False, at_start)  # libyaml refuses it in a block
    if not indent and _doc_marker(value):
        indent = INDENT
    literal = not _over_limit(value, len(indent))
    header = "|" if literal else ">"
    if not value:
        return header + "\n"
    ws_end = ""
    m = re.search(r"[\n\t ]*\Z", value)
    assert m is not None
    ws = m.group(0)
    nl = ws.find("\n")
    if nl == -1:
        header += "-"
    elif value == ws or nl != len(ws) - 1:
        header += "+"
    ws_end = ws[:-1] if ws.endswith("\n") else ws
    value = value[: m.start()]
    ws_start = ""
    m = re.match(r"[\n ]*", value)
    assert m is not None
    lead = m.group(0)
    if " " in lead:
        header += "2" if indent else "1"
    spaces = re.search(r" +\Z", lead)
    if spaces:
        ws_start = lead[: -len(spaces.group(0))]
        value = spaces.group(0) + value[len(lead) :]
    else:
        ws_start = lead
        value = value[len(lead) :]
    if ws_end:
        ws_end = re.sub(r"\n+(?!\n|\Z)", lambda m: m.group(0) + indent, ws_end)
    if ws_start:
        ws_start = re.sub(r"\n+", lambda m: m.group(0) + indent, ws_start)
    if not value:
        return f"{header}{'2' if indent else '1'}\n{indent}{ws_end}"
    if literal:
        value = re.sub(r"\n+", lambda m: m.group(0) + indent, value)
        return f"{header}\n{indent}{ws_start}{value}{ws_end}"
    not_eol = f"[^{_JS_LINE_END}]"
    value = re.sub(r"\n+", lambda m: "\n" + m.group(0), value)
    value = re.sub(
        f"(?:^|\\n)([\\t ]{not_eol}*)(?:([\\n\\t ]*)\\n(?![\\n\\t ]))?",
        lambda m: m.group(1) + (m.group(2) or ""),
        value,
    )
    value = re.sub(r"\n+", lambda m: m.group(0) + indent, value)
    body = _fold(f"{ws_start}{value}{ws_end}", indent, _BLOCK)
    return f"{header}\n{indent}{body}"


def _plain(value: str, indent: str, implicit_key: bool, at_start: int | None) -> str:
    """plainString, falling back to quotes or a block where plain text would not read back."""
    if implicit_key and re.search(r"[\n\[\]{},]", value):
        return _double(value, indent, implicit_key, at_start)
    if not value or _NOT_PLAIN.search(value):
        if implicit_key or "\n" not in value:
            if '"' in value and "'" not in value:
                return _single(value, indent, implicit_key, at_start)
            return _double(value, indent, implicit_key, at_start)
        return _block(value, indent, at_start)
    if not implicit_key and "\n" in value:
        return _block(value, indent, at_start)
    if indent == "" and _doc_marker(value):
        return _block(value, INDENT, at_start)
    text = re.sub(r"\n+", lambda m: m.group(0) + "\n" + indent, value)
    if any(p.fullmatch(text) for p in _CORE):
        return _double(value, indent, implicit_key, at_start)
    return text if implicit_key else _fold(text, indent, _FLOW, at_start)


def string(value: str, indent: str, implicit_key: bool = False, at_start: int | None = None) -> str:
    """stringifyString for a value written at ``indent`` (continuation lines use it)."""
    js = _utf16(value)
    if _CONTROL.search(js):
        out = _double(js, indent, implicit_key, at_start)
    else:
        out = _plain(js, indent, implicit_key, at_start)
    return _unutf16(out)


def _scalar(value: Any, indent: str, at_start: int | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    return string(str(value), indent, False, at_start)


def _is_collection(value: Any) -> bool:
    return isinstance(value, dict | list)


def _units(text: str) -> int:
    return len(_utf16(text))


def _map(data: dict[str, Any], indent: str) -> str:
    """A block mapping whose items start at ``indent`` (the first one without it)."""
    if not data:
        return "{}"
    all_null = all(v is None for v in data.values())
    items = []
    for key, value in data.items():
        inner = indent + INDENT
        key_text = string(str(key), inner, implicit_key=True)
        if all_null:
            items.append(f"? {key_text}")
            continue
        head = f"{key_text}:"
        if _is_collection(value):
            body = _node(value, inner)
            flow = body[:1] in ("[", "{")
            sep = " " if flow and "\n" not in body else f"\n{inner}"
            items.append(head + sep + body)
        else:
            body = _scalar(value, inner, _units(head) + 1)
            items.append(head + ("" if body.startswith("\n") else " ") + body)
    return f"\n{indent}".join(items)


def _seq(data: list[Any], indent: str) -> str:
    if not data:
        return "[]"
    inner = indent + INDENT
    items = []
    for value in data:
        if _is_collection(value):
            items.append("- " + _node(value, inner))
        else:
            items.append("- " + _scalar(value, inner, None))
    return f"\n{indent}".join(items)


def _node(value: Any, indent: str) -> str:
    """A collection value of a pair whose content is indented by ``indent``."""
    if isinstance(value, dict):
        return _map(value, indent)
    return _seq(value, indent)


def dump(data: dict[str, Any]) -> str:
    """The text of a YAML document holding the mapping ``data``, as Decap CMS writes it."""
    return _map(data, "") + "\n"
