"""The CI files: valid against the hosts' schemas (offline, check-jsonschema), and the rules we
rely on: a portable required job, deployment only from main and only over checked SSH."""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.cli.commands import COMMANDS
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
GITLAB_EXAMPLE = ROOT / "deploy/gitlab-ci.example.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
PORTABLE_ACTIONS = {"actions/checkout@v4", "actions/setup-python@v5"}


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


def ci() -> dict[str, Any]:
    return load(ROOT / ".github/workflows/ci.yml")


def test_workflows_pass_the_github_workflow_schema() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml"]
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
        "workflow_dispatch": None,
    }
    assert data["permissions"] == {"contents": "read"}
    text = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "pull_request_target" not in text  # never run pull request code with a write token


def test_required_job_runs_unchanged_on_gitea_and_forgejo() -> None:
    check = ci()["jobs"]["check"]
    uses = {step["uses"] for step in check["steps"] if "uses" in step}
    assert uses <= PORTABLE_ACTIONS
    assert "continue-on-error" not in check
    runs = "\n".join(step.get("run", "") for step in check["steps"])
    for command in (
        "make install",
        "python -m generator validate --format github",
        'python -m generator diff --base "origin/$BASE_REF" --format markdown',
        "python -m generator codeowners --check",
        "make test",
        "python -m generator build --out site",
    ):
        assert command in runs
    assert "$GITHUB_STEP_SUMMARY" in runs


def test_optional_jobs_cannot_fail_the_check() -> None:
    jobs = ci()["jobs"]
    assert sorted(jobs) == ["check", "comment", "deploy", "site"]
    assert jobs["comment"]["continue-on-error"] is True
    assert jobs["comment"]["if"] == "${{ github.event_name == 'pull_request' }}"
    assert jobs["site"]["continue-on-error"] is True
    artifact_jobs = [
        name
        for name, job in jobs.items()
        if any(s.get("uses", "").startswith("actions/upload-artifact") for s in job["steps"])
    ]
    assert artifact_jobs == ["site"]


def test_deploy_only_from_main_after_the_check_over_verified_ssh() -> None:
    deploy = ci()["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["if"] == "${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}"
    runs = "\n".join(step.get("run", "") for step in deploy["steps"])
    assert "StrictHostKeyChecking=yes" in runs
    assert "is_global" in runs  # refuses a host that resolves to a public address
    assert "rsync -rlptz --delete-after --delay-updates" in runs


def test_every_command_and_make_target_the_ci_files_use_exists() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*WORKFLOWS, GITLAB_EXAMPLE])
    used = set(re.findall(r"python -m generator ([a-z]+)", text))
    assert used == {"validate", "diff", "codeowners", "schema", "build"}
    assert used <= set(COMMANDS)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    made = set(re.findall(r"(?:run: |- |^\s+)make ([a-z-]+)$", text, flags=re.M))
    assert made == {"install", "test"}
    assert made <= targets


def test_the_deploy_host_guard_refuses_public_addresses(tmp_path: Path) -> None:
    steps = ci()["jobs"]["deploy"]["steps"]
    guard = next(s["run"] for s in steps if "is_global" in s.get("run", ""))
    script = guard.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]
    (tmp_path / "guard.py").write_text(script, encoding="utf-8")

    def run(host: str) -> tuple[int, str]:
        proc = subprocess.run(
            [sys.executable, str(tmp_path / "guard.py")],
            env={"DEPLOY_HOST": host},
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.returncode, (proc.stdout + proc.stderr).strip()

    assert run("10.1.2.3") == (0, "部署主机解析到内网地址：10.1.2.3")
    assert run("192.168.0.5") == (0, "部署主机解析到内网地址：192.168.0.5")
    assert run("8.8.8.8") == (1, "部署主机解析到公网地址 8.8.8.8，拒绝发布")
    assert run("2001:4860::8888") == (1, "部署主机解析到公网地址 2001:4860::8888，拒绝发布")


def test_pull_request_template_has_the_reviewer_checklist() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) == 8
    assert any("风险升级" in item for item in items)
    assert any("已报送的汇总表" in item for item in items)
    assert any("codeowners" in item for item in items)


class FakeForge(http.server.BaseHTTPRequestHandler):
    """The two issue-comment endpoints GitHub, Gitea and Forgejo share."""

    comments: ClassVar[list[dict[str, Any]]] = []
    calls: ClassVar[list[tuple[str, str, str]]] = []

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
        self._reply(200, self.comments)

    def do_POST(self) -> None:
        body = self._body()
        self.calls.append(("POST", self.path, body["body"]))
        self.comments.append({"id": 7, "body": body["body"]})
        self._reply(201, self.comments[-1])

    def do_PATCH(self) -> None:
        body = self._body()
        self.calls.append(("PATCH", self.path, body["body"]))
        self.comments[0]["body"] = body["body"]
        self._reply(200, self.comments[0])

    def log_message(self, *args: Any) -> None:
        pass


def test_the_pull_request_comment_is_posted_once_then_updated(tmp_path: Path) -> None:
    steps = ci()["jobs"]["comment"]["steps"]
    run = next(s["run"] for s in steps if "<<'EOF'" in s.get("run", ""))
    script = run.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]
    (tmp_path / "comment.py").write_text(script, encoding="utf-8")
    FakeForge.comments, FakeForge.calls = [], []
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeForge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {
        "API_URL": f"http://127.0.0.1:{server.server_port}/api/v1",
        "REPOSITORY": "xinfangban/taizhang",
        "PR_NUMBER": "12",
        "TOKEN": "secret-token",
        "NO_PROXY": "*",
    }

    def post(text: str) -> None:
        (tmp_path / "diff.md").write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "comment.py"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert (proc.returncode, proc.stderr) == (0, "")

    try:
        post("## 台账变更：第一次\n")
        post("## 台账变更：第二次\n" + "甲" * 70000)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    mark = "<!-- taizhang-diff -->\n"
    assert [c[:2] for c in FakeForge.calls] == [
        ("GET", "/api/v1/repos/xinfangban/taizhang/issues/12/comments?per_page=100"),
        ("POST", "/api/v1/repos/xinfangban/taizhang/issues/12/comments"),
        ("GET", "/api/v1/repos/xinfangban/taizhang/issues/12/comments?per_page=100"),
        ("PATCH", "/api/v1/repos/xinfangban/taizhang/issues/comments/7"),
    ]
    assert FakeForge.calls[0][2] == "token secret-token"
    assert FakeForge.calls[1][2] == mark + "## 台账变更：第一次\n"
    second = FakeForge.calls[3][2]
    assert second.startswith(mark + "## 台账变更：第二次\n甲甲")
    assert len(second) == 60000 + len("\n\n……内容过长，已截断；完整内容见检查任务的摘要。\n")
    assert second.endswith("甲\n\n……内容过长，已截断；完整内容见检查任务的摘要。\n")
