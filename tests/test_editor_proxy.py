"""``make edit`` as an attacker sees it: real HTTP on 127.0.0.1, a real decap-server behind it.

A copy of the sample in a temporary git repository; every request of the issue's findings is
sent as a hostile page (or a DNS-rebinding name) would send it, and answered 403 with nothing
read, written or deleted. The one thing allowed, saving cases/<unit>/<id>.yaml, works.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.editor import filter as editfilter
from generator.editor import server as editserver
from generator.ledger.validate import load_campaign
from tests.conftest import ROOT

SECRET = "remote-password-5f3a"  # what .git/config holds and no answer may repeat


@dataclass
class Answer:
    status: int
    data: Any  # the JSON answer, else the raw bytes
    raw: bytes


def send(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    host: str | None = "own",
    origin: str | None = None,
    content_type: str = "application/json; charset=utf-8",
    length: int | None = None,
) -> Answer:
    """One request with exactly these Host and Origin headers (host None: no Host at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", f"127.0.0.1:{port}" if host == "own" else host)
        if origin is not None:
            conn.putheader("Origin", origin)
        data = b""
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if method == "POST":
            conn.putheader("Content-Type", content_type)
            conn.putheader("Content-Length", str(len(data) if length is None else length))
        conn.endheaders(data if method == "POST" else None)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = raw
    return Answer(response.status, parsed, raw)


def git(repo: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return run.stdout


def sample_git_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("campaign.yaml", "mkdocs.yml", "editor.yaml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "cases", root / "cases")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "remote.origin.url", f"https://clerk:{SECRET}@git.jiedao.internal/t.git")
    git(root, "add", "-A")
    git(root, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "commit", "-qm", "样例")
    return root


@dataclass
class Editor:
    repo: Path
    port: int  # the advertised one: the preview and its /api/v1
    decap: editserver.DecapServer

    def api(self, body: Any, **headers: Any) -> Answer:
        return send(self.port, "POST", "/api/v1", body, **headers)

    def status(self) -> list[str]:
        return git(self.repo, "status", "--porcelain", "--ignored").splitlines()


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """The preview with its proxy and decap-server, wired as ``edit`` wires them."""
    base = tmp_path_factory.mktemp("edit")
    repo = sample_git_repo(base / "repo")
    site = base / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin" / "index.html").write_text("<p>编辑器</p>\n", encoding="utf-8")
    campaign, _ = load_campaign(repo)
    assert campaign is not None
    backend = editorbackend.load(repo)

    def config(origin: str) -> str:
        return decap.config_text(campaign, backend, local_backend=editserver.api_url(origin))

    server_decap = editserver.start_decap(repo)
    scope = editfilter.Scope(repo, frozenset(campaign.unit_codes()))
    server = editserver.serve(site, 0, config, server_decap, scope)
    try:
        yield Editor(repo, server.server_address[1], server_decap)
    finally:
        server.shutdown()
        server.server_close()
        editserver.stop(server_decap)


def persist(path: str, raw: str, assets: list[Any] | None = None) -> dict[str, Any]:
    """A save exactly as Decap's proxy backend sends it."""
    slug = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return {
        "branch": "main",
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"path": path, "slug": slug, "raw": raw}],
            "assets": assets or [],
            "options": {
                "collectionName": "dongcun",
                "commitMessage": f"新增 dongcun {slug}",
                "useWorkflow": False,
                "status": "draft",
            },
        },
    }


def action(name: str, **params: Any) -> dict[str, Any]:
    return {"branch": "main", "action": name, "params": {"branch": "main", **params}}


def host_refused(port: int) -> dict[str, str]:
    return {"error": f"拒绝访问：本机服务只接受发往 127.0.0.1:{port} 或 localhost:{port} 的请求"}


def origin_refused(port: int) -> dict[str, str]:
    return {
        "error": f"拒绝访问：本机服务只接受来自 http://127.0.0.1:{port} "
        f"或 http://localhost:{port} 本身页面的请求"
    }


