"""A mapping file (``import --map MAP.yaml``): which sheet column is which case field.

Read with the project's YAML loader, so that every mistake is reported as ``MAP.yaml:LINE:COL:
message`` — all of them at once, before a row of the sheet is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ProblemsFound
from generator.excel.cells import folded
from generator.excel.synonyms import vocabularies
from generator.ledger.fields import DATE, INT, PEOPLE, Registry
from generator.ledger.problems import Problem
from generator.ledger.yamlload import Document, LoadError, Pos, load_bytes

IGNORE = "忽略"
KEYS = ("工作表", "表头行", "栏目", "取值", "默认")
NEVER_DEFAULT = ("信访人.姓名", "编号", "原编号")  # a row without its own is refused or new
_LETTER = re.compile(r"列([A-Za-z]{1,3})")
_SLASH = re.compile(r"(?<!\\)/")


@dataclass(frozen=True)
class ColumnRef:
    """A sheet column as a mapping file names it: 列C, 上级/下级, or a header's text."""

    written: str  # as in the file
    letter: int  # 列C → 3; 0 when named by its header
    parent: str  # a two-level header's group title (folded); "" for one level
    own: str  # the header's own text (folded; \\/ read as /)
    pos: Pos


@dataclass(frozen=True)
class Mapping:
    shown: str  # the file's name as the user typed it
    sheet: str | None
    header_row: int | None
    columns: tuple[tuple[ColumnRef, str], ...]  # → a field (dotted) or IGNORE
    words: dict[str, dict[str, str]]  # 取值: field → folded sheet word → the ledger's value
    defaults: dict[str, Any]  # 默认: field → value
    sheet_pos: Pos  # where 工作表 is (or 1:1), for a sheet the workbook lacks


def letter_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def column_ref(written: str, pos: Pos) -> ColumnRef:
    match = _LETTER.fullmatch(written.strip())
    if match:
        return ColumnRef(written, letter_number(match.group(1)), "", "", pos)
    parts = [folded(p.replace("\\/", "/")) for p in _SLASH.split(written, maxsplit=1)]
    parent, own = parts if len(parts) == 2 else ("", parts[0])
    return ColumnRef(written, 0, parent, own, pos)


def targets(reg: Registry) -> set[str]:
    """Every field a column may fill: the fields and the parts of a person or department."""
    people = [f.key for f in reg.fields if f.kind == PEOPLE]
    parts = {k for k in reg.titles for p in people if k.startswith(f"{p}.")}
    return {f.key for f in reg.fields if f.key != "单位"} | parts


