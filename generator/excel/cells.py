"""Reading one cell of a hand-made 台账: dates written every way, numbers, people in one cell.

Full-width forms are folded (NFKC) only where that cannot change meaning: dates, numbers,
vocabulary words and column titles. Free text (names, 诉求, 措施) is kept exactly as written,
apart from the whitespace around it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from generator.ledger.fields import yes_no


class CellError(ValueError):
    """A cell that cannot become a case value; the message is Chinese and names the column."""


_SPACE = re.compile(r"[\s\u3000]+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」《》")
_Y = r"([0-9]{4})"
_MD = r"([0-9]{1,2})"
# Dates at the start of a text; the rest (a measure's content) follows.
_DATE_AT_START = [
    (re.compile(rf"{_Y}\s*[-/.年]\s*{_MD}\s*[-/.月]\s*{_MD}\s*日?"), "ymd"),
    (re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])"), "ymd"),
    (re.compile(rf"{_MD}\s*月\s*{_MD}\s*日?"), "md"),
    # “7.3” or “7/3” only when a space, punctuation or the end follows: “3.5万元” is no date.
    (re.compile(rf"{_MD}\s*[/.]\s*{_MD}(?=[\s,，、:：]|$)"), "md"),
]
DATE_HINT = "如 2019-07-03、2019年7月3日、2019.7.3、2019/7/3、7月3日"


def text(value: object) -> str:
    """A cell as text: trimmed, line ends as \\n; whole numbers without “.0”; dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    out = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return out.strip(" \t\n\u3000")


