"""``validate [PATH…]``: check case files and campaign.yaml, print every problem."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.cli.options import Command, choice, option
from generator.errors import UsageError
from generator.ledger.problems import FORMATS
from generator.ledger.validate import load_ledger
from generator.system import clock, files

COMMAND = Command(
    "validate",
    help="检查案件文件和 campaign.yaml",
    description="检查案件文件和 campaign.yaml，每个问题一行：路径:行:列: 说明。"
    "不给路径时检查整个仓库；给出路径时只报告这些文件，但编号唯一性总是看整个仓库。",
    options=(
        option("paths", nargs="*", metavar="路径", help="要检查的文件或文件夹"),
        choice(
            "--format",
            sorted(FORMATS),
            "text",
            "输出格式：text（默认）、github（工作流注释）、gitlab（代码质量报告）、json",
        ),
    ),
)


def expand(root: Path, paths: list[str]) -> list[str] | None:
    """Paths given on the command line, as file paths relative to root with forward slashes.

    None means the whole repository: naming its root (``validate .``) checks everything, rather
    than walking .venv and node_modules file by file.
    """
    out: list[str] = []
    for raw in paths:
        full = Path(raw).resolve()  # as typed: relative to the current directory
        try:
            rel = full.relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"“{raw}”不在当前仓库中") from None
        if not full.exists():
            raise UsageError(f"“{raw}”不存在")
        if rel == Path("."):
            return None
        if full.is_dir():
            for dirpath, dirnames, filenames in os.walk(full):
                dirnames.sort()
                for name in sorted(filenames):
                    out.append((Path(dirpath) / name).relative_to(root.resolve()).as_posix())
        else:
            out.append(rel.as_posix())
    return out


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    only = expand(root, args.paths) if args.paths else None
    ledger = load_ledger(root, clock.today(args.today), only)
    sys.stdout.write(FORMATS[args.format](ledger.problems, ledger.files))
    return 1 if ledger.problems else 0
