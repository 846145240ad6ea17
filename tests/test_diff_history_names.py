"""The ``diff`` posted on a pull request masks every petitioner ever named in the git history."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.diffrepo import CAMPAIGN, GitRepo, case


@pytest.fixture
def corrected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """王建国 corrected to 王建军 before the base; the pull request names the old spelling."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("campaign.yaml", CAMPAIGN)
    repo.put("dongcun-001", case("2019-07-05", "王建国", "东村一组3号"))
    repo.commit("新增案件")
    repo.put("dongcun-001", case("2019-07-05", "王建军", "东村一组5号"))
    repo.put("xicun-001", case("2019-07-08", "刘秀英", "西村二组8号"))
    repo.commit("改正姓名和住址，新增一件")
    repo.git("tag", "base")
    demand = "与王建国（东村一组3号）因宅基地边界起纠纷"
    repo.put("xicun-001", case("2019-07-08", "刘秀英", "西村二组8号", demand=demand))
    repo.commit("补充诉求")
    monkeypatch.chdir(repo.root)
    return repo


def test_an_earlier_name_in_the_pull_request_is_masked(
    corrected: GitRepo, cli: Callable[..., Result]
) -> None:
    expected = {
        "text": "与王**（住址已隐去）因宅基地边界起纠纷",
        "markdown": "| 要求调解宅基地边界纠纷 | 与王\\*\\*（住址已隐去）因宅基地边界起纠纷 |",
        "json": '"new": "与王**（住址已隐去）因宅基地边界起纠纷"',
    }
    for fmt, line in expected.items():
        done = cli("diff", "--base", "base", "--format", fmt, "--today", "2019-09-30")
        assert done.code == 0, done.err
        # 王建国 and 东村一组3号 are in no file at HEAD: only the history knows them.
        assert "王建国" not in done.out
        assert "东村一组3号" not in done.out
        assert line in done.out, fmt
    full = cli("diff", "--base", "base", "--privacy", "full", "--today", "2019-09-30")
    assert "与王建国（东村一组3号）因宅基地边界起纠纷" in full.out


def test_a_masked_diff_refuses_a_shallow_clone(
    corrected: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", corrected.root.as_uri(), str(shallow)],
        check=True,
        env=corrected.env,
    )
    monkeypatch.chdir(shallow)
    done = cli("diff", "--base", "HEAD", "--today", "2019-09-30")
    assert done.code == 1
    assert done.out == ""
    assert done.err.startswith(
        "错误：这是一个浅克隆（git clone --depth），只有最近的一部分 git 历史，"
        "不能输出脱敏的台账变更："
    )
    assert done.err.endswith("diff --privacy full 不受此限制。\n")
    full = cli("diff", "--base", "HEAD", "--privacy", "full", "--today", "2019-09-30")
    assert full.code == 0, full.err