class _Reader:
    """Checks one loaded mapping file, collecting a problem (with its position) per mistake."""

    def __init__(self, doc: Document, shown: str, reg: Registry) -> None:
        self.doc, self.shown = doc, shown
        self.problems: list[Problem] = []
        self.reg = reg

    def problem(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.shown, pos.line, pos.col, "map", message))

    def table(self, key: str) -> dict[str, Any]:
        value = self.doc.data.get(key, {})
        if isinstance(value, dict):
            return value
        self.problem(self.doc.value_pos((key,)), f"“{key}”应是“键: 值”的映射")
        return {}

    def header_row(self) -> int | None:
        value = self.doc.data.get("表头行")
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            return value
        self.problem(self.doc.value_pos(("表头行",)), "“表头行”应是表头所在的行号（从 1 起的整数）")
        return None

    def columns(self) -> tuple[tuple[ColumnRef, str], ...]:
        found: list[tuple[ColumnRef, str]] = []
        taken: dict[str, str] = {}  # field → the header mapped to it
        for header, field in self.table("栏目").items():
            why = self._bad_column(field, taken)
            if why:
                self.problem(self.doc.value_pos(("栏目", header)), why)
                continue
            if field != IGNORE:
                taken[field] = header
            found.append((column_ref(header, self.doc.key_pos(("栏目", header))), field))
        return tuple(found)

    def _bad_column(self, field: Any, taken: dict[str, str]) -> str:
        if field == IGNORE:
            return ""
        if not isinstance(field, str) or field not in targets(self.reg):
            return f"“{field}”不是案件的字段（嵌套的字段写成 责任部门.责任人；不要的列写 忽略）"
        clash = _clash(field, taken)
        if clash == field:
            return (
                f"“{field}”已由“{taken[clash]}”映射：一个字段只能来自一列"
                "（几列合成一个字段时，请映射到它的各部分，如 责任部门.名称、责任部门.责任人）"
            )
        if clash:
            return (
                f"“{field}”与“{taken[clash]}”（{clash}）重叠："
                "一个字段要么整列映射，要么分成各部分映射"
            )
        return ""

    def words(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        vocabulary = vocabularies(self.reg)
        for field, table in self.table("取值").items():
            if field not in vocabulary:
                listed = "、".join(vocabulary)
                where = self.doc.key_pos(("取值", field))
                self.problem(where, f"“{field}”不是有可选值的字段，取值只能给：{listed}")
                continue
            if not isinstance(table, dict):
                self.problem(self.doc.value_pos(("取值", field)), "应是“表中的词: 台账的值”的映射")
                continue
            values = vocabulary[field].values
            for word, value in table.items():
                if value not in values:
                    self.problem(
                        self.doc.value_pos(("取值", field, word)),
                        f"“{value}”不是“{field}”的可选值，应为：{'、'.join(values)}",
                    )
                out.setdefault(field, {})[folded(word)] = value
        return out

    def defaults(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, value in self.table("默认").items():
            why = self._bad_default(field, value)
            if why:
                self.problem(self.doc.value_pos(("默认", field)), why)
            else:
                out[field] = value
        return out

    def _bad_default(self, field: str, value: Any) -> str:
        if field in NEVER_DEFAULT:
            return f"“{field}”不能有默认值：每一行都要有自己的{field}"
        if field not in targets(self.reg):
            return f"“{field}”不是案件的字段（嵌套的字段写成 责任部门.责任人）"
        kinds = {f.key: f for f in self.reg.fields}
        vocabulary = vocabularies(self.reg).get(field)
        if vocabulary and value not in vocabulary.values:
            return f"“{value}”不是“{field}”的可选值，应为：{'、'.join(vocabulary.values)}"
        if field in kinds and kinds[field].kind == DATE and not _iso_day(value):
            return f"“{field}”的默认值应是日期，如 2019-07-01"
        if field in kinds and kinds[field].kind == INT:
            ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
            return "" if ok else f"“{field}”的默认值应是正整数"
        return "" if isinstance(value, str) and value.strip() else f"“{field}”的默认值应是文字"


def _clash(field: str, taken: dict[str, str]) -> str | None:
    """A field already mapped that this one would overlap: itself, its parts, or its whole."""
    whole = field.partition(".")[0]
    return next((t for t in taken if t in (field, whole) or t.startswith(f"{field}.")), None)


def _iso_day(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(value)))


def load(path: Path, shown: str, reg: Registry) -> Mapping:
    """The mapping file at path, or ProblemsFound listing every mistake at its position."""
    try:
        doc = load_bytes(path.read_bytes())
    except LoadError as err:
        raise _failed([Problem(shown, err.line, err.col, err.rule, err.message)]) from None
    reader = _Reader(doc, shown, reg)
    for key in doc.data:
        if key not in KEYS:
            reader.problem(doc.key_pos((key,)), f"不认识的键“{key}”，可用：{'、'.join(KEYS)}")
    sheet = doc.data.get("工作表")
    if sheet is not None and not (isinstance(sheet, str) and sheet.strip()):
        reader.problem(doc.value_pos(("工作表",)), "“工作表”应是工作表的名称")
    mapping = Mapping(
        shown,
        sheet,
        reader.header_row(),
        reader.columns(),
        reader.words(),
        reader.defaults(),
        doc.value_pos(("工作表",)),
    )
    if reader.problems:
        raise _failed(reader.problems)
    return mapping


def _failed(problems: list[Problem]) -> ProblemsFound:
    ordered = sorted(problems, key=lambda p: (p.line, p.col))
    return ProblemsFound("映射文件有错误，没有读取表格", ordered, 1)
