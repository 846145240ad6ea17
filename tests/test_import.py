"""``import``: our own export back without loss, a hand-made 附件1 sheet, and every refusal."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from generator.core import privacy
from generator.excel import cells as cell
from generator.excel import importer, synonyms
from generator.excel.export import write_workbook
from generator.ledger.fields import registry
from generator.ledger.validate import load_campaign, load_ledger
from generator.ledger.yamlload import load_bytes

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
DAY = dt.date(2026, 11, 29)
UNITS = [
    "dongcun",
    "xicun",
    "nanzhuang",
    "beiying",
    "liuzhai",
    "huayuan",
    "qingfeng",
    "xingfu",
    "jinshui",
    "yingbin",
    "wenhua",
    "gongye",
]

# A clerk's own 附件1: the form's twelve columns (some titles spelt their own way, one broken
# over two lines, one with a full-width space) and two date columns added by hand.
HAND_HEADERS = [
    "序号",
    "姓　名",
    "信访人住址",
    "问题属地",
    "主要诉求",
    "工作措施",
    "科级包案领导\n姓名、职务",
    "责任部门及责任人姓名、职务",
    "分包民警",
    "问题类型",
    "是否化解",
    "备注",
    "排查时间",
    "化解时间",
]
COMMON = ["东村三组", "要求补足拆迁安置补偿款"]
LEADER = "李志强（办事处主任）"
DEPT = "城建办：赵敏（主任）"
HAND_ROWS: list[list[Any]] = [
    # 5: every column; text dates in two ways; measures dated in two ways; synonyms 拆迁, 已化解.
    [1, "王建国", "东村三组12号", *COMMON,
     "2019-07-05 入户走访，核实补偿标准\n2019.7.10 召开协调会", LEADER, DEPT, "孙立 社区民警",
     "拆迁", "已化解", "", "2019年7月3日", "2019.7.12"],
    # 6: no 排查日期 (from --screened-on), measures as free text (dated by 排查日期).
    [2, "刘秀英", "东村二组8号", "东村二组", "讨要拖欠工资（３个月）", "电话联系当事人\n上门走访",
     "陈卫东(办事处副主任)", "劳动保障所 冯玉洁 副所长", None, "劳动社保", "否", "", None, None],
    [None] * 14,  # 7: a blank row
    # 8: a group: 涉及人数 from 等5人; quoted “双拖欠”; a month-day date.
    [3, "张三等5人", "东村五组2号", "东村五组", "讨要工程款", None, LEADER, DEPT, None,
     "“双拖欠”", "未化解", "已纳入重点化解清单", "7月8日", None],
    # 9: full-width date and padding; an Excel date cell for 化解时间; √.
    [4, "　李四　", "东村一组9号", "东村一组", "宅基地边界纠纷", "2019-07-10 现场查看", LEADER,
     "综治办：谢国平（副主任）", None, "邻里纠纷", "√", None, "２０１９／７／９",
     dt.datetime(2019, 7, 20)],
    # 10 and 11: 包案领导 merged down over both rows.
    [5, "赵六", "东村六组1号", "东村六组", "要求调查厂区噪音", None, "张慧敏（办事处副主任）", DEPT,
     None, "环境污染", "否", None, "2019/7/11", None],
    [6, "孙七", "东村七组3号", "东村七组", "要求解决子女抚养问题", None, None, DEPT, None,
     "婚姻家庭", "否", None, "20190712", None],
    # 12: valid
    [7, "周八", "东村八组5号", "东村八组", "合作社股金未退", None, LEADER, DEPT, None, "集资",
     "否", None, "2019-07-13", None],
    # 13: bad: no such day
    [8, "吴九", "东村九组7号", "东村九组", "要求补办房产证", None, LEADER, DEPT, None, "问题楼盘",
     "否", None, "2019年13月1日", None],
    # 14: bad: no such type
    [9, "郑十", "东村十组4号", "东村十组", "交通事故赔偿", None, LEADER, DEPT, None, "交通事故",
     "否", None, "2019-07-14", None],
    # 15: bad: a 包案领导 not on campaign.yaml's list
    [10, "钱十一", "东村一组2号", "东村一组", "要求修缮危房", None, "王五（副主任）", DEPT, None,
     "其他", "否", None, "2019-07-15", None],
]  # fmt: skip


def one_sheet(path: Path, *rows: list[Any]) -> Path:
    """A workbook of one sheet named Sheet holding rows, as a clerk's own file would."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def hand_made(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws["A1"] = "刘寨街道办事处信访矛盾大排查化解活动台账"
    ws.merge_cells("A1:L1")
    ws["A2"] = "填报单位：东村"
    ws.merge_cells("A2:F2")
    ws["A3"] = "填报时间：2019年7月20日"
    ws.append(HAND_HEADERS)
    for row in HAND_ROWS:
        ws.append(row)
    ws.merge_cells("G10:G11")
    ws["A17"] = "填表人：刘洋　审核人：张军"
    ws.merge_cells("A17:L17")
    ws["F5"].alignment = Alignment(wrap_text=True)
    wb.save(path)
    return path


