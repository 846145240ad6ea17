"""No ID-card, phone or bank-card number anywhere in a file (``personal-number``): where one
is, what the problem says (the kinds, never the number), and messages with them hidden."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.ledger import personal_numbers
from generator.ledger.schema import resolve, subschema
from generator.ledger.yamlbounds import Finding
from generator.ledger.yamlload import Document, Path_, label


def personal_number_message(where: str, kinds: list[str]) -> str:
    """What ``personal-number`` says about a field: which kinds of number, never the number."""
    found = "、".join(dict.fromkeys(kinds))
    return (
        f"{where}中有{found}：按个人信息保护的最小必要原则，台账不记录身份证号、电话号码和"
        "银行卡号，请删除"
    )


def _texts(value: Any, out: list[str]) -> None:
    """Every text or whole number under value, as text: one cheap walk for the common case."""
    kind = value.__class__
    if kind is str:
        out.append(value)
    elif kind is int:  # not bool, whose class is bool
        out.append(str(value))
    elif kind is dict or kind is list:
        for item in value.values() if kind is dict else value:
            _texts(item, out)


def _fields(value: Any, path: Path_, out: list[tuple[Path_, str]]) -> None:
    """Every text or whole number at or under path, as text (``备注: 13912345678`` unquoted is
    a number, and still a phone), with its path."""
    kind = value.__class__
    if kind is str:
        out.append((path, value))
    elif kind is int:  # not bool, whose class is bool
        out.append((path, str(value)))
    elif kind is dict or kind is list:
        for key, item in value.items() if kind is dict else enumerate(value):
            _fields(item, (*path, key), out)


def check_personal_numbers(
    schema: str | dict[str, Any], value: Any, doc: Document, path: Path_ = ()
) -> Iterator[Finding]:
    """Every field at or under path (its text or whole number) that holds an ID-card, phone or
    bank-card number; the finding sits on the value and names the kinds, never the number.

    A key the schema does not know has its own problem (``unknown-key``, which already says
    that the ledger keeps no such numbers), so only the schema's fields are looked at here.
    """
    texts: list[str] = []
    _texts(value, texts)
    # One cheap search over all the text of a file: almost every file stops here.
    if not personal_numbers.possible("\n".join(texts)):
        return
    fields: list[tuple[Path_, str]] = []
    _fields(value, path, fields)
    whole = resolve(schema)
    for where, text in fields:
        sub = subschema(whole, where)
        # A value past its maxLength has its own problem; searching 900,000 characters of
        # "1 1 1 …" for numbers took 1.5 s and 120 MB, so only lengths the schema allows are.
        if sub is None or len(text) > sub.get("maxLength", len(text)):
            continue
        kinds = personal_numbers.kinds(text)
        if kinds:
            pos = doc.value_pos(where)
            yield pos.line, pos.col, "personal-number", personal_number_message(label(where), kinds)


def hide_personal_numbers(text: str) -> str:
    """A message with every personal number in it replaced by its kind: another rule's message
    may quote a value (an enum, a name not on the list) that holds one."""
    found = personal_numbers.find(text)
    for number in reversed(found):
        text = f"{text[: number.start]}（{number.kind}，不显示）{text[number.end :]}"
    return text
