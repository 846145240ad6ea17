"""``validate`` and ``new`` on the command line: exact output and exit status."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ledger.casefile import dump_case
from generator.ledger.layout import ID_PATTERN
from generator.ledger.yamlload import load_text
from generator.system.clock import SHANGHAI
from tests.conftest import Result

Cli = Callable[..., Result]

DATA = Path(__file__).resolve().parent / "data"
TODAY = "2019-09-30"
ENUM = "cases/dongcun/dongcun-002.yaml:9:7: “风险等级”的值“很高”不在可选范围内，应为：高、中、低"
WINDOW = (
    "cases/xicun/xicun-001.yaml:1:7: "
    "“排查日期” 2019-06-20 不在活动期间（2019-06-25 至 2019-09-25）内"
)
UNITS = (
    "东村（dongcun）、西村（xicun）、南庄村（nanzhuang）、北营村（beiying）、刘寨村（liuzhai）、"
    "花园口村（huayuan）、清风社区（qingfeng）、幸福里社区（xingfu）、金水湾社区（jinshui）、"
    "迎宾路社区（yingbin）、文化苑社区（wenhua）、工业园区管委会（gongye）"
)
ODD = (
    "cases/dongcun/dongcun-003.yaml:9:7: "
    "“风险等级”的值“100%\\r\\n高”不在可选范围内，应为：高、中、低"
)
BACKUP = (
    "cases/dongcun/备份:1,2.yaml:1:1: "
    "文件名“备份:1,2”不是有效的编号，应为“单位代码-序号”，如 dongcun-007"
)


@pytest.fixture
def ledger(repo: Path) -> Path:
    """One good case and two bad ones in two units."""
    minimal = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (repo / "cases/dongcun").mkdir()
    (repo / "cases/xicun").mkdir()
    shutil.copyfile(DATA / "valid/full.yaml", repo / "cases/dongcun/dongcun-001.yaml")
    bad_risk = minimal.replace("风险等级: 高", "风险等级: 很高")
    (repo / "cases/dongcun/dongcun-002.yaml").write_text(bad_risk, encoding="utf-8")
    early = minimal.replace("排查日期: 2019-07-03", "排查日期: 2019-06-20")
    (repo / "cases/xicun/xicun-001.yaml").write_text(early, encoding="utf-8")
    return repo


def test_text(ledger: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err) == (1, "")
    assert result.out == f"{ENUM}\n{WINDOW}\n检查了 4 个文件，发现 2 个问题\n"


def test_clean_repository_exits_0(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    shutil.copyfile(DATA / "valid/full.yaml", repo / "cases/dongcun/dongcun-001.yaml")
    for fmt in ("text", "github"):
        result = cli("validate", "--today", TODAY, "--format", fmt)
        assert (result.code, result.out, result.err) == (0, "检查了 2 个文件，发现 0 个问题\n", "")
    result = cli("validate", "--today", TODAY, "--format", "json")
    assert (result.code, json.loads(result.out)) == (0, {"files": 2, "problems": []})
    result = cli("validate", "--today", TODAY, "--format", "gitlab")
    assert (result.code, json.loads(result.out)) == (0, [])


def test_json(ledger: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY, "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == {
        "files": 4,
        "problems": [
            {
                "path": "cases/dongcun/dongcun-002.yaml",
                "line": 9,
                "col": 7,
                "rule": "enum",
                "message": "“风险等级”的值“很高”不在可选范围内，应为：高、中、低",
            },
            {
                "path": "cases/xicun/xicun-001.yaml",
                "line": 1,
                "col": 7,
                "rule": "campaign-window",
                "message": "“排查日期” 2019-06-20 不在活动期间（2019-06-25 至 2019-09-25）内",
            },
        ],
    }
    assert "“风险等级”" in result.out  # Chinese as it is, not \u escapes


def test_github(ledger: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY, "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=cases/dongcun/dongcun-002.yaml,line=9,col=7,title=台账校验：enum"
        "::“风险等级”的值“很高”不在可选范围内，应为：高、中、低",
        "::error file=cases/xicun/xicun-001.yaml,line=1,col=7,title=台账校验：campaign-window"
        "::“排查日期” 2019-06-20 不在活动期间（2019-06-25 至 2019-09-25）内",
        ENUM,
        WINDOW,
        "检查了 4 个文件，发现 2 个问题",
    ]


def test_github_escaping(repo: Path, cli: Cli) -> None:
    """In the message %, CR and LF are escaped; in the properties also ':' and ','."""
    (repo / "cases/dongcun").mkdir()
    minimal = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    odd = minimal.replace("风险等级: 高", '风险等级: "100%\\r\\n高"')
    (repo / "cases/dongcun/dongcun-003.yaml").write_text(odd, encoding="utf-8")
    (repo / "cases/dongcun/备份:1,2.yaml").write_text(minimal, encoding="utf-8")
    result = cli("validate", "--today", TODAY, "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=cases/dongcun/dongcun-003.yaml,line=9,col=7,title=台账校验：enum"
        "::“风险等级”的值“100%25\\r\\n高”不在可选范围内，应为：高、中、低",
        "::error file=cases/dongcun/备份%3A1%2C2.yaml,line=1,col=1,title=台账校验：file-name"
        "::文件名“备份:1,2”不是有效的编号，应为“单位代码-序号”，如 dongcun-007",
        ODD,
        BACKUP,
        "检查了 3 个文件，发现 2 个问题",
    ]
    # The text format keeps one line per problem too.
    text = cli("validate", "--today", TODAY).out.splitlines()
    assert text == [ODD, BACKUP, "检查了 3 个文件，发现 2 个问题"]


def test_gitlab(ledger: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY, "--format", "gitlab")
    assert result.code == 1
    report = json.loads(result.out)
    fingerprints = [issue.pop("fingerprint") for issue in report]
    assert len(set(fingerprints)) == 2 and all(len(f) == 64 for f in fingerprints)
    assert report == [
        {
            "description": "“风险等级”的值“很高”不在可选范围内，应为：高、中、低",
            "check_name": "enum",
            "severity": "major",
            "location": {"path": "cases/dongcun/dongcun-002.yaml", "lines": {"begin": 9}},
        },
        {
            "description": "“排查日期” 2019-06-20 不在活动期间（2019-06-25 至 2019-09-25）内",
            "check_name": "campaign-window",
            "severity": "major",
            "location": {"path": "cases/xicun/xicun-001.yaml", "lines": {"begin": 1}},
        },
    ]
    again = json.loads(cli("validate", "--today", TODAY, "--format", "gitlab").out)
    assert [issue["fingerprint"] for issue in again] == fingerprints  # stable between runs


def test_paths_report_only_those_files(ledger: Path, cli: Cli) -> None:
    result = cli("validate", "--today", TODAY, "cases/dongcun/dongcun-002.yaml")
    assert (result.code, result.out) == (1, f"{ENUM}\n检查了 1 个文件，发现 1 个问题\n")
    result = cli("validate", "--today", TODAY, "cases/dongcun/dongcun-001.yaml")
    assert (result.code, result.out) == (0, "检查了 1 个文件，发现 0 个问题\n")
    result = cli("validate", "--today", TODAY, "cases/xicun")  # a folder: its files
    assert (result.code, result.out) == (1, f"{WINDOW}\n检查了 1 个文件，发现 1 个问题\n")


def test_the_repository_root_as_a_path_checks_everything(ledger: Path, cli: Cli) -> None:
    (ledger / "node_modules/pkg").mkdir(parents=True)
    (ledger / "node_modules/pkg/x.yaml").write_text("a: [", encoding="utf-8")
    whole = cli("validate", "--today", TODAY)
    assert cli("validate", "--today", TODAY, ".") == whole
    assert whole.out == f"{ENUM}\n{WINDOW}\n检查了 4 个文件，发现 2 个问题\n"


def test_paths_ids_unique_across_the_whole_tree(ledger: Path, cli: Cli) -> None:
    shutil.copyfile(
        ledger / "cases/dongcun/dongcun-001.yaml", ledger / "cases/xicun/dongcun-001.yaml"
    )
    result = cli("validate", "--today", TODAY, "cases/dongcun/dongcun-001.yaml")
    assert (result.code, result.out) == (
        1,
        "cases/dongcun/dongcun-001.yaml:1:1: "
        "编号“dongcun-001”重复：cases/xicun/dongcun-001.yaml 也用了这个编号\n"
        "检查了 1 个文件，发现 1 个问题\n",
    )


def test_paths_with_campaign_check_every_case(ledger: Path, cli: Cli) -> None:
    whole = cli("validate", "--today", TODAY)
    result = cli("validate", "--today", TODAY, "campaign.yaml", "cases/dongcun/dongcun-001.yaml")
    assert (result.code, result.out) == (1, whole.out)


def test_paths_stray_files_and_bad_folders(ledger: Path, cli: Cli) -> None:
    (ledger / "cases/dongcun/旧").mkdir()
    (ledger / "cases/dongcun/旧/dongcun-009.yaml").write_text("x", encoding="utf-8")
    (ledger / "cases/dongcun/notes.txt").write_text("x", encoding="utf-8")
    result = cli(
        "validate", "--today", TODAY, "cases/dongcun/旧/dongcun-009.yaml", "cases/dongcun/notes.txt"
    )
    assert (result.code, result.out) == (
        1,
        "cases/dongcun/notes.txt:1:1: 单位文件夹中只能放案件文件（<编号>.yaml），这是多余的文件\n"
        "cases/dongcun/旧/dongcun-009.yaml:1:1: 单位文件夹中不能再有子文件夹\n"
        "检查了 2 个文件，发现 2 个问题\n",
    )


def test_paths_with_a_broken_campaign_report_it(ledger: Path, cli: Cli) -> None:
    (ledger / "campaign.yaml").write_text("名称: 活动\n", encoding="utf-8")
    result = cli("validate", "--today", TODAY, "cases/dongcun/dongcun-001.yaml")
    assert result.code == 1
    assert result.out.splitlines()[0] == "campaign.yaml:1:1: 缺少必填项“主办单位”"
    # 主办单位, 单位, 开始日期: 结束日期 and 阶段 may be left out (a standing ledger).
    assert result.out.splitlines()[-1] == "检查了 2 个文件，发现 3 个问题"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["../elsewhere.yaml"], "用法错误：“../elsewhere.yaml”不在当前仓库中\n"),
        (["cases/dongcun/dongcun-404.yaml"], "用法错误：“cases/dongcun/dongcun-404.yaml”不存在\n"),
    ],
)
def test_bad_paths_are_usage_errors(ledger: Path, cli: Cli, args: list[str], message: str) -> None:
    result = cli("validate", "--today", TODAY, *args)
    assert (result.code, result.out, result.err) == (2, "", message)


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (
            ["validate", "--today", "2019-13-01"],
            "python -m generator validate：用法错误："
            "参数 --today：“2019-13-01”不是 YYYY-MM-DD 格式的日期",
        ),
        (
            ["validate", "--today", "昨天"],
            "python -m generator validate：用法错误："
            "参数 --today：“昨天”不是 YYYY-MM-DD 格式的日期",
        ),
        (["validate", "--bogus"], "python -m generator：用法错误：无法识别的参数：--bogus"),
        (
            ["validate", "--format", "xml"],
            "python -m generator validate：用法错误：参数 --format：无效的选择：'xml'"
            "（可选：'github', 'gitlab', 'json', 'text'）",
        ),
        (["new"], "python -m generator new：用法错误：缺少必需的参数：--unit"),
    ],
)
def test_usage_errors_exit_2_in_chinese(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, args: list[str], last_line: str
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cli(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("用法：python -m generator")
    assert result.err.splitlines()[-1] == last_line


NEW_CASE = """排查日期: 2019-07-03
信访人:
  姓名: ""
  住址: ""
