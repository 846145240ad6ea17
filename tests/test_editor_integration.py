"""pre-commit hooks and code-editor settings: valid, and pointing at the right files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pre_commit(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def locked(name: str) -> str:
    lock = (ROOT / "requirements/lock.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==(\S+)$", lock, re.M)
    assert match, name
    return match.group(1)


def test_pre_commit_config_is_valid() -> None:
    result = pre_commit("validate-config", ".pre-commit-config.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_pre_commit_manifest_is_valid() -> None:
    result = pre_commit("validate-manifest", ".pre-commit-hooks.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_config_hooks() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing cloned from GitHub
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert list(hooks) == ["taizhang-validate", "taizhang-schema", "ruff-check", "ruff-format"]
    assert hooks["taizhang-validate"]["entry"] == ".venv/bin/python -m generator validate"
    assert hooks["taizhang-schema"]["entry"] == ".venv/bin/python -m generator schema --check"
    assert hooks["taizhang-schema"]["pass_filenames"] is False
    schema_files = re.compile(hooks["taizhang-schema"]["files"])
    assert [bool(schema_files.search(p)) for p in ("campaign.yaml", "schema/case.schema.json")] == [
        True,
        True,
    ]
    assert not schema_files.search("cases/dongcun/dongcun-001.yaml")
    files = re.compile(hooks["taizhang-validate"]["files"])
    for path in ("cases/dongcun/dongcun-001.yaml", "cases/dongcun/x.yml", "campaign.yaml"):
        assert files.search(path), path
    for path in ("README.md", "tests/data/valid/campaign.yaml", "campaign.yaml.bak", "x/cases/a"):
        assert not files.search(path), path
    for hook_id in ("ruff-check", "ruff-format"):
        assert hooks[hook_id]["language"] == "python"
        assert hooks[hook_id]["additional_dependencies"] == [f"ruff=={locked('ruff')}"]


@pytest.fixture(scope="module")
def other_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger repository of another office: the sample's campaign and cases, staged in git."""
    repo = tmp_path_factory.mktemp("other") / "repo"
    repo.mkdir()
    shutil.copy(ROOT / "campaign.yaml", repo)
    shutil.copytree(ROOT / "cases", repo / "cases")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """pre-commit installs this repository's hook with pip, as another repository would."""
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),  # a fresh hook environment, not one left by an earlier run
        "GIT_AUTHOR_NAME": "测试",  # try-repo commits uncommitted changes of ROOT to a shadow
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    return pre_commit("try-repo", str(ROOT), "taizhang-validate", "--all-files", cwd=repo, env=env)


@pytest.mark.slow
def test_published_hook_works_in_another_repository(
    other_repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    case = other_repository / "cases/dongcun/dongcun-007.yaml"
    good = case.read_text(encoding="utf-8")
    assert good.splitlines()[8] == "风险等级: 高"  # line 9, value at column 7
    case.write_text(good.replace("风险等级: 高", "风险等级: 很高", 1), encoding="utf-8")
    files = 1 + len(list((ROOT / "cases").glob("*/*.yaml")))  # campaign.yaml and every case
    result = try_repo(other_repository, home)
    assert result.returncode == 1, result.stdout + result.stderr
    hook = result.stdout.split("- hook id: taizhang-validate\n", 1)[1]
    assert hook == (
        "- exit code: 1\n\n"
        "cases/dongcun/dongcun-007.yaml:9:7: “风险等级”的值“很高”不在可选范围内，应为：高、中、低\n"
        f"检查了 {files} 个文件，发现 1 个问题\n\n"
    )
    case.write_text(good, encoding="utf-8")
    result = try_repo(other_repository, home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^台账校验\.+Passed$", result.stdout, re.M), result.stdout


def test_hook_reports_a_bad_case_in_a_commit(tmp_path: Path) -> None:
    """The local hook, run by pre-commit itself on what is staged in a scratch repository."""
    repo = tmp_path / "repo"
    (repo / "cases/dongcun").mkdir(parents=True)
    shutil.copy(ROOT / "campaign.yaml", repo)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(Path(sys.prefix))
    shutil.copy(DATA / "valid/full.yaml", repo / "cases/dongcun/dongcun-001.yaml")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "home"),
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "--no-verify", "-m", "start")
    minimal = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    bad = minimal.replace("风险等级: 高", "风险等级: 很高")
    (repo / "cases/dongcun/dongcun-002.yaml").write_text(bad, encoding="utf-8")
    git("add", "cases/dongcun/dongcun-002.yaml")
    result = pre_commit("run", "taizhang-validate", cwd=repo, env=env)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-3:] == [
        "cases/dongcun/dongcun-002.yaml:9:7: “风险等级”的值“很高”不在可选范围内，应为：高、中、低",
        "检查了 1 个文件，发现 1 个问题",  # only the staged file…
        "",
    ]
    (repo / "campaign.yaml").write_text(
        (ROOT / "campaign.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    git("add", "campaign.yaml")
    result = pre_commit("run", "taizhang-validate", cwd=repo, env=env)
    assert result.returncode == 1
    assert "检查了 3 个文件，发现 1 个问题" in result.stdout.splitlines()  # …or all with campaign


def test_vscode_maps_the_schemas() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schema/case.schema.json": ["cases/**/*.yaml"],
        "./schema/campaign.schema.json": ["campaign.yaml"],
    }
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    assert settings["yaml.yamlVersion"] == "1.2"  # the editor reads values as the loader does
    assert settings["yaml.schemaStore.enable"] is False  # no fetching from the internet
