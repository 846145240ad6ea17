"""Which of the web editor's requests reach decap-server (``make edit``): case files, nothing else.

decap-server would read, write and delete any file of the repository (``.git/config`` included,
whose ``core.fsmonitor`` runs a command on the next ``git status``). Here each request is
checked against what the editor needs and rebuilt from only the checked parts: listing and
reading ``cases/<unit>/`` of a unit in campaign.yaml, and saving ``cases/<unit>/<id>.yaml``
without attachments. No media (the media library is answered as empty, nothing is read), no
deletes, no moves, no path through a symbolic link.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ledger.layout import CASES_DIR, ID_PATTERN
from generator.ledger.validate import UNIT_PATTERN
from generator.ledger.yamlload import MAX_BYTES

_CASE_PATH = re.compile(
    rf"{CASES_DIR}/(?P<unit>{UNIT_PATTERN.pattern})/(?P<id>{ID_PATTERN.pattern})\.yaml"
)
ACTIONS = ("info", "entriesByFolder", "entriesByFiles", "getEntry", "persistEntry")
SHOWN = 120  # characters of a refused path repeated in the message


class Refused(Exception):
    """A request the editor may not make; the message (Chinese) goes back to the page."""


@dataclass(frozen=True)
class Scope:
    """What the editor may touch: the case folders of these units in this working tree."""

    root: Path
    units: frozenset[str]


def _shown(path: str) -> str:
    return path if len(path) <= SHOWN else path[:SHOWN] + "…"


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Refused(f"请求格式不对：{what} 应是文本")
    return value


def _no_links(scope: Scope, rel: str) -> None:
    """Refuse a path with a symbolic link (or anything but a folder) on its way, or not a file."""
    current = scope.root
    parts = rel.split("/")
    for i, part in enumerate(parts):
        current = current / part
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            return  # a new case (or unit folder): decap-server makes it as a plain file
        if stat.S_ISLNK(mode):
            raise Refused(f"路径“{_shown(rel)}”经过符号链接，网页编辑器不读写这样的文件")
        last = i == len(parts) - 1
        if not (stat.S_ISREG(mode) if last and rel.endswith(".yaml") else stat.S_ISDIR(mode)):
            raise Refused(f"路径“{_shown(rel)}”不是案件文件")


def case_path(scope: Scope, value: Any) -> str:
    """A path the editor may read or write: cases/<unit>/<id>.yaml of a unit in campaign.yaml."""
    rel = _text(value, "路径")
    match = _CASE_PATH.fullmatch(rel)
    if match is None:
        raise Refused(
            f"路径“{_shown(rel)}”不是案件文件：网页编辑器只读写 cases/<单位代码>/<编号>.yaml"
        )
    unit, case_id = match["unit"], match["id"]
    if unit not in scope.units:
        raise Refused(f"路径“{rel}”中的“{unit}”不是 campaign.yaml 中的单位代码")
    if case_id.split("-", 1)[0] != unit:
        raise Refused(f"路径“{rel}”中的编号“{case_id}”不属于单位“{unit}”")
    _no_links(scope, rel)
    return rel


def _folder(scope: Scope, value: Any) -> str:
    rel = _text(value, "文件夹")
    unit = rel.removeprefix(f"{CASES_DIR}/")
    if rel != f"{CASES_DIR}/{unit}" or unit not in scope.units:
        raise Refused(
            f"文件夹“{_shown(rel)}”不是案件文件夹："
            "网页编辑器只读 cases/<单位代码>（campaign.yaml 中的单位）"
        )
    _no_links(scope, rel)
    return rel


def _file(scope: Scope, item: Any) -> dict[str, str]:
    if not isinstance(item, dict):
        raise Refused("请求格式不对：files 的每一项应是对象")
    out = {"path": case_path(scope, item.get("path"))}
    if "label" in item:
        out["label"] = _text(item["label"], "label")
    return out


def _data_file(scope: Scope, item: Any) -> dict[str, str]:
    if not isinstance(item, dict):
        raise Refused("请求格式不对：dataFiles 的每一项应是对象")
    if item.get("newPath") not in (None, item.get("path")):
        raise Refused("网页编辑器不能移动案件或给案件改名，请用 python -m generator move")
    path = case_path(scope, item.get("path"))
    raw = _text(item.get("raw"), "raw")
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise Refused(f"案件文件“{path}”超过 1 MB，网页编辑器不保存")
    return {"slug": _text(item.get("slug"), "slug"), "path": path, "raw": raw}


def _persist(scope: Scope, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("assets") != []:
        raise Refused("网页编辑器不保存附件或图片，只保存案件文件")
    if "entry" in params and "dataFiles" in params:
        raise Refused("请求格式不对：entry 和 dataFiles 只能有一个")
    files = params.get("dataFiles", [params.get("entry")])
    if not isinstance(files, list) or not files:
        raise Refused("请求格式不对：dataFiles 应是非空列表")
    options = params.get("options")
    if not isinstance(options, dict) or not isinstance(options.get("useWorkflow"), bool):
        raise Refused("请求格式不对：options 不完整")
    kept = {
        "commitMessage": _text(options.get("commitMessage"), "commitMessage"),
        "useWorkflow": options["useWorkflow"],
        "status": _text(options.get("status"), "status"),
    }
    if "collectionName" in options:
        kept["collectionName"] = _text(options["collectionName"], "collectionName")
    return {
        "dataFiles": [_data_file(scope, item) for item in files],
        "assets": [],
        "options": kept,
    }


def allowed(scope: Scope, body: Any) -> dict[str, Any] | None:
    """The request to send to decap-server, rebuilt from its checked parts; else Refused.

    None for the media library, which Decap asks for when it starts: its answer is empty.
    """
    if not isinstance(body, dict):
        raise Refused("请求格式不对：应是 JSON 对象")
    action = body.get("action")
    if action == "getMedia":
        return None
    if action not in ACTIONS:
        raise Refused(f"网页编辑器不允许“{_shown(str(action))}”操作：只能读取和保存案件文件")
    if action == "info":
        return {"action": "info"}
    params = body.get("params")
    if not isinstance(params, dict):
        raise Refused("请求格式不对：缺少 params")
    out: dict[str, Any] = {"branch": _text(params.get("branch"), "branch")}
    if action == "entriesByFolder":
        if params.get("extension") != "yaml" or params.get("depth") != 1:
            raise Refused("网页编辑器只列出单位文件夹中的 .yaml 文件")
        out.update(folder=_folder(scope, params.get("folder")), extension="yaml", depth=1)
    elif action == "entriesByFiles":
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused("请求格式不对：files 应是列表")
        out["files"] = [_file(scope, item) for item in files]
    elif action == "getEntry":
        out["path"] = case_path(scope, params.get("path"))
    else:
        out.update(_persist(scope, params))
    return {"action": action, "params": out}


def _readable(scope: Scope, entry: Any) -> bool:
    try:
        case_path(scope, entry["file"]["path"])
    except (Refused, TypeError, KeyError):
        return False
    return True


def respond(scope: Scope, body: Any, ask: Callable[[dict[str, Any]], Any]) -> Any:
    """The answer to the editor's request body: ask(request) of decap-server if it is allowed.

    Raises Refused. A folder listing of decap-server follows what it finds, a symbolic link
    inside a unit folder included: such entries are left out of the answer.
    """
    request = allowed(scope, body)
    if request is None:
        return []
    data = ask(request)
    if request["action"] == "entriesByFolder" and isinstance(data, list):
        return [entry for entry in data if _readable(scope, entry)]
    return data
