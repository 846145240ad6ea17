"""Our parser speaks Chinese; importing the command line changes nothing."""

from __future__ import annotations

import argparse
import gettext
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parent.parent

VALIDATE_USAGE = (
    "用法：python -m generator validate [-h] [--today 日期]\n"
    "                                [--format {github,gitlab,json,text}]\n"
    "                                [路径 ...]\n"
)


def test_importing_the_command_line_leaves_argparse_alone() -> None:
    # A fresh interpreter: nothing imported before, every command module imported after.
    modules = ", ".join(f"generator.cli.commands.{name}" for name in COMMANDS)
    probe = (
        "import argparse, gettext\n"
        f"import generator.cli, generator.cli.main, {modules}\n"
        "assert argparse._ is gettext.gettext, argparse._\n"
        "argparse.ArgumentParser(prog='other').parse_args(['--nope'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "usage: other [-h]\nother: error: unrecognized arguments: --nope\n"


def test_after_our_parser_ran_other_parsers_are_english_again(
    cli: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("validate", "--format", "x").code == 2
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="other").parse_args(["--nope"])
    assert capsys.readouterr().err == (
        "usage: other [-h]\nother: error: unrecognized arguments: --nope\n"
    )


def test_help_is_chinese(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("validate", "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out == VALIDATE_USAGE + (
        "\n"
        "检查案件文件和 campaign.yaml，每个问题一行：路径:行:列:\n"
        "说明。不给路径时检查整个仓库；给出路径时只报告这些文件，但编号唯一性总是看整个仓库。\n"
        "\n"
        "位置参数:\n"
        "  路径                    要检查的文件或文件夹\n"
        "\n"
        "选项:\n"
        "  -h, --help            显示帮助并退出\n"
        "  --today 日期            "
        "把这一天当作今天（YYYY-MM-DD），使结果可重复；默认取北京时间的今天\n"
        "  --format {github,gitlab,json,text}\n"
        "                        "
        "输出格式：text（默认）、github（工作流注释）、gitlab（代码质量报告）、json\n"
    )
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


def test_usage_errors_are_chinese(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("validate", "--format", "x")
    assert (result.code, result.out) == (2, "")
    assert result.err == VALIDATE_USAGE + (
        "python -m generator validate：用法错误：参数 --format："
        "无效的选择：'x'（可选：'github', 'gitlab', 'json', 'text'）\n"
    )
    result = cli("move", "--today", "2026-11-29")
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "python -m generator move：用法错误：缺少必需的参数：编号, --to"
    )
    result = cli("summary", "--today", "2026-11-29", "extra")
    assert result.err.splitlines()[-1] == "python -m generator：用法错误：无法识别的参数：extra"
