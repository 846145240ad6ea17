"""The output folder of ``build`` and ``serve``: which folders it may be, and replacing it safely.

The rules are DESIGN.md's "Nothing outside its output is ever deleted": an output is never the
repository, never holds it, never lies in cases/, .git/, schema/ or generator/, never is or goes
through a symbolic link; an existing output is replaced only when it holds our marker file or is
empty; work folders get unique names; a lock beside the output keeps two runs from mixing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import DataError
from generator.system.files import repository_top

MARKER = ".taizhang-site"
MARKER_TEXT = "本文件夹由台账的 build 命令生成，每次生成时整个替换；请不要在这里存放其他文件。\n"
PROTECTED = ("cases", ".git", "schema", "generator")
LOCK_WAIT_SECONDS = 60.0
_RETRY_SECONDS = 0.2
_OTHER = "请用 --out 换一个输出文件夹"


def shown(root: Path, path: Path) -> str:
    """A path as the user thinks of it: relative to the repository when inside it."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return str(path)
    return rel.as_posix() if rel.parts else "."


def _symlink_on_the_way(path: Path) -> Path | None:
    """The first component of path (as given, before resolving) that is a symbolic link."""
    current = Path(path.anchor)
    for part in path.parts[1:]:
        current = current / part
        if current.is_symlink():
            return current
        if not os.path.lexists(current):
            return None  # nothing below a missing folder exists
    return None


def check_location(root: Path, out: Path) -> None:
    """Refuse an output that is or holds the repository, lies in a protected folder or a link."""
    out = out if out.is_absolute() else root / out
    name = shown(root, out)
    # As given, then as realpath walks it: after a missing folder, `..` leads back to folders
    # the first walk never reached (missing/../link).
    lexical = Path(os.path.normpath(out))
    link = _symlink_on_the_way(out) or _symlink_on_the_way(lexical)
    if link in (out, lexical):
        raise DataError(
            f"输出文件夹“{name}”是符号链接，生成网站可能删除它指向的文件；"
            "请删除这个链接，或用 --out 换一个输出文件夹"
        )
    if link is not None:
        raise DataError(
            f"输出文件夹“{name}”经过符号链接“{shown(root, link)}”，"
            "生成网站可能删除链接另一端的文件；请用 --out 换一个不经过符号链接的输出文件夹"
        )
    real = Path(os.path.realpath(out))
    for parent in real.parents:
        if (parent / MARKER).is_file():
            raise DataError(
                f"输出文件夹“{name}”在另一次生成的网站“{shown(root, parent)}”之中，"
                f"下次生成那个网站时会被一起替换；{_OTHER}"
            )
    for top in dict.fromkeys((repository_top(root), root.resolve())):
        if real == top:
            raise DataError(f"输出文件夹“{name}”就是仓库本身，生成网站会替换整个仓库；{_OTHER}")
        if top.is_relative_to(real):
            raise DataError(f"输出文件夹“{name}”包含仓库“{top}”，不能用作输出文件夹；{_OTHER}")
        for folder in PROTECTED:
            if real == top / folder:
                where = f"是仓库的 {folder}/ 文件夹"
            elif real.is_relative_to(top / folder):
                where = f"在仓库的 {folder}/ 中"
            else:
                continue
            raise DataError(f"输出文件夹“{name}”{where}，不能用作输出文件夹；{_OTHER}")


def check_replaceable(root: Path, out: Path) -> None:
    """Refuse an existing output that is not ours: it is replaced only with our marker or empty."""
    if not os.path.lexists(out):
        return
    name = shown(root, out)
    if not out.is_dir():
        raise DataError(f"输出路径“{name}”已存在，但不是文件夹；{_OTHER}")
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return
    raise DataError(
        f"输出文件夹“{name}”已存在，但不是 build 生成的（其中没有 {MARKER} 标记），"
        "为免误删不会替换它；如果这是旧版本生成的网站，请手动删除它一次，再重新运行"
    )


def check(root: Path, out: Path) -> None:
    """Every check that needs no write: done before the build reads any data."""
    check_location(root, out)
    check_replaceable(root, out)


@contextlib.contextmanager
def locked(root: Path, out: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold ``.<out>.lock`` beside out; wait for another run holding it, up to a minute."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    # O_NOFOLLOW: a lock file that is a symbolic link is refused, never followed.
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
        raise DataError(
            f"锁文件“{shown(root, path)}”是符号链接，为免改动链接另一端的文件不会使用它；"
            "请删除这个链接后再运行"
        ) from None
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DataError(
                        f"另一次生成仍在写入“{shown(root, out)}”，"
                        f"等了 {LOCK_WAIT_SECONDS:g} 秒仍未结束；请等它结束后再运行"
                    ) from None
                if not waiting:
                    on_wait(f"另一次生成正在写入“{shown(root, out)}”，等它结束……")
                    waiting = True
                time.sleep(_RETRY_SECONDS)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def new_sibling(out: Path, kind: str) -> Path:
    """A fresh, uniquely named folder beside out (same file system, so it can be renamed onto out).

    Made with mkdir rather than mkdtemp so the permissions follow the umask like any folder
    (a web server must be able to read the site).
    """
    while True:
        path = out.parent / f".{out.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path


def mark(stage: Path) -> None:
    (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def replace(root: Path, stage: Path, out: Path) -> None:
    """Swap the finished stage in for out; the old output is removed only after the swap.

    Runs under the lock, so the old output is checked again here: it must still be ours.
    """
    check_replaceable(root, out)
    if not os.path.lexists(out):
        stage.rename(out)
        return
    holder = new_sibling(out, "old")
    old = holder / out.name
    out.rename(old)
    try:
        stage.rename(out)
    except BaseException:
        old.rename(out)
        holder.rmdir()
        raise
    shutil.rmtree(holder)
