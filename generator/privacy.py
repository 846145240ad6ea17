"""What the site may show of a petitioner (个人信息保护法 arts. 5–6, 25, 51; GB/T 35273-2020 §7.2).

By default a petitioner's name keeps its first character (王建国 → 王**, a trailing 等N人 stays),
the address is never shown, and either one is replaced wherever it appears inside free text.
Officials (包案领导, 责任人, 分包民警) are shown in full.
"""

from __future__ import annotations

import dataclasses
import re

from generator.model import Case, Measure

MASKED = "masked"
FULL = "full"
ADDRESS_MASK = "（住址已隐去）"
_GROUP = re.compile(r"^(.*?)(等[0-9０-９一二三四五六七八九十百千]+人)$")


# A joint 姓名 names several people: 、，, and spaces always separate them; 和 与 及 以及 only
# when both sides are at least two characters (王和平 is one name, 张伟和刘芳 two).
_SEPARATOR = re.compile(r"([、，,\s]+)")
_WORD_SEPARATOR = re.compile(r"(以及|和|与|及)")


def _mask_one(name: str) -> str:
    return "*" if len(name) == 1 else name[0] + "*" * (len(name) - 1)


def _split_words(part: str) -> list[str]:
    """part split at 和/与/及/以及 where every piece is two characters or more, else [part]."""
    pieces = _WORD_SEPARATOR.split(part)
    if len(pieces) > 1 and all(len(p) >= 2 for p in pieces[::2]):
        return pieces
    return [part]


def _tokens(base: str) -> list[str]:
    """base as names and separators, alternating: [name, sep, name, …]."""
    out: list[str] = []
    for i, piece in enumerate(_SEPARATOR.split(base)):
        if i % 2:
            out.append(piece)
        else:
            out += _split_words(piece)
    return out


def name_parts(name: str) -> tuple[str, ...]:
    """Every string that names a petitioner of this 姓名: whole, without 等N人, and each person."""
    base = _base(name)
    people = [t for t in _tokens(base)[::2] if t]
    seen = dict.fromkeys([name, base, *people, *_base_words(base)])
    return tuple(s for s in seen if s)


def _base_words(base: str) -> list[str]:
    """Each side of 和/与/及 inside a name, even when it is also one name (王和平: none ≥ 2)."""
    return [p for p in _WORD_SEPARATOR.split(base)[::2] if len(p) >= 2 and p != base]


def mask_name(name: str) -> str:
    """王建国 → 王**; 王 → *; 王建国等5人 → 王**等5人; 张伟、刘芳 → 张*、刘*."""
    match = _GROUP.match(name)
    base, suffix = (match.group(1), match.group(2)) if match else (name, "")
    if not base:
        return name
    tokens = _tokens(base)
    masked = "".join(t if i % 2 else (_mask_one(t) if t else t) for i, t in enumerate(tokens))
    return masked + suffix


def _base(name: str) -> str:
    match = _GROUP.match(name)
    return match.group(1) if match else name


def scrub(text: str, name: str, address: str) -> str:
    """Replace a petitioner's exact name and address inside free text with their masked forms."""
    if address and len(address) >= 2:
        text = text.replace(address, ADDRESS_MASK)
    for candidate in sorted({name, _base(name)}, key=len, reverse=True):
        if len(candidate) >= 2:  # a one-character name would mangle ordinary words
            text = text.replace(candidate, mask_name(candidate))
    return text


def mask_case(case: Case) -> Case:
    """The case as the default (masked) site shows it: no address, name masked everywhere."""
    name, address = case.petitioner_name, case.petitioner_address

    def clean(text: str) -> str:
        return scrub(text, name, address)

    return dataclasses.replace(
        case,
        petitioner_name=mask_name(name),
        petitioner_address="",
        location=clean(case.location),
        demand=clean(case.demand),
        note=clean(case.note),
        measures=tuple(Measure(m.date, clean(m.text)) for m in case.measures),
    )


def for_site(case: Case, mode: str) -> Case:
    return case if mode == FULL else mask_case(case)
