"""argparse in Chinese: a parser whose own words (usage, errors, the -h help) are translated.

argparse looks its messages up through its module-level ``_`` (gettext) when it builds a parser,
parses or formats help. The translation is put in place only while one of our parsers does
that, and the original restored after: importing the command line changes nothing, and other
parsers in the same process (pytest's own) keep their words.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

from generator.terminal import printable_lines

ZH = {
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


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse's messages in Chinese inside the block; whatever was there before, after it."""
    saved: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ZH.get(text, saved(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """Builds, parses and formats help in Chinese; a usage error quotes what was typed safely."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with chinese():  # the -h help and the group titles are looked up here
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():  # its own "unrecognized arguments" error
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # argparse quotes what was typed (a bad --today, an unknown argument) as it is.
        self.exit(2, f"{self.prog}：用法错误：{printable_lines(message)}\n")


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None
