"""Numbers that identify a person: ID cards, mobile and landline phones, bank cards (DESIGN.md).

Pure text functions, shared by the ``personal-number`` validation rule, ``import`` and the
masking of every output. A number may be typed with full-width digits and with spaces or
hyphens inside it; it counts only when it is not part of a longer run of digits. Dates and case
ids are blanked out before the search, so they never match.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ID_CARD = "身份证号"
MOBILE = "手机号"
LANDLINE = "固定电话"
BANK_CARD = "银行卡号"

_HALF = str.maketrans("０１２３４５６７８９Ｘｘx", "0123456789XXX")
_DIGIT = "0-9０-９"
# Spaces (no-break, en to hair, narrow, ideographic and zero-width ones too), hyphens and dashes.
_SEP = " \u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\\-－‐‑–—"
# A run of digits in groups joined by one separator each; an ID's check digit X may close it.
_RUN = re.compile(
    # up to three separators between two groups: "0371 - 65123456", "138  0013  8000"
    f"(?<![{_DIGIT}])[{_DIGIT}]+(?:[{_SEP}]{{1,3}}[{_DIGIT}]+)*"
    f"(?:[XxＸｘ](?![A-Za-z]))?(?![{_DIGIT}])"
)
_GROUP = re.compile(f"[{_DIGIT}]+(?:[XxＸｘ])?")
# Never numbers: dates (2019-07-05, 2019.7.5, 2019年7月5日, 20190705 inside an id) and case ids.
_NOT_NUMBERS = re.compile(
    "(?:19|20)[0-9]{2}(?:[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?)|[a-z][a-z0-9]*(?:-[0-9]{2,})+"
)
MAX_DIGITS = 19  # a bank card; an ID has 18, a phone 10 to 12
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Found:
    """A personal number at text[start:end] (separators inside it included)."""

    start: int
    end: int
    kind: str


def id_check_ok(digits: str) -> bool:
    """ISO 7064 MOD 11-2 check digit of an 18-character ID number."""
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _born(yyyymmdd: str) -> bool:
    """An ID's birth date: 15-digit 工商注册号, contract numbers and all-digit 统一社会信用代码
    whose check digit happens to fit have none."""
    try:
        dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return True


def kind_of(number: str) -> str | None:
    """What a separator-free, half-width number is, or None."""
    n = len(number)
    checkable = n == 18 and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")
    if checkable and _born(number[6:14]) and id_check_ok(number):
        return ID_CARD
    if not number.isdigit():
        return None
    if n == 15 and _born("19" + number[6:12]):
        return ID_CARD
    if n == 11 and number[0] == "1" and number[1] in "3456789":
        return MOBILE
    if 10 <= n <= 12 and number[0] == "0" and number[1] != "0":  # no area code starts 00
        return LANDLINE
    if 16 <= n <= 19 and luhn_ok(number):
        return BANK_CARD
    return None


def _blank(text: str) -> str:
    """The text with dates and case ids replaced by '#', positions unchanged."""
    return _NOT_NUMBERS.sub(lambda m: "#" * len(m.group(0)), text)


def _in_run(run: str, offset: int) -> list[Found]:
    """Numbers in one run: the longest span of its groups that is one, left to right.

    No number has more than MAX_DIGITS digits, so a span stops growing there: a run of
    thousands of short groups ("1 1 1 …") costs linear time, not cubic.
    """
    groups = [(m.start(), m.end(), m.group(0).translate(_HALF)) for m in _GROUP.finditer(run)]
    found: list[Found] = []
    i = 0
    while i < len(groups):
        spans: list[tuple[int, str]] = []
        digits = ""
        for j in range(i, len(groups)):
            if "X" in digits:  # an X may close only the last group of a span
                break
            digits += groups[j][2]
            if len(digits) > MAX_DIGITS:
                break
            spans.append((j, digits))
        for j, candidate in reversed(spans):
            kind = kind_of(candidate)
            if kind:
                found.append(Found(offset + groups[i][0], offset + groups[j][1], kind))
                i = j + 1
                break
        else:
            i += 1
    return found


def find(text: str) -> list[Found]:
    """Every personal number in text, in order."""
    if not any(c.isdigit() for c in text):
        return []
    found: list[Found] = []
    for run in _RUN.finditer(_blank(text)):
        found += _in_run(run.group(0), run.start())
    return found


def kinds(text: str) -> list[str]:
    """The kinds of the personal numbers in text (for messages that must not repeat them)."""
    return [f.kind for f in find(text)]


_POSSIBLE = re.compile(f"[{_DIGIT}](?:[{_SEP}]{{0,3}}[{_DIGIT}]){{9}}")


def possible(text: str) -> bool:
    """Whether text may hold a number at all (ten digits in one run): a cheap test before find."""
    return _POSSIBLE.search(text) is not None
