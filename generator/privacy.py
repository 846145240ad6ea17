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


def mask_name(name: str) -> str:
    """王建国 → 王**; 王 → *; 王建国等5人 → 王**等5人."""
    match = _GROUP.match(name)
    base, suffix = (match.group(1), match.group(2)) if match else (name, "")
    if not base:
        return name
    masked = "*" if len(base) == 1 else base[0] + "*" * (len(base) - 1)
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
