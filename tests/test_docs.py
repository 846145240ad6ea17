"""Every command has Chinese help and a line in the README's command list (sqlite-utils' habit)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from generator.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


COMMANDS = _commands()


def test_the_command_list_is_the_one_the_design_names() -> None:
    design = {"validate", "build", "summary", "export", "import", "new", "move", "submit", "diff"}
    design |= {"anonymize"}
    assert design <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_chinese_help(name: str) -> None:
    parser = COMMANDS[name]
    assert parser.description and CJK.search(parser.description), name
    for action in parser._actions:
        if action.help not in (None, argparse.SUPPRESS):
            assert CJK.search(action.help), f"{name} {action.dest}: {action.help}"
    assert any("--today" in a.option_strings for a in parser._actions), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme_command_list(name: str) -> None:
    section = README.split("## 命令一览", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| `{re.escape(name)}[ `]", section, re.M), name


def test_the_readme_lists_exactly_the_built_in_synonyms() -> None:
    """The README's table is the clerks' list of what import changes: it must be the code's."""
    from generator.excel.synonyms import SYNONYMS

    table = README.split("内置的同义说法", 1)[1].split("\n\n", 2)[1]
    listed: dict[tuple[str, str], set[str]] = {}
    for line in table.splitlines()[2:]:
        keys, values, words = (cell.strip() for cell in line.strip("|").split("|"))
        for value, group in zip(values.split(" / "), words.split(" / "), strict=True):
            for key in keys.split("、"):
                listed[key, value] = set(group.split("、"))
    coded = {(k, v): set(ws.split()) for k, table in SYNONYMS.items() for v, ws in table.items()}
    assert listed == coded