HAND_REFUSED = [
    "手工台账.xlsx:第13行: “排查日期”的值“2019年13月1日”不是真实存在的日期",
    "手工台账.xlsx:第14行: “问题类型”的值“交通事故”不在可选范围内，"
    "应为：城建拆迁、问题楼盘、集资融资、劳动社保、双拖欠、土地征用、涉法涉诉、婚姻家庭、邻里纠纷、环境污染、其他",
    "手工台账.xlsx:第15行: “包案领导.姓名”“王五”不在 campaign.yaml 的人员名单中，"
    "可选：李志强、陈卫东、张慧敏、刘国栋、周晓燕、马宏伟、郭春生、韩雪梅",
]
HAND_ARGS = ("--unit", "dongcun", "--screened-on", "2019-07-04", "--risk", "中", "--today", TODAY)


def test_hand_made_sheet(repo: Path, cli: Callable[..., Any]) -> None:
    hand_made(repo / "手工台账.xlsx")
    result = cli("import", "手工台账.xlsx", *HAND_ARGS)
    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines() == [
        *HAND_REFUSED,
        "  新增 cases/dongcun/dongcun-001.yaml（第5行）",
        "  新增 cases/dongcun/dongcun-002.yaml（第6行）",
        "  新增 cases/dongcun/dongcun-003.yaml（第8行）",
        "  新增 cases/dongcun/dongcun-004.yaml（第9行）",
        "  新增 cases/dongcun/dongcun-005.yaml（第10行）",
        "  新增 cases/dongcun/dongcun-006.yaml（第11行）",
        "  新增 cases/dongcun/dongcun-007.yaml（第12行）",
        "新增 7 件，更新 0 件，未导入 3 行（东村，工作表“Sheet1”）",
    ]
    files = sorted(p.name for p in (repo / "cases/dongcun").iterdir())
    assert files == [f"dongcun-00{i}.yaml" for i in range(1, 8)]
    # The files are exactly what the web editor would write, and they validate.
    assert (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8") == (
        "排查日期: 2019-07-03\n"
        "信访人:\n"
        "  姓名: 王建国\n"
        "  住址: 东村三组12号\n"
        "涉及人数: 1\n"
        "问题属地: 东村三组\n"
        "问题类型: 城建拆迁\n"
        "主要诉求: 要求补足拆迁安置补偿款\n"
        "风险等级: 中\n"
        "包案领导:\n"
        "  姓名: 李志强\n"
        "  职务: 办事处主任\n"
        "责任部门:\n"
        "  名称: 城建办\n"
        "  责任人: 赵敏\n"
        "  职务: 主任\n"
        "分包民警:\n"
        "  姓名: 孙立\n"
        "  职务: 社区民警\n"
        "工作措施:\n"
        "  - 日期: 2019-07-05\n"
        "    内容: 入户走访，核实补偿标准\n"
        "  - 日期: 2019-07-10\n"
        "    内容: 召开协调会\n"
        "是否已化解: 是\n"
        "化解日期: 2019-07-12\n"
    )
    assert cli("validate", "--today", TODAY).out == "检查了 8 个文件，发现 0 个问题\n"

    def data(n: int) -> dict[str, Any]:
        return load_bytes((repo / f"cases/dongcun/dongcun-00{n}.yaml").read_bytes()).data

    second = data(2)
    assert second["排查日期"] == "2019-07-04"  # --screened-on
    assert second["主要诉求"] == "讨要拖欠工资（３个月）"  # free text keeps its full-width digits
    assert second["工作措施"] == [
        {"日期": "2019-07-04", "内容": "电话联系当事人"},
        {"日期": "2019-07-04", "内容": "上门走访"},
    ]
    assert second["包案领导"] == {"姓名": "陈卫东", "职务": "办事处副主任"}
    assert second["责任部门"] == {"名称": "劳动保障所", "责任人": "冯玉洁", "职务": "副所长"}
    third = data(3)
    assert (third["涉及人数"], third["问题类型"], third["排查日期"]) == (5, "双拖欠", "2019-07-08")
    assert third["备注"] == "已纳入重点化解清单"
    fourth = data(4)
    assert fourth["信访人"]["姓名"] == "李四"
    assert (fourth["排查日期"], fourth["是否已化解"], fourth["化解日期"]) == (
        "2019-07-09",
        "是",
        "2019-07-20",
    )
    assert data(6)["包案领导"] == {"姓名": "张慧敏", "职务": "办事处副主任"}  # merged down
    assert (data(6)["排查日期"], data(7)["问题类型"]) == ("2019-07-12", "集资融资")


