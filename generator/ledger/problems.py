"""Problems found in the data, and the formats they are reported in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from generator.terminal import printable, printable_json


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, with forward slashes
    line: int
    col: int
    rule: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


def summary_line(files: int, problems: int) -> str:
    return f"检查了 {files} 个文件，发现 {problems} 个问题"


def format_text(problems: Iterable[Problem], files: int) -> str:
    """One line per problem (a line break in a value is written as ``\\n``), then the summary."""
    items = list(problems)
    lines = [printable(p.text()) for p in items]
    lines.append(summary_line(files, len(items)))
    return "\n".join(lines) + "\n"


def format_json(problems: Iterable[Problem], files: int) -> str:
    doc = {"files": files, "problems": [asdict(p) for p in problems]}
    return printable_json(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], files: int) -> str:
    """GitHub workflow commands, followed by the plain lines that Gitea and Forgejo show.

    Text is first made ``printable`` (control characters written out, no ``##[`` or leading
    ``::``), then escaped for GitHub's workflow-command syntax (actions/toolkit ``command.ts``):
    in the message ``%``, CR and LF; in the ``file``, ``line``, ``col`` and ``title`` properties
    also ``:`` and ``,``.
    """
    items = list(problems)
    out = []
    for p in items:
        props = ",".join(
            f"{k}={_escape_property(v)}"
            for k, v in (
                ("file", printable(p.path)),
                ("line", str(p.line)),
                ("col", str(p.col)),
                ("title", f"台账校验：{p.rule}"),
            )
        )
        out.append(f"::error {props}::{_escape_data(printable(p.message))}")
    out += [printable(p.text()) for p in items]
    out.append(summary_line(files, len(items)))
    return "\n".join(out) + "\n"


def format_gitlab(problems: Iterable[Problem], files: int) -> str:
    """A GitLab Code Quality report (a JSON array of issues)."""
    report = []
    for p in problems:
        key = f"{p.path}:{p.line}:{p.col}:{p.rule}:{p.message}"
        # A file name that is not UTF-8 comes from os.scandir with lone surrogates.
        fingerprint = hashlib.sha256(key.encode("utf-8", "surrogatepass"))
        report.append(
            {
                "description": p.message,
                "check_name": p.rule,
                "fingerprint": fingerprint.hexdigest(),
                "severity": "major",
                "location": {"path": p.path, "lines": {"begin": p.line}},
            }
        )
    return printable_json(json.dumps(report, ensure_ascii=False, indent=2)) + "\n"


FORMATS = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "gitlab": format_gitlab,
}
