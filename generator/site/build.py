"""``build``: validate, compute every page in memory, run MkDocs, then swap the new site into place.

The order follows DESIGN.md: an output that is not safe to replace, a mkdocs.yml with settings
of its own or invalid data stops the build before anything is written; pages are rendered from
Jinja2 templates into a private work folder (plain Markdown files, no MkDocs hooks, so a move to
Zensical stays open); under a lock beside the output, MkDocs writes into a uniquely named folder
next to it; data files, downloads, ECharts and the marker are added; only then does that folder
replace the output (see site_output).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.core import privacy
from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.errors import DataError
from generator.git.history import SHALLOW, read_history
from generator.ledger.model import Campaign
from generator.ledger.validate import checked_ledger
from generator.site import mkdocs_config as pages_config
from generator.site import output as site_output
from generator.site.context import Site, build_site
from generator.site.pages import downloads as pages_downloads
from generator.site.pages.case import case_pages
from generator.site.pages.groups import group_pages
from generator.site.pages.home import home_page
from generator.site.pages.report import help_page, report_page, typical_pages
from generator.site.pages.tables import ledger_data, ledger_page, summary_page
from generator.site.render import Page
from generator.system import clock, files
from generator.system.clock import SHANGHAI

PACKAGE_DIR = Path(__file__).resolve().parents[1]
ECHARTS = "echarts/dist/echarts.min.js"  # in node_modules
OUR_ASSETS = ("taizhang.css", "taizhang.js", "charts.js")


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
class Report:
    cases: int
    pages: int
    seconds: float


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


def all_pages(site: Site, searchable_cases: bool) -> list[Page]:
    pages = [home_page(site), summary_page(site), ledger_page(site)]
    pages += group_pages(site)
    pages += typical_pages(site)
    pages += [report_page(site), help_page(site)]
    pages += case_pages(site, searchable=searchable_cases)
    return pages


def data_files(site: Site) -> dict[str, bytes]:
    return {"data/ledger.json": ledger_data(site)}


def source_epoch(today_given: dt.date | None) -> str | None:
    """SOURCE_DATE_EPOCH if set; otherwise midnight (Beijing time) of ``--today``, if given."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    if today_given is None:
        return None
    midnight = dt.datetime.combine(today_given, dt.time(), tzinfo=SHANGHAI)
    return str(int(midnight.timestamp()))


@contextlib.contextmanager
def environment(epoch: str | None) -> Iterator[None]:
    """Pin the build date for MkDocs (sitemap) while it runs; restore the environment after."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def find_asset(root: Path, rel: str, hint: str) -> Path:
    found = files.node_module(root, rel)
    if found is None:
        raise DataError(f"找不到 node_modules/{rel}：{hint}")
    return found


def prepare_docs(work: Path, pages: list[Page], config: dict[str, object]) -> Path:
    """Write docs/ (pages and our assets), overrides/ and mkdocs.yml into the empty work folder."""
    docs, overrides = work / "docs", work / "overrides"
    docs.mkdir()
    for p in pages:
        inside(docs, p.path).write_text(p.text, encoding="utf-8")
    for name in OUR_ASSETS:
        inside(docs, f"assets/{name}").write_bytes((PACKAGE_DIR / "assets" / name).read_bytes())
    shutil.copytree(PACKAGE_DIR / "templates" / "overrides", overrides)
    config_path = work / "mkdocs.yml"
    pages_config.write_config(config_path, config)
    return config_path


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings for the error message instead of printing its INFO chatter."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_path: Path, site_dir: Path) -> None:
    import jieba
    from jinja2 import TemplateNotFound
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    jieba.setLogLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        config = load_config(config_file=str(config_path), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except MkDocsException as err:
        details = "\n".join(handler.messages)
        raise DataError(f"MkDocs 生成网站失败：{err}\n{details}".rstrip()) from None
    except TemplateNotFound as err:
        # an OSError, else reported as "无法读写文件"; a typo in an icon of mkdocs.yml
        raise DataError(
            f"MkDocs 生成网站失败：找不到图标或模板“{err.name}”，"
            "请检查 mkdocs.yml 中 theme.palette 和 extra 里的 icon"
        ) from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def write_extras(site_dir: Path, campaign: Campaign, site: Site, root: Path) -> None:
    """Parts of the site that other modules own (the web editor at admin/) are written here.

    Runs after MkDocs, into the temporary folder, so a failure here leaves the old site in place.
    """
    decap.write_admin(site_dir / decap.ADMIN_DIR, campaign, editorbackend.load(root), root=root)


def write_files(
    stage: Path,
    data: dict[str, bytes],
    echarts: Path,
    epoch: str | None,
    site: Site,
    today: dt.date,
    root: Path,
) -> None:
    """Everything MkDocs does not write: data files, ECharts, downloads and the web editor."""
    for rel, content in data.items():
        inside(stage, rel).write_bytes(content)
    shutil.copyfile(echarts, inside(stage, "assets/vendor/echarts.min.js"))
    created = dt.datetime.fromtimestamp(int(epoch), SHANGHAI) if epoch else clock.now()
    pages_downloads.write_downloads(
        lambda rel: inside(stage, rel),
        site.campaign,
        site.downloads,
        site.summary,
        today,
        created.replace(tzinfo=None) if created else None,
    )
    write_extras(stage, site.campaign, site, root)


def build(opts: Options, today_given: dt.date | None = None) -> Report:
    step = Steps(opts.progress, opts.say)
    root = opts.root
    # Checked before anything else is read, so a refused output costs nothing and nothing
    # is written; mkdocs.yml before MkDocs could load a hook or plugin it names.
    site_output.check(root, opts.out)
    out = Path(os.path.realpath(opts.out))  # no link on the way (checked), so only .. goes
    base = pages_config.checked_base(root)
    step("校验数据……")
    # checked_ledger raises DataError before anything is written.
    campaign, cases = checked_ledger(root, opts.today)
    step(f"读取 git 修改记录（{len(cases)} 件案件）……")
    history = read_history(root)
    if history.shallow and opts.privacy != privacy.FULL:
        raise DataError(SHALLOW)
    step("计算汇总表、预警和页面……")
    site = build_site(campaign, cases, opts.today, opts.privacy, history.files, history.people)
    pages = all_pages(site, opts.index_cases)
    data = data_files(site)
    config = pages_config.derive(base, site)
    echarts = find_asset(root, ECHARTS, "请先运行 npm ci（make site 会自动运行）")
    epoch = source_epoch(today_given)

    with site_output.locked(root, out, step.note):
        work = Path(tempfile.mkdtemp(prefix="taizhang-build-"))
        stage: Path | None = None
        try:
            step(f"写出 {len(pages)} 个页面……")
            config_path = prepare_docs(work, pages, config)
            stage = site_output.new_sibling(out, "building")
            with environment(epoch):
                step("运行 MkDocs……")
                run_mkdocs(config_path, stage)
                step("写出数据文件和下载文件……")
                write_files(stage, data, echarts, epoch, site, opts.today, root)
            site_output.mark(stage)
            site_output.replace(root, stage, out)
        finally:
            # Only what this run made: its work folder, and its stage unless it became the output.
            shutil.rmtree(work, ignore_errors=True)
            if stage is not None and os.path.lexists(stage):
                shutil.rmtree(stage, ignore_errors=True)
    seconds = time.perf_counter() - step.started
    step(f"完成：{out}")
    return Report(cases=len(cases), pages=len(pages), seconds=seconds)