def test_hand_made_sheet_again_changes_nothing(repo: Path, cli: Callable[..., Any]) -> None:
    hand_made(repo / "手工台账.xlsx")
    cli("import", "手工台账.xlsx", *HAND_ARGS)
    before = {p: p.read_bytes() for p in (repo / "cases").rglob("*.yaml")}
    again = cli("import", "手工台账.xlsx", *HAND_ARGS)
    assert again.out.splitlines()[3:] == [
        "新增 0 件，更新 0 件，未导入 3 行，与已有案件相同 7 行（东村，工作表“Sheet1”）"
    ]
    assert {p: p.read_bytes() for p in (repo / "cases").rglob("*.yaml")} == before


def test_what_a_hand_made_sheet_lacks_is_reported(repo: Path, cli: Callable[..., Any]) -> None:
    hand_made(repo / "手工台账.xlsx")
    result = cli("import", "手工台账.xlsx", "--unit", "dongcun", "--today", TODAY, "--dry-run")
    lines = result.out.splitlines()
    assert lines[0] == ("手工台账.xlsx:第5行: 没有“风险等级”（可用 --risk 高|中|低 指定）")
    assert lines[1] == (
        "手工台账.xlsx:第6行: 没有“排查日期”（可用 --screened-on 日期 指定）；"
        "没有“风险等级”（可用 --risk 高|中|低 指定）"
    )
    assert lines[-2:] == [
        "将新增 0 件，将更新 0 件，未导入 10 行（东村，工作表“Sheet1”）",
        "试运行：没有写入任何文件",
    ]
    assert result.code == 1


def test_dry_run_writes_nothing(repo: Path, cli: Callable[..., Any]) -> None:
    hand_made(repo / "手工台账.xlsx")
    result = cli("import", "手工台账.xlsx", *HAND_ARGS, "--dry-run")
    assert result.code == 1
    assert "  将新增 cases/dongcun/dongcun-007.yaml（第12行）" in result.out.splitlines()
    assert result.out.endswith(
        "将新增 7 件，将更新 0 件，未导入 3 行（东村，工作表“Sheet1”）\n试运行：没有写入任何文件\n"
    )
    assert list((repo / "cases").iterdir()) == []