def not_a_case(path: str) -> str:
    return f"路径“{path}”不是案件文件：网页编辑器只读写 cases/<单位代码>/<编号>.yaml"


INFO = {"action": "info"}


# --- Host and Origin (DNS rebinding, other sites' pages) ---------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1:{other}", "127.0.0.1", "", None]
)
def test_a_foreign_host_is_refused(editor: Editor, host: str | None) -> None:
    port = editor.port
    given = None if host is None else host.format(port=port, other=port + 1)
    for method, path, body in (("GET", "/admin/config.yml", None), ("POST", "/api/v1", INFO)):
        answer = send(port, method, path, body, host=given)
        assert (answer.status, answer.data) == (403, host_refused(port))


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "null", "http://127.0.0.1:{other}", "https://127.0.0.1:{port}"],
)
def test_a_foreign_origin_is_refused(editor: Editor, origin: str) -> None:
    port = editor.port
    given = origin.format(port=port, other=port + 1)
    answer = editor.api(INFO, origin=given)
    assert (answer.status, answer.data) == (403, origin_refused(port))
    answer = editor.api(
        persist("cases/dongcun/dongcun-20190701-130000.yaml", "x: 1\n"), origin=given
    )
    assert (answer.status, answer.data) == (403, origin_refused(port))
    assert not (editor.repo / "cases/dongcun/dongcun-20190701-130000.yaml").exists()


def test_the_preview_own_names_pass(editor: Editor) -> None:
    port = editor.port
    info = {"repo": "repo", "publish_modes": ["simple"], "type": "local_fs"}
    for name in ("127.0.0.1", "localhost"):
        answer = editor.api(INFO, host=f"{name}:{port}", origin=f"http://{name}:{port}")
        assert (answer.status, answer.data) == (200, info)
        answer = editor.api(INFO, host=f"{name}:{port}")  # no Origin: not a cross-site page
        assert (answer.status, answer.data) == (200, info)
        # the editor is pointed at the origin it was loaded from, never across origins
        answer = send(port, "GET", "/admin/config.yml", host=f"{name}:{port}")
        assert answer.status == 200
        text = answer.raw.decode("utf-8")
        assert f"local_backend:\n  url: http://{name}:{port}/api/v1\n" in text


