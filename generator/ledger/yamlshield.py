"""NEL, U+2028 and U+2029 hidden from libyaml, which would break lines at them.

libyaml reads YAML 1.1, where NEL (U+0085), U+2028 and U+2029 break lines; in YAML 1.2, as the
web editor reads a file, they are ordinary characters. ``Shield`` swaps them for characters the
file does not use before parsing and back in every value and key: one character for one, so
lines (counted at ``\n``) and columns stay those of the file.
"""

from __future__ import annotations

import re
from itertools import chain

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Shield:
    """NEL, U+2028 and U+2029 hidden from libyaml as characters the text cannot contain."""

    BREAKS = "\x85\u2028\u2029"

    def __init__(self, text: str) -> None:
        # Neither a character of the text nor one a double-quoted escape in it could write.
        taken = {ord(c) for c in set(text)}
        taken |= {int(m.group(1) or m.group(2), 16) for m in _ESCAPE.finditer(text)}
        pool = chain(range(0xE000, 0xF900), range(0x10000, 0x110000))  # a 1 MB file cannot use all
        free = (chr(c) for c in pool if c not in taken)
        stand_ins = [next(free) for _ in self.BREAKS]
        self._hide = str.maketrans(dict(zip(self.BREAKS, stand_ins, strict=True)))
        self._show = str.maketrans(dict(zip(stand_ins, self.BREAKS, strict=True)))

    @classmethod
    def needed(cls, text: str) -> Shield | None:
        return cls(text) if "\x85" in text or "\u2028" in text or "\u2029" in text else None

    def hide(self, text: str) -> str:
        return text.translate(self._hide)

    def show(self, text: str) -> str:
        return text.translate(self._show)
