"""Run MkDocs in a child process: the build date reaches it through the child's environment.

MkDocs reads the build date (the sitemap's, the gzip header's) only from the environment
variable ``SOURCE_DATE_EPOCH`` (``mkdocs.utils.get_build_datetime``). Setting it in our own
process would change the environment of everything else running there (``serve``'s server
thread, a test runner, a program that calls ``build``), so MkDocs runs in a child process whose
environment alone carries the date; the parent's is never written.

Run as ``python -m generator.site.mkdocs_run CONFIG SITE_DIR``: a problem MkDocs reports is one
Chinese message on stderr and exit status ``FAILED``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from generator.errors import DataError

FAILED = 3


def run(config_path: Path, site_dir: Path, epoch: str | None) -> None:
    """Build the site of config_path into site_dir; the date is ``epoch`` (or the clock's)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # the message is Chinese, whatever LANG is
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    done = subprocess.run(
        [sys.executable, "-m", __name__, str(config_path), str(site_dir)],
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if done.returncode == FAILED:
        raise DataError(done.stderr.rstrip())
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or [""]
        raise DataError(f"MkDocs 生成网站失败（退出码 {done.returncode}）：{last[0]}".rstrip("："))


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings for the error message instead of printing its INFO chatter."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(config_path: str, site_dir: str) -> str | None:
    """Run MkDocs here; a problem it reports comes back as the message for the user."""
    import jieba
    from jinja2 import TemplateNotFound
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    jieba.setLogLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    logger.propagate = False
    try:
        config = load_config(config_file=config_path, site_dir=site_dir, strict=True)
        mkdocs_build(config)
    except MkDocsException as err:
        details = "\n".join(handler.messages)
        return f"MkDocs 生成网站失败：{err}\n{details}".rstrip()
    except TemplateNotFound as err:
        # an OSError, else reported as "无法读写文件"; a typo in an icon of mkdocs.yml
        return (
            f"MkDocs 生成网站失败：找不到图标或模板“{err.name}”，"
            "请检查 mkdocs.yml 中 theme.palette 和 extra 里的 icon"
        )
    return None


if __name__ == "__main__":
    problem = build(sys.argv[1], sys.argv[2])
    if problem is not None:
        print(problem, file=sys.stderr)
        sys.exit(FAILED)