@pytest.mark.parametrize("path", ["/index.html%00", "/%00/x", "/%ED%A0%80.html"])
def test_an_address_no_file_can_have_is_not_found_without_a_traceback(
    editor: Editor, path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A NUL byte or an unencodable name made open() raise ValueError: no answer at all and
    # a Python traceback on the clerk's terminal.
    missing = send(editor.port, "GET", "/no-such-page.html")
    answer = send(editor.port, "GET", path)
    assert (answer.status, answer.raw) == (404, missing.raw)
    assert capsys.readouterr().err == ""


# --- decap-server itself -----------------------------------------------------------------------


def test_decap_server_is_not_reachable_directly(editor: Editor) -> None:
    private = editor.decap.port
    assert private != editor.port
    refused = {"error": "拒绝访问：decap-server 只接受网页编辑器代理转来的请求"}
    for host in ("own", "evil.example"):
        answer = send(private, "POST", "/api/v1", INFO, host=host)
        assert (answer.status, answer.data) == (403, refused)
    config = editor.repo / ".git" / "config"
    before = config.read_bytes()
    answer = send(private, "POST", "/api/v1", persist(".git/config", "[core]\n"))
    assert (answer.status, answer.data) == (403, refused)
    assert config.read_bytes() == before


# --- what decap-server would have done ---------------------------------------------------------


def fsmonitor(marker: Path) -> str:
    return f"[core]\n\tfsmonitor = touch {marker}\n"


def test_git_config_cannot_be_written(editor: Editor, tmp_path: Path) -> None:
    config = editor.repo / ".git" / "config"
    before = config.read_bytes()
    marker = tmp_path / "fsmonitor-ran"
    evil = fsmonitor(marker)
    for path in (".git/config", "cases/dongcun/../../.git/config", str(config)):
        answer = editor.api(persist(path, evil))
        assert (answer.status, answer.data) == (403, {"error": not_a_case(path)})
    asset = {
        "path": ".git/config",
        "content": base64.b64encode(evil.encode()).decode(),
        "encoding": "base64",
    }
    answer = editor.api(action("persistMedia", asset=asset, options={"commitMessage": "x"}))
    message = "网页编辑器不允许“persistMedia”操作：只能读取和保存案件文件"
    assert (answer.status, answer.data) == (403, {"error": message})
    assert config.read_bytes() == before
    git(editor.repo, "status")
    assert not marker.exists()


def test_git_config_cannot_be_read(editor: Editor) -> None:
    assert SECRET in (editor.repo / ".git" / "config").read_text(encoding="utf-8")
    attempts = [
        (action("getEntry", path=".git/config"), not_a_case(".git/config")),
        (action("entriesByFiles", files=[{"path": ".git/config"}]), not_a_case(".git/config")),
        (
            action("entriesByFolder", folder=".git", extension="config", depth=1),
            "网页编辑器只列出单位文件夹中的 .yaml 文件",
        ),
        (
            action("entriesByFolder", folder=".git", extension="yaml", depth=1),
            "文件夹“.git”不是案件文件夹：网页编辑器只读 cases/<单位代码>（campaign.yaml 中的单位）",
        ),
        (
            action("getMediaFile", path=".git/config"),
            "网页编辑器不允许“getMediaFile”操作：只能读取和保存案件文件",
        ),
    ]
    for body, message in attempts:
        answer = editor.api(body)
        assert (answer.status, answer.data) == (403, {"error": message})
        assert SECRET.encode() not in answer.raw
    # the media library Decap asks for on start is answered empty, whatever folder it names
    answer = editor.api(action("getMedia", mediaFolder=".git"))
    assert (answer.status, answer.data) == (200, [])


def test_a_symlink_in_a_unit_folder_is_neither_read_nor_listed(editor: Editor) -> None:
    link = editor.repo / "cases" / "dongcun" / "dongcun-900.yaml"
    link.symlink_to(Path("..") / ".." / ".git" / "config")
    try:
        answer = editor.api(action("getEntry", path="cases/dongcun/dongcun-900.yaml"))
        message = "路径“cases/dongcun/dongcun-900.yaml”经过符号链接，网页编辑器不读写这样的文件"
        assert (answer.status, answer.data) == (403, {"error": message})
        answer = editor.api(persist("cases/dongcun/dongcun-900.yaml", "[core]\n"))
        assert (answer.status, answer.data) == (403, {"error": message})
        answer = editor.api(
            action("entriesByFolder", folder="cases/dongcun", extension="yaml", depth=1)
        )
        assert answer.status == 200
        assert SECRET.encode() not in answer.raw
        listed = sorted(entry["file"]["path"] for entry in answer.data)
        on_disk = sorted(
            f"cases/dongcun/{p.name}" for p in link.parent.iterdir() if not p.is_symlink()
        )
        assert listed == on_disk
        assert len(listed) == len(list((ROOT / "cases" / "dongcun").glob("*.yaml")))
    finally:
        link.unlink()
    assert SECRET in (editor.repo / ".git" / "config").read_text(encoding="utf-8")


def test_nothing_can_be_deleted(editor: Editor) -> None:
    campaign = editor.repo / "campaign.yaml"
    before = campaign.read_bytes()
    options = {"commitMessage": "删除"}
    for body in (
        action("deleteFile", path="campaign.yaml", options=options),
        action("deleteFiles", paths=["campaign.yaml"], options=options),
        action("deleteFile", path="cases/dongcun/dongcun-007.yaml", options=options),
    ):
        answer = editor.api(body)
        message = f"网页编辑器不允许“{body['action']}”操作：只能读取和保存案件文件"
        assert (answer.status, answer.data) == (403, {"error": message})
    assert campaign.read_bytes() == before
    assert (editor.repo / "cases/dongcun/dongcun-007.yaml").is_file()


def test_no_media_is_written(editor: Editor) -> None:
    content = base64.b64encode(b"import os\n").decode()
    asset = {"path": "hooks.py", "content": content, "encoding": "base64"}
    answer = editor.api(action("persistMedia", asset=asset, options={"commitMessage": "上传"}))
    message = "网页编辑器不允许“persistMedia”操作：只能读取和保存案件文件"
    assert (answer.status, answer.data) == (403, {"error": message})
    # nor alongside a case file that would be allowed on its own
    case = "cases/dongcun/dongcun-20190701-140000.yaml"
    answer = editor.api(persist(case, "x: 1\n", assets=[asset]))
    assert (answer.status, answer.data) == (
        403,
        {"error": "网页编辑器不保存附件或图片，只保存案件文件"},
    )
    assert not (editor.repo / "hooks.py").exists()
    assert not (editor.repo / case).exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "cases/nosuch/nosuch-001.yaml",
            "路径“cases/nosuch/nosuch-001.yaml”中的“nosuch”不是 campaign.yaml 中的单位代码",
        ),
        ("cases/dongcun/../xicun/xicun-001.yaml", None),
        ("cases/dongcun/dongcun-001.yml", None),
        ("cases/dongcun/dongcun-001.txt", None),
        ("cases/dongcun/dongcun-001.yaml/x.yaml", None),
        ("/tmp/cases/dongcun/dongcun-001.yaml", None),
        ("cases\\dongcun\\dongcun-001.yaml", None),
        ("cases/dongcun/dongcun-001.yaml\x00.txt", None),
        ("cases/dongcun/notes.yaml", None),
        ("cases/dongcun/dongcun-001.yaml\n", None),
        (
            "cases/dongcun/xicun-001.yaml",
            "路径“cases/dongcun/xicun-001.yaml”中的编号“xicun-001”不属于单位“dongcun”",
        ),
        ("mkdocs.yml", None),
        ("campaign.yaml", None),
    ],
)
def test_only_case_files_of_known_units_are_written(
    editor: Editor, path: str, message: str | None
) -> None:
    before = editor.status()
    answer = editor.api(persist(path, "风险等级: 低\n"))
    expected = message or not_a_case(path)
    assert (answer.status, answer.data) == (403, {"error": expected})
    assert editor.status() == before


