"""Walk the repository, check campaign.yaml and every case file, build the models.

Every file is checked and every problem collected before anything is reported: one bad file
never hides another, and no file under cases/ is ever skipped without a word.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import rules, schemacheck
from generator.model import Campaign, Case, campaign_from_dict, case_from_dict
from generator.problems import Problem
from generator.schemas import case_schema
from generator.yamlload import Document, LoadError, load_bytes

CAMPAIGN_FILE = "campaign.yaml"
CASES_DIR = "cases"
ID_PATTERN = re.compile(r"[a-z][a-z0-9]{0,31}-[0-9]{3,}(?:-[0-9]{2,})?")
UNIT_PATTERN = re.compile(r"[a-z][a-z0-9]{0,31}")


@dataclass
class Ledger:
    """Everything the data says, checked: the campaign, its valid cases, and every problem."""

    root: Path
    campaign: Campaign | None
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.campaign is not None


def is_empty(value: Any) -> bool:
    """An optional value the web editor writes for a cleared field: '', null, {} of empties, []."""
    if value is None or value == "" or value == []:
        return True
    return isinstance(value, dict) and all(v is None or v == "" for v in value.values())


def normalize_case(data: dict[str, Any]) -> dict[str, Any]:
    """Drop optional keys whose value counts as absent; required keys are kept for the schema."""
    required = set(case_schema()["required"])
    return {k: v for k, v in data.items() if k in required or not is_empty(v)}


def _problem(path: str, line: int, col: int, rule: str, message: str) -> Problem:
    return Problem(path, line, col, rule, message)


def _read(root: Path, rel: str) -> Document:
    full = root / rel
    size = full.stat().st_size
    if size > 1024 * 1024:  # refuse before reading 20 MB into memory
        raise LoadError(f"文件大小 {size / 1024 / 1024:.1f} MB，超过 1 MB 的上限", rule="size")
    return load_bytes(full.read_bytes())


def load_campaign(root: Path) -> tuple[Campaign | None, list[Problem]]:
    rel = CAMPAIGN_FILE
    if not (root / rel).is_file():
        return None, [_problem(rel, 1, 1, "missing", "找不到 campaign.yaml：请在仓库根目录填写活动信息")]
    try:
        doc = _read(root, rel)
    except LoadError as err:
        return None, [_problem(rel, err.line, err.col, err.rule, err.message)]
    data = doc.data
    found = list(schemacheck.check("campaign", data, doc))
    if not found:
        found = list(rules.check_campaign(data, doc))
    problems = [_problem(rel, *f) for f in found]
    return (None if problems else campaign_from_dict(data)), problems


def _scan_cases(root: Path, campaign: Campaign | None) -> tuple[list[str], list[Problem]]:
    """Every case file path under cases/, and a problem for everything that is not one."""
    files: list[str] = []
    problems: list[Problem] = []
    base = root / CASES_DIR
    if not base.is_dir():
        return files, problems
    units = set(campaign.unit_codes()) if campaign else None
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        rel = f"{CASES_DIR}/{entry.name}"
        if entry.is_symlink():
            problems.append(_problem(rel, 1, 1, "layout", "cases/ 下不允许符号链接"))
        elif not entry.is_dir():
            problems.append(
                _problem(rel, 1, 1, "layout", "cases/ 下只能放单位文件夹，案件文件应放在 cases/<单位代码>/ 中")
            )
        else:
            before = len(files)
            _scan_unit(base, entry.name, units, files, problems)
            if units is not None and entry.name not in units and len(files) == before:
                problems.append(
                    _problem(rel, 1, 1, "unknown-unit", f"文件夹“{entry.name}”不是 campaign.yaml 中的单位代码")
                )
    return files, problems


def _scan_unit(
    base: Path, unit: str, units: set[str] | None, files: list[str], problems: list[Problem]
) -> None:
    for entry in sorted(os.scandir(base / unit), key=lambda e: e.name):
        rel = f"{CASES_DIR}/{unit}/{entry.name}"
        stem, dot, ext = entry.name.rpartition(".")
        if entry.is_symlink():
            problems.append(_problem(rel, 1, 1, "layout", "cases/ 下不允许符号链接"))
        elif entry.is_dir():
            problems.append(_problem(rel, 1, 1, "layout", "单位文件夹中不能再有子文件夹"))
        elif dot and ext == "yml":
            problems.append(_problem(rel, 1, 1, "layout", f"扩展名应为 .yaml，请改名为 {stem}.yaml"))
        elif not dot or ext != "yaml":
            problems.append(
                _problem(rel, 1, 1, "layout", "cases/ 下只能放案件文件（<编号>.yaml），这里有多余的文件")
            )
        elif not ID_PATTERN.fullmatch(stem):
            problems.append(
                _problem(rel, 1, 1, "file-name", f"文件名“{stem}”不是有效的编号，应为“单位代码-序号”，如 {unit}-007")
            )
        elif units is not None and unit not in units:
            problems.append(
                _problem(rel, 1, 1, "unknown-unit", f"所在文件夹“{unit}”不是 campaign.yaml 中的单位代码")
            )
        else:
            files.append(rel)


def check_case_file(
    root: Path, rel: str, campaign: Campaign | None, today: dt.date
) -> tuple[Case | None, list[Problem]]:
    """Load and check one case file at cases/<unit>/<id>.yaml."""
    _, unit, name = rel.split("/")
    case_id = name[: -len(".yaml")]
    try:
        doc = _read(root, rel)
    except LoadError as err:
        return None, [_problem(rel, err.line, err.col, err.rule, err.message)]
    data = normalize_case(doc.data)
    found = list(schemacheck.check("case", data, doc))
    for key, expected in (("编号", case_id), ("单位", unit)):
        if key in data and isinstance(data[key], str) and data[key] != expected:
            pos = doc.value_pos((key,))
            found.append((pos.line, pos.col, "path", f"“{key}”“{data[key]}”与文件路径不符，应为“{expected}”"))
    if not case_id.startswith(unit + "-"):
        pos = doc.value_pos(("编号",)) if "编号" in data else doc.value_pos(())
        owner = case_id.rsplit("-", 2)[0] if case_id.count("-") == 2 else case_id.split("-")[0]
        found.append(
            (pos.line, pos.col, "path", f"编号“{case_id}”属于单位 {owner}，却放在 {unit} 文件夹中")
        )
    if not found:
        found = list(rules.check_case(data, doc, campaign, today))
    problems = sorted(_problem(rel, *f) for f in found)
    if problems:
        return None, problems
    return case_from_dict(data, unit, case_id, rel), []


def _unit_order(campaign: Campaign | None) -> dict[str, int]:
    return {code: i for i, code in enumerate(campaign.unit_codes())} if campaign else {}


def load_ledger(root: Path, today: dt.date, only: Iterable[str] | None = None) -> Ledger:
    """Check the repository at root; with ``only`` (file paths), report just on those files.

    Cross-file rules (unique ids) always look at the whole tree, and naming campaign.yaml
    checks every case, since every case depends on it.
    """
    campaign, campaign_problems = load_campaign(root)
    case_files, layout = _scan_cases(root, campaign)
    wanted = None if only is None or CAMPAIGN_FILE in only else set(only)
    ledger = Ledger(root=root, campaign=campaign)
    if wanted is None:
        ledger.problems += campaign_problems + layout
        ledger.files = 1 + len(case_files) + len({p.path for p in layout})
    else:
        ledger.problems += [p for p in layout if p.path in wanted]
        for rel in sorted(wanted):
            if not (root / rel).is_file():
                ledger.problems.append(_problem(rel, 1, 1, "missing", "文件不存在"))
            elif not rel.startswith(f"{CASES_DIR}/"):
                ledger.problems.append(
                    _problem(rel, 1, 1, "layout", "只能检查 cases/ 下的案件文件和 campaign.yaml")
                )
        ledger.files = len(wanted)
    seen: dict[str, str] = {}
    for rel in case_files:
        case_id = rel.rsplit("/", 1)[1][: -len(".yaml")]
        first = seen.setdefault(case_id, rel)
        if wanted is not None and rel not in wanted:
            continue
        if first != rel:
            ledger.problems.append(
                _problem(rel, 1, 1, "duplicate-id", f"编号“{case_id}”与 {first} 重复")
            )
        case, found = check_case_file(root, rel, campaign, today)
        ledger.problems += found
        if case is not None:
            ledger.cases.append(case)
    order = _unit_order(campaign)
    ledger.cases.sort(key=lambda c: (order.get(c.unit, len(order)), c.id))
    ledger.problems.sort()
    return ledger


def checked_ledger(root: Path, today: dt.date) -> tuple[Campaign, list[Case]]:
    """The campaign and cases for a command that needs valid data; otherwise report and stop."""
    import sys

    from generator.errors import DataError
    from generator.problems import format_text

    ledger = load_ledger(root, today)
    if ledger.problems or ledger.campaign is None:
        sys.stdout.write(format_text(ledger.problems, ledger.files))
        raise DataError("数据有误，请先修正上面列出的问题（python -m generator validate）")
    return ledger.campaign, ledger.cases
