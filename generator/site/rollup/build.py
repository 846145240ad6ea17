"""Building the district roll-up site: its page list rendered, then the office site's own
publishing steps (MkDocs in a work folder, a staged output swapped in only when complete),
with its data file, ECharts and the 汇总表 workbooks added.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core import privacy
from generator.core.rollup import District, Line, Table
from generator.core.rollup_json import district_counts
from generator.core.summary import Row
from generator.excel.summary_form import form_workbook
from generator.site import mkdocs_config
from generator.site import output as site_output
from generator.site.build import source_epoch
from generator.site.entries import render_all
from generator.site.publish import ECHARTS, ECHARTS_HINT, Steps, Target, publish
from generator.site.render import json_file
from generator.site.rollup.context import RollupSite, summary_xlsx_path
from generator.site.rollup.pages import PAGES
from generator.system import clock, files


@dataclass(frozen=True)
class RollupOptions:
    today_given: dt.date | None = None  # --today: with no SOURCE_DATE_EPOCH, the files' date
    progress: bool = False


@dataclass(frozen=True)
class Built:
    pages: int
    seconds: float


def form_title(name: str) -> str:
    """The workbook's title row: the roll-up's name as a 汇总表."""
    return name + ("表" if name.endswith("汇总") else "汇总表")


def sent_on(table: Table, as_of: dt.date) -> dt.date:
    """报送时间 of a period's form: its last day, or the as-of date if that is earlier."""
    return min(table.period.end, as_of)


def _extras(site: RollupSite, echarts: Path, epoch: str | None) -> Callable[[Target], None]:
    def write(target: Target) -> None:
        target("data/counts.json").write_text(json_file(district_counts(site.d)), "utf-8")
        shutil.copyfile(echarts, target("assets/vendor/echarts.min.js"))
        created = clock.made_at(epoch).replace(tzinfo=None)
        title, as_of = form_title(site.name), site.d.as_of
        for table in site.tables:
            # A line per member, 未报送 with its reason, and 合计.
            rows: list[Row | Line] = [*table.lines, table.total]
            path = target(summary_xlsx_path(table.period.id))
            form_workbook(path, title, table.period, rows, as_of, sent_on(table, as_of), created)

    return write


@dataclass(frozen=True)
class Ready:
    """What a build needs besides the figures, checked before any member is fetched."""

    root: Path
    out: Path
    base: dict[str, Any]  # mkdocs.yml beside ROLLUP.yaml, or the package's own
    echarts: Path


def prepare(root: Path, out: Path) -> Ready:
    """The output may be replaced, mkdocs.yml is ours and ECharts is installed; else a
    DataError, before the members are fetched (a refused build costs nothing)."""
    site_output.check(root, out)
    base = mkdocs_config.checked_base(root)
    # A roll-up repository may hold only ROLLUP.yaml: ECharts from the current repository then.
    echarts = files.node_module(root, ECHARTS) or files.required_node_module(
        files.repository(), ECHARTS, ECHARTS_HINT
    )
    return Ready(root, out, base, echarts)


def build_rollup(
    d: District, ready: Ready, opts: RollupOptions, say: Callable[[str], None]
) -> Built:
    """The roll-up site of d into the prepared output, under the output rules of ``build``."""
    step = Steps(opts.progress, say)
    root = ready.root
    site = RollupSite(d)
    step("生成汇总页面……")
    rendered = render_all(PAGES, site)
    config = mkdocs_config.derive(ready.base, d.rollup.name, privacy.MASKED, rendered)
    epoch = source_epoch(opts.today_given)
    extras = _extras(site, ready.echarts, epoch)
    publish(root, ready.out, rendered.pages, config, extras, epoch, step)
    return Built(pages=len(rendered.pages), seconds=time.perf_counter() - step.started)
