"""The web form editor (Decap CMS): its config.yml, from the case schema and campaign.yaml.

Nothing about a field is typed twice: labels are the schema's titles, hints its descriptions,
selects its enums and campaign.yaml's 人员 lists. Field order is the schema's order, the order
``casefile.dump_case`` writes, so a file saved in the form and one written by ``new``,
``import`` or ``move`` differ only where the data differs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.editor.backend import EditorBackend
from generator.ledger.fields import DATE_PATTERN, LONG_FROM, PATH_KEYS
from generator.ledger.model import Campaign
from generator.ledger.schema import case_schema
from generator.system import files, resources

ADMIN_DIR = "admin"
CONFIG_FILE = f"{ADMIN_DIR}/config.yml"
DECAP_JS = "decap-cms/dist/decap-cms.js"  # in the node_modules of the repository being edited
INDEX_HTML = "assets/admin/index.html"  # package data of generator

# The path says them; the form has no such fields (the collection is the unit, the slug the id).
HIDDEN = PATH_KEYS
# Long texts (the registry's) get a multi-line box; everything is plain text, never markdown (the
# markdown widget mishandles Chinese input methods).
MULTILINE_FROM = LONG_FROM
MEDIA_FOLDER = "/uploads"
CI_NOTE = "表单不检查，保存后由自动检查（CI）核对。"
HEADER = (
    "# 由 python -m generator editor-config 根据 schema/case.schema.json、campaign.yaml\n"
    "# 和 editor.yaml 生成，请勿手改；改动这三个文件后重新生成并一同提交。\n"
)


def _extra_hints(campaign: Campaign) -> dict[tuple[str, ...], str]:
    """What a field's rules need beyond its own value: the form cannot check these, CI does."""
    start, end = campaign.start.isoformat(), campaign.end.isoformat() if campaign.end else ""
    period = f"活动期间为 {start} 至 {end}。" if end else f"台账自 {start} 起。"
    both = "没有分包民警时姓名和职务都留空；填写时两项都要填。"
    hints = {
        ("排查日期",): period + "是否在活动期间内、是否晚于今天，" + CI_NOTE,
        ("工作措施", "日期"): "是否早于排查日期、是否晚于今天，" + CI_NOTE,
        ("是否已化解",): "与化解日期是否一致，" + CI_NOTE,
        ("化解日期",): period + "与“是否已化解”是否一致、是否早于排查日期，" + CI_NOTE,
        ("化解方式",): "与“是否已化解”是否一致，" + CI_NOTE,
        ("分包民警", "姓名"): both,
        ("分包民警", "职务"): both,
        ("典型案例",): "表单中打开开关即为 true。",
    }
    if campaign.leaders is not None:
        pairs = "、".join(f"{p.name}（{p.title}）" for p in campaign.leaders)
        hints[("包案领导", "姓名")] = (
            f"从 campaign.yaml 的名单中选择：{pairs}。名单外的姓名由自动检查（CI）报错。"
        )
        hints[("包案领导", "职务")] = "请选与所选领导对应的职务（见上方名单）。"
    if campaign.departments is not None:
        hints[("责任部门", "名称")] = (
            "从 campaign.yaml 的名单中选择；名单外的名称由自动检查（CI）报错。"
        )
    return hints


def _choices(campaign: Campaign) -> dict[tuple[str, ...], list[str]]:
    """Selects that campaign.yaml's 人员 lists fill in; without a list the field is free text."""
    out: dict[tuple[str, ...], list[str]] = {}
    if campaign.leaders is not None:
        out[("包案领导", "姓名")] = [p.name for p in campaign.leaders]
        out[("包案领导", "职务")] = list(dict.fromkeys(p.title for p in campaign.leaders))
    if campaign.departments is not None:
        out[("责任部门", "名称")] = list(campaign.departments)
    return out


def _join(*parts: str) -> str:
    return "".join(p if p.endswith(("。", "；", "）")) else p + "。" for p in parts if p)


class _Fields:
    """Turns schema properties into Decap fields, with the campaign's lists and hints."""

    def __init__(self, campaign: Campaign) -> None:
        self.hints = _extra_hints(campaign)
        self.choices = _choices(campaign)

    def fields(self, schema: dict[str, Any], path: tuple[str, ...], optional: bool) -> list[Any]:
        required = set(schema.get("required", []))
        return [
            self.field(key, prop, (*path, key), optional or key not in required)
            for key, prop in schema["properties"].items()
            if not (not path and key in HIDDEN)
        ]

    def field(
        self, key: str, prop: dict[str, Any], path: tuple[str, ...], optional: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"name": key, "label": prop["title"]}
        out.update(self.widget(prop, path, optional))
        if optional:
            out["required"] = False
        hint = _join(prop.get("description", ""), self.hints.get(path, ""))
        if hint:
            out["hint"] = hint
        return out

    def widget(self, prop: dict[str, Any], path: tuple[str, ...], optional: bool) -> dict[str, Any]:
        kind = prop.get("type")
        if path in self.choices:
            return {"widget": "select", "options": self.choices[path]}
        if "enum" in prop:
            out: dict[str, Any] = {"widget": "select", "options": list(prop["enum"])}
            if path == ("是否已化解",):
                out["default"] = "否"  # a case is open when it is found
            return out
        if kind == "object":
            # Sub-fields of an optional object are optional too: Decap validates them even
            # when the object is left empty, and the schema checks the pair once filled.
            return {
                "widget": "object",
                "collapsed": False,
                "fields": self.fields(prop, path, optional),
            }
        if kind == "array":
            items = prop["items"]
            return {
                "widget": "list",
                "label_singular": items["title"],
                "summary": "{{fields.日期}} {{fields.内容}}",
                "collapsed": True,
                "max": prop["maxItems"],
                "fields": self.fields(items, path, False),
            }
        if kind == "integer":
            return {
                "widget": "number",
                "value_type": "int",
                "step": 1,
                "min": prop["minimum"],
                "max": prop["maximum"],
            }
        if kind == "boolean":
            return {"widget": "boolean", "default": prop.get("default", False)}
        if prop.get("pattern") == DATE_PATTERN:
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
                "pattern": [DATE_PATTERN, "：应为“年-月-日”，如 2019-07-03"],
            }
        limit = prop.get("maxLength")
        if limit and limit >= MULTILINE_FROM:
            # Decap would save a text whose first line starts with a tab as a block that
            # libyaml (our loader) refuses; stop it here, with a message the clerk can act on.
            return {
                "widget": "text",
                "pattern": [
                    f"^(?!\\n*\\t)[\\s\\S]{{0,{limit}}}$",
                    f"：最多 {limit} 个字，开头不能是 Tab",
                ],
            }
        out = {"widget": "string"}
        if limit:
            out["pattern"] = [f"^[\\s\\S]{{0,{limit}}}$", f"：最多 {limit} 个字"]
        return out


