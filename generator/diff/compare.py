"""What a change does to the ledger: cases added, removed, moved, resolved, reopened, edited.

Works on two checked ledgers (base and head) and returns a :class:`LedgerDiff`; reading them
from git is :mod:`generator.core.snapshot`'s job, printing is :mod:`generator.diff.render`'s.
Petitioner data is masked here, before any renderer sees it, by the engine of every output
(``privacy.Masker``): names keep their first character, addresses are never shown, both are
masked in free text (every petitioner of either side, and earlier versions given by the caller),
and personal numbers are masked in every mode. ``--privacy full`` shows names and addresses.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from generator.core import privacy, snapshot
from generator.core.reports import load_submitted
from generator.core.summary import summarize
from generator.diff import figures as diff_summary
from generator.diff.figures import Drift, RowDelta
from generator.errors import DataError
from generator.ledger.model import Campaign, Case, case_to_dict
from generator.ledger.problems import Problem
from generator.ledger.schema import campaign_schema, case_keys, title
from generator.ledger.validate import load_ledger

RISK_ORDER = {"低": 0, "中": 1, "高": 2}


@dataclass(frozen=True)
class Side:
    ref: str
    commit: str
    files: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Brief:
    """An added or removed case, in one line."""

    id: str
    unit: str
    unit_name: str
    screened_on: dt.date
    petitioner: str  # masked
    category: str
    risk: str
    resolved: bool


@dataclass(frozen=True)
class Move:
    old_id: str
    old_unit: str
    old_unit_name: str
    new_id: str
    new_unit: str
    new_unit_name: str


@dataclass(frozen=True)
class FieldChange:
    key: str  # 风险等级, 信访人.姓名, 工作措施 …
    title: str  # the schema's Chinese title
    old: str  # display text, masked; "" = absent
    new: str
    hidden: bool = False  # personal data whose values are never shown

    @property
    def risk_raised(self) -> bool:
        return self.key == "风险等级" and RISK_ORDER[self.new] > RISK_ORDER[self.old]


@dataclass(frozen=True)
class CaseChange:
    id: str
    unit: str
    unit_name: str
    changes: tuple[FieldChange, ...]
    became_resolved: bool
    reopened: bool
    resolved_on: dt.date | None
    resolution: str | None

    @property
    def risk_change(self) -> FieldChange | None:
        return next((c for c in self.changes if c.risk_raised), None)


@dataclass(frozen=True)
class LedgerDiff:
    base: Side
    head: Side
    as_of: dt.date
    added: tuple[Brief, ...] = ()
    removed: tuple[Brief, ...] = ()
    moved: tuple[Move, ...] = ()
    changed: tuple[CaseChange, ...] = ()
    periods: tuple[RowDelta, ...] = ()  # rows whose 排查数 or 化解数 changed, with 合计
    cumulative: tuple[RowDelta, ...] = ()  # as-of period rows whose running sums changed
    drifts: tuple[Drift, ...] = ()
    reports_added: tuple[str, ...] = ()  # period ids newly recorded as submitted
    reports_removed: tuple[str, ...] = ()
    reports_changed: tuple[str, ...] = ()
    campaign_changed: tuple[str, ...] = ()  # titles of changed campaign.yaml keys

    @property
    def valid(self) -> bool:
        return not self.head.problems

    @property
    def resolved(self) -> tuple[CaseChange, ...]:
        return tuple(c for c in self.changed if c.became_resolved)

    @property
    def reopened(self) -> tuple[CaseChange, ...]:
        return tuple(c for c in self.changed if c.reopened)

    @property
    def risk_raised(self) -> tuple[CaseChange, ...]:
        return tuple(c for c in self.changed if c.risk_change)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "moved": len(self.moved),
            "resolved": len(self.resolved),
            "reopened": len(self.reopened),
            "risk_raised": len(self.risk_raised),
            "changed": len(self.changed),
        }

    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in _META)


_META = {"base", "head", "as_of"}


@dataclass(frozen=True)
class _State:
    """One side of the comparison, loaded and checked."""

    side: Side
    campaign: Campaign | None
    cases: dict[str, Case]
    reports: dict[str, dict[str, Any]]


def compare(
    root: Path,
    base_ref: str,
    head_ref: str,
    today: dt.date,
    earlier: Iterable[tuple[str, str]] = (),
    mode: str = privacy.MASKED,
) -> LedgerDiff:
    """Read both revisions from git, check them, and say what changed between them.

    ``earlier``: (姓名, 住址) of earlier versions in git history, masked like the current ones.
    """
    base_rev = snapshot.resolve(root, base_ref)
    head_rev = snapshot.resolve(root, head_ref)
    with tempfile.TemporaryDirectory(prefix="taizhang-diff-") as tmp:
        base = _load(root, base_rev, Path(tmp) / "base", today, head=False)
        head = _load(root, head_rev, Path(tmp) / "head", today, head=True)
    return diff_states(base, head, today, earlier, mode)


def _load(root: Path, rev: snapshot.Revision, dest: Path, today: dt.date, head: bool) -> _State:
    dest.mkdir()
    snapshot.export(root, rev, dest)
    ledger = load_ledger(dest, today)
    side = Side(rev.ref, rev.commit, ledger.files, tuple(ledger.problems))
    cases = {c.id: c for c in ledger.cases}
    return _State(side, ledger.campaign, cases, _read_reports(dest, strict=head))


def _read_reports(dest: Path, *, strict: bool) -> dict[str, dict[str, Any]]:
    """The submitted reports of a revision. A broken one in the head is invalid data (exit 1);
    in the base it only means there is nothing to compare with."""
    try:
        return load_submitted(dest)
    except DataError:
        if strict:
            raise
        return {}


def diff_states(
    base: _State,
    head: _State,
    today: dt.date,
    earlier: Iterable[tuple[str, str]] = (),
    mode: str = privacy.MASKED,
) -> LedgerDiff:
    mask = privacy.masker(mode, [*base.cases.values(), *head.cases.values()], earlier)
    # A problem may quote a value of a case file.
    head = replace(head, side=_masked_side(head.side, mask))
    campaign = head.campaign or base.campaign
    if head.side.problems or campaign is None:
        as_of = campaign.as_of(today) if campaign else today
        return LedgerDiff(base.side, head.side, as_of)
    # Head's units in their order (the 汇总表's), then any unit the change took out.
    names: dict[str, str] = {}
    for unit in (*campaign.units, *(base.campaign.units if base.campaign else ())):
        names.setdefault(unit.code, unit.name)
    order = {code: i for i, code in enumerate(names)}

    def in_order(ids: Iterable[str], cases: dict[str, Case]) -> list[str]:
        return sorted(ids, key=lambda i: (order.get(cases[i].unit, len(order)), i))

    added_ids = in_order(set(head.cases) - set(base.cases), head.cases)
    removed_ids = in_order(set(base.cases) - set(head.cases), base.cases)
    moves = _match_moves([base.cases[i] for i in removed_ids], [head.cases[i] for i in added_ids])
    moved_old = {old.id for old, _ in moves}
    moved_new = {new.id for _, new in moves}
    changed = []
    for case_id in in_order(set(base.cases) & set(head.cases), head.cases):
        change = _case_change(base.cases[case_id], head.cases[case_id], names, mask)
        if change is not None:
            changed.append(change)
    base_summary = summarize(base.campaign or campaign, base.cases.values(), today)
    head_summary = summarize(campaign, head.cases.values(), today)
    return LedgerDiff(
        base=base.side,
        head=head.side,
        as_of=head_summary.as_of,
        added=tuple(_brief(head.cases[i], names, mask) for i in added_ids if i not in moved_new),
        removed=tuple(
            _brief(base.cases[i], names, mask) for i in removed_ids if i not in moved_old
        ),
        moved=tuple(
            Move(old.id, old.unit, names[old.unit], new.id, new.unit, names[new.unit])
            for old, new in moves
        ),
        changed=tuple(changed),
        periods=diff_summary.period_deltas(base_summary, head_summary),
        cumulative=diff_summary.cumulative_deltas(base_summary, head_summary),
        drifts=diff_summary.drifts(base_summary, head_summary, head.reports),
        reports_added=tuple(sorted(set(head.reports) - set(base.reports))),
        reports_removed=tuple(sorted(set(base.reports) - set(head.reports))),
        reports_changed=tuple(
            sorted(
                p
                for p in set(base.reports) & set(head.reports)
                if base.reports[p] != head.reports[p]
            )
        ),
        campaign_changed=_campaign_changes(base.campaign, campaign),
    )


def _masked_side(side: Side, mask: privacy.Masker) -> Side:
    problems = tuple(replace(p, message=mask.text(p.message)) for p in side.problems)
    return replace(side, problems=problems)


def _content(case: Case) -> str:
    """A case's content without its id and unit: what a move keeps."""
    data = {k: v for k, v in case_to_dict(case).items() if k not in ("编号", "单位")}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _match_moves(removed: Iterable[Case], added: Iterable[Case]) -> list[tuple[Case, Case]]:
    """Pair each added case with a removed case of exactly the same content, in id order."""
    pool: dict[str, list[Case]] = {}
    for case in removed:
        pool.setdefault(_content(case), []).append(case)
    pairs = []
    for case in added:
        candidates = pool.get(_content(case))
        if candidates:
            pairs.append((candidates.pop(0), case))
    return pairs


