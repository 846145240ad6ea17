"""Where the words that replace a hidden span go: in brackets of their own, or in those there.

A hidden address or number reads as an insertion, so its words stand in brackets, but never in a
second pair: brackets right around the span (one pair or several, full- or half-width, matched
or not) become one pair, a lone bracket beside it is kept as it is, and a span inside a bracketed
remark (到史亮家（住南庄村四组2号，电话……）) gets none.
"""

from __future__ import annotations

PAIRS = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕", "［": "］"}
OPENING = frozenset(PAIRS)
CLOSING = frozenset(PAIRS.values())


def _inside(text: str, start: int, end: int) -> bool:
    """The nearest bracket before the span opens and the nearest after it closes."""
    before = next((c for c in reversed(text[:start]) if c in OPENING | CLOSING), "")
    after = next((c for c in text[end:] if c in OPENING | CLOSING), "")
    return before in OPENING and after in CLOSING


def hide(text: str, start: int, end: int, words: str, floor: int = 0) -> tuple[int, int, str]:
    """(start, end, replacement) for hiding text[start:end] behind ``words``.

    The span may grow over the brackets right around it (never before ``floor``, where the text
    already written ends): 到史亮家（(南庄村四组2号)）走访 → 到史*家（住址已隐去）走访.
    """
    s, e = start, end
    while s > floor and e < len(text) and text[s - 1] in OPENING and text[e] in CLOSING:
        s, e = s - 1, e + 1
    if s < start:  # one pair for all the layers: the outer one if it matches, else full-width
        opening, closing = text[s], text[e - 1]
        pair = (opening, closing) if PAIRS[opening] == closing else ("（", "）")
        return s, e, f"{pair[0]}{words}{pair[1]}"
    beside = (start > floor and text[start - 1] in OPENING) or (
        end < len(text) and text[end] in CLOSING
    )
    if beside or _inside(text, start, end):
        return start, end, words
    return start, end, f"（{words}）"
