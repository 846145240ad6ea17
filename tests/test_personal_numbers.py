"""Personal numbers as DESIGN.md defines them, and the parts of a joint 姓名."""

from __future__ import annotations

import pytest

from generator.core.privacy import mask_name, name_parts
from generator.ledger import personal_numbers as pn


def spans(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.kind) for f in pn.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 11010519491231002X: the standard's own example; its check digit is X.
        ("身份证11010519491231002X号", [("11010519491231002X", pn.ID_CARD)]),
        ("１１０１０５１９４９１２３１００２ｘ", [("１１０１０５１９４９１２３１００２ｘ", pn.ID_CARD)]),  # noqa: E501
        ("110105 19491231 002X", [("110105 19491231 002X", pn.ID_CARD)]),
        ("旧证号110105491231002", [("110105491231002", pn.ID_CARD)]),
        ("电话138 1234 5678，又139-1234-5678", [
            ("138 1234 5678", pn.MOBILE), ("139-1234-5678", pn.MOBILE)]),
        ("13812345678 15987654321", [("13812345678", pn.MOBILE), ("15987654321", pn.MOBILE)]),
        ("座机0571-88888888", [("0571-88888888", pn.LANDLINE)]),
        ("010 1234567", [("010 1234567", pn.LANDLINE)]),
        # "spaces or hyphens inside a number removed": more than one between groups too
        ("座机0371 - 65123456", [("0371 - 65123456", pn.LANDLINE)]),
        ("手机138  0013  8000", [("138  0013  8000", pn.MOBILE)]),
        # 4111 1111 1111 1111 passes the Luhn check; …1112 does not.
        ("卡号4111 1111 1111 1111", [("4111 1111 1111 1111", pn.BANK_CARD)]),
    ],
)  # fmt: skip
def test_numbers_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # wrong check digit (should be X)
        "4111111111111112",  # Luhn fails
        "1381234567815987654321",  # part of a longer run of digits
        "补偿款150000元，共计12000000元",
        "2019-07-05 2019-08-10",
        "2019年7月5日至2019年8月10日",
        "dongcun-20190701-120000",
        "编号 dongcun-007",
        "12812345678",  # no mobile number starts with 12
        # 15 digits without a birth date where an old ID has one: a 工商注册号, a contract number
        "营业执照注册号410100000012345",
        # 18 digits with a right check digit but no birth date: an all-digit 统一社会信用代码
        "信用代码914101007344567898",
        "合同号201907051234567",
        # no area code starts with 00: zero-padded serial numbers
        "档案号0012345678",
        "金额 6222 0000 0000 0000 元",
    ],
)
def test_not_numbers(text: str) -> None:
    assert pn.find(text) == []


@pytest.mark.parametrize(
    ("name", "masked", "parts"),
    [
        ("王建国", "王**", ("王建国",)),
        ("王", "*", ("王",)),
        ("王建国等5人", "王**等5人", ("王建国等5人", "王建国")),
        ("张伟、刘芳", "张*、刘*", ("张伟、刘芳", "张伟", "刘芳")),
        ("张伟和刘芳", "张*和刘*", ("张伟和刘芳", "张伟", "刘芳")),
        ("王和平", "王**", ("王和平",)),
        ("李四以及王五", "李*以及王*", ("李四以及王五", "李四", "王五")),
        ("张伟 刘芳等3人", "张* 刘*等3人", ("张伟 刘芳等3人", "张伟 刘芳", "张伟", "刘芳")),
        ("张伟，刘芳、赵敏", "张*，刘*、赵*", ("张伟，刘芳、赵敏", "张伟", "刘芳", "赵敏")),
    ],
)
def test_joint_names(name: str, masked: str, parts: tuple[str, ...]) -> None:
    assert mask_name(name) == masked
    assert name_parts(name) == parts


def test_a_long_run_of_short_groups_is_searched_in_linear_time() -> None:
    """'1 1 1 …': every span of groups was tried (cubic: 10 s for this text); now ≤ 19 digits."""
    text = "1 " * 3000
    found = pn.find(text)
    # Fifteen ones make a 15-digit old ID number: 3,000 ones hold 200 of them, side by side.
    assert len(found) == 200
    assert {f.kind for f in found} == {pn.ID_CARD}
    assert [(f.start, f.end) for f in found[:2]] == [(0, 29), (30, 59)]
