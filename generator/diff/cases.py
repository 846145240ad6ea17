"""One case before and after: whether it moved, and which of its fields changed, to what.

Fields are the registry's (``ledger.fields``), named by their titles and in the schema's order;
values are the display text every output shows (``core.display``), masked here by the engine of
every output before a renderer sees them: free text fully, officials only for numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from generator.core import display, privacy
from generator.diff.model import Brief, CaseChange, FieldChange
from generator.ledger.fields import LIST, NAME, PEOPLE, TEXT, Field, registry
from generator.ledger.model import Case
from generator.ledger.profile import PRESET, Profile
from generator.ledger.records import case_to_dict


def content(case: Case) -> str:
    """A case's content without its id and unit: what a move keeps."""
    data = registry().without_path(case_to_dict(case))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def match_moves(removed: Iterable[Case], added: Iterable[Case]) -> list[tuple[Case, Case]]:
    """Pair each added case with a removed case of exactly the same content, in id order."""
    pool: dict[str, list[Case]] = {}
    for case in removed:
        pool.setdefault(content(case), []).append(case)
    pairs = []
    for case in added:
        candidates = pool.get(content(case))
        if candidates:
            pairs.append((candidates.pop(0), case))
    return pairs


def brief(case: Case, names: dict[str, str], mask: privacy.Masker) -> Brief:
    return Brief(
        case.id,
        case.unit,
        names.get(case.unit, case.unit),
        case.screened_on,
        mask.name(case.petitioner_name),
        case.category,
        case.risk,
        case.resolved,
        case.status,
    )


def _shown(case: Case, field: Field, mask: privacy.Masker) -> str:
    """A plain field's display text; officials in full, numbers masked everywhere."""
    value = display.text(case, field)
    if field.kind == TEXT:
        return mask.text(value)
    return mask.numbers(value) if field.kind == PEOPLE else value


def _fields(base: Profile, head: Profile) -> list[Field]:
    """Head's fields in its schema's order, then any optional field only base's profile had."""
    out = list(head.registry.fields)
    keys = {f.key for f in out}
    return out + [f for f in base.registry.fields if f.key not in keys]


def raised(old: str, new: str, scale: Profile) -> bool:
    """Whether 风险等级 went up ``scale``'s order; a value off the scale (the profile changed its
    levels between the two sides) is an ordinary change."""
    known = old in scale.risks and new in scale.risks
    return known and scale.risk_rank(new) > scale.risk_rank(old)


def case_change(
    old: Case,
    new: Case,
    names: dict[str, str],
    mask: privacy.Masker,
    profiles: tuple[Profile, Profile] = (PRESET, PRESET),
) -> CaseChange | None:
    """Every field that differs, in the schema's order, named by its Chinese title.

    ``profiles``: base's and head's; risk goes up by head's order, and 化解 and 重新打开 are a
    crossing between the status groups (``Case.resolved``, set by each side's profile): a change
    inside a group (正在化解 → 稳控中) is an ordinary change of 是否已化解."""
    if content(old) == content(new):
        return None
    found: list[FieldChange] = []
    for f in _fields(*profiles):
        if f.in_path:
            continue
        if f.personal:
            found += _personal_change(old, new, f, mask)
        elif f.kind == LIST:
            found += _measure_changes(old, new, f, mask.text)
        elif (before := _shown(old, f, mask)) != (after := _shown(new, f, mask)):
            up = f.key == "风险等级" and raised(old.risk, new.risk, profiles[1])
            found.append(FieldChange(f.key, f.title, before, after, raised=up))
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


def _personal_change(old: Case, new: Case, f: Field, mask: privacy.Masker) -> list[FieldChange]:
    """A name by its masks where they differ, an address only in full mode; else the fact."""
    before, after = getattr(old, f.attr), getattr(new, f.attr)
    if before == after:
        return []
    if f.personal == NAME:
        before, after = mask.name(before), mask.name(after)
        hidden = before == after
    else:
        hidden = mask.masked
        if not hidden:
            before, after = mask.text(before), mask.text(after)
    if hidden:
        return [FieldChange(f.key, f.title, "", "", hidden=True)]
    return [FieldChange(f.key, f.title, before, after)]


def _measure_changes(
    old: Case, new: Case, f: Field, clean: Callable[[str], str]
) -> list[FieldChange]:
    """Work measures added, removed, or rewritten (same date, other text), by date."""
    before = [(m.date.isoformat(), clean(m.text)) for m in old.measures]
    after = [(m.date.isoformat(), clean(m.text)) for m in new.measures]
    gone = _missing_from(before, after)
    came = _missing_from(after, before)
    out = []
    for day, text in came:
        match = next((g for g in gone if g[0] == day), None)
        if match:
            gone.remove(match)
            out.append(FieldChange(f.key, f.title, f"{day} {match[1]}", f"{day} {text}"))
        else:
            out.append(FieldChange(f.key, f.title, "", f"{day} {text}"))
    out += [FieldChange(f.key, f.title, f"{day} {text}", "") for day, text in gone]
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
