"""The ledger as it was at a git revision, copied into a scratch folder for the validator.

Only git's object database is read (``ls-tree`` and ``cat-file``): the working tree, the index
and the checked-out branch are never touched, so ``diff`` is safe to run in any checkout.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.core.reports import REPORTS_DIR
from generator.errors import NotFound
from generator.ledger.layout import CASES_DIR
from generator.ledger.validate import CAMPAIGN_FILE

LEDGER_PATHS = (CAMPAIGN_FILE, CASES_DIR, REPORTS_DIR)
# A symlink in the tree is copied as a link to a name that does not exist, so the validator sees
# (and reports) the link without ever following it out of the scratch folder.
DANGLING = ".taizhang-symlink-target-not-followed"


@dataclass(frozen=True)
class Revision:
    ref: str  # as the user wrote it
    commit: str  # full object name

    @property
    def short(self) -> str:
        return self.commit[:7]


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise NotFound("找不到 git 命令，请先安装 git") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NotFound(f"git {args[0]} 失败：{detail[-1] if detail else proc.returncode}")
    return proc.stdout


def resolve(root: Path, ref: str) -> Revision:
    """The commit a ref names; a ref that names none is a usage error (exit 2)."""
    if not ref or ref.startswith("-"):
        raise NotFound(f"“{ref}”不是有效的 git 版本")
    try:
        _git(root, "rev-parse", "--git-dir")
    except NotFound:
        raise NotFound("当前目录不在 git 仓库中，diff 要从 git 读取两个版本") from None
    try:
        out = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except NotFound:
        raise NotFound(f"找不到 git 版本“{ref}”（分支、标签或提交）") from None
    return Revision(ref, out.decode().strip())


def _safe_target(dest: Path, rel: str) -> Path:
    """Where a tree path goes under dest; a crafted tree can never write outside it."""
    parts = PurePosixPath(rel).parts
    if not parts or any(p in ("", ".", "..", ".git") or "\\" in p for p in parts):
        raise NotFound(f"git 版本中有不安全的路径“{rel}”")
    return dest.joinpath(*parts)


def export(root: Path, revision: Revision, dest: Path) -> int:
    """Write campaign.yaml, cases/ and reports/ of a revision into dest; returns the file count."""
    listing = _git(root, "ls-tree", "-r", "-z", revision.commit, "--", *LEDGER_PATHS)
    blobs: list[tuple[str, Path]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        target = _safe_target(dest, os.fsdecode(raw_path))
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "commit":  # a submodule: an empty folder, as a checkout without it shows
            target.mkdir(exist_ok=True)
        elif mode == "120000":
            os.symlink(DANGLING, target)
        else:
            blobs.append((oid, target))
    if blobs:
        _write_blobs(root, blobs)
    return len(blobs)


def _write_blobs(root: Path, blobs: list[tuple[str, Path]]) -> None:
    """Read every blob through one ``git cat-file --batch`` process."""
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid, _ in blobs).encode())
    pos = 0
    for _oid, target in blobs:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split(b" ")[2])
        start = end + 1
        target.write_bytes(out[start : start + size])
        pos = start + size + 1  # the content is followed by a newline