涉及人数: 1
问题属地: ""
问题类型: ""
主要诉求: ""
风险等级: ""
包案领导:
  姓名: ""
  职务: ""
责任部门:
  名称: ""
  责任人: ""
  职务: ""
是否已化解: 否
"""


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = dt.datetime(2019, 7, 3, 9, 30, 5, tzinfo=SHANGHAI)
    monkeypatch.setattr("generator.system.clock.now", lambda: moment)


def test_new(repo: Path, cli: Cli, frozen_clock: None) -> None:
    result = cli("new", "--unit", "dongcun")
    rel = "cases/dongcun/dongcun-20190703-093005.yaml"
    assert (result.code, result.err) == (0, "")
    assert result.out == f"已新建 {rel}，请填写后运行 python -m generator validate\n"
    text = (repo / rel).read_text(encoding="utf-8")
    assert text == NEW_CASE
    assert ID_PATTERN.fullmatch("dongcun-20190703-093005")
    assert dump_case(load_text(text).data) == text  # the web editor's style, byte for byte
    # Ready to fill in: validate names every field still to write, each at its place.
    result = cli("validate", "--today", TODAY)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{rel}:3:7: “信访人.姓名”不能为空",
        f"{rel}:4:7: “信访人.住址”不能为空",
        f"{rel}:6:7: “问题属地”不能为空",
        f"{rel}:7:7: “问题类型”不能为空，应为：城建拆迁、问题楼盘、集资融资、劳动社保、双拖欠、"
        "土地征用、涉法涉诉、婚姻家庭、邻里纠纷、环境污染、其他",
        f"{rel}:8:7: “主要诉求”不能为空",
        f"{rel}:9:7: “风险等级”不能为空，应为：高、中、低",
        f"{rel}:11:7: “包案领导.姓名”不能为空",
        f"{rel}:12:7: “包案领导.职务”不能为空",
        f"{rel}:14:7: “责任部门.名称”不能为空",
        f"{rel}:15:8: “责任部门.责任人”不能为空",
        f"{rel}:16:7: “责任部门.职务”不能为空",
        "检查了 2 个文件，发现 11 个问题",
    ]


def test_new_with_today(repo: Path, cli: Cli, frozen_clock: None) -> None:
    result = cli("new", "--unit", "xicun", "--today", "2019-08-01")
    assert result.code == 0
    text = (repo / "cases/xicun/xicun-20190801-093005.yaml").read_text(encoding="utf-8")
    assert text == NEW_CASE.replace("2019-07-03", "2019-08-01")


def test_new_twice_in_one_second(repo: Path, cli: Cli, frozen_clock: None) -> None:
    assert cli("new", "--unit", "dongcun").code == 0
    result = cli("new", "--unit", "dongcun")
    assert (result.code, result.out) == (1, "")
    assert result.err == "错误：cases/dongcun/dongcun-20190703-093005.yaml 已存在，请一秒后再试\n"


def test_new_unknown_unit(repo: Path, cli: Cli, frozen_clock: None) -> None:
    result = cli("new", "--unit", "nosuch")
    assert (result.code, result.out) == (2, "")
    assert (
        result.err == f"用法错误：单位“nosuch”不在 campaign.yaml 中，可选（名称或代码）：{UNITS}\n"
    )
    assert not (repo / "cases/nosuch").exists()


def test_new_with_a_broken_campaign(repo: Path, cli: Cli, frozen_clock: None) -> None:
    text = (repo / "campaign.yaml").read_text(encoding="utf-8")
    (repo / "campaign.yaml").write_text(text.replace("类型: 村,", "类型: 乡,", 1), encoding="utf-8")
    result = cli("new", "--unit", "dongcun")
    assert (result.code, result.out, result.err) == (
        1,
        "campaign.yaml:11:31: “单位”第 1 条的“类型”的值“乡”不在可选范围内，应为：村、社区、单位\n"
        "检查了 1 个文件，发现 1 个问题\n",
        "错误：campaign.yaml 有误，请先修正上面列出的问题\n",
    )
    assert not (repo / "cases/dongcun").exists()


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["export", "--out", "/proc/台账.xlsx"], "/proc/台账.xlsx”"),  # not its temporary file
        (["build", "--out", "/proc/site"], "/proc/"),
    ],
)
def test_an_unwritable_output_is_a_chinese_message_not_a_traceback(
    repo: Path, cli: Cli, args: list[str], target: str
) -> None:
    # /proc exists but takes no new files, even for root (the tests run as root in CI)
    result = cli(*args, "--today", TODAY)
    assert result.code == 1
    assert result.err.startswith(f"错误：无法读写文件“{target}")
    assert result.err.endswith("”：文件或文件夹不存在\n")
    assert "Traceback" not in result.err