def _brief(case: Case, names: dict[str, str], mask: privacy.Masker) -> Brief:
    return Brief(
        case.id,
        case.unit,
        names.get(case.unit, case.unit),
        case.screened_on,
        mask.name(case.petitioner_name),
        case.category,
        case.risk,
        case.resolved,
    )


def _shown(case: Case, mask: privacy.Masker) -> dict[str, str]:
    """The display text of each plain field of a case; officials in full, numbers masked."""
    clean, official = mask.text, mask.numbers

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return {
        "排查日期": day(case.screened_on),
        "涉及人数": str(case.people_count),
        "问题属地": clean(case.location),
        "问题类型": case.category,
        "主要诉求": clean(case.demand),
        "风险等级": case.risk,
        "包案领导": official(case.leader.label()),
        "责任部门": official(case.department.label()),
        "分包民警": official(case.police.label()) if case.police else "",
        "是否已化解": "是" if case.resolved else "否",
        "化解日期": day(case.resolved_on),
        "化解方式": case.resolution or "",
        "典型案例": "是" if case.typical else "否",
        "备注": clean(case.note),
    }


def _case_change(
    old: Case, new: Case, names: dict[str, str], mask: privacy.Masker
) -> CaseChange | None:
    """Every field that differs, in the schema's order, named by its Chinese title."""
    if _content(old) == _content(new):
        return None
    before, after = _shown(old, mask), _shown(new, mask)
    found: list[FieldChange] = []
    for key in case_keys():
        if key == "信访人":
            found += _petitioner_changes(old, new, mask)
        elif key == "工作措施":
            found += _measure_changes(old, new, mask.text)
        elif key in before and before[key] != after[key]:
            found.append(FieldChange(key, title(key), before[key], after[key]))
    return CaseChange(
        new.id,
        new.unit,
        names.get(new.unit, new.unit),
        tuple(found),
        became_resolved=new.resolved and not old.resolved,
        reopened=old.resolved and not new.resolved,
        resolved_on=new.resolved_on,
        resolution=new.resolution,
    )


