"""Retiring a campaign's personal data: ``anonymize``, then the history rewritten with
git-filter-repo exactly as the README says, in a real repository; afterwards no petitioner's
name or address is left in the files, the history (contents and messages) or a rebuilt site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.git import retire
from generator.ledger.validate import load_ledger
from generator.site.build import Options, build
from tests.casemaker import case_data
from tests.conftest import TODAY, Result
from tests.test_history import commit, git, person, write
from tests.test_privacy_site import texts

Cli = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date.fromisoformat(TODAY)
VENV_BIN = Path(sys.executable).parent

# Every petitioner the history below ever names, each person of the joint name on their own.
SECRETS = (
    "王建国", "王建军", "东村三组12号", "东村三组１２号", "张伟、刘芳", "张伟", "刘芳",
    "西村一组3号", "李秀英", "东村四组5号", "赵六", "西村二组7号",
)  # fmt: skip


def readme_recipe() -> str:
    """The shell block of the README's retirement item, as a user copies it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    item = readme.split("- **保留期满后退役个人信息**", 1)[1]
    block = item.split("```sh\n", 1)[1].split("```", 1)[0]
    return textwrap.dedent(block)


def test_replacements_list_real_names_and_addresses_never_a_mask() -> None:
    found = retire.replacements(
        [
            ("王建国", "东村三组12号"),
            ("王**", "（住址已隐去）"),  # an anonymized version
            ("张伟、刘芳", "西村一组3号"),
            ("张*、刘*", "（住址已隐去）"),
            ("方强等17人", ""),
            ("方*等17人", ""),
            ("王", "一"),  # one character: it would mangle ordinary words
            ("王和平", "北营村"),
            ("赵\n六", "南庄==>村"),  # no line of the file can hold these
        ]
    )
    # Longest first, then by code point ("(" < "1" < CJK < "（" < "１"), checked by hand.
    assert retire.expressions(found) == (
        "literal:(东村三组12号)==>（住址已隐去）\n"
        "literal:(东村三组１２号)==>（住址已隐去）\n"
        "literal:（东村三组12号）==>（住址已隐去）\n"
        "literal:（东村三组１２号）==>（住址已隐去）\n"
        "literal:(西村一组3号)==>（住址已隐去）\n"
        "literal:(西村一组３号)==>（住址已隐去）\n"
        "literal:（西村一组3号）==>（住址已隐去）\n"
        "literal:（西村一组３号）==>（住址已隐去）\n"
        "literal:东村三组12号==>（住址已隐去）\n"
        "literal:东村三组１２号==>（住址已隐去）\n"
        "literal:方强等17人==>方*等17人\n"
        "literal:方强等１７人==>方*等１７人\n"
        "literal:西村一组3号==>（住址已隐去）\n"
        "literal:西村一组３号==>（住址已隐去）\n"
        "literal:(北营村)==>（住址已隐去）\n"
        "literal:张伟、刘芳==>张*、刘*\n"
        "literal:（北营村）==>（住址已隐去）\n"
        "literal:北营村==>（住址已隐去）\n"
        "literal:王和平==>王**\n"
        "literal:王建国==>王**\n"
        "literal:刘芳==>刘*\n"
        "literal:张伟==>张*\n"
        "literal:方强==>方*\n"
        "literal:赵六==>赵*\n"  # the name a line break split, as text may write it
    )
    assert (found.names, found.addresses) == (9, 4)
    assert found.skipped == ("(南庄==>村)", "南庄==>村", "赵\n六", "（南庄==>村）")


FUNDS = "张伟和刘芳要求退还集资款"
BORDER = "与邻居王建军（东村三组１２号）因宅基地边界发生纠纷"  # digits full-width, as an IME types


