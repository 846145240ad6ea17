"""What a change does to the ledger: cases added, removed, moved, resolved, reopened, edited.

Works on two checked ledgers (base and head) and returns a :class:`LedgerDiff`; reading them
from git is :mod:`generator.git.snapshot`'s job, printing is :mod:`generator.diff.render`'s.
Petitioner data is masked here, before any renderer sees it, by the engine of every output
(``privacy.Masker``): names keep their first character, addresses are never shown, both are
masked in free text (every petitioner of either side, and earlier versions given by the caller),
and personal numbers are masked in every mode. ``--privacy full`` shows names and addresses.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from generator.core import privacy
from generator.core.reports import load_submitted
from generator.core.summary import summarize
from generator.diff import figures
from generator.diff.cases import brief, case_change, match_moves
from generator.diff.model import LedgerDiff, Move, Side
from generator.errors import DataError
from generator.git import snapshot
from generator.ledger.model import Campaign, Case
from generator.ledger.schema import campaign_schema
from generator.ledger.validate import load_ledger


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
    mask = privacy.masker(mode, [*base.cases.values(), *head.cases.values()], earlier)
    return diff_states(base, head, today, mask)


def _load(root: Path, rev: snapshot.Revision, dest: Path, today: dt.date, head: bool) -> _State:
    dest.mkdir()
    snapshot.export(root, rev, dest)
    ledger = load_ledger(dest, today)
    side = Side(rev.ref, rev.commit, ledger.files, tuple(ledger.problems))
    cases = {c.id: c for c in ledger.cases}
    rhythm = None if ledger.campaign is None else ledger.campaign.profile.rhythm
    return _State(side, ledger.campaign, cases, _read_reports(dest, rhythm, strict=head))


def _read_reports(dest: Path, rhythm: str | None, *, strict: bool) -> dict[str, dict[str, Any]]:
    """The submitted reports of a revision. A broken one in the head is invalid data (exit 1);
    in the base it only means there is nothing to compare with."""
    try:
        return load_submitted(dest, rhythm)
    except DataError:
        if strict:
            raise
        return {}


def diff_states(base: _State, head: _State, today: dt.date, mask: privacy.Masker) -> LedgerDiff:
    """What changed from base to head; ``mask`` knows every petitioner of both sides.

    A problem may quote a value of a case file, so head's problems are masked too."""
    head = replace(head, side=_masked_side(head.side, mask))
    campaign = head.campaign or base.campaign
    if head.side.problems or campaign is None:
        as_of = campaign.as_of(today) if campaign else today
        return LedgerDiff(base.side, head.side, as_of)
    head_summary = summarize(campaign, head.cases.values(), today)
    # both in the head's periods, so a change of 报送周期 still compares period by period
    base_summary = summarize(
        base.campaign or campaign, base.cases.values(), today, head_summary.rhythm
    )
    return LedgerDiff(
        base=base.side,
        head=head.side,
        as_of=head_summary.as_of,
        **_case_changes(base, head, _unit_names(campaign, base.campaign), mask),
        periods=figures.period_deltas(base_summary, head_summary),
        cumulative=figures.cumulative_deltas(base_summary, head_summary),
        drifts=figures.drifts(base_summary, head_summary, head.reports),
        **_report_changes(base.reports, head.reports),
        campaign_changed=_campaign_changes(base.campaign, campaign),
    )


def _unit_names(campaign: Campaign, base: Campaign | None) -> dict[str, str]:
    """Head's units in their order (the 汇总表's), then any unit the change took out."""
    names: dict[str, str] = {}
    for unit in (*campaign.units, *(base.units if base else ())):
        names.setdefault(unit.code, unit.name)
    return names


def _case_changes(
    base: _State, head: _State, names: dict[str, str], mask: privacy.Masker
) -> dict[str, Any]:
    """LedgerDiff's added, removed, moved and changed, each in the units' order, then by id."""
    order = {code: i for i, code in enumerate(names)}

    def in_order(ids: Iterable[str], cases: dict[str, Case]) -> list[str]:
        return sorted(ids, key=lambda i: (order.get(cases[i].unit, len(order)), i))

    added = in_order(set(head.cases) - set(base.cases), head.cases)
    removed = in_order(set(base.cases) - set(head.cases), base.cases)
    moves = match_moves([base.cases[i] for i in removed], [head.cases[i] for i in added])
    moved_old = {old.id for old, _ in moves}
    moved_new = {new.id for _, new in moves}
    both = in_order(set(base.cases) & set(head.cases), head.cases)
    assert head.campaign is not None  # diff_states compares only a checked head
    profiles = ((base.campaign or head.campaign).profile, head.campaign.profile)
    changed = (case_change(base.cases[i], head.cases[i], names, mask, profiles) for i in both)
    return {
        "added": tuple(brief(head.cases[i], names, mask) for i in added if i not in moved_new),
        "removed": tuple(brief(base.cases[i], names, mask) for i in removed if i not in moved_old),
        "moved": tuple(
            Move(old.id, old.unit, names[old.unit], new.id, new.unit, names[new.unit])
            for old, new in moves
        ),
        "changed": tuple(c for c in changed if c is not None),
    }


def _report_changes(
    base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """Period ids of submitted reports recorded, taken out, or rewritten by the change."""
    return {
        "reports_added": tuple(sorted(set(head) - set(base))),
        "reports_removed": tuple(sorted(set(base) - set(head))),
        "reports_changed": tuple(sorted(p for p in set(base) & set(head) if base[p] != head[p])),
    }


def _masked_side(side: Side, mask: privacy.Masker) -> Side:
    problems = tuple(replace(p, message=mask.text(p.message)) for p in side.problems)
    return replace(side, problems=problems)


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
    "profile": "台账",
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
