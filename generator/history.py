"""The git history of the case files: HEAD's ancestry, read once.

For each case file at HEAD, which commit changed it, when, by whom and which fields
(``History.files``); and every petitioner named in any version of any case file, deleted and
moved ones included (``History.people``), because a name corrected last week is still a name.

Commit subjects and messages are never read. The log is read NUL-separated (``-z``) and holds
only what git itself writes: hashes, statuses and paths. Authors and dates come from the commit
objects, and file versions from the blobs, both through ``git cat-file --batch``, whose records
are length-prefixed — so no text in a commit can forge a row or hide one.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

from generator.errors import DataError
from generator.history_fields import (
    NEW,
    Version,
    changed_fields,
    describe,
    ordered,
    read_version,
    same_case,
)

CASES = "cases"
SHALLOW = (
    "这是一个浅克隆（git clone --depth），只有最近的一部分 git 历史，不能生成脱敏的网站："
    "脱敏要隐去历史上出现过的每一个信访人姓名和住址（改正前的姓名也是姓名），"
    "浅克隆中看不到较早的版本。请先运行 git fetch --unshallow 取得完整历史；"
    "CI 中检出时要取完整历史（actions/checkout 设 fetch-depth: 0，GitLab CI 设 GIT_DEPTH: 0）。"
    "只供限定人员访问的 --privacy full 网站不受此限制。"
)

_OID = rb"[0-9a-f]{40}(?:[0-9a-f]{24})?"  # SHA-1 or SHA-256
_HEADER = re.compile(rb"\n?(" + _OID + rb") ?((?:" + _OID + rb" ?)*)")
_ENTRY = re.compile(
    rb"\n?:([0-7]{6}) ([0-7]{6}) (" + _OID + rb") (" + _OID + rb") ([ACDMRTUX])[0-9]*"
)
_NO_BLOB = re.compile(r"0+")
_FILE_MODES = frozenset({"100644", "100755", "120000"})  # not submodules (160000), not trees
_AUTHOR = re.compile(rb"author (.*) <[^<>]*> ([0-9]+) ([+-])([0-9]{2})([0-9]{2})")


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD HH:MM, the author's date in the author's time zone
    author: str
    what: str  # 新建 | 移动 | 格式调整 | the changed fields, dotted, joined by 、


@dataclass(frozen=True)
class History:
    files: Mapping[str, tuple[Change, ...]]  # case file path at HEAD → its changes, newest first
    people: frozenset[tuple[str, str]]  # (姓名, 住址) of every version of every case file
    shallow: bool = False


EMPTY = History({}, frozenset())


class HistoryError(DataError):
    pass


@dataclass(frozen=True)
class _Entry:
    status: str  # A, M, D, R, C, T …
    old: str  # blob id before ("" when added)
    new: str  # blob id after ("" when deleted)
    path: str  # the path after (before, when deleted)
    source: str | None  # the path before a rename or copy


@dataclass
class _Commit:
    oid: str
    parents: tuple[str, ...]
    blocks: list[list[_Entry]] = field(default_factory=list)  # one per parent shown (-m)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:  # no git installed
        return None


def _fail(what: str, done: subprocess.CompletedProcess[bytes] | None) -> HistoryError:
    detail = done.stderr.decode("utf-8", errors="replace").strip() if done else ""
    return HistoryError(f"无法读取 git 修改记录（{what}）：{detail or '未知错误'}")


def _blob(oid: bytes, mode: bytes) -> str:
    text = oid.decode()
    return "" if _NO_BLOB.fullmatch(text) or mode.decode() not in _FILE_MODES else text


def parse_log(output: bytes) -> list[_Commit]:
    """``git log -z --raw --format=%H %P`` output, oldest first; anything else is an error."""
    tokens = output.split(b"\0")
    commits: list[_Commit] = []
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
                _Entry(
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
                commits.append(_Commit(oid, parents))
            commits[-1].blocks.append([])
            i += 1
        elif token in (b"", b"\n") and i == len(tokens) - 1:
            break
        else:
            raise HistoryError("无法读取 git 修改记录：git log 的输出格式不符")
    return commits


def _cat_file(root: Path, oids: list[str]) -> Iterator[tuple[str, bytes]]:
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


def _author(content: bytes) -> tuple[str, str]:
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


class _Files:
    """Follows each file forward through the commits: a lineage per file, carried by renames."""

    def __init__(self, versions: Mapping[str, Version]) -> None:
        self.versions = versions
        # path → lineage. A path keeps its lineage after a move or a deletion: a branch merged
        # later may still have changed the file under its old path.
        self.lineage: dict[str, int] = {}
        self.changes: list[list[Change]] = []

    def _add(self, path: str, change: Change, *, start: bool = False) -> None:
        if start or path not in self.lineage:
            self.lineage[path] = len(self.changes)
            self.changes.append([])
        self.changes[self.lineage[path]].append(change)

    def commit(self, commit: _Commit, date: str, author: str) -> None:
        if len(commit.parents) > 1:
            self._merge(commit, date, author)
            return
        for e in _paired(commit.blocks[0] if commit.blocks else [], self.versions):
            if not e.new:  # deleted
                continue
            new = self.versions[e.new]
            if not e.old or e.status == "C":  # added, or copied: a new case
                self._add(e.path, Change(date, author, NEW), start=True)
            elif e.status == "R" and e.source in self.lineage:
                self.lineage[e.path] = self.lineage[e.source]
                what = describe(self.versions[e.old], new, moved=True)
                self._add(e.path, Change(date, author, what))
            else:
                self._add(e.path, Change(date, author, describe(self.versions[e.old], new)))

    def _merge(self, commit: _Commit, date: str, author: str) -> None:
        """A merge adds a row only for fields it set to what no parent had (a resolution):
        whatever it took from a parent, that parent's own commits already show."""
        by_path: dict[str, list[_Entry]] = defaultdict(list)
        for block in commit.blocks:
            for e in block:
                if e.new:
                    by_path[e.path].append(e)
        for path, entries in by_path.items():
            if len(entries) < len(commit.parents):
                continue  # the same as one parent's version
            new = self.versions[entries[0].new]
            if all(not e.old for e in entries):
                self._add(path, Change(date, author, NEW), start=True)
                continue
            olds = [self.versions[e.old] for e in entries if e.old]
            if new.fields is None or any(o.fields is None for o in olds):
                continue
            common = set.intersection(
                *(set(changed_fields(o.fields or {}, new.fields)) for o in olds)
            )
            if common:
                self._add(path, Change(date, author, "、".join(ordered(common))))

    def at_head(self, paths: list[str]) -> dict[str, tuple[Change, ...]]:
        """Newest first, for the files HEAD has."""
        return {
            p: tuple(reversed(self.changes[self.lineage[p]])) for p in paths if p in self.lineage
        }


