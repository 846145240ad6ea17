"""The web form editor (Decap CMS): its config.yml, from the case schema and campaign.yaml.

One collection per unit, with view filters for the profile's status groups and highest risk
level; the form's fields (``editor.widgets``) are the campaign's case schema's, in its order,
the order ``casefile.dump_case`` writes, so a file saved in the form and one written by
``new``, ``import`` or ``move`` differ only where the data differs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.editor import phrases
from generator.editor.backend import LOCAL, EditorBackend
from generator.editor.widgets import case_fields
from generator.ledger.model import Campaign
from generator.ledger.profile import Profile
from generator.ledger.schema import case_schema
from generator.system import files, resources

ADMIN_DIR = "admin"
CONFIG_FILE = f"{ADMIN_DIR}/config.yml"
DECAP_JS = "decap-cms/dist/decap-cms.js"  # in the node_modules of the repository being edited
INDEX_HTML = "assets/admin/index.html"  # package data of generator

MEDIA_FOLDER = "/uploads"
# Where the case list's name starts and ends: brackets no name or remark (李国强【户主】) uses.
NAME_MARKS = ("⟦", "⟧")
HEADER = (
    "# 由 python -m generator editor-config 根据 schema/case.schema.json、campaign.yaml\n"
    "# 和 editor.yaml 生成，请勿手改；改动这三个文件后重新生成并一同提交。\n"
)


def matching(values: tuple[str, ...], others: tuple[str, ...]) -> str:
    """A view filter's pattern (a regular expression Decap tests on the field's value): the
    value itself when it is one that no other value contains, else every value, anchored."""
    rest = [o for o in others if o not in values]
    if len(values) == 1 and not any(values[0] in o for o in rest):
        return re.escape(values[0])
    return "^(?:" + "|".join(map(re.escape, values)) + ")$"


def view_filters(profile: Profile) -> list[dict[str, str]]:
    """未化解 and 已化解 each match their whole group of statuses; 高风险 the highest level."""
    states = profile.statuses
    return [
        {
            "label": "未化解",
            "field": "是否已化解",
            "pattern": matching(profile.open_states, states),
        },
        {
            "label": "已化解",
            "field": "是否已化解",
            "pattern": matching(profile.resolved_states, states),
        },
        {
            # The 2019 plan's top level is 高 itself; another scale's is named: 最高风险（红）.
            "label": "高风险" if profile.high == "高" else f"最高风险（{profile.high}）",
            "field": "风险等级",
            "pattern": matching((profile.high,), profile.risks),
        },
    ]


def summary(campaign: Campaign) -> str:
    """A case in the list: 编号 (the file's name), 排查日期, 信访人 and 是否已化解.

    The name goes between NAME_MARKS, which the page's script replaces by the site's masking
    (王建国 → 王**): Decap's templates cannot mask.
    """
    props = campaign.profile.case_schema["properties"]
    who, status = props["信访人"]["title"], props["是否已化解"]["title"]
    name = "{{信访人.姓名}}".join(NAME_MARKS)
    return f"{{{{filename}}}}　{{{{排查日期}}}}　{who}：{name}　{status}：{{{{是否已化解}}}}"


def collection(campaign: Campaign, code: str, fields: list[Any] | None = None) -> dict[str, Any]:
    """One folder collection per unit: a case saved in the form cannot land in another folder."""
    unit = campaign.unit(code)
    assert unit is not None
    return {
        "name": unit.code,
        "label": unit.name,
        "label_singular": f"{unit.name}案件",
        "description": f"{unit.name}（{unit.kind}）的案件。案件要换到别的单位，请联系管理员。",
        "folder": f"cases/{unit.code}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,
        "slug": f"{unit.code}-{{{{year}}}}{{{{month}}}}{{{{day}}}}-"
        "{{hour}}{{minute}}{{second}}",
        "identifier_field": "问题属地",
        "summary": summary(campaign),
        # Newest first: the case found last is the one a clerk is most likely still working on.
        "sortable_fields": [
            {"field": "排查日期", "default_sort": "desc"},
            "问题类型",
            "风险等级",
            "是否已化解",
        ],
        "view_filters": view_filters(campaign.profile),
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "fields": fields if fields is not None else case_fields(campaign),
    }


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


def nested_order(campaign: Campaign | None = None) -> dict[str, list[str]]:
    """Sub-field order of the objects and lists of objects, which Decap leaves as typed (the
    optional fields' 交办, 稳控, 回访 too)."""
    schema = campaign.profile.case_schema if campaign else case_schema()
    out: dict[str, list[str]] = {}
    for key, prop in schema["properties"].items():
        inner = prop.get("items", prop)
        if inner.get("type") == "object":
            out[key] = list(inner["properties"])
    return out


def roster(campaign: Campaign | None) -> dict[str, list[str]]:
    """包案领导's 职务 by 姓名 on campaign.yaml's list, for the save hook that checks the pair."""
    out: dict[str, list[str]] = {}
    for person in (campaign.leaders if campaign else None) or ():
        out.setdefault(person.name, []).append(person.title)
    return out


def index_html(campaign: Campaign | None = None, backend: EditorBackend = LOCAL) -> str:
    """The editor's page: Decap's script, our Chinese over Decap's, the login page's guidance,
    the list's masking, and save hooks that put nested keys in order and refuse a listed
    包案领导 with another 职务 than the list's."""
    page = resources.data(*INDEX_HTML.split("/")).read_text(encoding="utf-8")
    parts = {
        "FIELD_ORDER": nested_order(campaign),
        "ROSTER": roster(campaign),
        "PHRASES": phrases.PHRASES,
        "LOGIN": {
            "host": phrases.HOST_LOGIN,
            "hosted": phrases.guidance(backend),
            "local": phrases.LOCAL_GUIDANCE,
        },
        "MASK": {**phrases.mask_rule(), "marks": NAME_MARKS},
    }
    for name, value in parts.items():
        page = page.replace(f"/*{name}*/{{}}", _script_json(value))
    return page


def _script_json(value: Any) -> str:
    """value as a JavaScript literal that cannot end the <script> it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


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
    (dest_dir / "index.html").write_text(
        index_html(campaign, backend), encoding="utf-8", newline="\n"
    )
    shutil.copyfile(script, dest_dir / "decap-cms.js")
    (dest_dir / "config.yml").write_text(
        config_text(campaign, backend, local_backend), encoding="utf-8", newline="\n"
    )
