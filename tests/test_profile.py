"""The case schema a profile makes (``schema [--check]``): exact contents, the check CI and
pre-commit run, the sample's byte-identical file, and what a plain JSON Schema validator (the
check-jsonschema CLI, as CI and code editors use the file) accepts and refuses with it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import profiles as P
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
PACKAGE = ROOT / "generator/ledger/schemas"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
BASE_KEYS = [
    "编号", "单位", "排查日期", "信访人", "涉及人数", "问题属地", "问题类型", "主要诉求",
    "风险等级", "包案领导", "责任部门", "分包民警", "工作措施", "是否已化解", "化解日期",
    "化解方式", "典型案例", "备注",
]  # fmt: skip
CATALOGUE = ["化解时限", "信访形式", "交办", "稳控", "重复信访", "回访", "原编号"]
PRESET_CATEGORIES = [
    "城建拆迁", "问题楼盘", "集资融资", "劳动社保", "双拖欠", "土地征用", "涉法涉诉",
    "婚姻家庭", "邻里纠纷", "环境污染", "其他",
]  # fmt: skip
WROTE_BOTH = "已写入 schema/case.schema.json\n已写入 schema/campaign.schema.json\n"
STALE = "与台账配置不一致，请运行 python -m generator schema 后提交\n"


def run(cli: Cli, *args: str) -> tuple[int, str, str]:
    result = cli(*args)
    return result.code, result.out, result.err


def written(root: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((root / "schema/case.schema.json").read_text("utf-8"))
    return schema


def enum(schema: dict[str, Any], key: str) -> list[str]:
    values: list[str] = schema["properties"][key]["enum"]
    return values


def test_weekly_schema(at: Callable[..., Path], cli: Cli) -> None:
    root = at(P.WEEKLY, P.WEEKLY_CASES)
    assert run(cli, "schema") == (0, WROTE_BOTH, "")
    schema = written(root)
    assert enum(schema, "问题类型") == [
        "医疗纠纷", "交通事故", "物业", "劳资", "合同", "损害赔偿", "山林土地", "其他",
    ]  # fmt: skip
    assert enum(schema, "风险等级") == ["红", "橙", "黄", "蓝"]
    assert enum(schema, "是否已化解") == ["未化解", "正在化解", "稳控中", "已化解", "息诉罢访"]
    assert schema["properties"]["风险等级"]["description"] == (
        "若不及时化解，矛盾升级（越级访、集体访等）的可能性，从高到低：红、橙、黄、蓝。"
    )
    assert schema["properties"]["是否已化解"]["description"] == (
        "化解状态：未化解的有 未化解、正在化解、稳控中；已化解的有 已化解、息诉罢访"
        "（已化解时必须填写化解日期，化解方式可选填）。"
    )
    assert list(schema["properties"]) == [*BASE_KEYS, "化解时限"]
    assert schema["additionalProperties"] is False


def test_monthly_schema_has_every_optional_field_in_catalogue_order(
    at: Callable[..., Path], cli: Cli
) -> None:
    root = at(P.MONTHLY, P.MONTHLY_CASES)
    assert cli("schema").code == 0
    schema = written(root)
    assert list(schema["properties"]) == [*BASE_KEYS, *CATALOGUE]
    assert enum(schema, "问题类型") == PRESET_CATEGORIES
    assert enum(schema, "风险等级") == ["重大", "较大", "一般"]
    assert enum(schema, "是否已化解") == ["是", "否"]  # the base schema's own order
    assert enum(schema, "信访形式") == ["来信", "来访", "来电", "网上信访"]
    catalogue = json.loads((PACKAGE / "optional.schema.json").read_text("utf-8"))["properties"]
    for name in CATALOGUE:  # the catalogue's own definitions, but 信访形式's values
        expected = catalogue[name] | ({"enum": enum(schema, name)} if name == "信访形式" else {})
        assert schema["properties"][name] == expected
    # Everything else is the base schema's, word for word.
    base = json.loads((PACKAGE / "case.schema.json").read_text("utf-8"))
    assert {k: v for k, v in schema.items() if k != "properties"} == {
        k: v for k, v in base.items() if k != "properties"
    }
    same = [k for k in BASE_KEYS if k != "风险等级"]
    assert [schema["properties"][k] for k in same] == [base["properties"][k] for k in same]


def test_check_follows_the_profile(at: Callable[..., Path], cli: Cli) -> None:
    root = at(P.WEEKLY, P.WEEKLY_CASES)
    both = "schema/case.schema.json，schema/campaign.schema.json "
    assert run(cli, "schema", "--check") == (1, both + STALE, "")
    assert not (root / "schema").exists()  # --check writes nothing
    assert run(cli, "schema") == (0, WROTE_BOTH, "")
    assert run(cli, "schema", "--check") == (0, "schema/ 与台账配置一致\n", "")
    campaign = root / "campaign.yaml"
    campaign.write_text(P.WEEKLY.replace("字段: [化解时限]", "字段: [化解时限, 交办]"), "utf-8")
    before = (root / "schema/case.schema.json").read_bytes()
    assert run(cli, "schema", "--check") == (1, "schema/case.schema.json " + STALE, "")
    assert (root / "schema/case.schema.json").read_bytes() == before
    assert run(cli, "schema") == (0, "已写入 schema/case.schema.json\n", "")
    assert list(written(root)["properties"])[-2:] == ["化解时限", "交办"]
    assert run(cli, "schema", "--check") == (0, "schema/ 与台账配置一致\n", "")


def test_sample_schema_is_the_package_file(repo: Path, cli: Cli) -> None:
    """No 台账: the generated files are the shipped ones, byte for byte."""
    assert run(cli, "schema") == (0, WROTE_BOTH, "")
    for name in ("case.schema.json", "campaign.schema.json"):
        made = (repo / "schema" / name).read_bytes()
        assert made == (PACKAGE / name).read_bytes()
        assert made == (ROOT / "schema" / name).read_bytes()


def test_old_symlinks_become_files(repo: Path, cli: Cli) -> None:
    (repo / "schema").mkdir()
    for name in ("case.schema.json", "campaign.schema.json"):
        (repo / "schema" / name).symlink_to(PACKAGE / name)
    both = "schema/case.schema.json，schema/campaign.schema.json "
    assert run(cli, "schema", "--check") == (1, both + STALE, "")
    assert run(cli, "schema") == (0, WROTE_BOTH, "")
    for name in ("case.schema.json", "campaign.schema.json"):
        path = repo / "schema" / name
        assert not path.is_symlink()
        assert path.read_bytes() == (PACKAGE / name).read_bytes()
    assert (PACKAGE / "case.schema.json").is_file()  # the link's target is untouched
    assert cli("schema", "--check").code == 0


def check_jsonschema(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", "schema/case.schema.json", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(P.PROFILES))
def test_plain_validator_accepts_the_profiles_cases(
    name: str, at: Callable[..., Path], cli: Cli
) -> None:
    campaign, cases = P.PROFILES[name]
    root = at(campaign, cases)
    assert cli("schema").code == 0
    files = sorted(str(p.relative_to(root)) for p in root.glob("cases/*/*.yaml"))
    assert len(files) == len(cases)
    done = check_jsonschema(root, *files)
    assert (done.returncode, done.stdout.strip()) == (0, "ok -- validation done")


def test_plain_validator_refuses_what_the_profile_dropped(
    at: Callable[..., Path], cli: Cli
) -> None:
    """城建拆迁 is the preset's, but not among the weekly office's categories."""
    dropped = P.case_text("2019-12-20", "未化解", category="城建拆迁", risk="黄")
    root = at(P.WEEKLY, {**P.WEEKLY_CASES, "xicun-002": dropped})
    assert cli("schema").code == 0
    done = check_jsonschema(root, "cases/xicun/xicun-002.yaml", "cases/xicun/xicun-001.yaml")
    assert done.returncode == 1
    assert "cases/xicun/xicun-002.yaml::$['问题类型']: '城建拆迁' is not one of" in done.stdout
    assert "xicun-001" not in done.stdout


def test_a_reloaded_profile_shares_its_schema_and_registry(at: Callable[..., Path]) -> None:
    # serve reloads campaign.yaml on every save: each load must find what the last one built
    # (schema, registry, validators) instead of keeping another set for the process's life.
    from generator.ledger.validate import load_campaign

    root = at(P.WEEKLY, P.WEEKLY_CASES)
    first, _ = load_campaign(root)
    again, _ = load_campaign(root)
    assert first is not None and again is not None and first.profile is not again.profile
    assert first.profile.case_schema is again.profile.case_schema
    assert first.profile.registry is again.profile.registry


def test_schema_never_writes_through_a_linked_folder(
    at: Callable[..., Path], cli: Cli, tmp_path: Path
) -> None:
    # A committed ``schema -> /elsewhere`` must not steer the write out of the repository.
    root = at(P.WEEKLY, P.WEEKLY_CASES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "schema").symlink_to(elsewhere)
    for args in (("schema",), ("schema", "--check")):
        result = cli(*args)
        assert (result.code, result.out) == (1, "")
        assert (
            result.err == "错误：schema 是符号链接，不能经过它写 schema；请把它换成真正的文件夹\n"
        )
    assert list(elsewhere.iterdir()) == []