def _paired(entries: list[_Entry], versions: Mapping[str, Version]) -> list[_Entry]:
    """Renames git missed (a small file rewritten by ``move``): a deletion and an addition in
    one commit holding the same case (编号 and 单位 aside) are a move."""
    gone = [e for e in entries if e.status == "D" and e.old]
    if not gone:
        return entries
    out: list[_Entry] = []
    for e in entries:
        if e.status == "A" and e.new:
            match = next((d for d in gone if same_case(versions[d.old], versions[e.new])), None)
            if match is not None:
                gone.remove(match)
                out.append(_Entry("R", match.old, e.new, e.path, match.path))
                continue
        out.append(e)
    return out


def _log(root: Path) -> list[_Commit]:
    done = _git(
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
        raise _fail("git log", done)
    return parse_log(done.stdout)


def _head_files(root: Path) -> list[str]:
    done = _git(root, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", CASES)
    if done is None or done.returncode != 0:
        raise _fail("git ls-tree", done)
    return [p.decode("utf-8", errors="replace") for p in done.stdout.split(b"\0") if p]


def read_history(root: Path) -> History:
    """The history of cases/ under root; EMPTY outside git or before the first commit."""
    done = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    if done is None or done.returncode != 0:
        return EMPTY
    shallow = done.stdout.split(b"\n", 1)[0].strip() == b"true"
    commits = _log(root)
    blobs = sorted({b for c in commits for bl in c.blocks for e in bl for b in (e.old, e.new) if b})
    authors: dict[str, tuple[str, str]] = {}
    versions: dict[str, Version] = {}
    objects = _cat_file(root, [c.oid for c in commits] + blobs)
    for oid, content in islice(objects, len(commits)):  # the commits come first
        authors[oid] = _author(content)
    for oid, content in objects:
        versions[oid] = read_version(content)
    files = _Files(versions)
    for commit in commits:
        date, author = authors[commit.oid]
        files.commit(commit, date, author)
    people = frozenset(v.person for v in versions.values() if v.person is not None)
    return History(files.at_head(_head_files(root)), people, shallow)
