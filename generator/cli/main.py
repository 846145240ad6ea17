"""The command line: parse arguments, call one function of the core, turn errors into exit codes.

Exit status of every command: 0 success, 1 invalid data, 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import importlib
import sys
from collections.abc import Sequence

from generator.cli.commands import COMMANDS
from generator.errors import DataError, UsageError
from generator.terminal import printable_lines

# argparse looks its messages up through the module-level ``_`` (gettext) at call time;
# the people who run these commands read Chinese.
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "expected one argument": "需要一个参数值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": (
        "有歧义的选项：%(option)s 可匹配 %(matches)s"
    ),
}
argparse._ = lambda text: _ZH.get(text, text)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        # argparse quotes what was typed (a bad --today, an unknown argument) as it is.
        self.exit(2, f"{self.prog}：用法错误：{printable_lines(message)}\n")


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--today",
        type=date_arg,
        metavar="日期",
        help="把这一天当作今天（YYYY-MM-DD），使结果可重复；默认取北京时间的今天",
    )
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
        importlib.import_module(f"generator.cli.commands.{name}").register(sub, common)
    return parser


_OS_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EFBIG: "文件过大，超出系统允许的大小",
    errno.EROFS: "是只读的文件系统",
    errno.EISDIR: "是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已有同名的文件",
}


def os_message(err: OSError) -> str:
    """An operating-system error (an unwritable --out, a full disk) in Chinese, naming the file."""
    reason = _OS_ERRORS.get(err.errno or 0, err.strerror or type(err).__name__)
    where = f"“{err.filename}”" if err.filename else ""
    return f"无法读写文件{where}：{reason}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except UsageError as err:
        print(printable_lines(f"用法错误：{err}"), file=sys.stderr)  # may quote a file or sheet
        return 2
    except DataError as err:
        print(printable_lines(f"错误：{err}"), file=sys.stderr)
        return 1
    except OSError as err:
        print(printable_lines(f"错误：{os_message(err)}"), file=sys.stderr)  # names a path
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    return code
