"""The web editor's config.yml: generated from the schema and campaign.yaml, never drifting."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.editor import backend as editorbackend
from generator.editor import decap
from generator.editor.backend import EditorBackend
from generator.errors import DataError
from generator.ledger.schema import case_keys
from generator.ledger.validate import load_campaign
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    return decap.editor_config(campaign, editorbackend.load(ROOT))


def fields_by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_committed_config_matches_schema_campaign_and_editor_yaml(cli: Cli) -> None:
    committed = (ROOT / decap.CONFIG_FILE).read_text(encoding="utf-8")
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    assert committed == decap.config_text(campaign, editorbackend.load(ROOT)), (
        "admin/config.yml 已过期：运行 python -m generator editor-config 重新生成并提交"
    )


def test_editor_config_check_reports_drift(repo: Path, cli: Cli) -> None:
    assert cli("editor-config").out == "已生成 admin/config.yml\n"
    assert cli("editor-config").out == "admin/config.yml 已是最新，未改动\n"
    assert cli("editor-config", "--check").out == "admin/config.yml 已是最新\n"
    campaign = (repo / "campaign.yaml").read_text(encoding="utf-8")
    (repo / "campaign.yaml").write_text(campaign.replace("名称: 东村", "名称: 东庄村"), "utf-8")
    result = cli("editor-config", "--check")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "错误：admin/config.yml 已过期，请运行 python -m generator editor-config 重新生成并提交\n"
    )
    assert cli("editor-config").out == "已生成 admin/config.yml\n"
    assert "label: 东庄村\n" in (repo / "admin" / "config.yml").read_text("utf-8")


def test_chinese_interface_and_one_collection_per_unit(config: dict[str, Any]) -> None:
    assert config["locale"] == "zh_Hans"
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    assert [c["name"] for c in config["collections"]] == list(campaign.unit_codes())
    dongcun = config["collections"][0]
    assert {k: dongcun[k] for k in ("name", "label", "label_singular", "folder")} == {
        "name": "dongcun",
        "label": "东村",
        "label_singular": "东村案件",
        "folder": "cases/dongcun",
    }
    assert (dongcun["extension"], dongcun["format"], dongcun["create"]) == ("yaml", "yaml", True)
    assert dongcun["slug"] == "dongcun-{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"
    # 编号 (the file's name), 排查日期, the name between the marks the page masks, the status
    assert dongcun["summary"] == (
        "{{filename}}　{{排查日期}}　信访人：⟦{{信访人.姓名}}⟧　是否已化解：{{是否已化解}}"
    )
    assert dongcun["sortable_fields"] == [
        {"field": "排查日期", "default_sort": "desc"}, "问题类型", "风险等级", "是否已化解"
    ]  # fmt: skip
    assert dongcun["description"] == "东村（村）的案件。案件要换到别的单位，请联系管理员。"
    # uploads can never land among the case files
    assert (dongcun["media_folder"], dongcun["public_folder"]) == ("/uploads", "/uploads")
    assert not config["media_folder"].startswith("cases")


def test_fields_follow_the_schema_without_id_and_unit(config: dict[str, Any]) -> None:
    fields = config["collections"][3]["fields"]
    assert [f["name"] for f in fields] == [k for k in case_keys() if k not in ("编号", "单位")]
    assert all(not re.search(r"markdown", f["widget"]) for f in fields)


def test_exact_widgets(config: dict[str, Any]) -> None:
    f = fields_by_name(config["collections"][0]["fields"])
    assert f["排查日期"] == {
        "name": "排查日期",
        "label": "排查日期",
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
        "pattern": ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "：应为“年-月-日”，如 2019-07-03"],
        "hint": "排查发现该矛盾纠纷的日期，须在活动期间内且不晚于今天。"
        "活动期间为 2019-06-25 至 2019-09-25。"
        "表单不检查是否在活动期间内、是否晚于今天，保存后由系统自动核对。",
    }
    assert f["涉及人数"] == {
        "name": "涉及人数",
        "label": "涉及人数",
        "widget": "number",
        "value_type": "int",
        "step": 1,
        "min": 1,
        "max": 100000,
        "hint": "该矛盾纠纷涉及的人数，正整数。",
    }
    assert f["问题类型"]["widget"] == "select"
    assert f["问题类型"]["options"][:5] == [
        "城建拆迁",
        "问题楼盘",
        "集资融资",
        "劳动社保",
        "双拖欠",
    ]
    assert f["风险等级"]["options"] == ["高", "中", "低"]
    assert (f["主要诉求"]["widget"], f["问题属地"]["widget"]) == ("text", "string")
    assert f["主要诉求"]["pattern"] == [
        "^(?!\\n*\\t)[\\s\\S]{0,2000}$",
        "：最多 2000 个字，开头不能是 Tab",
    ]
    assert f["问题属地"]["pattern"] == ["^[\\s\\S]{0,200}$", "：最多 200 个字"]
    assert f["是否已化解"]["default"] == "否"
    assert f["是否已化解"]["hint"] == (
        "是 或 否。填“是”时必须填写化解日期（化解方式可选填）；填“否”时两者都不填。"
        "表单不检查是否与化解日期一致，保存后由系统自动核对。"
    )
    assert f["化解日期"]["required"] is False
    assert f["化解日期"]["hint"] == (
        "矛盾化解的日期；仅在已化解时填写，不早于排查日期。活动期间为 2019-06-25 至 2019-09-25。"
        "表单不检查是否与“是否已化解”一致、是否早于排查日期，保存后由系统自动核对。"
    )
    assert f["典型案例"] == {
        "name": "典型案例",
        "label": "典型案例",
        "widget": "boolean",
        "default": False,
        "required": False,
        "hint": "作为成功经验案例（典型案例）报送时打开开关；默认关闭。",
    }
    assert f["备注"]["widget"] == "text" and f["备注"]["required"] is False
    assert "required" not in f["信访人"]


def test_people_lists_become_selects(config: dict[str, Any]) -> None:
    f = fields_by_name(config["collections"][0]["fields"])
    leader = fields_by_name(f["包案领导"]["fields"])
    assert f["包案领导"]["label"] == "科级包案领导"
    assert leader["姓名"]["widget"] == "select"
    assert leader["姓名"]["options"] == [
        "李志强", "陈卫东", "张慧敏", "刘国栋", "周晓燕", "马宏伟", "郭春生", "韩雪梅"
    ]  # fmt: skip
    assert leader["姓名"]["hint"] == (
        "包案领导的姓名。从名单中选择：李志强（办事处主任）、陈卫东（办事处副主任）、"
        "张慧敏（办事处副主任）、刘国栋（武装部长）、周晓燕（纪工委书记）、马宏伟（人大工委主任）、"
        "郭春生（政法委员）、韩雪梅（组织委员）。名单里没有的领导，请联系管理员添加。"
    )
    assert leader["职务"]["hint"] == (
        "包案领导的职务。请选与所选领导对应的职务（见上方名单）；与名单不符时不能保存。"
    )
    # a nested field is labelled by its path: Decap's messages then say whose 姓名
    assert [p["label"] for p in f["包案领导"]["fields"]] == ["包案领导·姓名", "包案领导·职务"]
    assert [p["label"] for p in f["信访人"]["fields"]] == ["信访人·姓名", "信访人·住址"]
    # titles once each, in the list's order
    assert leader["职务"]["options"] == [
        "办事处主任", "办事处副主任", "武装部长", "纪工委书记",
        "人大工委主任", "政法委员", "组织委员",
    ]  # fmt: skip
    dept = fields_by_name(f["责任部门"]["fields"])
    assert dept["名称"]["widget"] == "select"
    assert dept["名称"]["options"][:3] == ["城建办", "综治办", "信访办"]
    assert (dept["责任人"]["widget"], dept["职务"]["widget"]) == ("string", "string")


def test_without_people_lists_the_names_are_free_text(repo: Path) -> None:
    text = (repo / "campaign.yaml").read_text(encoding="utf-8")
    (repo / "campaign.yaml").write_text(text[: text.index("人员:")], encoding="utf-8")
    campaign, problems = load_campaign(repo)
    assert campaign is not None, problems
    f = fields_by_name(decap.case_fields(campaign))
    assert fields_by_name(f["包案领导"]["fields"])["姓名"]["widget"] == "string"
    assert fields_by_name(f["责任部门"]["fields"])["名称"]["widget"] == "string"


def test_optional_object_and_list(config: dict[str, Any]) -> None:
    f = fields_by_name(config["collections"][0]["fields"])
    police = f["分包民警"]
    assert police["required"] is False
    assert [(s["name"], s["required"]) for s in police["fields"]] == [
        ("姓名", False),
        ("职务", False),
    ]
    measures = f["工作措施"]
    assert (measures["widget"], measures["required"], measures["max"]) == ("list", False, 200)
    assert measures["summary"] == "{{fields.日期}} {{fields.内容}}"
    sub = fields_by_name(measures["fields"])
    assert sub["日期"]["widget"] == "datetime" and "required" not in sub["日期"]
    assert sub["内容"]["widget"] == "text"


def test_fields_are_written_once_and_shared(config: dict[str, Any]) -> None:
    text = (ROOT / decap.CONFIG_FILE).read_text(encoding="utf-8")
    assert text.count("  fields: &fields\n") == 1
    assert text.count("  fields: *fields\n") == len(config["collections"]) - 1
    assert yaml.safe_load(text)["collections"][5]["fields"] == config["collections"][5]["fields"]


@pytest.mark.parametrize(
    ("name", "mode"),
    [("forgejo", "editorial_workflow"), ("gitlab", "editorial_workflow"),
     ("github", "editorial_workflow"), ("gitea", "simple")],
)  # fmt: skip
def test_backends_and_publish_modes(name: str, mode: str) -> None:
    settings = {
        "name": name,
        "repo": "xinfangban/taizhang",
        "branch": "main",
        "base_url": "https://git.example.internal",
        "api_root": "https://git.example.internal/api/v1",
        "app_id": "abc",
    }
    if name == "github":
        del settings["app_id"]
    backend = editorbackend.parse(settings)
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    config = decap.editor_config(campaign, backend)
    assert config["publish_mode"] == mode
    assert config["backend"]["name"] == name
    assert config["backend"]["commit_messages"]["update"] == "修改 {{collection}} {{slug}}"
    assert ("auth_type" in config["backend"]) == (name == "gitlab")
    assert "local_backend" not in config


def test_editor_yaml_problems_are_reported_in_chinese() -> None:
    with pytest.raises(DataError) as err:
        editorbackend.parse({"name": "gitea", "repo": "a/b", "api_root": "git.local", "x": 1})
    assert str(err.value) == (
        "editor.yaml：缺少 branch；缺少 base_url；缺少 app_id；gitea 后端不认识 x；"
        "api_root 应以 http:// 或 https:// 开头"
    )
    with pytest.raises(DataError) as err:
        editorbackend.parse({"name": "bitbucket"})
    assert (
        str(err.value)
        == "editor.yaml：name 应为 forgejo、gitlab、github、gitea 之一，现在是“bitbucket”"
    )


def test_without_editor_yaml_the_editor_uses_the_local_proxy(repo: Path) -> None:
    assert editorbackend.load(repo) == editorbackend.LOCAL
    assert editorbackend.LOCAL.decap()["proxy_url"] == "/api/v1"  # make edit's filtering proxy
    assert editorbackend.LOCAL.publish_mode == "simple"


def test_local_preview_config(config: dict[str, Any]) -> None:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    local = decap.editor_config(campaign, editorbackend.LOCAL, "http://127.0.0.1:9999/api/v1")
    assert local["local_backend"] == {"url": "http://127.0.0.1:9999/api/v1"}
    assert decap.editor_config(campaign, editorbackend.LOCAL, True)["local_backend"] is True


def test_write_admin_copies_decap_and_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    decap.write_admin(tmp_path / "admin", campaign, EditorBackend("test-repo"), root=ROOT)
    assert sorted(p.name for p in (tmp_path / "admin").iterdir()) == [
        "config.yml",
        "decap-cms.js",
        "index.html",
    ]
    page = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', page) == ["decap-cms.js"]
    assert "http://" not in page and "https://" not in page
    assert 'var ORDER = {"信访人": ["姓名", "住址"], "包案领导": ["姓名", "职务"]' in page
    decap_js = ROOT / "node_modules/decap-cms/dist/decap-cms.js"
    assert (tmp_path / "admin" / "decap-cms.js").read_bytes() == decap_js.read_bytes()
    assert "name: test-repo\n" in (tmp_path / "admin" / "config.yml").read_text("utf-8")


def test_decap_build_has_the_chinese_locale() -> None:
    # registerLocale('zh_Hans', …) is in the bundle we serve; the config's locale must exist
    assert b"zh_Hans" in decap.decap_js(ROOT).read_bytes()


def test_edit_needs_a_built_site(repo: Path, cli: Cli) -> None:
    result = cli("edit", "--port", "0")
    assert (result.code, result.out) == (2, "")
    assert result.err == "用法错误：site/ 中没有网页编辑器，请先运行 make site\n"


def test_editor_config_with_a_broken_campaign_lists_its_problems(repo: Path, cli: Cli) -> None:
    (repo / "campaign.yaml").write_text("名称: 只有名称\n", encoding="utf-8")
    result = cli("editor-config")
    assert result.code == 1
    assert result.out.startswith("campaign.yaml:1:1: 缺少必填项“主办单位”\n")
    # 单位, 开始日期 too; 结束日期 and 阶段 may be left out (a standing ledger).
    assert result.out.endswith("检查了 1 个文件，发现 3 个问题\n")
    assert result.err == "错误：campaign.yaml 有误，无法生成网页编辑器配置\n"
    assert not (repo / "admin/config.yml").exists()


def test_editor_config_never_writes_through_a_linked_folder(
    repo: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A committed ``admin -> /elsewhere`` must not steer the write out of the repository.
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (repo / "admin").symlink_to(elsewhere)
    result = cli("editor-config")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "错误：admin 是符号链接，不能经过它写 admin/config.yml；请把它换成真正的文件夹\n"
    )
    assert list(elsewhere.iterdir()) == []
