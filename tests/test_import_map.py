"""``import --map``: mistakes in the mapping file at their positions, before a row is read;
columns the sheet lacks; words refused with row and column; what the dry run says it 规整."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.layouts import DENGJI, TUCHU, sheet

TODAY = "2026-11-29"
CATEGORIES = "城建拆迁、问题楼盘、集资融资、劳动社保、双拖欠、土地征用、涉法涉诉、婚姻家庭、邻里纠纷、环境污染、其他"  # noqa: E501

BAD_MAP = """工作表: 3
表头行: 第三行
栏目:
  信访诉求: 诉求
  户籍: 信访人.住址
  住址: 信访人.住址
  包案领导: 包案领导
  包案领导职务: 包案领导.职务
取值:
  问题类型: {劳资: 劳动保障}
  主要诉求: {a: b}
默认:
  信访人.姓名: 张三
  排查日期: 七月一日
  涉及人数: 0
颜色: 红
"""


def test_every_mistake_in_the_mapping_at_its_place(repo: Path, cli: Callable[..., Any]) -> None:
    TUCHU.build(repo / "表.xlsx")
    (repo / "MAP.yaml").write_text(BAD_MAP, encoding="utf-8")
    result = cli("import", "表.xlsx", "--unit", "dongcun", "--map", "MAP.yaml", "--today", TODAY)
    assert (result.code, result.err) == (1, "错误：映射文件有错误，没有读取表格\n")
    # Columns counted by hand: “  信访诉求: ” is 8 characters, so the value starts at 9.
    assert result.out.splitlines() == [
        "MAP.yaml:1:6: “工作表”应是工作表的名称",
        "MAP.yaml:2:6: “表头行”应是表头所在的行号（从 1 起的整数）",
        "MAP.yaml:4:9: “诉求”不是案件的字段（嵌套的字段写成 责任部门.责任人；不要的列写 忽略）",
        "MAP.yaml:6:7: “信访人.住址”已由“户籍”映射：一个字段只能来自一列"
        "（几列合成一个字段时，请映射到它的各部分，如 责任部门.名称、责任部门.责任人）",
        "MAP.yaml:8:11: “包案领导.职务”与“包案领导”（包案领导）重叠："
        "一个字段要么整列映射，要么分成各部分映射",
        f"MAP.yaml:10:14: “劳动保障”不是“问题类型”的可选值，应为：{CATEGORIES}",
        "MAP.yaml:11:3: “主要诉求”不是有可选值的字段，"
        "取值只能给：问题类型、风险等级、是否已化解、化解方式、典型案例",
        "MAP.yaml:13:11: “信访人.姓名”不能有默认值：每一行都要有自己的信访人.姓名",
        "MAP.yaml:14:9: “排查日期”的默认值应是日期，如 2019-07-01",
        "MAP.yaml:15:9: “涉及人数”的默认值应是正整数",
        "MAP.yaml:16:1: 不认识的键“颜色”，可用：工作表、表头行、栏目、取值、默认",
        "检查了 1 个文件，发现 11 个问题",
    ]
    assert list((repo / "cases").iterdir()) == []


def test_a_mapping_that_is_no_yaml_mapping(repo: Path, cli: Callable[..., Any]) -> None:
    TUCHU.build(repo / "表.xlsx")
    (repo / "MAP.yaml").write_text("- 栏目\n", encoding="utf-8")
    result = cli("import", "表.xlsx", "--unit", "dongcun", "--map", "MAP.yaml", "--today", TODAY)
    assert (result.code, result.out) == (
        1,
        "MAP.yaml:1:1: 文件顶层应是“键: 值”的映射，而不是列表\n检查了 1 个文件，发现 1 个问题\n",
    )
    missing = cli("import", "表.xlsx", "--unit", "dongcun", "--map", "无.yaml", "--today", TODAY)
    assert (missing.code, missing.err) == (2, "用法错误：找不到映射文件“无.yaml”\n")


def test_columns_the_sheet_lacks_or_holds_twice(repo: Path, cli: Callable[..., Any]) -> None:
    head = ["姓名", "住址", "日期", "主要诉求", "日期"]
    sheet(repo / "表.xlsx", "登记", [head, ["王建国", "东村三组", "2019-07-03", "补偿款", None]])
    text = "工作表: 台账\n栏目:\n  信访诉求: 主要诉求\n  日期: 排查日期\n  列E: 化解日期\n"
    (repo / "MAP.yaml").write_text(text, encoding="utf-8")
    args = ("import", "表.xlsx", "--unit", "dongcun", "--map", "MAP.yaml", "--today", TODAY)
    no_sheet = cli(*args)
    assert no_sheet.out == (
        "MAP.yaml:1:6: 工作簿中没有工作表“台账”，有：“登记”\n检查了 1 个文件，发现 1 个问题\n"
    )
    (repo / "MAP.yaml").write_text(text.replace("台账", "登记"), encoding="utf-8")
    result = cli(*args)
    assert (result.code, result.err) == (1, "错误：映射文件与表格不符，没有读取表格\n")
    assert result.out.splitlines() == [
        "MAP.yaml:3:3: 工作表“登记”第 1 行的表头中没有“信访诉求”这一列",
        "MAP.yaml:4:3: 工作表“登记”第 1 行的表头有 2 列都是“日期”（C列、E列），"
        "请用 列C 这样的写法指明",
        "检查了 1 个文件，发现 2 个问题",
    ]


def test_a_word_the_mapping_does_not_know_is_refused_with_row_and_column(
    repo: Path, cli: Callable[..., Any]
) -> None:
    TUCHU.build(repo / "表.xlsx")
    wb = load_workbook(repo / "表.xlsx")
    wb["总表"]["L6"] = "基本化解"  # 刘秀英's row: neither the mapping nor a synonym knows it
    wb["总表"]["E7"] = "交通事故"
    wb.save(repo / "表.xlsx")
    (repo / "MAP.yaml").write_text(TUCHU.mapping, encoding="utf-8")
    result = cli("import", "表.xlsx", "--unit", "dongcun", "--map", "MAP.yaml", "--today", TODAY)
    assert (result.code, result.out.splitlines()) == (
        1,
        [
            "表.xlsx:第6行: “化解情况/是否化解（L列）”的值“基本化解”不在可选范围内，应为：是、否",
            f"表.xlsx:第7行: “纠纷类别（E列）”的值“交通事故”不在可选范围内，应为：{CATEGORIES}",
            "  新增 cases/dongcun/dongcun-001.yaml（第5行）",
            "新增 1 件，更新 0 件，未导入 2 行（东村，工作表“总表”）",
        ],
    )


def test_the_dry_run_says_what_a_built_in_synonym_changed(
    repo: Path, cli: Callable[..., Any]
) -> None:
    DENGJI.build(repo / "表.xlsx")
    (repo / "MAP.yaml").write_text(DENGJI.mapping, encoding="utf-8")
    args = ("import", "表.xlsx", "--unit", "xingfu", "--map", "MAP.yaml", "--today", TODAY)
    result = cli(*args, "--dry-run")
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            "  将新增 cases/xingfu/xingfu-001.yaml（第4行）",
            "  将新增 cases/xingfu/xingfu-002.yaml（第5行）",
            "  已规整 第4行 “调处情况/调处方式（J列）”“人民调解”→“调解”",
            "将新增 2 件，将更新 0 件，未导入 0 行（幸福里社区，工作表“登记”）",
            "试运行：没有写入任何文件",
        ],
    )


def test_fields_no_column_and_no_default_gives(repo: Path, cli: Callable[..., Any]) -> None:
    head = ["姓名", "住址", "诉求", "类别"]
    sheet(repo / "表.xlsx", "登记", [head, ["王建国", "东村三组", "补偿款", "城建拆迁"]])
    text = "栏目:\n  诉求: 主要诉求\n  类别: 问题类型\n默认:\n  问题属地: 东村\n"
    (repo / "MAP.yaml").write_text(text, encoding="utf-8")
    result = cli("import", "表.xlsx", "--unit", "dongcun", "--map", "MAP.yaml", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "错误：表.xlsx: 工作表“登记”按映射文件读，仍缺少这些字段：“包案领导”“责任部门”"
        "“是否已化解”；请在“栏目”中写明它们在哪一列，或在“默认”中给出\n",
    )
