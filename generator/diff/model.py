"""What ``diff`` finds, as data: the two sides, cases added, removed, moved and changed, the
汇总表's deltas. :mod:`generator.diff.compare` fills it in; the renderers only read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from generator.diff.figures import Drift, RowDelta
from generator.ledger.problems import Problem


@dataclass(frozen=True)
class Side:
    ref: str  # as the command was given it: a branch, a tag, a commit
    commit: str  # the full hash it resolved to
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
    resolved: bool  # in the profile's 已化解 group
    status: str = ""  # 是否已化解 as written; the JSON form keeps to the documented keys


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
    raised: bool = False  # 风险等级 went up the profile's scale

    @property
    def risk_raised(self) -> bool:
        return self.raised


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
