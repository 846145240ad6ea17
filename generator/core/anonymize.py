"""Retiring a campaign's personal data: every petitioner's name and address replaced by its mask.

The masks are every output's (the engine :class:`generator.core.privacy.Masker`): a name keeps its
first character, each person of a joint 姓名 on their own (张伟、刘芳 → 张*、刘*), the 住址 field
becomes :data:`privacy.ADDRESS_MASK`, and every petitioner's name and address is masked in the
free text of *every* case, since one petitioner is sometimes named in another's case. Masks map
to themselves, so a second run finds nothing to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema
import jsonschema_rs

from generator.core import privacy
from generator.ledger.casefile import dump, ordered
from generator.ledger.fields import LIST, PEOPLE, TEXT, Registry, registry
from generator.ledger.model import Case
from generator.ledger.profile import PRESET, Profile
from generator.ledger.records import case_to_dict


@dataclass(frozen=True)
class Rewrite:
    """One case file that changes, with the fields that change (by their Chinese titles)."""

    path: str
    fields: tuple[str, ...]
    text: str  # the new file content


def masked(case: Case, mask: privacy.Masker) -> Case:
    """The case with its petitioner retired: the 住址 field becomes ``privacy.ADDRESS_MASK``."""
    return mask.case(case, address=privacy.ADDRESS_MASK)


def changed_fields(old: Case, new: Case, fields: Registry | None = None) -> tuple[str, ...]:
    """Titles of the fields the masks changed: the petitioner's, free text, and officials (where
    only a number is masked); vocabulary fields, dates and counts hold nothing to mask."""
    return tuple(
        f.title
        for f in (fields or registry()).fields
        if f.kind in (TEXT, PEOPLE, LIST)
        and not f.in_path
        and getattr(old, f.attr) != getattr(new, f.attr)
    )


def file_data(case: Case) -> dict[str, Any]:
    """The file form: 编号 and 单位 are left to the path, as the web editor writes it."""
    return registry().without_path(case_to_dict(case))


def plan(
    cases: Iterable[Case], earlier: Iterable[tuple[str, str]] = (), profile: Profile = PRESET
) -> tuple[list[Rewrite], list[str]]:
    """Every file that changes, and a message for every result the schema would refuse.

    ``earlier``: (姓名, 住址) of earlier versions in git history, masked in the text as well.
    ``profile``: the campaign's; its schema (lists, optional fields) is what a result must fit.

    Nothing is written here: a caller writes only when the second list is empty, so a run
    never leaves half the files anonymized and the other half refused.
    """
    cases = list(cases)
    mask = privacy.masker(privacy.MASKED, cases, earlier)
    schema = profile.case_schema
    fast = jsonschema_rs.Draft202012Validator(schema)  # is_valid in microseconds
    validator = jsonschema.Draft202012Validator(schema)  # only to explain a refusal
    rewrites, refused = [], []
    for case in cases:
        new = masked(case, mask)
        if new == case:
            continue
        data = file_data(new)
        plain_data = json.loads(json.dumps(data, ensure_ascii=False, default=str))
        if not fast.is_valid(plain_data):
            errors = sorted(validator.iter_errors(plain_data), key=lambda e: list(e.path))
            where = ".".join(str(p) for p in errors[0].absolute_path)
            why = "过长" if errors[0].validator == "maxLength" else "不再符合格式"
            refused.append(f"{case.path}：脱敏后“{where}”{why}")
            continue
        text = dump(ordered(data, schema))
        rewrites.append(Rewrite(case.path, changed_fields(case, new, profile.registry), text))
    return rewrites, refused