def collection(campaign: Campaign, code: str, fields: list[Any] | None = None) -> dict[str, Any]:
    """One folder collection per unit: a case saved in the form cannot land in another folder."""
    unit = campaign.unit(code)
    assert unit is not None
    return {
        "name": unit.code,
        "label": unit.name,
        "label_singular": f"{unit.name}案件",
        "description": f"{unit.name}（{unit.kind}）的案件，保存在 cases/{unit.code}/。"
        "案件要移到别的单位，请用 python -m generator move。",
        "folder": f"cases/{unit.code}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,
        "slug": f"{unit.code}-{{{{year}}}}{{{{month}}}}{{{{day}}}}-"
        "{{hour}}{{minute}}{{second}}",
        "identifier_field": "问题属地",
        "summary": "{{排查日期}}　{{问题类型}}　{{问题属地}}",
        "sortable_fields": ["排查日期", "问题类型", "风险等级", "是否已化解"],
        "view_filters": [
            {"label": "未化解", "field": "是否已化解", "pattern": "否"},
            {"label": "已化解", "field": "是否已化解", "pattern": "是"},
            {"label": "高风险", "field": "风险等级", "pattern": "高"},
        ],
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "fields": fields if fields is not None else case_fields(campaign),
    }


def case_fields(campaign: Campaign) -> list[Any]:
    """The form's fields, the same for every unit."""
    return _Fields(campaign).fields(case_schema(), (), False)


class _Dumper(yaml.SafeDumper):
    """Writes the fields once (``&fields``) and refers to them from every other unit."""

    def generate_anchor(self, node: yaml.Node) -> str:
        self.anchors_made = getattr(self, "anchors_made", 0) + 1
        return "fields" if self.anchors_made == 1 else f"fields{self.anchors_made}"


def editor_config(
    campaign: Campaign, backend: EditorBackend, local_backend: str | bool = False
) -> dict[str, Any]:
    """Decap's config as data; ``local_backend`` (True or a proxy URL) for the local preview."""
    fields = case_fields(campaign)
    config: dict[str, Any] = {
        "locale": "zh_Hans",
        "backend": backend.decap(),
        "publish_mode": backend.publish_mode,
    }
    if local_backend:
        config["local_backend"] = True if local_backend is True else {"url": local_backend}
    config.update(
        {
            "media_folder": MEDIA_FOLDER.lstrip("/"),
            "public_folder": MEDIA_FOLDER,
            "editor": {"preview": False},
            "show_preview_links": False,  # there are no deploy previews to link to
            "collections": [collection(campaign, code, fields) for code in campaign.unit_codes()],
        }
    )
    return config


def config_text(
    campaign: Campaign, backend: EditorBackend, local_backend: str | bool = False
) -> str:
    """config.yml as committed in admin/ and served at /admin/config.yml."""
    body = yaml.dump(
        editor_config(campaign, backend, local_backend),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return HEADER + body


def nested_order() -> dict[str, list[str]]:
    """Sub-field order of the objects and lists of objects, which Decap leaves as typed."""
    out: dict[str, list[str]] = {}
    for key, prop in case_schema()["properties"].items():
        inner = prop.get("items", prop)
        if inner.get("type") == "object":
            out[key] = list(inner["properties"])
    return out


def index_html() -> str:
    """The editor's page: Decap's script, and a save hook that puts nested keys in order."""
    order = json.dumps(nested_order(), ensure_ascii=False).replace("</", "<\\/")
    page = resources.data(*INDEX_HTML.split("/")).read_text(encoding="utf-8")
    return page.replace("/*FIELD_ORDER*/{}", order)


def decap_js(root: Path) -> Path:
    """Decap's script, installed by ``npm ci`` into the node_modules of the repository at root."""
    return files.required_node_module(root, DECAP_JS, "，请先运行 npm ci（或 make install）")


def write_admin(
    dest_dir: Path,
    campaign: Campaign,
    backend: EditorBackend,
    local_backend: str | bool = False,
    *,
    root: Path,
) -> None:
    """Write the editor into dest_dir (the site's admin/): page, config, root's Decap script."""
    script = decap_js(root)
    dest_dir.mkdir(parents=True, exist_ok=True)
    (dest_dir / "index.html").write_text(index_html(), encoding="utf-8", newline="\n")
    shutil.copyfile(script, dest_dir / "decap-cms.js")
    (dest_dir / "config.yml").write_text(
        config_text(campaign, backend, local_backend), encoding="utf-8", newline="\n"
    )
