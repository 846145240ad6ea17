"""What outputs may show of a petitioner (个人信息保护法 arts. 5–6, 25, 51; GB/T 35273-2020 §7.2).

One engine, :class:`Masker`, masks every output: site pages, data files, downloads, the ``diff``
posted on pull requests and ``anonymize``. It is pure: it is given the petitioners' names and
addresses (of every case, and of every earlier version in git history, read at the edge) and
masks any text. In masked mode a name keeps its first character (王建国 → 王**, 张伟、刘芳 →
张*、刘*, a trailing 等N人 stays) and an address becomes 住址已隐去, wherever they appear; in every
mode a personal number (:mod:`generator.ledger.personal_numbers`) becomes 号码已隐去.
Officials (包案领导, 责任人, 分包民警, 稳控责任人) are shown in full.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

from generator.core.brackets import hide
from generator.core.display import PEOPLE_GROUP as _GROUP
from generator.ledger import personal_numbers
from generator.ledger.model import Case, Department, Measure, Person

MASKED = "masked"
FULL = "full"
ADDRESS_MASK = "（住址已隐去）"  # the 住址 field itself once a campaign's data is retired
ADDRESS_HIDDEN = "住址已隐去"
NUMBER_HIDDEN = "号码已隐去"
# A one-character name or address would mangle ordinary words wherever its character appears.
MIN_LENGTH = 2
OPTIONAL_TEXTS = ("assigned_unit", "assigned_doc", "stability_measures", "original_id")


# A joint 姓名 names several people: 、，, ；; / and spaces always separate them; 和 与 及 以及 only
# when both sides are at least two characters (王和平 is one name, 张伟和刘芳 two).
NAME_SEPARATOR = re.compile(r"([、，,；;/／\s]+)")
NAME_WORDS = re.compile(r"(以及|和|与|及)")


def _mask_one(name: str) -> str:
    return "*" if len(name) == 1 else name[0] + "*" * (len(name) - 1)


def _split_words(part: str) -> list[str]:
    """part split at 和/与/及/以及 where every piece is two characters or more, else [part]."""
    pieces = NAME_WORDS.split(part)
    if len(pieces) > 1 and all(len(p) >= 2 for p in pieces[::2]):
        return pieces
    return [part]


def _tokens(base: str) -> list[str]:
    """base as names and separators, alternating: [name, sep, name, …]."""
    out: list[str] = []
    for i, piece in enumerate(NAME_SEPARATOR.split(base)):
        if i % 2:
            out.append(piece)
        else:
            out += _split_words(piece)
    return out


# How a clerk may add to a name: a remark in brackets (李国强（户主）), 等 or 等人 without a number.
_REMARK = re.compile(r"[（(【\[〔［][^）)】\]〕］]*[）)】\]〕］]")
_LOOSE_GROUP = re.compile(r"等人?$")
_SPACES = re.compile(r"\s+")


def name_parts(name: str) -> tuple[str, ...]:
    """Every string that names a petitioner of this 姓名: whole, without 等N人, and each person;
    also without a remark in brackets or 等(人), and with spaces inside it removed (张 伟)."""
    base = _base(name)
    plain = _LOOSE_GROUP.sub("", _REMARK.sub("", base).strip()).strip()
    parts = [*_people(base), *_people(plain), *_joined(base), *_joined(plain)]
    seen = dict.fromkeys([name, *parts])
    return tuple(s for s in seen if s)


def _joined(base: str) -> list[str]:
    """base without its spaces when a space splits one name (张 伟, 欧阳 明): a piece too short
    to be a name on its own."""
    pieces = _SPACES.split(base.strip())
    short = len(pieces) > 1 and any(len(p) < MIN_LENGTH for p in pieces)
    return [_SPACES.sub("", base)] if short else []


def _people(base: str) -> list[str]:
    """base itself, each person in it and each reading of 和/与/及 between them."""
    people = [t for t in _tokens(base)[::2] if t]
    runs = [r for chunk in NAME_SEPARATOR.split(base)[::2] for r in _word_runs(chunk)]
    return [base, *people, *runs]


def _word_runs(chunk: str) -> Iterator[str]:
    """Every reading of 和/与/及 inside a chunk: each run of pieces between them, two characters
    or more (王和平与李四: 王和平, 平与李四, 李四 — whichever 和 or 与 joins two people)."""
    pieces = NAME_WORDS.split(chunk)
    for first in range(0, len(pieces), 2):
        for last in range(first, len(pieces), 2):
            run = "".join(pieces[first : last + 1])
            if len(run) >= MIN_LENGTH:
                yield run


def mask_name(name: str) -> str:
    """王建国 → 王**; 王 → *; 王建国等5人 → 王**等5人; 张伟、刘芳 → 张*、刘*. Same length."""
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


# Text is matched case- and width-insensitively (东村三组１２号 is 东村三组12号): full-width digits,
# letters and hyphens become half-width and letters lower case, one character for one, so
# positions carry over. (Full-width punctuation stays: it is in nearly every text.)
_WIDE = "０-９Ａ-Ｚａ-ｚ－"
_FOLD = {ord(c): chr(ord(c) - 0xFEE0).lower() for c in "－０１２３４５６７８９"}
_FOLD |= {c: chr(c - 0xFEE0).lower() for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FOLD |= {c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)}
_FOLD[0x3000] = " "
# CJK radicals and compatibility ideographs look like the unified ideograph NFKC makes of them
# (U+F9E1 is 李): each is one character, so positions still carry over.
_LOOKALIKE = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
for _first, _last in _LOOKALIKE:
    for _code in range(_first, _last + 1):
        _plain = unicodedata.normalize("NFKC", chr(_code))
        if len(_plain) == 1 and _plain != chr(_code):
            _FOLD[_code] = _plain
_FOLDABLE = re.compile(f"[A-Z{_WIDE}\u3000\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
# Invisible characters would let a name slip past a plain search: they are dropped.
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# So is, from a text where it hid a name or number, what joins, marks or reorders the character
# next to it without being read: format characters (bidi marks and isolates, invisible
# operators, tags), combining marks, variation selectors and the Hangul fillers.
# 王<U+200E>建华 and 王<U+0301>建华 read 王建华.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0300-\u036f\u061c\u115f\u1160\u180b-\u180e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u20d0-\u20ff\u3164\ufe00-\ufe0f"
    "\ufe20-\ufe2f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_DIGIT = re.compile("[0-9０-９]")

# What a pattern stands for: a name part keeps the characters its mask keeps; an address is
# hidden whole.
_Keep = tuple[bool, ...] | None


def _span(hit: tuple[int, int, _Keep]) -> tuple[int, int]:
    return hit[0], hit[1]


def people_of(cases: Iterable[Case]) -> Iterator[tuple[str, str]]:
    """(姓名, 住址) of every case: what the engine is given besides earlier versions."""
    return ((c.petitioner_name, c.petitioner_address) for c in cases)


class Masker:
    """Masks names, addresses (masked mode) and personal numbers (every mode) in any text."""

    def __init__(self, people: Iterable[tuple[str, str]] = (), mode: str = MASKED) -> None:
        self.mode = mode
        self._automaton: Any = self._compile(people) if mode != FULL else None

    @staticmethod
    def _compile(people: Iterable[tuple[str, str]]) -> Any:
        patterns: dict[str, _Keep] = {}
        for name, address in people:
            # Text loses its invisible characters before matching; so must what is matched.
            name, address = _INVISIBLE.sub("", name), _INVISIBLE.sub("", address)
            for part in name_parts(name):
                key = part.translate(_FOLD)
                if len(part) >= MIN_LENGTH and key not in patterns:
                    keep = tuple(a == b for a, b in zip(part, mask_name(part), strict=True))
                    patterns[key] = keep
            if len(address) >= MIN_LENGTH:
                patterns[address.translate(_FOLD)] = None  # hiding wins over a name's mask
        if not patterns:
            return None
        automaton = ahocorasick.Automaton()
        for key, value in patterns.items():
            automaton.add_word(key, (len(key), value))
        automaton.make_automaton()
        return automaton

    @property
    def masked(self) -> bool:
        return self.mode != FULL

    def text(self, text: str) -> str:
        """Free text as an output may show it."""
        if _ZERO_WIDTH.search(text):
            text = _ZERO_WIDTH.sub("", text)
        # The other hiding characters go only where they hid something: elsewhere a bidi
        # override stays, for the terminal and CI escaping to show the reviewer.
        bare = _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text
        shown = self.numbers(self._people(bare) if self._automaton is not None else bare)
        return shown if shown != bare else text

    def _people(self, text: str) -> str:
        # Aho–Corasick's ``iter`` reports every match, overlapping ones included (its
        # ``iter_long`` misses some); overlapping matches are masked as one span, so neither a
        # name inside a longer name nor two names sharing characters leaves anything readable.
        found = self._automaton.iter(text.translate(_FOLD) if _FOLDABLE.search(text) else text)
        hits = sorted(((end + 1 - n, end + 1, keep) for end, (n, keep) in found), key=_span)
        if not hits:
            return text
        out: list[str] = []
        done = i = 0
        while i < len(hits):
            start, end, _ = hits[i]
            cluster = [hits[i]]
            i += 1
            while i < len(hits) and hits[i][0] < end:
                end = max(end, hits[i][1])
                cluster.append(hits[i])
                i += 1
            if any(keep is None for _, _, keep in cluster):
                start, end, words = hide(text, max(start, done), end, ADDRESS_HIDDEN, done)
                out += [text[done:start], words]
            else:
                out.append(text[done:start])
                chars = list(text[start:end])
                for s, _, keep in cluster:
                    for j, kept in enumerate(keep or ()):
                        if not kept:
                            chars[s - start + j] = "*"
                out.append("".join(chars)[max(done - start, 0) :])  # a bracket already taken
            done = end
        out.append(text[done:])
        return "".join(out)

    @staticmethod
    def numbers(text: str) -> str:
        """Only the personal numbers of a text masked (officials, every mode)."""
        found = personal_numbers.find(text) if _DIGIT.search(text) else []
        if not found:
            return text
        out: list[str] = []
        done = 0
        for f in found:
            start, end, words = hide(text, max(f.start, done), f.end, NUMBER_HIDDEN, done)
            out += [text[done:start], words]
            done = end
        out.append(text[done:])
        return "".join(out)

    def name(self, name: str) -> str:
        """A petitioner's 姓名 field: its mask in masked mode."""
        return mask_name(name) if self.masked else self.text(name)

    def _official(self, person: Person) -> Person:
        """Officials are shown in full: only numbers are masked."""
        name, title = self.numbers(person.name), self.numbers(person.title)
        return person if (name, title) == (person.name, person.title) else Person(name, title)

    def _department(self, dept: Department) -> Department:
        name, head, title = (self.numbers(v) for v in (dept.name, dept.head, dept.title))
        same = (name, head, title) == (dept.name, dept.head, dept.title)
        return dept if same else Department(name, head, title)

    def case(self, case: Case, address: str = "") -> Case:
        """The case as an output shows it; ``address`` replaces the 住址 in masked mode."""
        extra: dict[str, Any] = {a: self.text(v) for a in OPTIONAL_TEXTS if (v := getattr(case, a))}
        return dataclasses.replace(
            case,
            petitioner_name=self.name(case.petitioner_name),
            petitioner_address=address if self.masked else self.text(case.petitioner_address),
            location=self.text(case.location),
            demand=self.text(case.demand),
            note=self.text(case.note),
            measures=tuple(Measure(m.date, self.text(m.text)) for m in case.measures),
            leader=self._official(case.leader),
            department=self._department(case.department),
            police=self._official(case.police) if case.police else None,
            stability_person=case.stability_person and self._official(case.stability_person),
            **extra,
        )


def masker(mode: str, cases: Iterable[Case], earlier: Iterable[tuple[str, str]] = ()) -> Masker:
    """The engine for an output in ``mode``: every case's petitioner, and earlier versions'."""
    return Masker(mode=FULL) if mode == FULL else Masker([*people_of(cases), *earlier], MASKED)
