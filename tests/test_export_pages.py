"""Page numbers of an exported workbook start at 1 on every sheet.

A unit's workbook printed whole (LibreOffice's PDF export prints every sheet) used to number
its 汇总表 第3页，共3页 after two 台账 pages. The footer is read back with openpyxl, and the
PDF LibreOffice makes of the workbook is read page by page with pdftotext.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.excel.export import write_workbook
from generator.ledger.validate import load_ledger
from tests.conftest import ROOT
from tests.office import soffice_pdf

DAY = dt.date(2019, 9, 30)


@pytest.fixture(scope="module")
def ledger() -> Any:
    found = load_ledger(ROOT, DAY)
    assert found.campaign is not None and found.problems == []
    return found


@pytest.mark.parametrize("unit", ["dongcun", None], ids=["unit", "office"])
def test_every_sheet_numbers_its_pages_from_one(
    ledger: Any, tmp_path: Path, unit: str | None
) -> None:
    book = tmp_path / "book.xlsx"
    write_workbook(book, ledger.campaign, ledger.cases, DAY, unit=unit)
    wb = load_workbook(book)
    expected = (
        ["台账", "汇总表"]
        if unit
        else ["汇总表", *(f"{u.name}台账" for u in ledger.campaign.units)]
    )
    assert wb.sheetnames == expected
    for ws in wb.worksheets:
        assert ws.oddFooter.center.text == "&A　第 &P 页", ws.title
        assert (ws.page_setup.firstPageNumber, ws.page_setup.useFirstPageNumber) == (1, True)


def _pdf(book: Path, tmp_path: Path) -> Path:
    return soffice_pdf(book, tmp_path)[0]


def _page_texts(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_units_summary_as_its_page_one(
    ledger: Any, tmp_path: Path, artifacts: Path
) -> None:
    book = tmp_path / "东村.xlsx"
    write_workbook(book, ledger.campaign, ledger.cases, DAY, unit="dongcun")
    texts = _page_texts(_pdf(book, tmp_path))
    # The footer is each page's last line; pdftotext spaces its parts as it likes.
    footers = [re.sub(r"\s+", "", t.strip().splitlines()[-1]) for t in texts]
    ledger_pages = len(texts) - 1
    assert ledger_pages >= 2  # 29 cases: the 台账 runs over a page, so numbering has to restart
    assert footers == [*(f"台账第{n}页" for n in range(1, ledger_pages + 1)), "汇总表第1页"]
    assert "刘寨街道办事处信访矛盾大排查化解活动汇总表" in texts[-1]
    last = str(len(texts))
    png = artifacts / "export-unit-summary-page"
    pdf = str(book.with_suffix(".pdf"))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", last, "-l", last, "-singlefile", pdf, str(png)],
        check=True,
    )
