"""The JSON form of ``diff``, for tools; its keys are listed in the README.

Values are the same masked display texts the other forms show; rates are full precision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from generator.diff.figures import RowDelta
from generator.diff.model import Brief, CaseChange, LedgerDiff, Side
from generator.terminal import printable_json

PERIOD_KEYS = ("screened", "resolved", "rate")
CUM_KEYS = ("cum_screened", "cum_resolved", "cum_rate")


def _row_json(delta: RowDelta, keys: Iterable[str]) -> dict[str, Any]:
    return {
        "period": delta.period.id,
        "unit": delta.unit,
        "name": delta.name,
        "old": {k: getattr(delta.old, k) for k in keys},
        "new": {k: getattr(delta.new, k) for k in keys},
    }


def _brief_json(b: Brief) -> dict[str, Any]:
    """The README's keys: ``resolved`` is the group (the status word is the text forms')."""
    doc = {**asdict(b), "screened_on": b.screened_on.isoformat()}
    del doc["status"]
    return doc


def _change_json(c: CaseChange) -> dict[str, Any]:
    return {
        "id": c.id,
        "unit": c.unit,
        "unit_name": c.unit_name,
        "fields": [
            {
                "key": f.key,
                "title": f.title,
                "old": None if f.hidden else f.old,
                "new": None if f.hidden else f.new,
                "hidden": f.hidden,
            }
            for f in c.changes
        ],
    }


def to_json(d: LedgerDiff) -> str:
    def side(s: Side) -> dict[str, Any]:
        return {"ref": s.ref, "commit": s.commit, "files": s.files, "problems": len(s.problems)}

    doc: dict[str, Any] = {
        "base": side(d.base),
        "head": side(d.head),
        "valid": d.valid,
        "as_of": d.as_of.isoformat(),
        "problems": [asdict(p) for p in d.head.problems],
        "counts": d.counts(),
        "added": [_brief_json(b) for b in d.added],
        "removed": [_brief_json(b) for b in d.removed],
        "moved": [asdict(m) for m in d.moved],
        "resolved": [
            {
                "id": c.id,
                "unit": c.unit,
                "resolved_on": c.resolved_on.isoformat() if c.resolved_on else None,
                "resolution": c.resolution,
            }
            for c in d.resolved
        ],
        "reopened": [{"id": c.id, "unit": c.unit} for c in d.reopened],
        "risk_raised": [
            {"id": c.id, "unit": c.unit, "old": c.risk_change.old, "new": c.risk_change.new}
            for c in d.risk_raised
            if c.risk_change
        ],
        "changed": [_change_json(c) for c in d.changed],
        "periods": [_row_json(r, PERIOD_KEYS) for r in d.periods],
        "cumulative": [_row_json(r, CUM_KEYS) for r in d.cumulative],
        "submitted": [
            {
                "period": x.period.id,
                "submitted_on": x.submitted_on,
                "unit": x.unit,
                "name": x.name,
                "figure": x.figure,
                "submitted": x.submitted,
                "base": x.base,
                "head": x.head,
            }
            for x in d.drifts
        ],
        "reports": {
            "added": list(d.reports_added),
            "removed": list(d.reports_removed),
            "changed": list(d.reports_changed),
        },
        "campaign": list(d.campaign_changed),
    }
    return printable_json(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
