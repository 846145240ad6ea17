"""Case text printed to a terminal or a CI log: control characters written out, no CI command.

The issue's repro: ``validate`` printed ESC, BEL, C1 and U+202E from a case raw (text and github
formats), and a value holding ``##[error]`` inside the plain lines of ``--format github`` — the
GitHub runner acts on ``##[`` anywhere in a line. Every printer goes through one function,
``terminal.printable``; these tests run the real commands.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.terminal import printable
from tests.casemaker import SMALL_CAMPAIGN, case_data, put
from tests.conftest import Result
from tests.test_validate_data import DATA, TODAY, overlay

Cli = Callable[..., Result]
# The escapes write ESC ] 0 ; … BEL (set the window title), C1 CSI, and RLO (right-to-left).
ODD = r'"\e]0;标题\a高\x9b31m\u202e低"'
ODD_SHOWN = r"\x1b]0;标题\x07高\x9b31m\u202e低"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb\x07", "a\\x1b[31mb\\x07"),
        ("\x00\t\r\n\x7f\x85\x9b", "\\x00\\t\\r\\n\\x7f\\x85\\x9b"),
        ("\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e"),
        (
            "\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
            "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c",
        ),
        ("\u2028\u2029\ud800", "\\u2028\\u2029\\ud800"),
        (
            "值##[error]坏了 ##vso[task.setvariable]x",
            "值##\\x5berror]坏了 ##vso\\x5btask.setvariable]x",
        ),
        ("::error::x", "\\x3a:error::x"),
        ("  \u3000::warning::x", "  \u3000\\x3a:warning::x"),
        ("a::b 是普通文字", "a::b 是普通文字"),
        ("王建国，东村三组12号 #3 [附件]", "王建国，东村三组12号 #3 [附件]"),
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert printable(shown) == shown  # applying it twice changes nothing


def _no_raw_controls(text: str) -> None:
    hidden = re.findall("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert hidden == []


def validate_example(repo: Path, cli: Cli, example: str, *args: str) -> str:
    """What ``validate`` prints for an example of tests/data/invalid; no raw control in it."""
    overlay(DATA / "invalid" / example, repo)
    out: str = cli("validate", "--today", TODAY, *args).out
    _no_raw_controls(out)
    return out


def test_validate_text_writes_control_characters_out(repo: Path, cli: Cli) -> None:
    assert validate_example(repo, cli, "control-characters-in-message") == (
        f"cases/dongcun/dongcun-172.yaml:9:7: “风险等级”的值“{ODD_SHOWN}”不在可选范围内，"
        "应为：高、中、低\n检查了 2 个文件，发现 1 个问题\n"
    )


def test_validate_github_writes_control_characters_out(repo: Path, cli: Cli) -> None:
    out = validate_example(repo, cli, "control-characters-in-message", "--format", "github")
    assert out.splitlines() == [
        "::error file=cases/dongcun/dongcun-172.yaml,line=9,col=7,title=台账校验：enum"
        f"::“风险等级”的值“{ODD_SHOWN}”不在可选范围内，应为：高、中、低",
        f"cases/dongcun/dongcun-172.yaml:9:7: “风险等级”的值“{ODD_SHOWN}”不在可选范围内，"
        "应为：高、中、低",
        "检查了 2 个文件，发现 1 个问题",
    ]


def test_github_plain_lines_carry_no_runner_command(repo: Path, cli: Cli) -> None:
    out = validate_example(repo, cli, "ci-command-in-value", "--format", "github")
    assert out.splitlines() == [
        "::error file=cases/dongcun/dongcun-173.yaml,line=9,col=7,title=台账校验：enum"
        "::“风险等级”的值“##\\x5berror]高”不在可选范围内，应为：高、中、低",
        "::error file=cases/dongcun/dongcun-173.yaml,line=20,col=8,title=台账校验：enum"
        "::“是否已化解”的值“::error::否”不在可选范围内，应为：是、否",
        "cases/dongcun/dongcun-173.yaml:9:7: “风险等级”的值“##\\x5berror]高”不在可选范围内，"
        "应为：高、中、低",
        "cases/dongcun/dongcun-173.yaml:20:8: “是否已化解”的值“::error::否”不在可选范围内，"
        "应为：是、否",
        "检查了 2 个文件，发现 2 个问题",
    ]
    # What the runner looks for: "##[" anywhere, "::" after leading white space.
    assert "##[" not in out
    commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
    assert [line.split(" ", 1)[0] for line in commands] == ["::error", "::error"]


@pytest.fixture
def odd_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small campaign with 西村's name holding ESC and a CI command (quoted for YAML)."""
    campaign = SMALL_CAMPAIGN.replace("名称: 西村", '名称: "西\\e[8m村##[error]"')
    (tmp_path / "campaign.yaml").write_text(campaign, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_summary_table_writes_a_unit_name_out(odd_unit: Path, cli: Cli) -> None:
    result = cli("summary", "--today", "2019-08-05", "--period", "2019-07-1")
    # Aligned after writing out: the escape is as wide as it is printed.
    assert result.out.splitlines()[3:7] == [
        "报送单位                 排查数  化解数  化解率  累计排查数  累计化解数  累计化解率",
        "东村                          1       0    0.0%           1           0        0.0%",
        "西\\x1b[8m村##\\x5berror]       0       0       —           0           0           —",
        "工业园区管委会                0       0       —           0           0           —",
    ]
    _no_raw_controls(result.out)


def test_error_messages_write_control_characters_out(repo: Path, cli: Cli) -> None:
    result = cli("validate", "cases/a\x1b]0;x\x07.yaml")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "用法错误：“cases/a\\x1b]0;x\\x07.yaml”不存在\n",
    )


