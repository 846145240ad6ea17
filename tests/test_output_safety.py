"""``build`` and ``serve`` never delete anything outside their output (DESIGN.md, privacy).

Each test is a repro from issue 9: an output that is the repository, lies in cases/, is or goes
through a symbolic link, an old site/ that build did not make, two builds at once, a symlinked
cases/. The repositories are real git repositories in temporary folders.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.errors import DataError
from generator.site import mkdocs_run
from generator.site import output as site_output
from generator.site.build import Options, build
from tests.gitutil import git

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
Cli = Callable[..., Any]

OTHER = "请用 --out 换一个输出文件夹"
NOT_OURS = (
    "错误：输出文件夹“site”已存在，但不是 build 生成的（其中没有 .taizhang-site 标记），"
    "为免误删不会替换它；如果这是旧版本生成的网站，请手动删除它一次，再重新运行\n"
)
IS_LINK = (
    "错误：输出文件夹“site”是符号链接，生成网站可能删除它指向的文件；"
    "请删除这个链接，或用 --out 换一个输出文件夹\n"
)
WAITING = "另一次生成正在写入“site”，等它结束……\n"
BAD_DATA = "错误：数据有误，请先修正上面列出的问题（python -m generator validate）\n"
CASES_LINK = (
    "cases:1:1: cases 不能是符号链接，案件文件应放在仓库中真正的 cases/ 文件夹里\n"
    "检查了 2 个文件，发现 1 个问题\n"
)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Everything under folder, links not followed: file bytes, link targets, folders."""
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = "/"
            else:
                found[rel] = path.read_bytes()
    return found


def leftovers(folder: Path) -> list[str]:
    """What is in a temporary folder, but jieba's dictionary cache (kept there on purpose)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "jieba.cache")


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample committed in tmp/parent/repo (the working directory), a file beside it."""
    root = tmp_path / "parent" / "repo"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "cases", root / "cases")
    (tmp_path / "parent" / "邻居的文件.txt").write_text("不能被删除\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "示例数据")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of this test's own, so what a build leaves there can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize(
    ("out", "where"),
    [
        ("cases", "是仓库的 cases/ 文件夹"),
        ("cases/site", "在仓库的 cases/ 中"),
        (".git", "是仓库的 .git/ 文件夹"),
        (".git/site", "在仓库的 .git/ 中"),
        ("schema/x", "在仓库的 schema/ 中"),
        ("generator", "是仓库的 generator/ 文件夹"),
        ("..", "包含仓库“{top}”"),
    ],
)
def test_an_output_that_holds_or_lies_in_the_repository_is_refused(
    git_repo: Path, cli: Cli, out: str, where: str
) -> None:
    before = tree(git_repo.parent)
    result = cli("build", "--today", TODAY, "--out", out)
    where = where.replace("{top}", str(git_repo.resolve()))
    expected = f"错误：输出文件夹“{out}”{where}，不能用作输出文件夹；{OTHER}\n"
    assert (result.code, result.out, result.err) == (1, "", expected)
    assert tree(git_repo.parent) == before  # .git, cases/ and the folder beside it intact


@pytest.mark.parametrize("as_given", [".", "absolute"])
def test_the_repository_itself_is_refused(git_repo: Path, cli: Cli, as_given: str) -> None:
    before = tree(git_repo)
    out = str(git_repo) if as_given == "absolute" else as_given
    result = cli("build", "--today", TODAY, "--out", out)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"错误：输出文件夹“.”就是仓库本身，生成网站会替换整个仓库；{OTHER}\n",
    )
    assert tree(git_repo) == before


def test_a_committed_symlink_site_to_the_parent_folder_is_refused(git_repo: Path, cli: Cli) -> None:
    (git_repo / "site").symlink_to("..")
    commit_all(git_repo, "site 链接")
    before = tree(git_repo.parent)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (1, "", IS_LINK)
    assert tree(git_repo.parent) == before


def test_a_symlink_site_to_a_folder_elsewhere_is_refused(
    git_repo: Path, tmp_path: Path, cli: Cli
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "报告.docx").write_bytes(b"important")
    (elsewhere / site_output.MARKER).write_text("", encoding="utf-8")  # even one that looks ours
    (git_repo / "site").symlink_to(elsewhere)
    commit_all(git_repo, "site 链接")
    before = tree(elsewhere)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (1, "", IS_LINK)
    assert tree(elsewhere) == before


