"""Turning rendered pages into a site in place: the steps every kind of site shares.

Pages are plain Markdown files written into a private work folder with our assets, the theme
overrides and the mkdocs.yml MkDocs runs with (no MkDocs hooks, so a move to Zensical stays
open); under a lock beside the output, MkDocs writes into a uniquely named folder next to it;
the caller's files (data, downloads, ECharts…) are added there; only then does that folder
replace the output (see ``output``). A failure anywhere leaves the old output as it was.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import DataError
from generator.site import mkdocs_config, mkdocs_run
from generator.site import output as site_output
from generator.site.render import Page
from generator.system import resources

OUR_ASSETS = ("taizhang.css", "taizhang.js", "charts.js")
ECHARTS = "echarts/dist/echarts.min.js"  # in node_modules
ECHARTS_HINT = "：请先运行 npm ci（make site 会自动运行）"

Target = Callable[[str], Path]  # site path → file path, checked to stay inside the output


class Steps:
    """Progress lines (when enabled) and notes, handed to ``say``."""

    def __init__(self, enabled: bool, say: Callable[[str], None]) -> None:
        self.enabled = enabled
        self.say = say
        self.started = time.perf_counter()

    def __call__(self, text: str) -> None:
        if self.enabled:
            self.say(f"[{time.perf_counter() - self.started:6.1f} 秒] {text}")

    def note(self, text: str) -> None:
        """A line shown even without a terminal: why the build is waiting."""
        self.say(text)


def inside(base: Path, rel: str) -> Path:
    """``base/rel``, refusing any path that would land outside base (.., absolute, symlinks)."""
    resolved_base = base.resolve()
    path = (resolved_base / rel).resolve()
    if path == resolved_base or not path.is_relative_to(resolved_base):
        raise DataError(f"拒绝写入输出文件夹之外的路径：{rel}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def prepare_docs(work: Path, pages: list[Page], config: dict[str, Any]) -> Path:
    """Write docs/ (pages and our assets), overrides/ and mkdocs.yml into the empty work folder."""
    docs = work / "docs"
    docs.mkdir()
    for p in pages:
        inside(docs, p.path).write_text(p.text, encoding="utf-8")
    for name in OUR_ASSETS:
        inside(docs, f"assets/{name}").write_bytes(resources.data("assets", name).read_bytes())
    resources.copy_tree(resources.data("templates", "overrides"), work / "overrides")
    config_path = work / "mkdocs.yml"
    mkdocs_config.write_config(config_path, config)
    return config_path


def publish(
    root: Path,
    out: Path,
    pages: list[Page],
    config: dict[str, Any],
    extras: Callable[[Target], None],
    epoch: str | None,
    step: Steps,
) -> None:
    """Build the pages with MkDocs, let ``extras`` add its files, then swap the result into out.

    ``out`` has passed ``output.check``; ``epoch`` is the build date (SOURCE_DATE_EPOCH) or None.
    """
    with site_output.locked(root, out, step.note):
        work = Path(tempfile.mkdtemp(prefix="taizhang-build-"))
        stage: Path | None = None
        try:
            step(f"写出 {len(pages)} 个页面……")
            config_path = prepare_docs(work, pages, config)
            stage = site_output.new_sibling(out, "building")
            step("运行 MkDocs……")
            mkdocs_run.run(config_path, stage, epoch)
            step("写出数据文件和下载文件……")
            extras(functools.partial(inside, stage))
            site_output.mark(stage)
            site_output.replace(root, stage, out)
        finally:
            # Only what this run made: its work folder, and its stage unless it became the output.
            shutil.rmtree(work, ignore_errors=True)
            if stage is not None and os.path.lexists(stage):
                shutil.rmtree(stage, ignore_errors=True)
