"""Files on disk: the repository being worked on, where its git checkout starts, whole writes."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from generator.errors import DataError


def repository() -> Path:
    """The repository every command works on: the current directory (as ``git`` and ``make``)."""
    return Path.cwd()


def repository_top(root: Path) -> Path:
    """The git top level of root, or root itself outside git (or without git installed)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            check=False,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return root.resolve()
    top = done.stdout.strip()
    return Path(top).resolve() if done.returncode == 0 and top else root.resolve()


def node_module(root: Path, rel: str) -> Path | None:
    """``node_modules/<rel>`` of the repository at root (``npm ci`` puts it there), if installed.

    Then, as node itself does, the folders named in ``NODE_PATH`` (a checkout of the tool can
    lend its own node_modules to a repository that has none).
    """
    bases = [root / "node_modules"]
    bases += [Path(p) for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p]
    return next((base / rel for base in bases if (base / rel).is_file()), None)


def required_node_module(root: Path, rel: str, hint: str) -> Path:
    """``node_module``, or a DataError naming the file, then ``hint`` (what to run)."""
    found = node_module(root, rel)
    if found is None:
        raise DataError(f"找不到 node_modules/{rel}{hint}")
    return found


def _new_temporary(path: Path, mode: int) -> tuple[Path, int]:
    """A new file beside path, named for this run only (two writers never share one)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
            return tmp, os.open(tmp, flags, mode)
        except FileExistsError:
            continue
        except OSError as err:  # a missing or read-only folder: name the file asked for
            raise OSError(err.errno, err.strerror, str(path)) from None


@contextlib.contextmanager
def replacing(path: Path, mode: int = 0o666) -> Iterator[IO[bytes]]:
    """A binary file that takes path's place when the block ends; on any error it is removed.

    No reader ever sees half a file, and a failed write leaves the old one as it was.
    """
    tmp, fd = _new_temporary(path, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str, mode: int = 0o666) -> None:
    """Write text (UTF-8, lines as given) to path whole, making its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, mode) as f:
        f.write(text.encode("utf-8"))


def linked_part(root: Path, path: Path) -> str | None:
    """The first part of path below root that is a symbolic link (relative, POSIX), if any.

    A committed ``cases -> /elsewhere`` or ``schema -> /etc`` must not steer a write: an atomic
    rename replaces a link to a file, but a linked folder takes the new file where it points.
    """
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current.relative_to(root).as_posix()
    return None