def folded(value: object) -> str:
    """Text for comparing with a vocabulary: full-width folded, no spaces or quotes."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text(value))).translate(_QUOTES)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, window: tuple[dt.date, dt.date]) -> int:
    """The campaign year that puts month/day inside the campaign (a campaign may cross New Year)."""
    start, end = window
    for year in range(start.year, end.year + 1):
        found = _day(year, month, day)
        if found and start <= found <= end:
            return year
    return start.year


def date_prefix(raw: str, window: tuple[dt.date, dt.date]) -> tuple[dt.date | None, str, str]:
    """A date at the start of raw: (date or None if it is no real day, the date's text, the rest).

    Returns (None, "", raw) when raw does not start with anything date-like.
    """
    probe = unicodedata.normalize("NFKC", raw)
    if len(probe) != len(raw):  # NFKC changed the length: fall back to the folded text
        raw = probe
    for pattern, kind in _DATE_AT_START:
        match = pattern.match(probe)
        if not match:
            continue
        if kind == "ymd":
            year, month, day = (int(g) for g in match.groups())
        else:
            month, day = (int(g) for g in match.groups())
            year = _year_for(month, day, window)
        return _day(year, month, day), raw[: match.end()], raw[match.end() :]
    return None, "", raw


def date(
    value: object,
    column: str,
    window: tuple[dt.date, dt.date],
    epoch: dt.datetime = WINDOWS_EPOCH,
) -> dt.date:
    """An Excel date, an Excel serial number (days since the workbook's epoch: 1900 or 1904),
    or a date written as text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:
            return from_excel(value, epoch).date()
        if not float(value).is_integer():  # 7.10 typed into a number cell is 7.1: July 1st or 10th?
            raise CellError(
                f"“{column}”的值 {text(value)} 是数字，不是日期（Excel 把“7.10”这样的输入存成 7.1，"
                "读不出是哪一天）；请写成完整日期，如 2019-07-10，或先把该列设为“文本”格式再输入"
            )
    raw = text(value)
    day, matched, rest = date_prefix(raw, window)
    if matched and not rest.strip():
        if day is None:
            raise CellError(f"“{column}”的值“{raw}”不是真实存在的日期")
        return day
    raise CellError(f"“{column}”的值“{raw}”不是可识别的日期（{DATE_HINT}）")


def count(value: object, column: str) -> int:
    """A whole number, written as a number or as text such as “5人”."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = folded(value)
    match = re.fullmatch(r"([0-9]+)人?", raw)
    if not match:
        raise CellError(f"“{column}”的值“{text(value)}”不是整数")
    return int(match.group(1))


_PAREN = re.compile(r"^(.+?)\s*[（(]\s*(.+?)\s*[）)]$")
_SEPARATOR = re.compile(r"[\s\u3000,，、/]+")


def person(value: object, column: str, known: dict[str, str] | None = None) -> tuple[str, str]:
    """(姓名, 职务) from “姓名（职务）” or “姓名 职务”; ``known`` fills a title from a name list."""
    raw = text(value)
    match = _PAREN.match(raw)
    if match:
        name, title = match.group(1), match.group(2)
        if re.search(r"[）)]", name) or re.search(r"[）)]\s*[^）)]+[（(]", raw):
            raise CellError(f"“{column}”只能填一人，而这里是“{raw}”")
        return name, title
    parts = [p for p in _SEPARATOR.split(raw) if p]
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1 and known and parts[0] in known:
        return parts[0], known[parts[0]]
    raise CellError(f"“{column}”应写成“姓名（职务）”，而不是“{raw}”")


def department(value: object, column: str, names: Sequence[str] = ()) -> tuple[str, str, str]:
    """(名称, 责任人, 职务) from “名称：责任人（职务）”, “名称 责任人 职务” and the like."""
    raw = text(value)
    head = ""
    for name in sorted(names, key=len, reverse=True):  # a known department name starts the cell
        if raw.startswith(name):
            head, rest = name, raw[len(name) :].lstrip(" ：:,，、\u3000")
            break
    else:
        split = re.split(r"\s*[：:]\s*", raw, maxsplit=1)
        if len(split) == 2:
            head, rest = split
        else:
            pieces = [p for p in _SEPARATOR.split(raw) if p]
            if len(pieces) >= 2:
                head, rest = pieces[0], " ".join(pieces[1:])
    if not head or not rest:
        raise CellError(f"“{column}”应写成“部门名称：责任人（职务）”，而不是“{raw}”")
    try:
        who, title = person(rest, column)
    except CellError:
        raise CellError(f"“{column}”应写成“部门名称：责任人（职务）”，而不是“{raw}”") from None
    return head, who, title


def _after_date(matched: str, rest: str) -> str:
    """A measure's text after its date: “2019-07-03：走访” drops the ：, but after a space (how
    export writes “YYYY-MM-DD 内容”) the text is kept as it is, so “，核实” stays “，核实”."""
    if matched[-1:].isspace() or rest[:1].isspace():
        return rest.lstrip(" \t\u3000").rstrip()
    return rest.lstrip(",，、:：").rstrip()


def measures(
    value: object, default_day: dt.date | None, window: tuple[dt.date, dt.date]
) -> list[tuple[dt.date, str]]:
    """工作措施: a line “YYYY-MM-DD 内容” starts a measure; a line without a date continues it.

    Lines before the first dated one are measures of their own, dated ``default_day`` (排查日期).
    """
    out: list[tuple[dt.date, str]] = []
    dated = False
    for n, line in enumerate(text(value).split("\n"), 1):
        day, matched, rest = date_prefix(line.strip(" \t\u3000"), window)
        if matched:
            if day is None:
                raise CellError(f"“工作措施”第 {n} 行的日期“{matched}”不是真实存在的日期")
            content = _after_date(matched, rest)
            if not content:
                raise CellError(f"“工作措施”第 {n} 行只有日期，没有内容")
            out.append((day, content))
            dated = True
        elif dated:
            last_day, last_text = out[-1]
            out[-1] = (last_day, f"{last_text}\n{line.rstrip()}")
        elif line.strip():
            if default_day is None:
                raise CellError("“工作措施”没有写日期，也没有排查日期可用")
            out.append((default_day, line.strip(" \t\u3000")))
    return [(d, t.rstrip()) for d, t in out]