@pytest.mark.parametrize(
    "out", ["out/site", "missing/../out/site", "site/../out/site", "./missing/../out/site/"]
)
def test_an_output_through_a_symlinked_folder_is_refused(
    git_repo: Path, tmp_path: Path, cli: Cli, out: str
) -> None:
    # With `..` the kernel stops at a missing folder, but the output is resolved like realpath:
    # `..` then leads back to a link that the walk as given never reached.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "site").mkdir(parents=True)
    (elsewhere / "site" / site_output.MARKER).write_text("", encoding="utf-8")
    (elsewhere / "site" / "别人的.html").write_text("<p>x</p>", encoding="utf-8")
    (git_repo / "out").symlink_to(elsewhere)
    before = tree(elsewhere)
    result = cli("build", "--today", TODAY, "--out", out)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"错误：输出文件夹“{Path(out).as_posix()}”经过符号链接“out”，"
        "生成网站可能删除链接另一端的文件；"
        "请用 --out 换一个不经过符号链接的输出文件夹\n",
    )
    assert tree(elsewhere) == before
    assert not (git_repo / "missing").exists()


def test_a_lock_file_that_is_a_symlink_is_refused_with_a_message(
    git_repo: Path, tmp_path: Path, cli: Cli
) -> None:
    target = tmp_path / "别人的文件.txt"
    target.write_text("不能被改动\n", encoding="utf-8")
    (git_repo / ".site.lock").symlink_to(target)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "错误：锁文件“.site.lock”是符号链接，为免改动链接另一端的文件不会使用它；"
        "请删除这个链接后再运行\n",
    )
    assert target.read_text(encoding="utf-8") == "不能被改动\n"
    assert not (git_repo / "site").exists()


@pytest.mark.slow
def test_a_committed_symlink_build_is_never_touched(
    git_repo: Path, tmp_path: Path, cli: Cli, private_tmp: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    for name in ("docs/index.md", "overrides/main.html", "mkdocs.yml"):
        (elsewhere / name).parent.mkdir(parents=True, exist_ok=True)
        (elsewhere / name).write_text(f"{name} 的内容\n", encoding="utf-8")
    (git_repo / "build").symlink_to(elsewhere)
    commit_all(git_repo, "build 链接")
    before = tree(elsewhere)
    result = cli("build", "--today", TODAY)
    assert result.code == 0, result.err
    assert tree(elsewhere) == before
    assert (git_repo / "site" / "index.html").is_file()
    assert leftovers(private_tmp) == []


@pytest.mark.parametrize("out", ["site/inner", "site/a/b"])
def test_an_output_inside_another_built_site_is_refused(git_repo: Path, cli: Cli, out: str) -> None:
    # Each build renames its own output whole, so the next build of site/ would delete it, and
    # two builds at once (one lock each) wrote into each other's folders.
    (git_repo / "site").mkdir()
    (git_repo / "site" / site_output.MARKER).write_text("", encoding="utf-8")
    before = tree(git_repo)
    result = cli("build", "--today", TODAY, "--out", out)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"错误：输出文件夹“{out}”在另一次生成的网站“site”之中，"
        f"下次生成那个网站时会被一起替换；{OTHER}\n",
    )
    assert tree(git_repo) == before


def test_an_old_site_without_the_marker_is_refused_with_a_message(git_repo: Path, cli: Cli) -> None:
    (git_repo / "site").mkdir()
    (git_repo / "site" / "index.html").write_text("旧网站", encoding="utf-8")
    before = tree(git_repo)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (1, "", NOT_OURS)
    assert tree(git_repo) == before


@pytest.mark.slow
def test_a_site_with_the_marker_is_replaced(git_repo: Path, cli: Cli) -> None:
    (git_repo / "site").mkdir()
    (git_repo / "site" / site_output.MARKER).write_text("", encoding="utf-8")
    (git_repo / "site" / "已删除的案件.html").write_text("旧页面", encoding="utf-8")
    result = cli("build", "--today", TODAY)
    assert result.code == 0, result.err
    site = git_repo / "site"
    assert not (site / "已删除的案件.html").exists()
    assert (site / "index.html").is_file()
    assert (site / site_output.MARKER).read_text(encoding="utf-8") == site_output.MARKER_TEXT
    # a second build replaces what the first made
    assert cli("build", "--today", TODAY).code == 0
    assert sorted(p.name for p in git_repo.iterdir() if p.name.startswith(".site")) == [
        ".site.lock"
    ]


def test_an_empty_existing_folder_is_accepted(
    git_repo: Path, tmp_path: Path, cli: Cli, private_tmp: Path
) -> None:
    out = tmp_path / "网站"
    out.mkdir()
    result = cli("build", "--today", TODAY, "--out", str(out))
    assert result.code == 0, result.err
    assert (out / "index.html").is_file() and (out / site_output.MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".网站.lock", "parent", "tmp", "网站"]
    assert leftovers(private_tmp) == []


def test_an_existing_file_is_not_an_output(git_repo: Path, cli: Cli) -> None:
    (git_repo / "site").write_text("一个文件", encoding="utf-8")
    result = cli("build", "--today", TODAY)
    assert (result.code, result.err) == (1, f"错误：输出路径“site”已存在，但不是文件夹；{OTHER}\n")
    assert (git_repo / "site").read_text(encoding="utf-8") == "一个文件"


