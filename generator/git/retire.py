"""Retiring a campaign's personal data from git history: the replacements for ``git filter-repo``.

Every petitioner's name and address that any version of any case file ever held becomes its
mask, in file contents and commit messages alike (``--replace-text`` and ``--replace-message``
take the same file). Each person of a joint 姓名 is a name of their own. Only real names are
listed, never a masked form (王**, （住址已隐去）): replacing those as well would turn
``姓名: 王**`` into ``姓名: ***REMOVED***``, a YAML alias, and every file would be refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.core import privacy

HIDDEN = privacy.ADDRESS_HIDDEN
_UNWRITABLE = ("\n", "\r", "==>")  # a line of the expressions file cannot hold these
# A literal matches bytes exactly, but clerks type 12 and １２ alike (the masking engine reads
# them as one): each text is also listed with its digits, letters and hyphens all half-width
# and all full-width.
_NARROW = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-"
_WIDE = "".join(chr(ord(c) + 0xFEE0) for c in _NARROW)
_TO_WIDE = str.maketrans(_NARROW, _WIDE)
_TO_NARROW = str.maketrans(_WIDE, _NARROW)


@dataclass(frozen=True)
class Replacements:
    pairs: tuple[tuple[str, str], ...]  # (text, replacement), longest text first
    names: int  # distinct names (and persons of joint names) replaced
    addresses: int
    skipped: tuple[str, ...]  # texts a filter-repo line cannot express (kept out, reported)


def _real(text: str) -> bool:
    """A name or address worth replacing: two characters or more, not a mask already."""
    return len(text) >= 2 and "*" not in text and HIDDEN not in text


def _widths(text: str) -> list[str]:
    return list(dict.fromkeys([text, text.translate(_TO_NARROW), text.translate(_TO_WIDE)]))


def replacements(people: Iterable[tuple[str, str]]) -> Replacements:
    names: set[str] = set()
    addresses: set[str] = set()
    for name, address in people:
        names.update(part for part in privacy.name_parts(name) if _real(part))
        if _real(address):
            addresses.add(address)
    pairs: dict[str, str] = {}
    for address in addresses:
        for form in _widths(address):
            # Written in brackets inside a text, the address keeps one pair of them, not two.
            for left, right in (("（", "）"), ("(", ")")):
                pairs[f"{left}{form}{right}"] = privacy.ADDRESS_MASK
            pairs[form] = privacy.ADDRESS_MASK
    for name in names:
        for form in _widths(name):
            pairs.setdefault(form, privacy.mask_name(form))
    skipped = tuple(sorted(t for t in pairs if any(bad in t for bad in _UNWRITABLE)))
    ordered = sorted(
        ((t, r) for t, r in pairs.items() if t not in skipped), key=lambda p: (-len(p[0]), p[0])
    )
    return Replacements(tuple(ordered), len(names), len(addresses), skipped)


def expressions(replaced: Replacements) -> str:
    """The file ``git filter-repo --replace-text/--replace-message`` reads: one literal a line."""
    return "".join(f"literal:{text}==>{mask}\n" for text, mask in replaced.pairs)
