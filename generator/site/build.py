"""``build``: validate, compute every page in memory, run MkDocs, then swap the new site into place.

The order follows DESIGN.md: an output that is not safe to replace, a mkdocs.yml with settings
of its own or invalid data stops the build before anything is written; the pages of the page
list (``pagelist.PAGES``) are rendered from Jinja2 templates; ``publish`` turns them into the
site and adds the data files, downloads, ECharts and the web editor before the swap.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.core import privacy
from generator.core.counts import counts
from generator.core.reports import load_submitted
from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.errors import DataError
from generator.git.history import SHALLOW, read_history
from generator.ledger.validate import checked_ledger
from generator.site import mkdocs_config
from generator.site import output as site_output
from generator.site.context import Site, build_site
from generator.site.entries import PageList, render_all
from generator.site.pagelist import PAGES
from generator.site.pages import downloads as pages_downloads
from generator.site.pages.tables import ledger_data
from generator.site.publish import ECHARTS, ECHARTS_HINT, Steps, Target, publish
from generator.site.render import json_file
from generator.system import clock, files
from generator.system.clock import SHANGHAI


@dataclass(frozen=True)
class Options:
    root: Path
    out: Path
    today: dt.date
    privacy: str = privacy.MASKED
    index_cases: bool = False  # put case pages into the search index (see README: 网站)
    progress: bool = False  # a line for each step, not only the notes
    say: Callable[[str], None] = lambda _: None  # where notes go: the command prints them


@dataclass(frozen=True)
class Built:
    """What a build made: for the command's closing line."""

    cases: int
    pages: int
    seconds: float


def data_files(site: Site) -> dict[str, bytes]:
    """The site's data files: the 台账 table's rows, and the figures a district roll-up reads."""
    return {
        "data/ledger.json": ledger_data(site),
        "data/counts.json": json_file(counts(site.campaign, site.cases, site.today)).encode(),
    }


def source_epoch(today_given: dt.date | None) -> str | None:
    """SOURCE_DATE_EPOCH if set; otherwise midnight (Beijing time) of ``--today``, if given."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    if today_given is None:
        return None
    midnight = dt.datetime.combine(today_given, dt.time(), tzinfo=SHANGHAI)
    return str(int(midnight.timestamp()))


def write_files(
    target: Target, site: Site, data: dict[str, bytes], echarts: Path, epoch: str | None, root: Path
) -> None:
    """Everything MkDocs does not write: data files, ECharts, downloads and the web editor.

    Runs after MkDocs, into the new folder, so a failure here leaves the old site in place.
    """
    for rel, content in data.items():
        target(rel).write_bytes(content)
    shutil.copyfile(echarts, target("assets/vendor/echarts.min.js"))
    created = clock.made_at(epoch)
    pages_downloads.write_downloads(
        target,
        site.campaign,
        site.cases,  # masked as the pages are: the 台账 downloads are official in a full build
        site.summary,
        site.today,
        created.replace(tzinfo=None) if created else None,
        load_submitted(root, site.campaign.profile.rhythm),
        site.masked,
    )
    # The web editor at admin/ belongs to generator.editor.
    decap.write_admin(target(decap.ADMIN_DIR), site.campaign, editorbackend.load(root), root=root)


def build(
    opts: Options, today_given: dt.date | None = None, pages: PageList[Site] = PAGES
) -> Built:
    """Build the office site of opts.root into opts.out from the page list ``pages``."""
    step = Steps(opts.progress, opts.say)
    root = opts.root
    # Checked before anything else is read, so a refused output costs nothing and nothing
    # is written; mkdocs.yml before MkDocs could load a hook or plugin it names.
    site_output.check(root, opts.out)
    out = Path(os.path.realpath(opts.out))  # no link on the way (checked), so only .. goes
    base = mkdocs_config.checked_base(root)
    step("校验数据……")
    # checked_ledger raises DataError before anything is written.
    campaign, cases = checked_ledger(root, opts.today)
    step(f"读取 git 修改记录（{len(cases)} 件案件）……")
    history = read_history(root)
    if history.shallow and opts.privacy != privacy.FULL:
        raise DataError(SHALLOW)
    step("计算汇总表、预警和页面……")
    # Every page reads this Site: its cases are already masked as opts.privacy allows.
    site = build_site(
        campaign, cases, opts.today, opts.privacy, history.files, history.people, opts.index_cases
    )
    rendered = render_all(pages, site)
    data = data_files(site)
    config = mkdocs_config.derive(base, campaign.name, site.privacy, rendered)
    echarts = files.required_node_module(root, ECHARTS, ECHARTS_HINT)
    epoch = source_epoch(today_given)
    publish(
        root,
        out,
        rendered.pages,
        config,
        lambda target: write_files(target, site, data, echarts, epoch, root),
        epoch,
        step,
    )
    seconds = time.perf_counter() - step.started
    step(f"完成：{out}")
    return Built(cases=len(cases), pages=len(rendered.pages), seconds=seconds)