def test_new_ids_continue_after_the_highest(sample_repo: Path, cli: Callable[..., Any]) -> None:
    hand_made(sample_repo / "手工台账.xlsx")
    result = cli("import", "手工台账.xlsx", *HAND_ARGS, "--dry-run")
    assert "  将新增 cases/dongcun/dongcun-030.yaml（第5行）" in result.out.splitlines()
    assert "  将新增 cases/dongcun/dongcun-036.yaml（第12行）" in result.out.splitlines()


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_export_import_export_is_lossless(repo: Path, cli: Callable[..., Any]) -> None:
    sample = load_ledger(ROOT, DAY)
    assert sample.campaign is not None and sample.problems == []
    first = repo / "first.xlsx"
    write_workbook(first, sample.campaign, sample.cases, DAY)
    for unit in UNITS:  # each unit's own workbook, into this empty repository
        write_workbook(repo / f"{unit}.xlsx", sample.campaign, sample.cases, DAY, unit=unit)
        result = cli("import", f"{unit}.xlsx", "--unit", unit, "--today", TODAY)
        count = sum(1 for c in sample.cases if c.unit == unit)
        assert (result.code, result.out.splitlines()[-1].split("（")[0]) == (
            0,
            f"新增 {count} 件，更新 0 件，未导入 0 行",
        )
    again = repo / "again.xlsx"
    assert cli("export", "--out", str(again), "--today", TODAY).code == 0
    assert _cells(again) == _cells(first)
    # Stronger than the cells: the case files come back byte for byte.
    originals = sorted((ROOT / "cases").rglob("*.yaml"))
    assert len(originals) == len(sample.cases) == len(list((repo / "cases").rglob("*.yaml")))
    for path in originals:
        rel = path.relative_to(ROOT)
        assert (repo / rel).read_bytes() == path.read_bytes(), rel


def test_office_workbook_imports_the_units_sheet(
    sample_repo: Path, cli: Callable[..., Any]
) -> None:
    cli("export", "--out", "全办.xlsx", "--today", TODAY)
    result = cli("import", "全办.xlsx", "--unit", "xicun", "--today", TODAY)
    assert (result.code, result.out) == (
        0,
        "新增 0 件，更新 0 件，未导入 0 行，与已有案件相同 9 行（西村，工作表“西村台账”）\n",
    )


