"""The command table's pieces: a command is a name, its help texts and a tuple of options.

Each module in ``commands/`` holds one ``COMMAND`` and its ``run(args)``; ``register`` turns
that into an argparse sub-command with ``--today`` (``common``). Options several commands
share (``--privacy``, ``--format``, ``--check``…) are written once here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from generator.cli.parser import date_arg
from generator.core import privacy


@dataclass(frozen=True)
class Option:
    """One ``add_argument`` call: its names and keyword arguments."""

    names: tuple[str, ...]
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    """One sub-command: what ``--help`` says about it and the options it takes."""

    name: str
    help: str
    description: str
    options: tuple[Option, ...] = ()


def option(*names: str, **settings: Any) -> Option:
    return Option(names, settings)


def flag(name: str, help: str) -> Option:
    """An option that is either given or not (``--check``, ``--dry-run``)."""
    return option(name, action="store_true", help=help)


def choice(name: str, choices: Sequence[str], default: str, help: str) -> Option:
    return option(name, choices=choices, default=default, help=help)


# --period takes an id of the campaign's rhythm (报送周期) or a day inside the period.
PERIOD_FORMS = (
    "时段编号按本次活动的报送周期写，如 2019-07-1（半月）、2019-W27（周）、2019-07（月）、"
    "2019-Q3（季），也可写时段内的一天，如 2019-07-01"
)


def period_option(what: str, required: bool = False) -> Option:
    """``--period``, which names a period by its id or by a day inside it."""
    return option("--period", required=required, metavar="时段", help=f"{what}；{PERIOD_FORMS}")


def privacy_option(help: str) -> Option:
    """``--privacy masked|full``, masked unless asked otherwise."""
    return choice("--privacy", [privacy.MASKED, privacy.FULL], privacy.MASKED, help)


def port_option(help: str) -> Option:
    return option("--port", type=int, default=8000, metavar="端口", help=help)


def date_option(name: str, help: str) -> Option:
    return option(name, type=date_arg, metavar="日期", help=help)


def register(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser, module: ModuleType
) -> None:
    """Add the command of a ``commands/`` module, run by its ``run(args)``."""
    command: Command = module.COMMAND
    parser = sub.add_parser(
        command.name, parents=[common], help=command.help, description=command.description
    )
    for each in command.options:
        parser.add_argument(*each.names, **each.settings)
    parser.set_defaults(func=module.run)
