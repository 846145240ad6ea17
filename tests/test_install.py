"""The package installs like any other: ``pip install .`` (not editable), used from elsewhere.

To stay fast and offline for the dependencies, the fresh venv gets only our package (pip
``--no-deps``, built in pip's usual isolated build environment) and sees the dependencies of
the test venv through a .pth line; that line adds a folder to the path without reading its .pth
files, so the editable install of this checkout stays out. The test checks that ``generator``
is imported from the fresh venv and that the source checkout is nowhere on the path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"


def tracked_tree(dest: Path) -> Path:
    """The checkout's files as git sees them (tracked and new, not ignored): no build/, .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file() or source.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel, follow_symlinks=False)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv into which a copy of this checkout was installed by ``pip install``."""
    base = tmp_path_factory.mktemp("install")
    source = tracked_tree(base / "source")  # pip would write build/ into the checkout
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin/python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*pip, "--no-deps", str(source)], check=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "taizhang-test-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return venv / "bin"


def sample(dest: Path) -> Path:
    """A ledger repository elsewhere: the sample's data, nothing of the tool."""
    dest.mkdir()
    for name in ("campaign.yaml", "editor.yaml", "mkdocs.yml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "cases", dest / "cases")
    return dest


def taizhang(bin_dir: Path, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NODE_PATH")}
    return subprocess.run(
        [str(bin_dir / "taizhang"), *args, "--today", TODAY],
        cwd=repo,
        env={**env, "SOURCE_DATE_EPOCH": "1764374400"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_the_installed_package_is_the_one_that_runs(installed: Path, tmp_path: Path) -> None:
    probe = "import generator, json, sys; print(generator.__file__); print(json.dumps(sys.path))"
    done = subprocess.run(
        [str(installed / "python"), "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    where, path = done.stdout.splitlines()
    assert Path(where).is_relative_to(installed.parent), where
    assert str(ROOT) not in json.loads(path)  # the checkout itself is not on the path
    package = Path(where).parent
    for data in ("ledger/schemas/case.schema.json", "assets/admin/index.html", "templates/site"):
        assert (package / data).exists(), data


@pytest.mark.slow
def test_summary_validate_and_build_from_another_directory(installed: Path, tmp_path: Path) -> None:
    repo = sample(tmp_path / "ledger")
    done = taizhang(installed, repo, "summary", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    golden = (ROOT / "tests/golden/summary.json").read_text(encoding="utf-8")
    assert json.loads(done.stdout) == json.loads(golden)
    assert done.stdout == golden
    done = taizhang(installed, repo, "validate")
    files = 1 + len(list(repo.glob("cases/*/*.yaml")))
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"检查了 {files} 个文件，发现 0 个问题\n",
        "",
    )
    # ECharts and Decap come from the node_modules of the repository being built, not the tool's.
    done = taizhang(installed, repo, "build")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "错误：找不到 node_modules/echarts/dist/echarts.min.js："
        "请先运行 npm ci（make site 会自动运行）\n"
    )
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    done = taizhang(installed, repo, "build")
    assert done.returncode == 0, done.stderr
    cases = files - 1
    assert done.stdout.startswith(f"已生成网站：site（{cases} 件案件，")
    for page in ("index.html", "summary.html", "admin/index.html", "admin/decap-cms.js"):
        assert (repo / "site" / page).is_file(), page


@pytest.mark.parametrize(
    ("what", "homes"),
    [
        ("Path.cwd()", ["system/files.py"]),  # the repository being worked on
        ('"--show-toplevel"', ["system/files.py"]),  # where its git checkout starts
        ("os.replace(", ["system/files.py"]),  # writing a file whole
        ("mkstemp(", []),
        ('"node_modules"', ["system/files.py"]),  # Decap, ECharts: the repository's own
    ],
)
def test_each_way_to_the_disk_lives_in_one_place(what: str, homes: list[str]) -> None:
    found = sorted(
        path.relative_to(ROOT / "generator").as_posix()
        for path in (ROOT / "generator").rglob("*.py")
        if what in path.read_text(encoding="utf-8")
    )
    assert found == homes
