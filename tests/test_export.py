"""Excel export: the forms' layout read back cell by cell, masking, repeatable bytes, printing."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.core import privacy
from generator.excel.export import sheet_title, write_workbook
from generator.ledger.validate import load_ledger
from generator.system import clock
from tests.casemaker import case_data, put
from tests.office import soffice_pdf

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
DAY = dt.date(2026, 11, 29)
CREATED = dt.datetime(2019, 9, 26, 9, 30)
HEADERS = [
    "序号",
    "姓名",
    "信访人住址",
    "问题属地",
    "主要诉求",
    "工作措施",
    "科级包案领导姓名、职务",
    "责任部门及责任人姓名、职务",
    "分包民警",
    "问题类型",
    "是否已化解",
    "备注",
    "编号",
    "排查日期",
    "化解日期",
    "涉及人数",
    "风险等级",
    "化解方式",
    "典型案例",
]
SUMMARY_HEADERS = (
    "报送单位", "报送时间", "排查数", "化解数", "化解率", "累计排查数", "累计化解数", "累计化解率",
)  # fmt: skip
FORM_NOTE = "备注：表格中排查数、化解数为新排查、化解数，累计排查数、化解数为从第一次报送累计。"


@pytest.fixture(scope="module")
def ledger() -> Any:
    found = load_ledger(ROOT, DAY)
    assert found.campaign is not None and found.problems == []
    return found


def _book(ledger: Any, **kw: Any) -> Any:
    out = io.BytesIO()
    cases = ledger.cases
    if kw.get("masked"):  # a masked workbook is given cases masked by the engine, as the site does
        mask = privacy.masker(privacy.MASKED, cases)
        cases = [mask.case(c) for c in cases]
    write_workbook(out, ledger.campaign, cases, DAY, created=CREATED, **kw)
    return load_workbook(io.BytesIO(out.getvalue()))


def test_unit_workbook_ledger_sheet(ledger: Any) -> None:
    wb = _book(ledger, unit="dongcun")
    assert wb.sheetnames == ["台账", "汇总表"]
    ws = wb["台账"]
    assert ws["A1"].value == "刘寨街道办事处信访矛盾大排查化解活动台账"
    assert ws["A1"].font.b is True
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:L1", "A2:L2", "A3:L3"}
    assert (ws["A2"].value, ws["A3"].value) == ("填报单位：东村", "填报时间：2019年9月25日")
    assert [c.value for c in ws[4]] == HEADERS
    assert all(c.font.b and c.border.left.style == "thin" for c in ws[4])
    row = [c.value for c in ws[5]]
    assert row[:4] == [1, "郭秀珍", "文化苑社区15号楼1单元103室", "东村富民农民专业合作社"]
    assert row[5] == (
        "2019-07-03 电话联系当事人，约定面谈时间\n"
        "2019-07-05 协调派出所登记集资情况\n"
        "2019-07-06 核实集资人员名单和金额\n"
        "2019-07-09 政策解释，引导通过司法途径维权"
    )
    assert row[6:8] == ["李志强（办事处主任）", "经济发展办：沈晓梅（主任）"]
    assert row[8:14] == [None, "集资融资", "否", None, "dongcun-001", dt.datetime(2019, 7, 1)]
    assert row[14:] == [None, 1, "低", None, "否"]
    assert ws["N5"].number_format == "yyyy-mm-dd"
    assert ws["F5"].alignment.wrap_text is True
    assert ws["F5"].border.bottom.style == "thin"
    assert ws.max_row == 4 + 29  # every 东村 case
    assert ws.cell(33, 1).value == 29
    police = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[8])
    assert police[8] == "孙立（社区民警）"
    # Printing: A4 landscape, one page wide, the header row on every page, the form's 12 columns.
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_area == "'台账'!$A$1:$L$33"
    assert ws.freeze_panes == "C5"
    assert ws.column_dimensions["F"].width == 40
    assert ws.row_dimensions[5].height > ws.row_dimensions[4].height  # four measures, four lines


def test_unit_workbook_summary_sheet(ledger: Any) -> None:
    ws = _book(ledger, unit="beiying", period="2019-08-1")["汇总表"]
    assert ws["A1"].value == "刘寨街道办事处信访矛盾大排查化解活动汇总表"
    assert ws["A2"].value == (
        "统计时段：2019年8月上半月（2019年8月1日至2019年8月15日），统计截至2019年9月25日"
    )
    assert [c.value for c in ws[3]] == list(SUMMARY_HEADERS)
    # 北营村 in 2019-08-1, checked by hand in test_summary.py: 2 screened, 3 resolved, 5/3 cum.
    # 报送时间 of a past period never submitted: its last day.
    assert [c.value for c in ws[4]] == ["北营村", dt.datetime(2019, 8, 15), 2, 3, 1.5, 5, 3, 0.6]
    assert [ws.cell(4, i).number_format for i in (2, 3, 5, 8)] == [
        'yyyy"年"m"月"d"日"',
        "0",
        "0.0%",
        "0.0%",
    ]
    assert ws["A5"].value == FORM_NOTE
    assert ws.max_row == 5
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"


def test_office_workbook(ledger: Any) -> None:
    wb = _book(ledger, period="2019-07-2")
    names = [u.name for u in ledger.campaign.units]
    assert wb.sheetnames == ["汇总表", *[f"{n}台账" for n in names]]
    ws = wb["汇总表"]
    assert [ws.cell(r, 1).value for r in range(4, 17)] == [*names, "合计"]
    huayuan = [c.value for c in ws[4 + names.index("花园口村")]]
    # Resolved one, screened none: the rate is shown as “—”, the running rate as a number.
    assert huayuan[2:] == [0, 1, "—", 1, 1, 1]
    assert ws.cell(16, 8).number_format == "0.0%"
    assert ws["A17"].value == FORM_NOTE
    assert wb["文化苑社区台账"].max_row == 4  # no case: the header row only
    assert wb["文化苑社区台账"]["A2"].value == "填报单位：文化苑社区"


def test_default_period_is_the_as_of_one(ledger: Any) -> None:
    ws = _book(ledger)["汇总表"]
    assert ws["A2"].value.startswith("统计时段：2019年9月下半月")


def test_masked_workbook(ledger: Any) -> None:
    wb = _book(ledger, unit="dongcun", masked=True)
    assert wb["台账"]["A1"].value == "刘寨街道办事处信访矛盾大排查化解活动台账（脱敏）"
    assert wb["汇总表"]["A1"].value == "刘寨街道办事处信访矛盾大排查化解活动汇总表（脱敏）"
    names = [r[1] for r in wb["台账"].iter_rows(min_row=5, values_only=True)]
    assert names[0] == "郭**"
    assert all("*" in n for n in names)
    assert all(r[2] is None for r in wb["台账"].iter_rows(min_row=5, values_only=True))
    office = _book(ledger, masked=True)
    assert all(ws["A1"].value.endswith("（脱敏）") for ws in office.worksheets)
    with pytest.raises(ValueError, match="a masked workbook needs masked cases"):
        write_workbook(io.BytesIO(), ledger.campaign, ledger.cases, DAY, masked=True)


def test_repeatable_bytes(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def write(**kw: Any) -> bytes:
        out = io.BytesIO()
        write_workbook(out, ledger.campaign, ledger.cases, DAY, **kw)
        return out.getvalue()

    first = write(created=CREATED)
    assert write(created=CREATED) == first
    assert write(created=CREATED + dt.timedelta(seconds=1)) != first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2019, 9, 26, 9, 30, 0)}
        core = z.read("docProps/core.xml").decode()
    # 09:30 in Beijing is 01:30 UTC.
    assert "<dcterms:created" in core and "2019-09-26T01:30:00Z</dcterms:created>" in core
    assert "2019-09-26T01:30:00Z</dcterms:modified>" in core
    # The command passes the moment: SOURCE_DATE_EPOCH when set; the library never reads it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1569461400")  # 2019-09-26 01:30 UTC
    assert write(created=clock.made_at()) == first
    assert write() == write() != first


def test_text_is_never_a_formula(repo: Path, cli: Callable[..., Any]) -> None:
    put(repo, "dongcun-001", case_data("2019-07-02", 主要诉求='=HYPERLINK("http://x","点")'))
    out = repo / "out.xlsx"
    assert cli("export", "--out", str(out), "--unit", "dongcun", "--today", TODAY).code == 0
    cell = load_workbook(out)["台账"]["E5"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","点")', "s")


def test_sheet_titles() -> None:
    taken: set[str] = set()
    assert sheet_title("东村台账", taken) == "东村台账"
    assert sheet_title("东村台账", taken) == "东村台账(2)"
    assert sheet_title("a/b:c*d?e[f]g\\h", taken) == "a_b_c_d_e_f_g_h"
    long = sheet_title("很" * 40, taken)
    assert long == "很" * 31
    assert sheet_title("很" * 40, taken) == "很" * 28 + "(2)"


def test_export_command(sample_repo: Path, cli: Callable[..., Any]) -> None:
    result = cli("export", "--out", "东村.xlsx", "--unit", "dongcun", "--today", TODAY)
    assert (result.code, result.out) == (0, "已导出东村的台账（29 件）和汇总表：东村.xlsx\n")
    result = cli("export", "--out", "全办.xlsx", "--today", TODAY)
    assert result.out == "已导出全办汇总表和 12 个单位的台账（共 132 件）：全办.xlsx\n"
    assert load_workbook(sample_repo / "全办.xlsx").sheetnames[0] == "汇总表"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "a.xls"], "用法错误：输出文件“a.xls”的扩展名应为 .xlsx\n"),
        (["--out", "nowhere/a.xlsx"], "用法错误：文件夹“nowhere”不存在\n"),
        (
            ["--out", "a.xlsx", "--unit", "nocun"],
            "用法错误：单位“nocun”不在 campaign.yaml 中，可选（名称或代码）：东村（dongcun）、"
            "西村（xicun）、南庄村（nanzhuang）、北营村（beiying）、刘寨村（liuzhai）、"
            "花园口村（huayuan）、清风社区（qingfeng）、幸福里社区（xingfu）、"
            "金水湾社区（jinshui）、迎宾路社区（yingbin）、文化苑社区（wenhua）、"
            "工业园区管委会（gongye）\n",
        ),
        (
            ["--out", "a.xlsx", "--period", "2019-10-1"],
            "用法错误：没有时段“2019-10-1”；本次活动的时段有：2019-06-2、2019-07-1、2019-07-2、"
            "2019-08-1、2019-08-2、2019-09-1、2019-09-2"
            "（格式 YYYY-MM-1 为上半月，YYYY-MM-2 为下半月）\n",
        ),
    ],
)
def test_export_usage_errors(
    sample_repo: Path, cli: Callable[..., Any], args: list[str], message: str
) -> None:
    result = cli("export", *args, "--today", TODAY)
    assert (result.code, result.out, result.err) == (2, "", message)
    assert not (sample_repo / "a.xlsx").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_summary(ledger: Any, tmp_path: Path, artifacts: Path) -> None:
    book = tmp_path / "汇总表.xlsx"
    write_workbook(book, ledger.campaign, ledger.cases, DAY, created=CREATED)
    pdf, messages = soffice_pdf(book, tmp_path)
    assert pdf.name == "汇总表.pdf" and "Error" not in messages
    # Page 1 is the 汇总表: its text comes out as text (fonts found), not as boxes.
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "刘寨街道办事处信访矛盾大排查化解活动汇总表" in text
    assert "合计" in text and "累计化解率" in text and "64.4%" in text
    assert "备注：表格中排查数、化解数为新排查、化解数" in text
    prefix = artifacts / "export-summary"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        capture_output=True,
    )
    png = prefix.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a page of table, not a blank one


def test_a_control_character_in_a_campaign_name_is_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    """campaign.yaml's 名称 and a unit's 名称 may hold an escaped ESC (validate accepts it);
    openpyxl refused it in the title and 填报单位 banners with a traceback."""
    from tests.casemaker import SMALL_CAMPAIGN

    campaign = (
        SMALL_CAMPAIGN.replace("名称: 西村", '名称: "西\\e[8m村"')
        .replace("名称: 小河街道", '名称: "\\a小河街道')
        .replace("大化解活动\n", '大化解活动"\n', 1)
    )
    (tmp_path / "campaign.yaml").write_text(campaign, encoding="utf-8")
    put(tmp_path, "xicun-001", case_data("2019-07-11"))
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "--today", "2019-08-05").code == 0
    result = cli("export", "--out", "西村.xlsx", "--unit", "xicun", "--today", "2019-08-05")
    assert (result.code, result.err) == (0, "")
    assert result.out == "已导出西\\x1b[8m村的台账（1 件）和汇总表：西村.xlsx\n"
    ws = load_workbook(tmp_path / "西村.xlsx")["台账"]
    assert ws["A2"].value == "填报单位：西[8m村"
    assert ws["A1"].value == "小河街道办事处信访矛盾大排查化解活动台账"
    result = cli("export", "--out", "全办.xlsx", "--today", "2019-08-05")
    assert (result.code, result.err) == (0, "")
    assert load_workbook(tmp_path / "全办.xlsx").sheetnames == [
        "汇总表",
        "东村台账",
        "西[8m村台账".replace("[", "_"),
        "工业园区管委会台账",
    ]
