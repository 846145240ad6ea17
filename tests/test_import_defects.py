"""The importer's defects seen with real ledgers (issue 11), each pinned by its exact output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.excel import cells as cell
from generator.excel.synonyms import SYNONYMS, vocabularies
from generator.ledger.fields import registry
from tests.layouts import sheet

TODAY = "2026-11-29"
HEAD = ["序号", "姓名", "住址", "问题属地", "主要诉求", "科级包案领导姓名、职务"]
HEAD += ["责任部门及责任人姓名、职务", "问题类型", "是否已化解", "风险等级", "排查日期"]
LEADER, DEPT = "李志强（办事处主任）", "城建办：赵敏（主任）"


def row(n: int, name: str, day: Any, **changes: Any) -> list[Any]:
    """A valid row of HEAD; ``changes`` by column title."""
    values = dict(
        zip(HEAD, [n, name, "东村三组12号", "东村三组", "要求补足拆迁补偿款"], strict=False)
    )
    values |= {HEAD[5]: LEADER, HEAD[6]: DEPT, "问题类型": "城建拆迁", "是否已化解": "否"}
    values |= {"风险等级": "中", "排查日期": day} | changes
    return [values[h] for h in HEAD]


def test_a_date_stored_as_a_number_is_refused_with_a_hint(
    repo: Path, cli: Callable[..., Any]
) -> None:
    # 7.10 and 7.20 typed into General cells: Excel keeps the numbers 7.1 and 7.2.
    sheet(repo / "台账.xlsx", "Sheet", [HEAD, row(1, "王建国", 7.1), row(2, "刘秀英", 7.2)])
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    hint = (
        "是数字，不是日期（Excel 把“7.10”这样的输入存成 7.1，读不出是哪一天）；"
        "请写成完整日期，如 2019-07-10，或先把该列设为“文本”格式再输入"
    )
    assert (result.code, result.out.splitlines()) == (
        1,
        [
            f"台账.xlsx:第2行: “排查日期”的值 7.1 {hint}",
            f"台账.xlsx:第3行: “排查日期”的值 7.2 {hint}",
            "新增 0 件，更新 0 件，未导入 2 行（东村，工作表“Sheet”）",
        ],
    )
    assert list((repo / "cases").iterdir()) == []


def test_a_date_as_text_or_a_serial_number_is_still_read() -> None:
    window = (dt.date(2019, 6, 25), dt.date(2019, 9, 25))
    assert cell.date("7.10", "排查日期", window) == dt.date(2019, 7, 10)  # typed as text
    assert cell.date(43656, "排查日期", window) == dt.date(2019, 7, 10)  # a date cell's serial
    assert cell.date(20190710, "排查日期", window) == dt.date(2019, 7, 10)


def test_a_hand_made_sheet_again_updates_by_name_date_and_place(
    repo: Path, cli: Callable[..., Any]
) -> None:
    rows = [HEAD, row(1, "王建国", "2019-07-03"), row(2, "刘秀英", "2019-07-05")]
    sheet(repo / "台账.xlsx", "Sheet", rows)
    assert cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY).code == 0
    # The next copy: row 2 resolved, a new row 4. No 编号 anywhere.
    resolved = {"是否已化解": "是", "风险等级": "低"}
    rows = [*rows[:2], row(2, "刘秀英", "2019-07-05", **resolved), row(3, "张三", "2019-07-09")]
    sheet(repo / "台账.xlsx", "Sheet", rows)
    args = ("import", "台账.xlsx", "--unit", "dongcun", "--resolved-on", "2019-07-30")
    refused = cli(*args, "--today", TODAY)
    assert (refused.code, refused.out.splitlines()) == (
        1,
        [
            "台账.xlsx:第3行: 案件 dongcun-002 已存在且内容不同；要按表格更新它，请加 --update",
            "  新增 cases/dongcun/dongcun-003.yaml（第4行）",
            "新增 1 件，更新 0 件，未导入 1 行，与已有案件相同 1 行（东村，工作表“Sheet”）",
        ],
    )
    updated = cli(*args, "--update", "--today", TODAY)
    assert (updated.code, updated.out.splitlines()) == (
        0,
        [
            "  更新 cases/dongcun/dongcun-002.yaml（第3行）",
            "新增 0 件，更新 1 件，未导入 0 行，与已有案件相同 2 行（东村，工作表“Sheet”）",
        ],
    )
    names = sorted(p.name for p in (repo / "cases/dongcun").iterdir())
    assert names == ["dongcun-001.yaml", "dongcun-002.yaml", "dongcun-003.yaml"]
    text = (repo / "cases/dongcun/dongcun-002.yaml").read_text(encoding="utf-8")
    assert "风险等级: 低\n" in text and text.endswith("是否已化解: 是\n化解日期: 2019-07-30\n")


def test_a_row_matching_two_cases_is_refused(repo: Path, cli: Callable[..., Any]) -> None:
    rows = [
        HEAD,
        row(1, "王建国", "2019-07-03"),
        row(2, "王建国", "2019-07-03", 主要诉求="另一件事"),
    ]
    sheet(repo / "两件.xlsx", "Sheet", rows)
    first = cli("import", "两件.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert first.out.splitlines()[0] == (
        "两件.xlsx:第3行: 与第2行信访人姓名、排查日期、问题属地相同，未重复导入"
    )
    # Two such cases written by hand: a row cannot tell which one it is.
    case = (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8")
    (repo / "cases/dongcun/dongcun-002.yaml").write_text(
        case.replace("要求补足拆迁补偿款", "另一件事"), encoding="utf-8"
    )
    sheet(repo / "两件.xlsx", "Sheet", [HEAD, row(1, "王建国", "2019-07-03", 风险等级="高")])
    again = cli("import", "两件.xlsx", "--unit", "dongcun", "--update", "--today", TODAY)
    assert (again.code, again.out.splitlines()[0]) == (
        1,
        "两件.xlsx:第2行: 与已有的 2 件案件（dongcun-001、dongcun-002）信访人姓名、排查日期、"
        "问题属地都相同，认不出是哪一件；请在表中填上编号",
    )


def test_footers_and_notes_over_several_cells_are_skipped(
    repo: Path, cli: Callable[..., Any]
) -> None:
    rows = [
        HEAD,
        row(1, "王建国", "2019-07-03"),
        ["注：", "本表每半月报送一次"],
        ["填表人：", "刘洋", None, "审核人：", "张军", None, "联系电话：", "13812345678"],
        [None, "填报人：刘洋", "审核人：张军", "联系电话：13812345678"],
        ["单位负责人", "王军", "填表日期", "2019年7月20日"],
    ]
    sheet(repo / "台账.xlsx", "Sheet", rows)
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
            "新增 1 件，更新 0 件，未导入 0 行（东村，工作表“Sheet”）",
        ],
    )


# The synonyms that changed a value's meaning, each refused now with its row and column.
@pytest.mark.parametrize(
    ("key", "word"),
    [
        ("问题类型", "山林土地"),
        ("问题类型", "土地权属"),
        ("问题类型", "土地"),
        ("问题类型", "环境卫生"),
        ("是否已化解", "基本化解"),
        ("是否已化解", "部分化解"),
        ("是否已化解", "已办结"),
        ("风险等级", "一般"),
        ("风险等级", "较大"),
        ("风险等级", "重大"),
        ("风险等级", "较高"),
        ("化解方式", "司法救助"),
        ("化解方式", "劳动仲裁"),
        ("化解方式", "协调"),
    ],
)
def test_words_of_another_meaning_are_refused(key: str, word: str) -> None:
    vocabulary = vocabularies(registry())[key]
    with pytest.raises(cell.CellError) as err:
        vocabulary.read(word)
    values = "、".join(vocabulary.values)
    assert str(err.value) == f"“{key}”的值“{word}”不在可选范围内，应为：{values}"


def test_a_meaning_changing_word_in_a_sheet_names_row_and_column(
    repo: Path, cli: Callable[..., Any]
) -> None:
    rows = [HEAD, row(1, "王建国", "2019-07-03", 问题类型="山林土地", 是否已化解="基本化解")]
    sheet(repo / "台账.xlsx", "Sheet", rows)
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert result.out.splitlines()[0] == (
        "台账.xlsx:第2行: “问题类型”的值“山林土地”不在可选范围内，应为：城建拆迁、问题楼盘、"
        "集资融资、劳动社保、双拖欠、土地征用、涉法涉诉、婚姻家庭、邻里纠纷、环境污染、其他；"
        "“是否已化解”的值“基本化解”不在可选范围内，应为：是、否"
    )


def test_the_synonyms_are_the_ones_the_readme_lists() -> None:
    """Written out by hand: a synonym is added or dropped only on purpose (and in the README)."""
    flat = {k: {w: v for v, ws in t.items() for w in ws.split()} for k, t in SYNONYMS.items()}
    assert flat["风险等级"] == {
        "高风险": "高", "风险高": "高", "中风险": "中", "风险中": "中", "中等": "中",
        "低风险": "低", "风险低": "低",
    }  # fmt: skip
    assert {w for w, v in flat["问题类型"].items() if v == "土地征用"} == {
        "征地", "土地征收", "征用土地", "征收土地",
    }  # fmt: skip
    assert flat["化解方式"] == {
        "人民调解": "调解", "调处": "调解", "调解处理": "调解", "解释": "政策解释",
        "解释说明": "政策解释", "政策宣讲": "政策解释", "政策解读": "政策解释", "协商": "协商和解",
        "和解": "协商和解", "协商解决": "协商和解", "司法": "司法途径", "诉讼": "司法途径",
        "起诉": "司法途径", "法院": "司法途径", "复议": "行政复议", "其它": "其他",
    }  # fmt: skip
    assert {w for w, v in flat["是否已化解"].items() if v == "是"} == {
        "已化解", "化解", "已解决", "已", "√", "✓", "✔", "Y", "y",
    }  # fmt: skip
    assert len(flat["问题类型"]) == 45  # 5+1+4+6+5+4+4+6+3+6+1, counted in the table


def test_progress_text_under_化解情况_is_not_the_status(
    repo: Path, cli: Callable[..., Any]
) -> None:
    head = [*HEAD, "化解情况"]
    rows = [head, [*row(1, "王建国", "2019-07-03"), "已基本化解，待签协议"]]
    sheet(repo / "台账.xlsx", "Sheet", rows)
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert result.out.splitlines() == [
        "注意：这些列不是台账的列，没有导入：“化解情况”",
        "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
        "新增 1 件，更新 0 件，未导入 0 行（东村，工作表“Sheet”）",
    ]
    text = (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8")
    assert text.endswith("是否已化解: 否\n")
    # Without a 是否已化解 column of its own the sheet lacks one: 化解情况 does not stand in.
    sheet(repo / "无.xlsx", "Sheet", [[h for h in head if h != "是否已化解"]])
    lacking = cli("import", "无.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert lacking.err == "错误：无.xlsx: 工作表“Sheet”第 1 行的表头缺少这些列：“是否已化解”\n"


def test_the_unit_is_read_from_a_line_that_also_gives_the_date(
    repo: Path, cli: Callable[..., Any]
) -> None:
    top = [["东村台账"], ["填报单位：西村　填报时间：2019年7月20日"]]
    sheet(repo / "台账.xlsx", "Sheet", [*top, HEAD, row(1, "王建国", "2019-07-03")])
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "错误：台账.xlsx: 工作表“Sheet”的填报单位是“西村”（xicun），"
        "与 --unit dongcun（东村）不符\n",
    )
    top = [["东村台账"], ["填报单位：东村填报时间：2019年7月20日"]]
    sheet(repo / "台账.xlsx", "Sheet", [*top, HEAD, row(1, "王建国", "2019-07-03")])
    assert cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY).code == 0


TWO_LEVEL_TOP = ["序号", "信访人", None, "问题属地", "主要诉求", "包案领导", None, "责任部门"]
TWO_LEVEL_TOP += [None, None, "问题类型", "化解情况", None, None, "风险等级", "排查日期"]
TWO_LEVEL_SUB = [None, "姓名", "住址", None, None, "姓名", "职务", "名称", "责任人", "职务"]
TWO_LEVEL_SUB += [None, "是否化解", "化解时间", "进展", None, None]


def test_a_two_level_header_without_a_mapping(repo: Path, cli: Callable[..., Any]) -> None:
    rows = [
        ["东村信访矛盾台账"],
        TWO_LEVEL_TOP,
        TWO_LEVEL_SUB,
        [1, "王建国", "东村三组12号", "东村三组", "要求补足拆迁补偿款", "李志强", "办事处主任",
         "城建办", "赵敏", "主任", "城建拆迁", "是", "2019-07-20", "已签协议", "高", "2019-07-03"],
    ]  # fmt: skip
    merges = ["A1:P1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:G2", "H2:J2", "K2:K3", "L2:N2"]
    sheet(repo / "台账.xlsx", "Sheet", rows, [*merges, "O2:O3", "P2:P3"])
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            "注意：这些列不是台账的列，没有导入：“化解情况/进展”",
            "  新增 cases/dongcun/dongcun-001.yaml（第4行）",
            "新增 1 件，更新 0 件，未导入 0 行（东村，工作表“Sheet”）",
        ],
    )
    assert (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8") == (
        "排查日期: 2019-07-03\n信访人:\n  姓名: 王建国\n  住址: 东村三组12号\n涉及人数: 1\n"
        "问题属地: 东村三组\n问题类型: 城建拆迁\n主要诉求: 要求补足拆迁补偿款\n风险等级: 高\n"
        "包案领导:\n  姓名: 李志强\n  职务: 办事处主任\n"
        "责任部门:\n  名称: 城建办\n  责任人: 赵敏\n  职务: 主任\n"
        "是否已化解: 是\n化解日期: 2019-07-20\n"
    )


@pytest.mark.parametrize("header", ["编号", "序号"])
def test_an_offices_own_numbering_is_dropped_by_name(
    repo: Path, cli: Callable[..., Any], header: str
) -> None:
    head = [header, *HEAD[1:]]
    rows = [head, ["SF-2019-001", *row(1, "王建国", "2019-07-03")[1:]]]
    rows.append(["SF-2019-002", *row(2, "刘秀英", "2019-07-05")[1:]])
    sheet(repo / "台账.xlsx", "Sheet", rows)
    result = cli("import", "台账.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            f"注意：“{header}”列是本单位自编的编号，没有导入；要保留它，"
            "请在 campaign.yaml 的“台账.字段”中加上 原编号",
            "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
            "  新增 cases/dongcun/dongcun-002.yaml（第3行）",
            "新增 2 件，更新 0 件，未导入 0 行（东村，工作表“Sheet”）",
        ],
    )
