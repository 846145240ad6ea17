"""One row of a 台账 sheet into the file form of a case, collecting every problem on the way.

Cells are read by :mod:`generator.excel.cells` (dates written every way, a person in one cell)
and :mod:`generator.excel.synonyms` (words for a list's values); what a row lacks may come from
the command's options (``--screened-on``, ``--risk``) or a mapping file's 默认. A person may
come in one cell (姓名（职务）) or in one column per part (包案领导.姓名, 包案领导.职务).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.datetime import WINDOWS_EPOCH

from generator.core.display import group_size
from generator.excel import cells as cell
from generator.excel.header import SheetRow
from generator.excel.sheet import title_of
from generator.excel.synonyms import vocabularies
from generator.ledger import personal_numbers
from generator.ledger.fields import BOOL, DATE, ENUM, PEOPLE, YES, Field, Registry
from generator.ledger.model import Campaign
from generator.ledger.personal_check import personal_number_message

NAME, ADDRESS = "信访人.姓名", "信访人.住址"
RESOLVED_ONLY = ("化解日期", "化解方式")  # a default for these fills only resolved rows
# The fields build() reads itself; the rest are the optional ones a profile switches on.
BUILT = frozenset((
    "排查日期", "信访人.姓名", "信访人.住址", "涉及人数", "问题属地", "问题类型", "主要诉求",
    "风险等级", "包案领导", "责任部门", "分包民警", "工作措施", "是否已化解", "化解日期",
    "化解方式", "典型案例", "备注",
))  # fmt: skip


@dataclass(frozen=True)
class Options:
    unit: str
    screened_on: dt.date | None = None  # 排查日期 for rows that have none
    resolved_on: dt.date | None = None  # 化解日期 for rows marked 已化解 that have none
    risk: str | None = None  # 风险等级 for rows that have none
    update: bool = False
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # 取值 (words folded)
    defaults: Mapping[str, Any] = field(default_factory=dict)  # 默认: field → value


def label(key: str, labels: Mapping[str, str], reg: Registry) -> str:
    """How messages name a column: the sheet's header (a mapped sheet) or our export's title."""
    if key in labels:
        return labels[key]
    if key in title_of(reg):
        return title_of(reg)[key]
    parent = key.rpartition(".")[0]
    return reg.title(parent) + reg.title(key) if parent and key in reg.titles else key


def personal_numbers_in(row: SheetRow, labels: Mapping[str, str], reg: Registry) -> list[str]:
    """``personal-number`` for each column of the row that holds such a number."""
    found = []
    for key, value in row.values.items():
        kinds = personal_numbers.kinds(cell.text(value))
        if kinds:
            found.append(personal_number_message(f"“{label(key, labels, reg)}”", kinds))
    return found


class RowReader:
    """Turns one sheet row into the file form of a case, collecting every problem on the way."""

    def __init__(
        self,
        row: SheetRow,
        campaign: Campaign,
        options: Options,
        today: dt.date,
        epoch: dt.datetime = WINDOWS_EPOCH,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.values = dict(row.values)
        for key, value in options.defaults.items():
            if key not in RESOLVED_ONLY and not cell.text(self.values.get(key)):
                self.values[key] = value
        self.campaign = campaign
        self.profile = campaign.profile
        self.reg = campaign.profile.registry
        self.options = options
        self.window = (campaign.start, campaign.end or today)
        self.epoch = epoch  # day 0 of the workbook's serial dates
        self.labels = labels or {}
        self.problems: list[str] = []
        self.normalized: list[str] = []  # what a built-in synonym changed: “列”“词”→“值”

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def has(self, key: str) -> bool:
        return bool(cell.text(self.raw(key)))

    def label(self, key: str) -> str:
        return label(key, self.labels, self.reg)

    def take(self, key: str, parse: Any, *args: Any) -> Any:
        try:
            return parse(self.raw(key), *args)
        except cell.CellError as err:
            self.problems.append(str(err))
            return None

    def required_text(self, key: str) -> str:
        value = cell.text(self.raw(key))
        if not value:
            self.problems.append(f"“{self.label(key)}”为空")
        return value

    def day(self, key: str, fallback: dt.date | None, hint: str) -> dt.date | None:
        if self.has(key):
            found: dt.date | None = self.take(key, cell.date, self.label(key), *self._dates())
            return found
        if fallback is None:
            self.problems.append(f"没有“{self.label(key)}”{hint}")
        return fallback

    def _dates(self) -> tuple[tuple[dt.date, dt.date], dt.datetime]:
        return self.window, self.epoch

    def word(self, key: str, required: bool = True) -> str | None:
        """A value from the field's list: the mapping's word, the value, or a synonym."""
        if not self.has(key):
            if required:
                self.problems.append(f"“{self.label(key)}”为空")
            return None
        raw = self.raw(key)
        vocabulary = vocabularies(self.reg)[key]
        own = self.options.words.get(key)
        try:
            value, changed = vocabulary.read(raw, self.label(key), own)
        except cell.CellError as err:
            self.problems.append(str(err))
            return None
        if changed:
            self.normalized.append(f"“{self.label(key)}”“{cell.text(raw)}”→“{value}”")
        return value

    def build(self) -> dict[str, Any]:
        o = self.options
        name = self.required_text(NAME)
        data: dict[str, Any] = {}
        screened = self.day("排查日期", o.screened_on, "（可用 --screened-on 日期 指定）")
        data["排查日期"] = screened.isoformat() if screened else None
        data["信访人"] = {"姓名": name, "住址": self.required_text(ADDRESS)}
        if self.has("涉及人数"):
            data["涉及人数"] = self.take("涉及人数", cell.count, self.label("涉及人数"))
        else:
            data["涉及人数"] = group_size(name) or 1
        data["问题属地"] = self.required_text("问题属地")
        data["问题类型"] = self.word("问题类型")
        data["主要诉求"] = self.required_text("主要诉求")
        data["风险等级"] = self._risk()
        data.update(self._people())
        if self.has("工作措施") and screened is not None:  # without it the row is refused anyway
            steps = self.take("工作措施", cell.measures, screened, self.window) or []
            data["工作措施"] = [{"日期": d.isoformat(), "内容": t} for d, t in steps]
        data.update(self._state())
        note = cell.text(self.raw("备注"))
        if note:
            data["备注"] = note
        data.update(self._optional())
        return data

    def _risk(self) -> str | None:
        if self.has("风险等级"):
            return self.word("风险等级")
        if self.options.risk:
            return self.options.risk
        choices = "|".join(self.profile.risks)
        self.problems.append(f"没有“{self.label('风险等级')}”（可用 --risk {choices} 指定）")
        return None

    def _optional(self) -> dict[str, Any]:
        """The optional fields switched on (原编号, 化解时限, 交办.单位 …) that the row has."""
        data: dict[str, Any] = {}
        for f in self.reg.fields:
            value = None if f.key in BUILT or f.in_path else self._one(f)
            if value is None:
                continue
            parent, _, part = f.key.partition(".")
            if part:
                data.setdefault(parent, {})[part] = value
            else:
                data[f.key] = value
        return data

    def _one(self, f: Field) -> Any:
        """An optional field's value in the file's form; None where the row has none."""
        if f.kind == PEOPLE:
            given = self.has(f.key) or self.has(f"{f.key}.姓名")
            return self._person(f.key, None) if given else None
        if not self.has(f.key):
            return None
        if f.kind == DATE:
            day = self.take(f.key, cell.date, self.label(f.key), *self._dates())
            return day.isoformat() if day else None
        if f.kind == BOOL and not f.values:  # a true/false field (重复信访)
            return self.word(f.key) == YES
        if f.kind in (ENUM, BOOL):
            return self.word(f.key)
        return cell.text(self.raw(f.key))

    def _state(self) -> dict[str, Any]:
        """是否已化解, and 化解日期, 化解方式, 典型案例 that go with it."""
        o = self.options
        state = self.word("是否已化解")
        data: dict[str, Any] = {"是否已化解": state}
        resolved = state is not None and self.profile.is_resolved(state)
        if resolved:
            for key in RESOLVED_ONLY:
                if key in o.defaults and not self.has(key):
                    self.values[key] = o.defaults[key]
        if resolved or self.has("化解日期"):
            fallback = o.resolved_on if resolved else None
            day = self.day("化解日期", fallback, "（可用 --resolved-on 日期 指定）")
            if day:
                data["化解日期"] = day.isoformat()
        if self.has("化解方式"):
            data["化解方式"] = self.word("化解方式")
        if self.has("典型案例") and self.word("典型案例") == YES:
            data["典型案例"] = True
        return data

    def _people(self) -> dict[str, Any]:
        leaders = {p.name: p.title for p in self.campaign.leaders or ()}
        data = {"包案领导": self._person("包案领导", leaders), "责任部门": self._department()}
        if self.has("分包民警") or self.has("分包民警.姓名"):
            data["分包民警"] = self._person("分包民警", None)
        return data

    def _parts(self, key: str, parts: tuple[str, ...]) -> dict[str, str] | None:
        """A person or department given one column per part; None when it has no such columns."""
        if not any(f"{key}.{p}" in self.values for p in parts):
            return None
        return {p: self.required_text(f"{key}.{p}") for p in parts}

    def _person(self, key: str, known: dict[str, str] | None) -> dict[str, str] | None:
        if not self.has(key) and self.has(f"{key}.姓名"):
            name = cell.text(self.raw(f"{key}.姓名"))
            if not self.has(f"{key}.职务") and known and name in known:
                self.values[f"{key}.职务"] = known[name]
        split = self._parts(key, ("姓名", "职务"))
        if split is not None and not self.has(key):
            return split
        if not self.has(key):
            self.problems.append(f"“{self.label(key)}”为空")
            return None
        found = self.take(key, cell.person, self.label(key), known)
        return {"姓名": found[0], "职务": found[1]} if found else None

    def _department(self) -> dict[str, str] | None:
        split = self._parts("责任部门", ("名称", "责任人", "职务"))
        if split is not None and not self.has("责任部门"):
            return split
        if not self.has("责任部门"):
            self.problems.append(f"“{self.label('责任部门')}”为空")
            return None
        names = self.campaign.departments or ()
        found = self.take("责任部门", cell.department, self.label("责任部门"), names)
        return {"名称": found[0], "责任人": found[1], "职务": found[2]} if found else None