@pytest.fixture
def history_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger whose contents and commit messages name petitioners, as clerks write them:
    a corrected name, a joint name, one petitioner named in another's case, a deleted case
    and a case moved to another unit."""
    root = tmp_path / "台账"
    root.mkdir()
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    git(root, "init", "-q", "-b", "main")
    commit(root, "办事员", "活动信息", "2019-07-01T09:00:00+08:00")
    dongcun = "cases/dongcun/dongcun-001.yaml"
    write(root, dongcun, case_data("2019-07-05"))
    commit(root, "张三", "新增王建国（东村三组12号）反映的拆迁问题", "2019-07-05T09:30:00+08:00")
    write(root, dongcun, case_data("2019-07-05", 信访人=person("王建军", "东村三组12号")))
    commit(root, "李四", "更正姓名：王建国改为王建军", "2019-07-06T10:00:00+08:00")
    joint = person("张伟、刘芳", "西村一组3号")
    write(root, "cases/xicun/xicun-001.yaml", case_data("2019-07-06", 信访人=joint, 主要诉求=FUNDS))
    duplicate = case_data("2019-07-06", 信访人=person("赵六", "西村二组7号"))
    write(root, "cases/xicun/xicun-002.yaml", duplicate)
    commit(root, "李四", "新增张伟、刘芳和赵六的案件", "2019-07-06T11:00:00+08:00")
    neighbour = case_data("2019-07-07", 信访人=person("李秀英", "东村四组5号"), 主要诉求=BORDER)
    write(root, "cases/dongcun/dongcun-002.yaml", neighbour)
    commit(root, "张三", "新增李秀英与王建军的纠纷", "2019-07-07T09:00:00+08:00")
    (root / "cases/xicun/xicun-002.yaml").unlink()
    commit(root, "李四", "删除赵六的重复案件", "2019-07-08T09:00:00+08:00")
    git(root, "mv", "cases/dongcun/dongcun-002.yaml", "cases/xicun/xicun-002.yaml")
    commit(root, "李四", "李秀英的案件移到西村", "2019-07-09T09:00:00+08:00")
    monkeypatch.chdir(root)
    return root


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def all_objects(root: Path) -> str:
    """Every object git still stores, unreachable ones included."""
    done = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"],
        cwd=root, capture_output=True, check=True,
    )  # fmt: skip
    return done.stdout.decode("utf-8", errors="replace")


@pytest.mark.slow
def test_the_readme_recipe_leaves_no_name_anywhere(
    history_repo: Path, tmp_path: Path, cli: Cli
) -> None:
    assert leaks(git(history_repo, "log", "--all", "-p")) == list(SECRETS)  # not vacuous
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": "信访办",
        "GIT_AUTHOR_EMAIL": "xfb@example.invalid",
        "GIT_COMMITTER_NAME": "信访办",
        "GIT_COMMITTER_EMAIL": "xfb@example.invalid",
    }
    done = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + readme_recipe()],
        cwd=history_repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "已写出替换表 ../替换表.txt：7 个姓名、4 个住址，共 31 行；没有改动案件文件" in lines
    assert lines[-1] == "历史中已没有这些姓名和住址"
    assert not (tmp_path / "替换表.txt").exists() and not (tmp_path / "查找表.txt").exists()

    clone = tmp_path / "台账-重写"
    files = {
        p.relative_to(clone).as_posix(): p.read_text(encoding="utf-8")
        for p in clone.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(clone).parts
    }
    assert sorted(files) == [
        "campaign.yaml",
        "cases/dongcun/dongcun-001.yaml",
        "cases/xicun/xicun-001.yaml",
        "cases/xicun/xicun-002.yaml",
    ]
    assert [(name, leaks(text)) for name, text in files.items() if leaks(text)] == []
    assert leaks(git(clone, "log", "--all", "-p", "--format=%an%n%B")) == []
    assert leaks(all_objects(clone)) == []
    assert "姓名: 张*、刘*" in files["cases/xicun/xicun-001.yaml"]
    messages = git(clone, "log", "--format=%s")
    assert "新增王**（住址已隐去）反映的拆迁问题" in messages.splitlines()
    assert "新增张*、刘*和赵*的案件" in messages.splitlines()

    os.chdir(clone)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err) == (0, ""), result.out
    ledger = load_ledger(clone, DAY)
    assert [c.petitioner_name for c in ledger.cases] == ["王**", "张*、刘*", "李**"]
    site = tmp_path / "site"
    build(Options(root=clone, out=site, today=DAY), today_given=DAY)
    assert [(name, leaks(text)) for name, text in texts(site).items() if leaks(text)] == []


def test_replacements_refuse_a_file_inside_the_repository(history_repo: Path, cli: Cli) -> None:
    result = cli("anonymize", "--history-replacements", "替换表.txt")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "用法错误：替换表 替换表.txt 在仓库之中：表中是全部信访人的姓名和住址，"
        "不能放进仓库（会被提交），请写到仓库之外，如 ../替换表.txt\n"
    )
    assert not (history_repo / "替换表.txt").exists()


def test_replacements_file_is_written_for_its_owner_only(
    history_repo: Path, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "表.txt"
    result = cli("anonymize", "--history-replacements", str(out))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"已写出替换表 {out}：7 个姓名、4 个住址，共 31 行；没有改动案件文件\n"
        "下一步：在新的克隆中用 git filter-repo 按此表重写历史（README“个人信息保护与数据保留”）\n"
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    hidden = "==>（住址已隐去）"
    # By hand: longest first, then by code point ("(" < "5" < CJK < "（" < "５"; 东 < 西,
    # 一 < 二, 军 < 国); each address also with its digits full-width.
    assert out.read_text(encoding="utf-8").splitlines() == [
        f"literal:(东村三组12号){hidden}",
        f"literal:(东村三组１２号){hidden}",
        f"literal:（东村三组12号）{hidden}",
        f"literal:（东村三组１２号）{hidden}",
        f"literal:(东村四组5号){hidden}",
        f"literal:(东村四组５号){hidden}",
        f"literal:(西村一组3号){hidden}",
        f"literal:(西村一组３号){hidden}",
        f"literal:(西村二组7号){hidden}",
        f"literal:(西村二组７号){hidden}",
        f"literal:（东村四组5号）{hidden}",
        f"literal:（东村四组５号）{hidden}",
        f"literal:（西村一组3号）{hidden}",
        f"literal:（西村一组３号）{hidden}",
        f"literal:（西村二组7号）{hidden}",
        f"literal:（西村二组７号）{hidden}",
        f"literal:东村三组12号{hidden}",
        f"literal:东村三组１２号{hidden}",
        f"literal:东村四组5号{hidden}",
        f"literal:东村四组５号{hidden}",
        f"literal:西村一组3号{hidden}",
        f"literal:西村一组３号{hidden}",
        f"literal:西村二组7号{hidden}",
        f"literal:西村二组７号{hidden}",
        "literal:张伟、刘芳==>张*、刘*",
        "literal:李秀英==>李**",
        "literal:王建军==>王**",
        "literal:王建国==>王**",
        "literal:刘芳==>刘*",
        "literal:张伟==>张*",
        "literal:赵六==>赵*",
    ]
    assert git(history_repo, "status", "--porcelain") == ""  # no case file touched


def test_replacements_refuse_a_shallow_clone_and_no_repository(
    history_repo: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", history_repo.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    result = cli("anonymize", "--history-replacements", str(tmp_path / "表.txt"))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "错误：这是一个浅克隆（git clone --depth），看不到较早的版本，"
        "替换表会漏掉其中的姓名和住址；请先运行 git fetch --unshallow 取得完整历史\n"
    )
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    result = cli("anonymize", "--history-replacements", str(tmp_path / "表.txt"))
    assert (result.code, result.err) == (
        1,
        "错误：这里不是 git 仓库，或者还没有任何提交：没有需要重写的历史\n",
    )
    assert not (tmp_path / "表.txt").exists()
