"""How our workbooks look and are saved: styles, print setup, byte-for-byte repeatable files.

Cells take named styles (one lookup per cell instead of four style objects), which keeps a
10,000-case export fast. A workbook is written through a zip archive whose entries all carry
one fixed timestamp, with the document properties set to the same moment, so the same data and
``created`` give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
import zipfile
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.system.clock import SHANGHAI
from generator.system.files import replacing

# Fonts every Chinese office PC has (Excel and WPS); LibreOffice substitutes a CJK font.
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
DATE_FORMAT = "yyyy-mm-dd"
CN_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
PERCENT_FORMAT = "0.0%"
# The page footer: the sheet's name (&A) and its page number (&P), e.g. 汇总表　第 1 页.
FOOTER = "&A　第 &P 页"
# The earliest moment a zip entry can carry: for a workbook whose caller gave no moment.
UNDATED = dt.datetime(1980, 1, 1)

TITLE = "tz-标题"
INFO = "tz-表头信息"
HEADER = "tz-列标题"
HEADER_EXTRA = "tz-列标题-补充"
TEXT = "tz-文字"
CENTER = "tz-居中"
DATE = "tz-日期"
CN_DATE = "tz-中文日期"
MIDDLE = "tz-居中-垂直居中"
INT = "tz-整数"
FIGURE = "tz-汇总数"
PERCENT = "tz-百分比"
NOTE = "tz-备注"

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style(name: str, **kw: Any) -> NamedStyle:
    kw.setdefault("font", Font(name=BODY_FONT, size=10))
    return NamedStyle(name=name, **kw)


def _header(name: str, grey: str) -> NamedStyle:
    """Column titles: bold, centred, boxed, on a grey fill."""
    font = Font(name=BODY_FONT, size=10, bold=True)
    fill = PatternFill("solid", fgColor=grey)
    return _style(name, font=font, alignment=_CENTERED, border=_BOX, fill=fill)


def add_styles(wb: Workbook) -> None:
    """Register the named styles once per workbook."""
    styles = [
        _style(TITLE, font=Font(name=TITLE_FONT, size=16, bold=True), alignment=_CENTERED),
        _style(INFO, font=Font(name=BODY_FONT, size=11), alignment=Alignment(vertical="center")),
        _header(HEADER, "D9D9D9"),
        _header(HEADER_EXTRA, "EDEDED"),  # our columns after 附件1's, a lighter grey
        _style(TEXT, alignment=_WRAP_TOP, border=_BOX),
        _style(
            CENTER,
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
            border=_BOX,
        ),
        _style(
            DATE,
            alignment=Alignment(horizontal="center", vertical="top"),
            border=_BOX,
            number_format=DATE_FORMAT,
        ),
        _style(CN_DATE, alignment=_CENTERED, border=_BOX, number_format=CN_DATE_FORMAT),
        _style(MIDDLE, alignment=_CENTERED, border=_BOX),
        _style(
            INT,
            alignment=Alignment(horizontal="right", vertical="top"),
            border=_BOX,
            number_format="0",
        ),
        _style(
            FIGURE,
            alignment=Alignment(horizontal="right", vertical="center"),
            border=_BOX,
            number_format="0",
        ),
        _style(
            PERCENT,
            alignment=Alignment(horizontal="right", vertical="center"),
            border=_BOX,
            number_format=PERCENT_FORMAT,
        ),
        _style(
            NOTE,
            font=Font(name=BODY_FONT, size=10),
            alignment=Alignment(wrap_text=True, vertical="top"),
        ),
    ]
    for style in styles:
        wb.add_named_style(style)


def banner(ws: Worksheet, row: int, text: str, last_col: int, style: str, height: float) -> None:
    """A line of text across the table's width (title, 填报单位, 备注 lines)."""
    # campaign.yaml's names may hold an escaped control character, which a worksheet cannot.
    cell = ws.cell(row=row, column=1, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"  # a leading "=" stays text
    cell.style = style
    if last_col > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    ws.row_dimensions[row].height = height


def print_setup(ws: Worksheet, header_row: int, last_print_col: int, last_row: int) -> None:
    """A4 landscape, one page wide, the column headers on every page, frozen under them."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3  # the page-number footer fits inside
    ws.print_title_rows = f"{header_row}:{header_row}"
    from openpyxl.utils import get_column_letter

    ws.print_area = f"A1:{get_column_letter(last_print_col)}{max(last_row, header_row)}"
    # Each sheet is numbered from 1 (printing a whole workbook would otherwise carry the count
    # on: a unit's 汇总表 was 第3页). The sheet's name says which form a page belongs to; no
    # total: LibreOffice's (and a whole-workbook print's) &N counts every sheet's pages.
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.oddFooter.center.text = FOOTER


def stamp(created: dt.datetime | None) -> dt.datetime:
    """The moment a file says it was made, as Beijing wall-clock time without a zone.

    The caller gives it (the command: SOURCE_DATE_EPOCH or now); a naive ``created`` is taken
    as Beijing time. Without one, the file carries ``UNDATED``: the same bytes every time.
    """
    moment = UNDATED if created is None else created
    if moment.tzinfo is not None:
        moment = moment.astimezone(SHANGHAI).replace(tzinfo=None)
    return moment.replace(microsecond=0)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose every entry carries the same timestamp and permissions."""

    def __init__(self, file: Path | IO[bytes], when: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._when = when

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(str(zinfo_or_arcname), date_time=self._when)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as f:  # openpyxl writes worksheets through temporary files
            self.writestr(arcname or os.path.basename(filename), f.read())


def blank() -> Workbook:
    """A workbook with our named styles and no sheet yet (openpyxl starts with one)."""
    wb = Workbook()
    add_styles(wb)
    assert wb.active is not None
    wb.remove(wb.active)
    return wb


def save(wb: Workbook, target: Path | IO[bytes], created: dt.datetime | None) -> None:
    """Write wb to target (a path, atomically; or an open binary file), repeatably."""
    moment = stamp(created)
    utc = moment.replace(tzinfo=SHANGHAI).astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.created = utc
    wb.properties.modified = utc
    wb.properties.creator = "台账"
    wb.properties.lastModifiedBy = None
    when = (
        max(moment.year, 1980),
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )
    if not isinstance(target, Path):
        ExcelWriter(wb, _FixedTimeZip(target, when)).save()
        return
    try:
        with replacing(target) as f:
            ExcelWriter(wb, _FixedTimeZip(f, when)).save()
    except OSError as err:
        _finalize_quietly(err)
        # A failed write names no file, or a temporary one: name the one the user asked for.
        raise OSError(err.errno, err.strerror, str(target)) from None


def _finalize_quietly(err: BaseException) -> None:
    """Finalize what a failed write left open (a full disk), without "Exception ignored".

    openpyxl's worksheet writer and the zip archive stay alive in the frames of the traceback;
    when those are freed, their finalizers write again, fail again and print "Exception
    ignored … Traceback" after our message. They are freed here, with that report silenced.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(err.__traceback__)
        err.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook
