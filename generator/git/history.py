"""The git history of the case files: HEAD's ancestry, read once.

For each case file at HEAD, which commit changed it, when, by whom and which fields
(``History.files``); and every petitioner named in any version of any case file, deleted and
moved ones included (``History.people``), because a name corrected last week is still a name.

Commit subjects and messages are never read, and no text in a commit can forge a row or hide
one (see :mod:`generator.git.log`). Each version is loaded with the product's strict YAML
loader and compared field by field (:mod:`generator.git.fields`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from generator.git import log as git_read
from generator.git.fields import (
    NEW,
    Version,
    changed_fields,
    describe,
    ordered,
    read_version,
    same_case,
)
from generator.git.log import Commit, Entry


def shallow_message(what: str, full: str) -> str:
    """Why a masked output cannot be made from a shallow clone, and how to fix it."""
    return (
        f"这是一个浅克隆（git clone --depth），只有最近的一部分 git 历史，不能{what}："
        "脱敏要隐去历史上出现过的每一个信访人姓名和住址（改正前的姓名也是姓名），"
        "浅克隆中看不到较早的版本。请先运行 git fetch --unshallow 取得完整历史；"
        "CI 中检出时要取完整历史（actions/checkout 设 fetch-depth: 0，GitLab CI 设 GIT_DEPTH: 0）。"
        f"{full}不受此限制。"
    )


SHALLOW = shallow_message("生成脱敏的网站", "只供限定人员访问的 --privacy full 网站")


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD HH:MM, the author's date in the author's time zone
    author: str
    what: str  # 新建 | 移动 | 格式调整 | the changed fields, dotted, joined by 、


@dataclass(frozen=True)
class History:
    files: Mapping[str, tuple[Change, ...]]  # case file path at HEAD → its changes, newest first
    people: frozenset[tuple[str, str]]  # (姓名, 住址) of the versions (see read_history)
    shallow: bool = False


EMPTY = History({}, frozenset())


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

    def commit(self, commit: Commit, date: str, author: str) -> None:
        if len(commit.parents) > 1:
            self._merge(commit, date, author)
            return
        for e in _paired(commit.blocks[0] if commit.blocks else [], self.versions):
            if not e.new:  # deleted
                continue
            if not e.old or e.status == "C":  # added, or copied: a new case
                self._add(e.path, Change(date, author, NEW), start=True)
                continue
            old, new = self.versions[e.old], self.versions[e.new]
            if e.status == "R" and e.source in self.lineage:
                self.lineage[e.path] = self.lineage[e.source]
                self._add(e.path, Change(date, author, describe(old, new, moved=True)))
            else:
                self._add(e.path, Change(date, author, describe(old, new)))

    def _merge(self, commit: Commit, date: str, author: str) -> None:
        """A merge adds a row only for fields it set to what no parent had (a resolution):
        whatever it took from a parent, that parent's own commits already show."""
        by_path: dict[str, list[Entry]] = defaultdict(list)
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


def _paired(entries: list[Entry], versions: Mapping[str, Version]) -> list[Entry]:
    """Renames git missed (a small file rewritten by ``move``): a deletion and an addition in
    one commit holding the same case (编号 and 单位 aside) are a move."""
    gone = [e for e in entries if e.status == "D" and e.old]
    if not gone:
        return entries
    out: list[Entry] = []
    for e in entries:
        if e.status == "A" and e.new:
            match = next((d for d in gone if same_case(versions[d.old], versions[e.new])), None)
            if match is not None:
                gone.remove(match)
                out.append(Entry("R", match.old, e.new, e.path, match.path))
                continue
        out.append(e)
    return out


def _compared(commits: list[Commit]) -> set[str]:
    """The blobs whose fields a row needs: both sides of a change, a merge's versions, and the
    deletions and additions of a commit that has both (a move git may have missed)."""
    out: set[str] = set()
    for commit in commits:
        entries = [e for block in commit.blocks for e in block]
        merge = len(commit.parents) > 1
        pairing = {"A", "D"} <= {e.status for e in entries}
        for e in entries:
            if merge or (e.old and e.new) or (pairing and e.status in "AD"):
                out.update(b for b in (e.old, e.new) if b)
    return out


def _current(root: Path, head: Mapping[str, str]) -> set[str]:
    """HEAD's blobs that the working tree holds byte for byte: the ledger's own versions, whose
    petitioners the masking engine is given anyway (a copy that differs is read: it may be an
    earlier name, and reading too much is only slower)."""
    found: set[str] = set()
    for path, oid in head.items():
        try:
            content = (root / path).read_bytes()
        except OSError:
            continue
        if git_read.blob_id(content, oid) == oid:
            found.add(oid)
    return found


def read_history(root: Path, *, every_version: bool = False) -> History:
    """The history of cases/ under root; EMPTY outside git or before the first commit.

    ``people`` holds the petitioners of every version, except (unless ``every_version``) the
    versions the working tree holds unchanged, which are the ledger's own: the build's masking
    engine gets those from the ledger, and skipping them keeps the build fast.
    """
    is_shallow = git_read.shallow(root)
    if is_shallow is None:
        return EMPTY
    commits = git_read.log(root)
    head = git_read.head_files(root)
    every = {b for c in commits for bl in c.blocks for e in bl for b in (e.old, e.new) if b}
    skipped = set() if every_version else _current(root, head) - _compared(commits)
    authors: dict[str, tuple[str, str]] = {}
    versions: dict[str, Version] = {}
    objects = git_read.cat_file(root, [c.oid for c in commits] + sorted(every - skipped))
    for oid, content in islice(objects, len(commits)):  # the commits come first
        authors[oid] = git_read.author(content)
    for oid, content in objects:
        versions[oid] = read_version(content)
    files = _Files(versions)
    for commit in commits:
        date, author = authors[commit.oid]
        files.commit(commit, date, author)
    people = frozenset(v.person for v in versions.values() if v.person is not None)
    return History(files.at_head(list(head)), people, is_shallow)
