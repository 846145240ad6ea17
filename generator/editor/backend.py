"""Which git host the web editor saves to: ``editor.yaml`` at the repository root.

The keys are Decap CMS's own ``backend`` keys, so its documentation applies word for word. We
only check that every address the editor would otherwise default to a public host (github.com,
gitlab.com, try.gitea.io) is given, and we choose the publish mode: a pull request per save
where the host supports it, plain commits on Gitea.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DataError
from generator.ledger.yamlload import LoadError, load_bytes

EDITOR_FILE = "editor.yaml"

# Decap's defaults for these keys are public hosts; on an intranet every one must be set.
REQUIRED: dict[str, tuple[str, ...]] = {
    "forgejo": ("repo", "branch", "api_root", "app_id"),
    "gitlab": ("repo", "branch", "base_url", "api_root", "app_id"),
    "github": ("repo", "branch", "base_url", "api_root"),
    "gitea": ("repo", "branch", "base_url", "api_root", "app_id"),
}
OPTIONAL: dict[str, tuple[str, ...]] = {
    "forgejo": ("base_url",),
    "gitlab": (),
    "github": ("auth_endpoint",),
    "gitea": (),
}
# Gitea's Decap backend refuses the editorial workflow; the others open a pull request per save.
WORKFLOW = frozenset({"forgejo", "gitlab", "github"})
# Without editor.yaml the editor talks to ``make edit``'s filtering proxy on the preview's own
# origin; decap-server itself has no fixed port to point at.
LOCAL_PROXY_URL = "/api/v1"

COMMIT_MESSAGES = {
    "create": "新增 {{collection}} {{slug}}",
    "update": "修改 {{collection}} {{slug}}",
    "delete": "删除 {{collection}} {{slug}}",
    "uploadMedia": "上传文件 {{path}}",
    "deleteMedia": "删除文件 {{path}}",
    "openAuthoring": "{{message}}",
}


@dataclass(frozen=True)
class EditorBackend:
    """A git host for the web editor, or the local proxy when none is configured."""

    name: str  # forgejo | gitlab | github | gitea | proxy
    settings: tuple[tuple[str, str], ...] = ()  # Decap backend keys, in the file's order

    @property
    def publish_mode(self) -> str:
        return "editorial_workflow" if self.name in WORKFLOW else "simple"

    def decap(self) -> dict[str, Any]:
        """The ``backend`` section of Decap's config.yml."""
        out: dict[str, Any] = {"name": self.name, **dict(self.settings)}
        if self.name == "gitlab":
            out["auth_type"] = "pkce"  # an OAuth application without a client secret
        if self.name == "proxy":
            out.setdefault("proxy_url", LOCAL_PROXY_URL)
            out.setdefault("branch", "main")
        out["commit_messages"] = dict(COMMIT_MESSAGES)
        return out


LOCAL = EditorBackend("proxy", (("proxy_url", LOCAL_PROXY_URL), ("branch", "main")))


def parse(data: Any, where: str = EDITOR_FILE) -> EditorBackend:
    """Check editor.yaml's data; every problem is one DataError naming the file."""
    if not isinstance(data, dict):
        raise DataError(f"{where}：应是“键: 值”的映射")
    name = data.get("name")
    if name not in REQUIRED:
        raise DataError(f"{where}：name 应为 {'、'.join(REQUIRED)} 之一，现在是“{name}”")
    required = REQUIRED[name]
    allowed = ("name", *required, *OPTIONAL[name])
    problems = [f"缺少 {k}" for k in required if k not in data]
    problems += [f"{name} 后端不认识 {k}" for k in data if k not in allowed]
    problems += [
        f"{k} 应是非空文本"
        for k in data
        if k in allowed and (not isinstance(data[k], str) or not data[k].strip())
    ]
    for key in ("base_url", "api_root"):
        value = data.get(key)
        if isinstance(value, str) and not value.startswith(("http://", "https://")):
            problems.append(f"{key} 应以 http:// 或 https:// 开头")
    if problems:
        raise DataError(f"{where}：" + "；".join(problems))
    return EditorBackend(name, tuple((k, data[k]) for k in data if k != "name"))


def load(root: Path) -> EditorBackend:
    """The backend from root/editor.yaml; the local proxy when the file does not exist."""
    path = root / EDITOR_FILE
    if not path.is_file():
        return LOCAL
    try:
        doc = load_bytes(path.read_bytes())
    except LoadError as err:
        raise DataError(f"{EDITOR_FILE}:{err.line}:{err.col}: {err.message}") from None
    return parse(doc.data)
