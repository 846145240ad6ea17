"""Rule ``personal-number``: no ID-card, phone or bank-card number is stored, and none is echoed.

``validate`` on case files and campaign.yaml's 人员 is pinned by the examples in tests/data
(``personal-number-*``); here: the JSON report, ``import`` refusing such rows, other messages
that would have quoted a number, and the valid look-alikes (amounts, dates, case ids).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import Result
from tests.test_import import HAND_ARGS, HAND_HEADERS, HAND_ROWS
from tests.test_validate_data import DATA, TODAY, overlay

Cli = Callable[..., Result]
NUMBERS = ("410102198503124218", "139", "1234", "5678", "0371", "65123456", "6222", "449")
RULE = "：按个人信息保护的最小必要原则，台账不记录身份证号、电话号码和银行卡号，请删除"


def test_json_report_names_the_rule_never_the_number(repo: Path, cli: Cli) -> None:
    overlay(DATA / "invalid/personal-number-in-texts", repo)
    result = cli("validate", "--today", TODAY, "--format", "json")
    report = json.loads(result.out)
    assert result.code == 1
    assert [(p["line"], p["col"], p["rule"], p["message"]) for p in report["problems"]] == [
        (8, 7, "personal-number", f"“主要诉求”中有身份证号{RULE}"),
        (21, 9, "personal-number", f"“工作措施”第 2 条的“内容”中有手机号{RULE}"),
        (23, 9, "personal-number", f"“工作措施”第 3 条的“内容”中有固定电话{RULE}"),
        (25, 5, "personal-number", f"“备注”中有银行卡号{RULE}"),
    ]


def test_other_messages_never_quote_a_number(repo: Path, cli: Cli) -> None:
    """A phone in a key the schema does not know: the message names the key with the number
    replaced by its kind."""
    (repo / "cases/dongcun").mkdir()
    minimal = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (repo / "cases/dongcun/dongcun-001.yaml").write_text(
        minimal.replace("问题类型: 城建拆迁", "问题类型: 城建拆迁\n电话13912345678: 有"),
        encoding="utf-8",
    )
    result = cli("validate", "--today", TODAY)
    assert result.out == (
        "cases/dongcun/dongcun-001.yaml:8:1: 不认识的键“电话（手机号，不显示）”："
        "按个人信息保护的最小必要原则，台账不记录身份证号、电话等信息\n"
        "检查了 2 个文件，发现 1 个问题\n"
    )


def test_import_refuses_rows_with_personal_numbers(repo: Path, cli: Cli) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HAND_HEADERS)
    ws.append(HAND_ROWS[0])
    phone = list(HAND_ROWS[0])
    phone[1], phone[11] = "赵六", "其子电话１３９ １２３４ ５６７８"  # 姓名, 备注
    ws.append(phone)
    card = list(HAND_ROWS[0])
    card[1], card[2] = "钱七", 13912345678  # an address cell that Excel stored as a number
    card[4] = "要求退还押金，卡号 6222 0210 0011 2233 449，座机 0371-65123456"
    ws.append(card)
    ws.append(HAND_ROWS[1])
    wb.save(repo / "号码.xlsx")
    result = cli("import", "号码.xlsx", *HAND_ARGS)
    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines() == [
        f"号码.xlsx:第3行: “备注”中有手机号{RULE}",
        f"号码.xlsx:第4行: “信访人住址”中有手机号{RULE}；“主要诉求”中有银行卡号、固定电话{RULE}",
        "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
        "  新增 cases/dongcun/dongcun-002.yaml（第5行）",
        "新增 2 件，更新 0 件，未导入 2 行（东村，工作表“Sheet”）",
    ]
    for number in NUMBERS[:2]:
        assert number not in result.out
    assert sorted(p.name for p in (repo / "cases/dongcun").iterdir()) == [
        "dongcun-001.yaml",
        "dongcun-002.yaml",
    ]
    assert cli("validate", "--today", "2026-11-29").out == "检查了 3 个文件，发现 0 个问题\n"