@pytest.mark.parametrize("fmt", ["json", "gitlab"])
def test_validate_json_writes_control_characters_as_json_escapes(
    repo: Path, cli: Cli, fmt: str
) -> None:
    """JSON keeps the data, but a raw RLO, C1 CSI or ``##[error]`` printed to a terminal or CI
    log acts there: they are written as JSON's own ``\\u`` escapes, which read back the same."""
    overlay(DATA / "invalid/control-characters-in-message", repo)
    overlay(DATA / "invalid/ci-command-in-value", repo)
    result = cli("validate", "--today", TODAY, "--format", fmt)
    assert r"“\u001b]0;标题\u0007高\u009b31m\u202e低”" in result.out
    assert r"“##\u005berror]高”" in result.out
    assert "##[" not in result.out
    _no_raw_controls(result.out)
    report = json.loads(result.out)
    messages = (
        [p["message"] for p in report["problems"]]
        if fmt == "json"
        else [p["description"] for p in report]
    )
    assert messages[:2] == [
        "“风险等级”的值“\x1b]0;标题\x07高\x9b31m\u202e低”不在可选范围内，应为：高、中、低",
        "“风险等级”的值“##[error]高”不在可选范围内，应为：高、中、低",
    ]


def test_usage_errors_write_the_argument_out(repo: Path, cli: Cli) -> None:
    """argparse quotes a bad --today or an unknown argument as typed."""
    result = cli("validate", "--today", "\x1b]0;x\x07##[error]")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines()[-1] == (
        "python -m generator validate：用法错误：参数 --today："
        "“\\x1b]0;x\\x07##\\x5berror]”不是 YYYY-MM-DD 格式的日期"
    )
    result = cli("validate", "--today", TODAY, "--what\u202e\x9b")
    assert result.err.splitlines()[-1] == (
        "python -m generator：用法错误：无法识别的参数：--what\\u202e\\x9b"
    )


def test_summary_json_writes_a_unit_name_as_json_escapes(odd_unit: Path, cli: Cli) -> None:
    result = cli("summary", "--today", "2019-08-05", "--period", "2019-07-1", "--format", "json")
    assert r'"西\u001b[8m村##\u005berror]"' in result.out
    period = json.loads(result.out)["periods"][0]
    names = [v["name"] for rows in period.values() if isinstance(rows, list) for v in rows]
    assert "西\x1b[8m村##[error]" in names  # the same data
    _no_raw_controls(result.out)


def test_a_system_error_writes_the_file_name_out(repo: Path, cli: Cli) -> None:
    """An --out under a file: the operating system's error names the path as typed."""
    (repo / "f\x1b]0;x\x07").write_text("", encoding="utf-8")
    result = cli("build", "--today", TODAY, "--out", "f\x1b]0;x\x07/site")
    assert (result.code, result.out) == (1, "")
    assert (
        result.err.splitlines()[-1] == f"错误：无法读写文件“{repo}/f\\x1b]0;x\\x07”：已有同名的文件"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_a_file_name_that_is_not_utf8_is_written_out(repo: Path, cli: Cli, fmt: str) -> None:
    """os.scandir gives a lone surrogate for the byte 0xFF; gitlab's fingerprint hashed it
    with a traceback, and JSON would print it raw (which stdout cannot encode)."""
    (repo / "cases/dongcun").mkdir()
    (repo / "cases/dongcun").joinpath(os.fsdecode(b"a\xff.yaml")).write_text("", encoding="utf-8")
    result = cli("validate", "--today", TODAY, "--format", fmt)
    assert (result.code, result.err) == (1, "")
    assert r"cases/dongcun/a\udcff.yaml" in result.out
    result.out.encode("utf-8")  # no lone surrogate left
