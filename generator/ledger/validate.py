"""Walk the repository, check campaign.yaml and every case file, build the models.

Every file is checked and every problem collected before anything is reported: one bad file
never hides another, and no file under cases/ is ever skipped without a word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ProblemsFound
from generator.ledger import campaign_rules, rules, schemacheck
from generator.ledger.layout import ID_PATTERN, explicit, scan_cases, whole
from generator.ledger.model import Campaign, Case
from generator.ledger.personal_check import check_personal_numbers, hide_personal_numbers
from generator.ledger.problems import Problem
from generator.ledger.profile import PRESET, Profile, profile_from_dict
from generator.ledger.records import campaign_from_dict, case_from_dict
from generator.ledger.reportnames import report_name_problems
from generator.ledger.schema import case_schema
from generator.ledger.yamlbounds import Finding
from generator.ledger.yamlload import Document, LoadError, load_bytes, size_problem

CAMPAIGN_FILE = "campaign.yaml"
UNIT_PATTERN = re.compile(r"[a-z][a-z0-9]{0,31}")


@dataclass
class Ledger:
    """Everything the data says, checked: the campaign, its valid cases, and every problem."""

    root: Path
    campaign: Campaign | None
    cases: list[Case] = field(default_factory=list)
    profile: Profile = PRESET  # the campaign's, or as much of it as is valid
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


def _read(root: Path, rel: str, kind: str = "case") -> Document:
    """A ``case`` or ``campaign`` file, its lists capped by that schema before they are built."""
    full = root / rel
    try:
        too_big = size_problem(full.stat().st_size)
        if too_big:  # refuse before reading 20 MB into memory
            raise too_big
        raw = full.read_bytes()
    except PermissionError:
        raise LoadError("无法读取文件：没有读取权限", rule="read") from None
    except OSError as err:
        raise LoadError(f"无法读取文件（系统错误码 {err.errno}）", rule="read") from None
    return load_bytes(raw, schemacheck.limits(kind))


def _shown(found: list[Finding], numbers: list[Finding]) -> list[Finding]:
    """The findings and the ``personal-number`` ones, no message quoting a number.

    A value holding a number gets only its ``personal-number`` problem: typed as a YAML number
    it is also "not text", and the advice to quote it would be wrong.
    """
    numbered = {(line, col) for line, col, _, _ in numbers}
    return [
        (line, col, rule, hide_personal_numbers(message))
        for line, col, rule, message in found
        if (line, col) not in numbered
    ] + numbers


def load_campaign(root: Path) -> tuple[Campaign | None, list[Problem]]:
    campaign, _, problems = _load_campaign(root)
    return campaign, problems


def _load_campaign(root: Path) -> tuple[Campaign | None, Profile, list[Problem]]:
    """The campaign if valid, and the profile its valid parts say, to check the cases with."""
    rel = CAMPAIGN_FILE
    if not (root / rel).is_file():
        message = "找不到 campaign.yaml：请在仓库根目录填写活动信息"
        return None, PRESET, [whole(rel, "missing", message)]
    try:
        doc = _read(root, rel, "campaign")
    except LoadError as err:
        return None, PRESET, [Problem(rel, err.line, err.col, err.rule, err.message)]
    data = doc.data
    found, invalid = schemacheck.examine("campaign", data, doc)
    valid = rules.valid_part(data, invalid)
    found += campaign_rules.check_campaign(valid, doc)
    people = data.get("人员")
    numbers = check_personal_numbers("campaign", people, doc, ("人员",))
    problems = sorted(Problem(rel, *f) for f in _shown(found, list(numbers)))
    if problems:
        return (
            None,
            profile_from_dict(valid.get("台账") if isinstance(valid, dict) else None),
            problems,
        )
    campaign = campaign_from_dict(data)
    return campaign, campaign.profile, problems


def check_case_file(
    root: Path, rel: str, campaign: Campaign | None, today: dt.date, profile: Profile | None = None
) -> tuple[Case | None, list[Problem]]:
    """Load and check one case file at cases/<unit>/<id>.yaml, against the campaign's profile
    (or, while campaign.yaml is invalid, the profile its valid parts say)."""
    profile = profile or (campaign.profile if campaign else PRESET)
    schema = profile.case_schema
    _, unit, name = rel.split("/")
    case_id = name[: -len(".yaml")]
    try:
        doc = _read(root, rel, "case")
    except LoadError as err:
        return None, [Problem(rel, err.line, err.col, err.rule, err.message)]
    numbers = list(check_personal_numbers(schema, doc.data, doc))
    data = normalize_case(doc.data)
    found, invalid = schemacheck.examine(schema, data, doc)
    # 编号 and 单位 are compared with the path only when well-formed: a malformed one (say
    # "../xicun-001") already has its own message from the schema.
    for key, expected, pattern in (("编号", case_id, ID_PATTERN), ("单位", unit, UNIT_PATTERN)):
        value = data.get(key)
        if isinstance(value, str) and pattern.fullmatch(value) and value != expected:
            pos = doc.value_pos((key,))
            found.append(
                (pos.line, pos.col, "path", f"“{key}”“{value}”与文件路径不符，应为“{expected}”")
            )
    owner = case_id.split("-", 1)[0]  # unit codes have no "-"
    if owner != unit:
        found.append(
            (
                1,
                1,
                "path",
                f"编号“{case_id}”属于单位 {owner}，却放在 {unit} 文件夹中（应放在 cases/{owner}/）",
            )
        )
    found += rules.check_case(rules.valid_part(data, invalid), doc, campaign, today, profile)
    problems = sorted(Problem(rel, *f) for f in _shown(found, numbers))
    if problems:
        return None, problems
    return case_from_dict(data, unit, case_id, rel, profile), []


def _unit_order(campaign: Campaign | None) -> dict[str, int]:
    return {code: i for i, code in enumerate(campaign.unit_codes())} if campaign else {}


def load_ledger(root: Path, today: dt.date, only: Iterable[str] | None = None) -> Ledger:
    """Check the repository at root; with ``only`` (file paths), report just on those files.

    Cross-file rules (unique ids) always look at the whole tree, and naming campaign.yaml
    checks every case, since every case depends on it. An invalid campaign.yaml is always
    reported: no case can be checked properly without it.
    """
    campaign, profile, campaign_problems = _load_campaign(root)
    case_files, layout = scan_cases(root, set(campaign.unit_codes()) if campaign else None)
    only = None if only is None else list(only)
    wanted = None if only is None or CAMPAIGN_FILE in only else set(only)
    ledger = Ledger(root=root, campaign=campaign, profile=profile)
    if wanted is None:
        ledger.problems += campaign_problems + layout
        ledger.files = 1 + len(case_files) + len({p.path for p in layout})
    else:
        ledger.problems += explicit(root, wanted, case_files, layout)
        ledger.files = len(wanted)
        if campaign is None:
            ledger.problems += campaign_problems
            ledger.files += 1
    if wanted is None and campaign is not None:  # a report no command would read, named
        named = report_name_problems(root, campaign.profile.rhythm, campaign.start)
        ledger.problems += named
        ledger.files += len(named)
    by_id: dict[str, list[str]] = {}
    for rel in case_files:
        by_id.setdefault(rel.rsplit("/", 1)[1][: -len(".yaml")], []).append(rel)
    for rel in case_files:
        if wanted is not None and rel not in wanted:
            continue
        case_id = rel.rsplit("/", 1)[1][: -len(".yaml")]
        others = [other for other in by_id[case_id] if other != rel]
        if others:
            message = f"编号“{case_id}”重复：{'、'.join(others)} 也用了这个编号"
            ledger.problems.append(whole(rel, "duplicate-id", message))
        case, found = check_case_file(root, rel, campaign, today, profile)
        ledger.problems += found
        if case is not None and not others:
            ledger.cases.append(case)
    order = _unit_order(campaign)
    ledger.cases.sort(key=lambda c: (order.get(c.unit, len(order)), c.id))
    ledger.problems.sort()
    return ledger


def checked_campaign(root: Path, consequence: str) -> Campaign:
    """campaign.yaml for a command that needs only it; otherwise ProblemsFound, listing them.

    ``consequence`` ends the message: “campaign.yaml 有误，<consequence>”.
    """
    campaign, problems = load_campaign(root)
    if campaign is None:
        raise ProblemsFound(f"campaign.yaml 有误，{consequence}", problems, 1)
    return campaign


def checked_ledger(root: Path, today: dt.date) -> tuple[Campaign, list[Case]]:
    """The campaign and cases for a command that needs valid data; otherwise ProblemsFound."""
    ledger = load_ledger(root, today)
    if ledger.problems or ledger.campaign is None:
        message = "数据有误，请先修正上面列出的问题（python -m generator validate）"
        raise ProblemsFound(message, ledger.problems, ledger.files)
    return ledger.campaign, ledger.cases
