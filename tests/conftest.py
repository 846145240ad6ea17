"""Shared fixtures: a scratch repository with the sample campaign, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from generator.cli.main import main
from tests import profiles
from tests.casemaker import copy_sample

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
# The scratch repositories have no node_modules of their own: as node does, the tool then
# looks in NODE_PATH, here this checkout's (Decap, ECharts).
os.environ.setdefault("NODE_PATH", str(ROOT / "node_modules"))

# Property tests are repeatable: the same examples on every run and machine, and no example
# database written into the repository. HYPOTHESIS_PROFILE=explore draws new examples each run.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository (campaign.yaml of the sample, no cases) as the working directory."""
    shutil.copy(ROOT / "campaign.yaml", tmp_path / "campaign.yaml")
    (tmp_path / "cases").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def sample_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample data (campaign.yaml, cases/, reports/) as the working directory."""
    copy_sample(tmp_path)
    if (ROOT / "reports").is_dir():
        shutil.copytree(ROOT / "reports", tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, dict[str, str]], Path]:
    """A repository of campaign text and cases (tests/profiles.py), as the working directory."""

    def make(campaign: str, cases: dict[str, str]) -> Path:
        root = profiles.write(tmp_path / "repo", campaign, cases)
        monkeypatch.chdir(root)
        return root

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``python -m generator`` in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots and other files for a person to look at go: pytest's temporary folder
    (``/tmp/pytest-of-$USER/pytest-current/artifacts``), never the repository."""
    return tmp_path_factory.mktemp("artifacts", numbered=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole run, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS
    from tools.chromium import missing

    if hint := missing():  # Playwright would only say "spawn /usr/bin/chromium EACCES"
        pytest.fail(hint, pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
