"""Git history of case files: one pass over git log; date, author and subject, never a diff."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.history import Commit, parse_log, read_history


def git(root: Path, *args: str, date: str = "2019-07-05T09:30:00+08:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def commit(root: Path, author: str, subject: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", f"user.name={author}", "-c", "user.email=x@example.invalid",
        "commit", "-q", "-m", subject, "-m", "正文不显示", date=date)  # fmt: skip


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    cases = tmp_path / "cases" / "dongcun"
    cases.mkdir(parents=True)
    (cases / "dongcun-001.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "campaign.yaml").write_text("x: 1\n", encoding="utf-8")
    commit(tmp_path, "张三", "新增东村案件", "2019-07-05T09:30:00+08:00")
    (cases / "dongcun-002.yaml").write_text("b: 1\n", encoding="utf-8")
    (cases / "dongcun-001.yaml").write_text("a: 2\n", encoding="utf-8")
    commit(tmp_path, "李四", "补充工作措施", "2019-07-20T15:00:00+08:00")
    (tmp_path / "campaign.yaml").write_text("x: 2\n", encoding="utf-8")
    commit(tmp_path, "王五", "修改活动信息", "2019-07-21T08:00:00+08:00")
    (cases / "dongcun-002.yaml").unlink()
    (cases / "dongcun-003.yaml").write_text("b: 1\n", encoding="utf-8")
    commit(tmp_path, "李四", "改编号 dongcun-002 为 dongcun-003", "2019-08-01T10:00:00+08:00")
    return tmp_path


def test_history_of_every_case_file_newest_first(history_repo: Path) -> None:
    assert read_history(history_repo) == {
        "cases/dongcun/dongcun-001.yaml": (
            Commit("2019-07-20 15:00", "李四", "补充工作措施"),
            Commit("2019-07-05 09:30", "张三", "新增东村案件"),
        ),
        "cases/dongcun/dongcun-002.yaml": (
            Commit("2019-08-01 10:00", "李四", "改编号 dongcun-002 为 dongcun-003"),
            Commit("2019-07-20 15:00", "李四", "补充工作措施"),
        ),
        "cases/dongcun/dongcun-003.yaml": (
            Commit("2019-08-01 10:00", "李四", "改编号 dongcun-002 为 dongcun-003"),
        ),
    }


def test_history_paths_are_relative_to_a_repository_subfolder(history_repo: Path) -> None:
    sub = history_repo / "ledger"
    (sub / "cases" / "xicun").mkdir(parents=True)
    (sub / "cases" / "xicun" / "xicun-001.yaml").write_text("c: 1\n", encoding="utf-8")
    commit(history_repo, "赵六", "西村案件", "2019-08-02T10:00:00+08:00")
    assert read_history(sub) == {
        "cases/xicun/xicun-001.yaml": (Commit("2019-08-02 10:00", "赵六", "西村案件"),)
    }


def test_no_history_outside_git(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    assert read_history(tmp_path) == {}


def test_history_is_read_in_one_git_call(
    history_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return real(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", spy)
    assert len(read_history(history_repo)) == 3
    assert len(calls) == 1
    assert "--name-only" in calls[0] and "-p" not in calls[0]


def test_parse_log_ignores_noise() -> None:
    text = "\x1e2019-07-05T09:30:00+08:00\x1f张三\x1f新增\n\ncases/a/a-001.yaml\n\x1ebroken\n"
    assert parse_log(text) == {"cases/a/a-001.yaml": (Commit("2019-07-05 09:30", "张三", "新增"),)}
