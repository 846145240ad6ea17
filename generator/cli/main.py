"""The command line: parse arguments, call one function of the core, turn errors into exit codes.

Exit status of every command: 0 success, 1 invalid data, 2 a usage error.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from generator.cli.commands import COMMANDS
from generator.cli.explain import ERRORS, explain
from generator.cli.options import date_option, register
from generator.cli.parser import Parser


def common_options() -> Parser:
    common = Parser(add_help=False)
    today = date_option(
        "--today", "把这一天当作今天（YYYY-MM-DD），使结果可重复；默认取北京时间的今天"
    )
    common.add_argument(*today.names, **today.settings)
    return common


def build_parser() -> Parser:
    parser = Parser(
        prog="python -m generator",
        description="台账：信访矛盾纠纷排查化解案件台账。所有命令都作用于当前目录下的仓库。",
        epilog="退出码：0 成功，1 数据有误，2 用法错误。",
    )
    sub = parser.add_subparsers(dest="command", metavar="<命令>", parser_class=Parser)
    sub.required = True
    common = common_options()
    for name in COMMANDS:
        register(sub, common, importlib.import_module(f"generator.cli.commands.{name}"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ERRORS as err:
        return explain(err)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    return code
