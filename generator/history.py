"""Who changed each case file when: one pass over ``git log`` for the whole cases/ tree.

Only the date, the author and the commit subject are read — never a diff, which would carry the
petitioner's data of every earlier version onto the site.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

RECORD = "\x1e"  # starts each commit in the log output
FIELD = "\x1f"


@dataclass(frozen=True)
class Commit:
    date: str  # YYYY-MM-DD HH:MM, the author's date in the author's time zone
    author: str
    subject: str


def parse_log(output: str) -> dict[str, tuple[Commit, ...]]:
    """Parse ``git log --name-only`` output in our format; newest commit first per file."""
    found: dict[str, list[Commit]] = defaultdict(list)
    for record in output.split(RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        parts = header.split(FIELD)
        if len(parts) != 3:
            continue
        stamp, author, subject = parts
        commit = Commit(stamp[:16].replace("T", " "), author, subject)
        for name in names.splitlines():
            if name.strip():
                found[name.strip()].append(commit)
    return {path: tuple(commits) for path, commits in found.items()}


def read_history(root: Path, subdir: str = "cases") -> dict[str, tuple[Commit, ...]]:
    """History of every file under ``subdir``, keyed by path relative to root; {} outside git."""
    command = [
        "git",
        "-c",
        "core.quotePath=false",
        "log",
        "--relative",  # paths relative to root, even when root is a subfolder of the repository
        "--no-renames",
        "--name-only",
        f"--format={RECORD}%aI{FIELD}%an{FIELD}%s",
        "--",
        subdir,
    ]
    try:
        done = subprocess.run(
            command, cwd=root, capture_output=True, check=False, encoding="utf-8", errors="replace"
        )
    except OSError:  # no git installed
        return {}
    if done.returncode != 0:  # not a repository, or one without commits
        return {}
    return parse_log(done.stdout)