def _petitioner_changes(old: Case, new: Case, mask: privacy.Masker) -> list[FieldChange]:
    """Masked names where the masks differ; otherwise only the fact of a change."""
    out = []
    if old.petitioner_name != new.petitioner_name:
        before, after = mask.name(old.petitioner_name), mask.name(new.petitioner_name)
        if before == after:
            out.append(FieldChange("信访人.姓名", "信访人姓名", "", "", hidden=True))
        else:
            out.append(FieldChange("信访人.姓名", "信访人姓名", before, after))
    if old.petitioner_address != new.petitioner_address:
        if mask.masked:
            out.append(FieldChange("信访人.住址", "信访人住址", "", "", hidden=True))
        else:
            before, after = mask.text(old.petitioner_address), mask.text(new.petitioner_address)
            out.append(FieldChange("信访人.住址", "信访人住址", before, after))
    return out


def _measure_changes(old: Case, new: Case, clean: Callable[[str], str]) -> list[FieldChange]:
    """Work measures added, removed, or rewritten (same date, other text), by date."""
    before = [(m.date.isoformat(), clean(m.text)) for m in old.measures]
    after = [(m.date.isoformat(), clean(m.text)) for m in new.measures]
    gone = _missing_from(before, after)
    came = _missing_from(after, before)
    key, name = "工作措施", title("工作措施")
    out = []
    for day, text in came:
        match = next((g for g in gone if g[0] == day), None)
        if match:
            gone.remove(match)
            out.append(FieldChange(key, name, f"{day} {match[1]}", f"{day} {text}"))
        else:
            out.append(FieldChange(key, name, "", f"{day} {text}"))
    out += [FieldChange(key, name, f"{day} {text}", "") for day, text in gone]
    return sorted(out, key=lambda c: c.new or c.old)


def _missing_from(
    these: list[tuple[str, str]], others: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The items of ``these`` that ``others`` lacks, counting repeats (a multiset difference)."""
    rest = list(others)
    out = []
    for item in these:
        if item in rest:
            rest.remove(item)
        else:
            out.append(item)
    return out


_CAMPAIGN_KEYS = {
    "name": "名称",
    "organizer": "主办单位",
    "start": "开始日期",
    "end": "结束日期",
    "phases": "阶段",
    "units": "单位",
    "leaders": "人员",
    "departments": "人员",
    "stall_days": "预警",
    "overdue_days": "预警",
}


def _campaign_changes(old: Campaign | None, new: Campaign) -> tuple[str, ...]:
    if old is None:
        return ()
    props = campaign_schema()["properties"]
    keys = {
        _CAMPAIGN_KEYS[f.name]
        for f in fields(Campaign)
        if getattr(old, f.name) != getattr(new, f.name)
    }
    return tuple(props[k]["title"] for k in props if k in keys)