@pytest.mark.parametrize("args", [["--out", "."], []])
def test_serve_refuses_the_same_outputs(git_repo: Path, cli: Cli, args: list[str]) -> None:
    (git_repo / "site").mkdir()
    (git_repo / "site" / "index.html").write_text("旧网站", encoding="utf-8")
    before = tree(git_repo)
    result = cli("serve", "--today", TODAY, "--port", "0", *args)
    expected = (
        f"错误：输出文件夹“.”就是仓库本身，生成网站会替换整个仓库；{OTHER}\n" if args else NOT_OURS
    )
    assert (result.code, result.out, result.err) == (1, "", expected)
    assert tree(git_repo) == before


@pytest.mark.slow
def test_two_builds_at_once_wait_for_each_other_and_give_a_complete_site(
    git_repo: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.name for p in git_repo.iterdir())
    env = {**os.environ, "TMPDIR": str(private_tmp), "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "generator", "build", "--today", TODAY]
    runs = [
        subprocess.Popen(
            command,
            cwd=git_repo,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    results = [(*p.communicate(timeout=300), p.returncode) for p in runs]
    results = [(code, out, err) for out, err, code in results]
    assert [code for code, _, _ in results] == [0, 0], results
    for _, out, _ in results:
        assert re.fullmatch(r"已生成网站：site（132 件案件，175 个页面，用时 \d+\.\d 秒）\n", out)
    # the second waited for the first (the lock), it did not write beside it
    assert sorted(err for _, _, err in results) == ["", WAITING]

    site = git_repo / "site"
    cases = sorted((git_repo / "cases").glob("*/*.yaml"))
    assert len(cases) == 132
    for case in cases:
        assert (site / "cases" / case.parent.name / f"{case.stem}.html").is_file()
    assert (site / site_output.MARKER).is_file()
    # exactly what one build alone makes, byte for byte
    reference = tmp_path / "reference"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    today = dt.date.fromisoformat(TODAY)
    build(Options(root=git_repo, out=reference, today=today), today_given=today)
    assert tree(site) == tree(reference)
    # nothing left behind: no stage, no old site, no work folder
    assert sorted(p.name for p in git_repo.iterdir()) == sorted([*before, ".site.lock", "site"])
    assert leftovers(private_tmp) == []


def test_a_build_that_waits_too_long_stops_with_a_message(
    git_repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    monkeypatch.setattr(site_output, "LOCK_WAIT_SECONDS", 0.5)
    held = os.open(git_repo / ".site.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build is writing site/
        before = tree(git_repo)
        result = cli("build", "--today", TODAY)
    finally:
        os.close(held)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        WAITING + "错误：另一次生成仍在写入“site”，等了 0.5 秒仍未结束；请等它结束后再运行\n",
    )
    assert tree(git_repo) == before
    assert leftovers(private_tmp) == []


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), DataError("MkDocs 生成网站失败")])
def test_an_interrupted_build_removes_only_what_it_made(
    git_repo: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path, failure: BaseException
) -> None:
    site = git_repo / "site"
    site.mkdir()
    (site / site_output.MARKER).write_text("", encoding="utf-8")
    (site / "index.html").write_text("上一版", encoding="utf-8")
    (git_repo / ".site.building").mkdir()  # an older version's fixed name: not this run's
    before = tree(git_repo)

    def fail(config_path: Path, site_dir: Path, epoch: str | None) -> None:
        (site_dir / "index.html").write_text("半成品", encoding="utf-8")
        raise failure

    monkeypatch.setattr(mkdocs_run, "run", fail)
    today = dt.date.fromisoformat(TODAY)
    with pytest.raises(type(failure)):
        build(Options(root=git_repo, out=site, today=today))
    assert tree(git_repo) == {**before, ".site.lock": b""}
    assert leftovers(private_tmp) == []


def test_a_symlinked_cases_folder_is_refused_by_validate_and_build(
    git_repo: Path, tmp_path: Path, cli: Cli
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (git_repo / "cases").rename(elsewhere / "cases")
    (git_repo / "cases").symlink_to(elsewhere / "cases")
    commit_all(git_repo, "cases 链接到仓库之外")
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out, result.err) == (1, CASES_LINK, "")
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (1, CASES_LINK, BAD_DATA)
    assert not (git_repo / "site").exists()
    # new writes before anything is validated: it must not follow the link either.
    before = tree(elsewhere)
    result = cli("new", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "错误：cases 是符号链接，案件文件不能写到链接指向的地方；请把它换成真正的文件夹\n"
    )
    assert tree(elsewhere) == before