def test_update(sample_repo: Path, cli: Callable[..., Any]) -> None:
    cli("export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    wb = load_workbook(sample_repo / "东村.xlsx")
    ws = wb["台账"]
    assert ws["M6"].value == "dongcun-002"
    ws["E6"] = "要求开发商按期交房并办理房产证（补充）"
    ws["K6"] = "是"
    ws["O6"] = dt.datetime(2019, 9, 1)
    wb.save(sample_repo / "东村.xlsx")
    path = sample_repo / "cases/dongcun/dongcun-002.yaml"
    before = path.read_bytes()

    refused = cli("import", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert refused.code == 1
    assert refused.out.splitlines() == [
        "东村.xlsx:第6行: 案件 dongcun-002 已存在且内容不同；要按表格更新它，请加 --update",
        "新增 0 件，更新 0 件，未导入 1 行，与已有案件相同 28 行（东村，工作表“台账”）",
    ]
    assert path.read_bytes() == before

    updated = cli("import", "东村.xlsx", "--unit", "dongcun", "--today", TODAY, "--update")
    assert (updated.code, updated.out.splitlines()) == (
        0,
        [
            "  更新 cases/dongcun/dongcun-002.yaml（第6行）",
            "新增 0 件，更新 1 件，未导入 0 行，与已有案件相同 28 行（东村，工作表“台账”）",
        ],
    )
    data = load_bytes(path.read_bytes()).data
    assert data["主要诉求"] == "要求开发商按期交房并办理房产证（补充）"
    assert (data["是否已化解"], data["化解日期"]) == ("是", "2019-09-01")
    assert cli("validate", "--today", TODAY).code == 0


def test_ids_of_another_unit_and_duplicates(sample_repo: Path, cli: Callable[..., Any]) -> None:
    cli("export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    wb = load_workbook(sample_repo / "东村.xlsx")
    ws = wb["台账"]
    ws["A2"] = "填报单位："  # so the sheet may be taken for another unit's
    ws["M5"] = "xicun-001"
    ws["M7"] = "dongcun-002"
    ws["M8"] = "dongcun-7"
    wb.save(sample_repo / "东村.xlsx")
    result = cli("import", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert result.out.splitlines()[:3] == [
        "东村.xlsx:第5行: 编号“xicun-001”不属于单位 dongcun；"
        "若要作为dongcun的新案件导入，请清空编号",
        "东村.xlsx:第7行: 编号“dongcun-002”在表中重复（第6行已有）",
        "东村.xlsx:第8行: “编号”“dongcun-7”格式不对，"
        "应为“单位代码-序号”，如 dongcun-007；新案件请留空",
    ]


@pytest.mark.parametrize(
    ("name", "kind"), [("旧表.xls", "旧版 Excel（.xls）"), ("台账.et", "WPS 表格（.et）")]
)
def test_old_formats(repo: Path, cli: Callable[..., Any], name: str, kind: str) -> None:
    (repo / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = cli("import", name, "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"错误：{name}: 这是{kind}文件，无法直接导入；"
        "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx），再导入另存的文件\n"
    )


def test_files_it_cannot_read(repo: Path, cli: Callable[..., Any]) -> None:
    (repo / "坏.xlsx").write_bytes(b"not a zip")
    result = cli("import", "坏.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert result.code == 1
    assert result.err.startswith("错误：坏.xlsx: 无法读取，不是有效的 Excel 工作簿（.xlsx）")
    missing = cli("import", "没有.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (missing.code, missing.err) == (2, "用法错误：找不到文件“没有.xlsx”\n")
    hand_made(repo / "手工台账.xlsx")
    unknown = cli("import", "手工台账.xlsx", "--unit", "nocun", "--today", TODAY)
    assert unknown.code == 2
    assert unknown.err.startswith(
        "用法错误：单位“nocun”不在 campaign.yaml 中，可选（名称或代码）：东村（dongcun）、"
    )


def test_sheets_it_refuses(sample_repo: Path, cli: Callable[..., Any]) -> None:
    cli("export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    wrong = cli("import", "东村.xlsx", "--unit", "xicun", "--today", TODAY)
    assert (wrong.code, wrong.err) == (
        1,
        "错误：东村.xlsx: 工作表“台账”的填报单位是“东村”（dongcun），与 --unit xicun（西村）不符\n",
    )
    headers = ["序号", "姓名", "主要诉求", "问题类型", "是否已化解"]
    one_sheet(sample_repo / "少列.xlsx", headers, [1, "王建国", "补偿款", "城建拆迁", "否"])
    short = cli("import", "少列.xlsx", "--unit", "xicun", "--today", TODAY)
    assert short.err == (
        "错误：少列.xlsx: 工作表“Sheet”第 1 行的表头缺少这些列：“信访人住址”“问题属地”"
        "“科级包案领导姓名、职务”“责任部门及责任人姓名、职务”\n"
    )
    one_sheet(sample_repo / "无表头.xlsx", [1, "王建国", "补偿款", "城建拆迁", "否"])
    none = cli("import", "无表头.xlsx", "--unit", "xicun", "--today", TODAY)
    assert none.err == (
        "错误：无表头.xlsx: 找不到台账的表头：前 15 行中应有“姓名”“主要诉求”“问题类型”等列标题"
        "（附件1 的格式）；其他格式的台账请用 --map 映射文件导入\n"
    )


def test_masked_download_is_refused(sample_repo: Path, cli: Callable[..., Any]) -> None:
    ledger = load_ledger(sample_repo, DAY)
    assert ledger.campaign is not None
    mask = privacy.masker(privacy.MASKED, ledger.cases)
    cases = [mask.case(c) for c in ledger.cases]
    path = sample_repo / "下载.xlsx"
    write_workbook(path, ledger.campaign, cases, DAY, unit="dongcun", masked=True)
    result = cli("import", "下载.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.err) == (
        1,
        "错误：下载.xlsx: 工作表“台账”是网站下载的脱敏表格，信访人姓名和住址已隐去，不能导入\n",
    )


def test_duplicate_rows_in_a_hand_made_sheet(repo: Path, cli: Callable[..., Any]) -> None:
    one_sheet(repo / "重复.xlsx", HAND_HEADERS, HAND_ROWS[0], HAND_ROWS[0])
    result = cli("import", "重复.xlsx", *HAND_ARGS)
    assert result.out.splitlines() == [
        "重复.xlsx:第3行: 与第2行内容相同，未重复导入",
        "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
        "新增 1 件，更新 0 件，未导入 1 行（东村，工作表“Sheet”）",
    ]


WINDOW = (dt.date(2019, 6, 25), dt.date(2019, 9, 25))
VOCAB = synonyms.vocabularies(registry())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-07-03", dt.date(2019, 7, 3)),
        ("2019年7月3日", dt.date(2019, 7, 3)),
        ("2019 年 7 月 3 日", dt.date(2019, 7, 3)),
        ("2019.7.3", dt.date(2019, 7, 3)),
        ("2019/7/3", dt.date(2019, 7, 3)),
        ("２０１９．７．３", dt.date(2019, 7, 3)),
        ("20190703", dt.date(2019, 7, 3)),
        ("7月3日", dt.date(2019, 7, 3)),
        ("7.3", dt.date(2019, 7, 3)),
        (dt.datetime(2019, 7, 3, 0, 0), dt.date(2019, 7, 3)),
        (43649, dt.date(2019, 7, 3)),  # an Excel serial number in a cell not formatted as a date
    ],
)
def test_dates(value: Any, expected: dt.date) -> None:
    assert cell.date(value, "排查日期", WINDOW) == expected


def test_month_day_takes_the_campaign_year_across_new_year() -> None:
    window = (dt.date(2019, 12, 20), dt.date(2020, 1, 20))
    assert cell.date("1月5日", "排查日期", window) == dt.date(2020, 1, 5)
    assert cell.date("12月25日", "排查日期", window) == dt.date(2019, 12, 25)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-02-30", "“排查日期”的值“2019-02-30”不是真实存在的日期"),
        (
            "七月三日",
            "“排查日期”的值“七月三日”不是可识别的日期"
            "（如 2019-07-03、2019年7月3日、2019.7.3、2019/7/3、7月3日）",
        ),
        (
            "2019-07-03 上午",
            "“排查日期”的值“2019-07-03 上午”不是可识别的日期"
            "（如 2019-07-03、2019年7月3日、2019.7.3、2019/7/3、7月3日）",
        ),
    ],
)
def test_bad_dates(value: str, message: str) -> None:
    with pytest.raises(cell.CellError) as err:
        cell.date(value, "排查日期", WINDOW)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("vocabulary", "value", "expected"),
    [
        (VOCAB["问题类型"], "拆迁", "城建拆迁"),
        (VOCAB["问题类型"], "城建拆迁类", "城建拆迁"),
        (VOCAB["问题类型"], "“双拖欠”", "双拖欠"),
        (VOCAB["问题类型"], "非法集资", "集资融资"),
        (VOCAB["问题类型"], "其它", "其他"),
        (VOCAB["是否已化解"], "已化解", "是"),
        (VOCAB["是否已化解"], "未化解", "否"),
        (VOCAB["是否已化解"], "√", "是"),
        (VOCAB["是否已化解"], "是", "是"),
        (VOCAB["是否已化解"], "否", "否"),
        (VOCAB["风险等级"], "高风险", "高"),
        (VOCAB["风险等级"], "中", "中"),
        (VOCAB["化解方式"], "人民调解", "调解"),
        (VOCAB["化解方式"], "诉讼", "司法途径"),
        (VOCAB["典型案例"], "√", "是"),
    ],
)
def test_synonyms(vocabulary: synonyms.Vocabulary, value: str, expected: str) -> None:
    assert vocabulary.pick(value) == expected


def test_people_cells() -> None:
    assert cell.person("李志强（办事处主任）", "x") == ("李志强", "办事处主任")
    assert cell.person("李志强(办事处主任)", "x") == ("李志强", "办事处主任")
    assert cell.person("李志强　办事处主任", "x") == ("李志强", "办事处主任")
    assert cell.person("孙立（社区民警（兼））", "x") == ("孙立", "社区民警（兼）")
    assert cell.person("李志强", "x", {"李志强": "办事处主任"}) == ("李志强", "办事处主任")
    assert cell.department("城建办：赵敏（主任）", "x") == ("城建办", "赵敏", "主任")
    assert cell.department("城建办 赵敏 主任", "x") == ("城建办", "赵敏", "主任")
    assert cell.department("城建办赵敏（主任）", "x", ["城建办"]) == ("城建办", "赵敏", "主任")
    for bad, message in [
        ("李志强", "“科级包案领导”应写成“姓名（职务）”，而不是“李志强”"),
        (
            "李志强（主任）、陈卫东（副主任）",
            "“科级包案领导”只能填一人，而这里是“李志强（主任）、陈卫东（副主任）”",
        ),
    ]:
        with pytest.raises(cell.CellError) as err:
            cell.person(bad, "科级包案领导")
        assert str(err.value) == message
    with pytest.raises(cell.CellError) as err:
        cell.department("城建办", "责任部门")
    assert str(err.value) == "“责任部门”应写成“部门名称：责任人（职务）”，而不是“城建办”"


def test_measures_cell() -> None:
    text = "2019-07-05 入户走访\n  第二行说明\n2019年7月8日，召开协调会\n7月9日 回访"
    assert cell.measures(text, dt.date(2019, 7, 1), WINDOW) == [
        (dt.date(2019, 7, 5), "入户走访\n  第二行说明"),
        (dt.date(2019, 7, 8), "召开协调会"),
        (dt.date(2019, 7, 9), "回访"),
    ]
    # After a space (as export writes a measure) leading punctuation is the measure's own text.
    text = "2019-07-05 ，核实\n2019-07-06：走访\n2019-07-07 、"
    assert cell.measures(text, dt.date(2019, 7, 1), WINDOW) == [
        (dt.date(2019, 7, 5), "，核实"),
        (dt.date(2019, 7, 6), "走访"),
        (dt.date(2019, 7, 7), "、"),
    ]
    with pytest.raises(cell.CellError) as err:
        cell.measures("2019-07-05", dt.date(2019, 7, 1), WINDOW)
    assert str(err.value) == "“工作措施”第 1 行只有日期，没有内容"


def test_columns_it_does_not_know_are_named(repo: Path, cli: Callable[..., Any]) -> None:
    one_sheet(repo / "多列.xlsx", [*HAND_HEADERS, "联系电话"], [*HAND_ROWS[0], "13800000000"])
    result = cli("import", "多列.xlsx", *HAND_ARGS)
    assert result.out.splitlines() == [
        "注意：这些列不是台账的列，没有导入：“联系电话”",
        "  新增 cases/dongcun/dongcun-001.yaml（第2行）",
        "新增 1 件，更新 0 件，未导入 0 行（东村，工作表“Sheet”）",
    ]
    assert "138" not in (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8")


def test_damaged_workbook(repo: Path, cli: Callable[..., Any]) -> None:
    import zipfile

    with zipfile.ZipFile(repo / "坏.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<bad")
    result = cli("import", "坏.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.err) == (
        1,
        "错误：坏.xlsx: 无法读取，文件可能已损坏（ParseError）\n",
    )


def test_a_sheet_too_big_to_be_a_ledger_is_refused_before_loading(
    repo: Path, cli: Callable[..., Any]
) -> None:
    """A 4 MB workbook whose sheet unpacks to 62 MB (150,000 rows of formatted empty cells)
    took 26 s and 870 MB in import; a hostile one unpacks a thousandfold."""
    import time
    import zipfile

    one_sheet(repo / "plain.xlsx", HAND_HEADERS, HAND_ROWS[0])
    empty_rows = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(3, 800_000))
    with (
        zipfile.ZipFile(repo / "plain.xlsx") as src,
        zipfile.ZipFile(repo / "大.xlsx", "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", empty_rows.encode() + b"</sheetData>")
            dst.writestr(item, data)
    started = time.perf_counter()
    result = cli("import", "大.xlsx", *HAND_ARGS)
    assert time.perf_counter() - started < 2
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "错误：大.xlsx: 工作簿解压后有 33.4 MB，超过 20 MB 的上限（台账表格通常不到 1 MB）；"
        "请删除表格末尾多余的空行和格式后另存，再导入\n",
    )


def test_a_refused_row_lists_every_problem_at_once() -> None:
    """As validate: a value outside the schema does not hide the cross-field rules' problems."""
    example = ROOT / "tests/data/invalid/schema-and-rule-together"
    text = (example / "cases/dongcun/dongcun-201.yaml").read_text(encoding="utf-8")
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as the sheet gives
    campaign, problems = load_campaign(ROOT)
    assert campaign is not None and problems == []
    assert importer.check(data, campaign, dt.date(2026, 11, 29)) == [
        "“风险等级”的值“很高”不在可选范围内，应为：高、中、低",
        "“化解日期” 2019-07-01 早于“排查日期” 2019-07-03",
    ]
