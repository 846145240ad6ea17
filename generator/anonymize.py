"""Retiring a campaign's personal data: every petitioner's name and address replaced by its mask.

The masks are the site's (:mod:`generator.privacy`): a name keeps its first character, an
address becomes :data:`privacy.ADDRESS_MASK`, and both are scrubbed from the free text of
*every* case, since one petitioner is sometimes named in another's case. Masks map to
themselves, so a second run finds nothing to do.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema
import jsonschema_rs

from generator import privacy
from generator.casefile import dump_case
from generator.model import Case, Measure, case_to_dict
from generator.schemas import case_schema, title


@dataclass(frozen=True)
class Person:
    """A petitioner as the files name them: what must disappear from the repository."""

    name: str
    address: str

    def candidates(self) -> tuple[str, ...]:
        """The strings ``privacy.scrub`` replaces: address, name, name without 等N人."""
        base = re.sub(r"等[0-9０-９一二三四五六七八九十百千]+人$", "", self.name)
        return tuple(s for s in (self.address, self.name, base) if len(s) >= 2)


@dataclass(frozen=True)
class Rewrite:
    """One case file that changes, with the fields that change (by their Chinese titles)."""

    path: str
    fields: tuple[str, ...]
    text: str  # the new file content


class Scrubber:
    """Scrubs every petitioner of the ledger from a text in one regex pass plus a few replaces."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.by_candidate: dict[str, list[Person]] = {}
        for person in people:
            for candidate in person.candidates():
                self.by_candidate.setdefault(candidate, []).append(person)
        # Longest first, so that 王建国 is found before 王建.
        alternatives = sorted(self.by_candidate, key=lambda s: (-len(s), s))
        self.pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        found = {m.group(0) for m in self.pattern.finditer(text)}
        people = {p for c in found for p in self.by_candidate[c]}
        for person in sorted(people, key=lambda p: (-max(map(len, p.candidates())), p.name)):
            text = privacy.scrub(text, person.name, person.address)
        return text


def masked(case: Case, scrub: Scrubber) -> Case:
    return dataclasses.replace(
        case,
        petitioner_name=privacy.mask_name(case.petitioner_name),
        petitioner_address=privacy.ADDRESS_MASK,
        location=scrub(case.location),
        demand=scrub(case.demand),
        note=scrub(case.note),
        measures=tuple(Measure(m.date, scrub(m.text)) for m in case.measures),
    )


def changed_fields(old: Case, new: Case) -> tuple[str, ...]:
    pairs = (
        ("信访人姓名", old.petitioner_name, new.petitioner_name),
        ("信访人住址", old.petitioner_address, new.petitioner_address),
        (title("问题属地"), old.location, new.location),
        (title("主要诉求"), old.demand, new.demand),
        (title("工作措施"), old.measures, new.measures),
        (title("备注"), old.note, new.note),
    )
    return tuple(name for name, before, after in pairs if before != after)


def file_data(case: Case) -> dict[str, Any]:
    """The file form: 编号 and 单位 are left to the path, as the web editor writes it."""
    return {k: v for k, v in case_to_dict(case).items() if k not in ("编号", "单位")}


def plan(cases: Iterable[Case]) -> tuple[list[Rewrite], list[str]]:
    """Every file that changes, and a message for every result the schema would refuse.

    Nothing is written here: a caller writes only when the second list is empty, so a run
    never leaves half the files anonymized and the other half refused.
    """
    cases = list(cases)
    scrub = Scrubber(Person(c.petitioner_name, c.petitioner_address) for c in cases)
    fast = jsonschema_rs.Draft202012Validator(case_schema())  # is_valid in microseconds
    validator = jsonschema.Draft202012Validator(case_schema())  # only to explain a refusal
    rewrites, refused = [], []
    for case in cases:
        new = masked(case, scrub)
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
        rewrites.append(Rewrite(case.path, changed_fields(case, new), dump_case(data)))
    return rewrites, refused
