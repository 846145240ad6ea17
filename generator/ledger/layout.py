"""The tree under cases/: every case file's path, and a problem for everything that is not one.

No file under cases/ is ever skipped without a word: a stray file, a .yml, a folder of no unit,
a symbolic link are each a problem of their own.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.ledger.problems import Problem

CASES_DIR = "cases"
ID_PATTERN = re.compile(r"[a-z][a-z0-9]{0,31}-[0-9]{3,}(?:-[0-9]{2,})?")


def whole(rel: str, rule: str, message: str) -> Problem:
    """A problem of a whole file or folder: it sits at 1:1."""
    return Problem(rel, 1, 1, rule, message)


def scan_cases(root: Path, units: set[str] | None) -> tuple[list[str], list[Problem]]:
    """Every case file path under cases/, and a problem for everything that is not one."""
    files: list[str] = []
    problems: list[Problem] = []
    base = root / CASES_DIR
    if base.is_symlink():  # it could lead anywhere: data outside the repository and its review
        message = "cases 不能是符号链接，案件文件应放在仓库中真正的 cases/ 文件夹里"
        return files, [whole(CASES_DIR, "layout", message)]
    if not base.is_dir():
        return files, problems
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        rel = f"{CASES_DIR}/{entry.name}"
        if entry.is_symlink():
            problems.append(whole(rel, "layout", "cases/ 下不允许符号链接"))
        elif not entry.is_dir():
            message = "cases/ 下只能放单位文件夹，案件文件应放在 cases/<单位代码>/ 中"
            problems.append(whole(rel, "layout", message))
        else:
            filled = _scan_unit(base, entry.name, units, files, problems)
            # Each file in a folder of no unit says so itself; an empty one needs its own line.
            if not filled and units is not None and entry.name not in units:
                message = f"文件夹“{entry.name}”不是 campaign.yaml 中的单位代码"
                problems.append(whole(rel, "unknown-unit", message))
    return files, problems


def _scan_unit(
    base: Path, unit: str, units: set[str] | None, files: list[str], problems: list[Problem]
) -> bool:
    """Sort a unit folder's entries into case files and problems; False if it is empty."""
    entries = sorted(os.scandir(base / unit), key=lambda e: e.name)
    for entry in entries:
        rel = f"{CASES_DIR}/{unit}/{entry.name}"
        stem, dot, ext = entry.name.rpartition(".")
        if entry.is_symlink():
            problems.append(whole(rel, "layout", "cases/ 下不允许符号链接"))
        elif entry.is_dir():
            problems.append(whole(rel, "layout", "单位文件夹中不能再有子文件夹"))
        elif dot and ext == "yml":
            problems.append(whole(rel, "layout", f"扩展名应为 .yaml，请改名为 {stem}.yaml"))
        elif not dot or ext != "yaml":
            message = "单位文件夹中只能放案件文件（<编号>.yaml），这是多余的文件"
            problems.append(whole(rel, "layout", message))
        elif not ID_PATTERN.fullmatch(stem):
            message = f"文件名“{stem}”不是有效的编号，应为“单位代码-序号”，如 {unit}-007"
            problems.append(whole(rel, "file-name", message))
        elif units is not None and unit not in units:
            message = f"所在文件夹“{unit}”不是 campaign.yaml 中的单位代码"
            problems.append(whole(rel, "unknown-unit", message))
        else:
            files.append(rel)
    return bool(entries)


def explicit(
    root: Path, wanted: set[str], case_files: list[str], layout: list[Problem]
) -> list[Problem]:
    """Problems of files named on the command line that are not case files where they are."""
    problems = [p for p in layout if p.path in wanted]
    known = set(case_files) | {p.path for p in problems}
    for rel in sorted(wanted - known):
        if not (root / rel).is_file():
            problems.append(whole(rel, "missing", "文件不存在"))
        elif not rel.startswith(f"{CASES_DIR}/"):
            message = "只能检查 cases/ 下的案件文件和 campaign.yaml"
            problems.append(whole(rel, "layout", message))
        else:  # inside a folder that is itself wrong (a sub-folder, a symlink): say why
            problems += [
                whole(rel, p.rule, p.message) for p in layout if rel.startswith(p.path + "/")
            ]
    return problems
