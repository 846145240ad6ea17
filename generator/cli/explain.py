"""Errors into words and exit statuses: the one place that decides what a user sees of them.

Exit status of every command: 0 success, 1 invalid data, 2 a usage error.
"""

from __future__ import annotations

import errno
import sys

from generator.errors import DataError, NotFound, ProblemsFound, UsageError
from generator.ledger.problems import format_text
from generator.terminal import printable_lines

_OS_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EFBIG: "文件过大，超出系统允许的大小",
    errno.EROFS: "是只读的文件系统",
    errno.EISDIR: "是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已有同名的文件",
}

ERRORS = (UsageError, NotFound, DataError, OSError)


def os_message(err: OSError) -> str:
    """An operating-system error (an unwritable --out, a full disk) in Chinese, naming the file."""
    reason = _OS_ERRORS.get(err.errno or 0, err.strerror or type(err).__name__)
    where = f"“{err.filename}”" if err.filename else ""
    return f"无法读写文件{where}：{reason}"


def progress(text: str) -> None:
    """A line about a long run (build's steps, why it waits): stderr, at once."""
    print(text, file=sys.stderr, flush=True)


def explain(err: UsageError | NotFound | DataError | OSError) -> int:
    """Print what went wrong (problems on stdout, like ``validate``; the message on stderr)."""
    # Every message may quote a file, a sheet or what was typed: printable_lines.
    if isinstance(err, UsageError | NotFound):
        print(printable_lines(f"用法错误：{err}"), file=sys.stderr)
        return 2
    if isinstance(err, ProblemsFound):
        sys.stdout.write(format_text(err.problems, err.files))
        sys.stdout.flush()
    message = os_message(err) if isinstance(err, OSError) else str(err)
    print(printable_lines(f"错误：{message}"), file=sys.stderr, flush=True)
    return 1
