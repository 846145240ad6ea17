"""Reading git safely for the history: nothing a commit's author wrote can steer the parse.

The log is read NUL-separated (``-z``) and holds only what git itself writes — hashes, statuses
and paths — each token checked against its exact form. Authors and dates come from the commit
objects' headers, and file versions from the blobs, both through one ``git cat-file --batch``
whose records are length-prefixed. Commit messages are never looked at.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from generator.errors import DataError

CASES = "cases"

_OID = rb"[0-9a-f]{40}(?:[0-9a-f]{24})?"  # SHA-1 or SHA-256
_HEADER = re.compile(rb"\n?(" + _OID + rb") ?((?:" + _OID + rb" ?)*)")
_ENTRY = re.compile(
    rb"\n?:([0-7]{6}) ([0-7]{6}) (" + _OID + rb") (" + _OID + rb") ([ACDMRTUX])[0-9]*"
)
_NO_BLOB = re.compile(r"0+")
_FILE_MODES = frozenset({"100644", "100755", "120000"})  # not submodules (160000), not trees
_AUTHOR = re.compile(rb"author (.*) <[^<>]*> ([0-9]+) ([+-])([0-9]{2})([0-9]{2})")


class HistoryError(DataError):
    """git answered something we cannot read: stop rather than guess."""


@dataclass(frozen=True)
class Entry:
    status: str  # A, M, D, R, C, T …
    old: str  # blob id before ("" when added)
    new: str  # blob id after ("" when deleted)
    path: str  # the path after (before, when deleted)
    source: str | None  # the path before a rename or copy


@dataclass
class Commit:
    oid: str
    parents: tuple[str, ...]
    blocks: list[list[Entry]] = field(default_factory=list)  # one per parent shown (-m)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:  # no git installed
        return None


def fail(what: str, done: subprocess.CompletedProcess[bytes] | None) -> HistoryError:
    detail = done.stderr.decode("utf-8", errors="replace").strip() if done else ""
    return HistoryError(f"无法读取 git 修改记录（{what}）：{detail or '未知错误'}")


def _blob(oid: bytes, mode: bytes) -> str:
    text = oid.decode()
    return "" if _NO_BLOB.fullmatch(text) or mode.decode() not in _FILE_MODES else text


def parse_log(output: bytes) -> list[Commit]:
    """``git log -z --raw --format=%H %P`` output, oldest first; anything else is an error."""
    tokens = output.split(b"\0")
    commits: list[Commit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        entry = _ENTRY.fullmatch(token)
        header = None if entry else _HEADER.fullmatch(token)
        if entry and commits:
            old_mode, new_mode, old, new, status = entry.groups()
            count = 2 if status in b"RC" else 1
            paths = [p.decode("utf-8", errors="replace") for p in tokens[i + 1 : i + 1 + count]]
            if len(paths) != count:
                raise HistoryError("无法读取 git 修改记录：git log 的输出不完整")
            commits[-1].blocks[-1].append(
                Entry(
                    status.decode(),
                    _blob(old, old_mode),
                    _blob(new, new_mode),
                    paths[-1],
                    paths[0] if count == 2 else None,
                )
            )
            i += 1 + count
        elif header:
            oid, parents = header.group(1).decode(), tuple(header.group(2).decode().split())
            if not (commits and commits[-1].oid == oid):  # -m repeats a merge once per parent
                commits.append(Commit(oid, parents))
            commits[-1].blocks.append([])
            i += 1
        elif token in (b"", b"\n") and i == len(tokens) - 1:
            break
        else:
            raise HistoryError("无法读取 git 修改记录：git log 的输出格式不符")
    return commits


def cat_file(root: Path, oids: list[str]) -> Iterator[tuple[str, bytes]]:
    """(id, content) of every object, in order, read length-prefixed from one cat-file."""
    with tempfile.TemporaryFile() as ids:
        ids.write("".join(f"{oid}\n" for oid in oids).encode())
        ids.seek(0)
        try:
            proc = subprocess.Popen(
                ["git", "cat-file", "--batch", "--buffer"],
                cwd=root,
                stdin=ids,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as err:
            raise HistoryError(f"无法读取 git 修改记录：{err}") from None
        out: IO[bytes] = proc.stdout  # type: ignore[assignment]
        try:
            for oid in oids:
                head = out.readline().split()
                if len(head) != 3 or head[0].decode() != oid:
                    raise HistoryError(f"无法读取 git 修改记录：缺少对象 {oid}")
                size = int(head[2])
                content = out.read(size)
                out.read(1)  # the newline after each object
                yield oid, content
        finally:
            out.close()
            proc.wait()


def author(content: bytes) -> tuple[str, str]:
    """(date, author) from a commit object's header; its message is never looked at."""
    header = content.split(b"\n\n", 1)[0]
    for line in header.split(b"\n"):
        match = _AUTHOR.fullmatch(line)
        if match:
            name, stamp, sign, hours, minutes = match.groups()
            return _date(stamp, sign, hours, minutes), name.decode("utf-8", errors="replace")
    return "", "（未知）"


def _date(stamp: bytes, sign: bytes, hours: bytes, minutes: bytes) -> str:
    """YYYY-MM-DD HH:MM in the author's zone; "" for a date no calendar holds (a forged one)."""
    try:
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        zone = dt.timezone(offset if sign == b"+" else -offset)
        return dt.datetime.fromtimestamp(int(stamp), zone).strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return ""


def log(root: Path) -> list[Commit]:
    done = git(
        root,
        "log",
        "HEAD",
        "-z",
        "--raw",
        "--no-abbrev",
        "--format=%H %P",
        "--no-show-signature",
        "--no-color",
        "--relative",  # paths relative to root, even when it is a subfolder of the repository
        "-M",  # follow renames (a case moved to another unit keeps its history)
        "--full-history",  # every commit that changed a case file, on every branch merged
        "-m",  # a merge compared with each parent: a version made in a merge is seen too
        "--topo-order",
        "--reverse",
        "--",
        CASES,
    )
    if done is None or done.returncode != 0:
        raise fail("git log", done)
    return parse_log(done.stdout)


def head_files(root: Path) -> dict[str, str]:
    """Each case file at HEAD and its blob id."""
    done = git(root, "ls-tree", "-r", "-z", "HEAD", "--", CASES)
    if done is None or done.returncode != 0:
        raise fail("git ls-tree", done)
    files: dict[str, str] = {}
    for record in done.stdout.split(b"\0"):
        meta, tab, path = record.partition(b"\t")
        parts = meta.split()
        if tab and len(parts) == 3:
            files[path.decode("utf-8", errors="replace")] = parts[2].decode()
    return files


def blob_id(content: bytes, like: str) -> str:
    """The id git gives a blob of this content (SHA-1, or SHA-256 when ``like`` is one)."""
    digest = hashlib.sha1 if len(like) == 40 else hashlib.sha256
    return digest(b"blob %d\0" % len(content) + content).hexdigest()


def shallow(root: Path) -> bool | None:
    """Whether root's repository is a shallow clone; None outside git or before a first commit."""
    done = git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    if done is None or done.returncode != 0:
        return None
    return done.stdout.split(b"\n", 1)[0].strip() == b"true"