def test_a_case_is_saved(editor: Editor) -> None:
    text = (ROOT / "cases/dongcun/dongcun-007.yaml").read_text(encoding="utf-8")
    text = text.replace("风险等级: 高", "风险等级: 中")
    rel = "cases/dongcun/dongcun-20190701-120000.yaml"
    answer = editor.api(persist(rel, text))
    assert (answer.status, answer.data) == (200, {"message": "entry persisted"})
    try:
        assert (editor.repo / rel).read_text(encoding="utf-8") == text
        assert editor.status() == [f"?? {rel}"]
        answer = editor.api(action("getEntry", path=rel))
        assert answer.status == 200
        assert (answer.data["data"], answer.data["file"]["path"]) == (text, rel)
    finally:
        (editor.repo / rel).unlink()


def test_a_case_cannot_be_moved(editor: Editor) -> None:
    body = persist("cases/dongcun/dongcun-007.yaml", "x: 1\n")
    body["params"]["dataFiles"][0]["newPath"] = "cases/xicun/xicun-099.yaml"
    answer = editor.api(body)
    message = "网页编辑器不能移动案件或给案件改名，请用 python -m generator move"
    assert (answer.status, answer.data) == (403, {"error": message})
    assert editor.status() == []


def test_request_bodies_are_bounded(editor: Editor) -> None:
    big = "备注: " + "字" * (1024 * 1024 // 3) + "\n"  # 1 MB and a few bytes in UTF-8
    answer = editor.api(persist("cases/dongcun/dongcun-20190701-150000.yaml", big))
    message = "案件文件“cases/dongcun/dongcun-20190701-150000.yaml”超过 1 MB，网页编辑器不保存"
    assert (answer.status, answer.data) == (403, {"error": message})
    # refused on the length it announces, before a byte of it is read
    answer = send(editor.port, "POST", "/api/v1", INFO, length=3 * 1024 * 1024 + 1)
    message = "请求太大：一次只能保存一个不超过 1 MB 的案件文件"
    assert (answer.status, answer.data) == (413, {"error": message})
    answer = send(editor.port, "POST", "/api/v1", INFO, content_type="text/plain")
    message = "只接受 JSON（Content-Type: application/json）"
    assert (answer.status, answer.data) == (415, {"error": message})
    assert editor.status() == []


def test_a_deeply_nested_body_is_refused_without_a_traceback(
    editor: Editor, capsys: pytest.CaptureFixture[str]
) -> None:
    # json.loads raised RecursionError (not a ValueError): no answer, a traceback on the terminal.
    body = b"[" * 200_000 + b"]" * 200_000
    conn = http.client.HTTPConnection("127.0.0.1", editor.port, timeout=30)
    try:
        conn.request(
            "POST",
            "/api/v1",
            body=body,
            headers={"Host": f"127.0.0.1:{editor.port}", "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        answer = (response.status, json.loads(response.read()))
    finally:
        conn.close()
    assert answer == (400, {"error": "请求不是有效的 JSON"})
    assert capsys.readouterr().err == ""


# --- the command itself, and serve -------------------------------------------------------------


def read_line(process: subprocess.Popen[str], pattern: str) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if re.search(pattern, line):
            return line
    raise AssertionError(f"no line matching {pattern}")


def test_edit_advertises_its_proxy(tmp_path: Path) -> None:
    repo = sample_git_repo(tmp_path / "repo")
    (repo / "site" / "admin").mkdir(parents=True)
    (repo / "site" / "admin" / "index.html").write_text("<p>编辑器</p>\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "edit", "--port", "0"],
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        line = read_line(process, r"^网页编辑器：")
        match = re.fullmatch(r"网页编辑器：http://127\.0\.0\.1:(\d+)/admin/\n", line)
        assert match, line
        port = int(match[1])
        answer = send(port, "GET", "/admin/config.yml")
        assert f"local_backend:\n  url: http://127.0.0.1:{port}/api/v1\n" in answer.raw.decode()
        answer = send(port, "POST", "/api/v1", INFO)
        assert (answer.status, answer.data) == (
            200,
            {"repo": "repo", "publish_modes": ["simple"], "type": "local_fs"},
        )
        answer = send(port, "POST", "/api/v1", persist(".git/config", "[core]\n"))
        assert answer.status == 403
        answer = send(port, "POST", "/api/v1", INFO, host="evil.example")
        assert (answer.status, answer.data) == (403, host_refused(port))
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (0, "")


def test_edit_on_a_busy_port_says_so(tmp_path: Path) -> None:
    repo = sample_git_repo(tmp_path / "repo")
    (repo / "site" / "admin").mkdir(parents=True)
    (repo / "site" / "admin" / "index.html").write_text("<p>编辑器</p>\n", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "generator", "edit", "--port", str(port)],
            cwd=repo, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == f"错误：端口 {port} 已被占用，请用 --port 换一个端口（如 --port 8001）\n"


@pytest.mark.slow
def test_serve_refuses_foreign_hosts_and_origins(repo: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--today", "2026-11-29", "--port", "0"],
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        line = read_line(process, r"^预览地址：")
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line)[1])  # type: ignore[index]
        assert send(port, "GET", "/").status == 200
        assert send(port, "GET", "/", host=f"localhost:{port}").status == 200
        for host in ("evil.example", f"evil.example:{port}", None):
            answer = send(port, "GET", "/", host=host)
            assert (answer.status, answer.data) == (403, host_refused(port))
        answer = send(port, "GET", "/data/ledger.json", origin="http://evil.example")
        assert (answer.status, answer.data) == (403, origin_refused(port))
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    assert process.returncode == 0
