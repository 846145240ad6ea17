"""One row of a 台账 sheet into the file form of a case, collecting every problem on the way.

Cells are read by :mod:`generator.excel.cells` (dates written every way, synonyms, a person in
one cell); what a row lacks may come from the command's options (``--screened-on``, ``--risk``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl.utils.datetime import WINDOWS_EPOCH

from generator.core.display import group_size
from generator.excel import cells as cell
from generator.excel.sheet import SheetRow, title_of
from generator.ledger import personal_numbers
from generator.ledger.fields import YES
from generator.ledger.model import Campaign
from generator.ledger.personal_check import personal_number_message

NAME, ADDRESS = "信访人.姓名", "信访人.住址"


@dataclass(frozen=True)
class Options:
    unit: str
    screened_on: dt.date | None = None  # 排查日期 for rows that have none
    resolved_on: dt.date | None = None  # 化解日期 for rows marked 已化解 that have none
    risk: str | None = None  # 风险等级 for rows that have none
    update: bool = False


def personal_numbers_in(row: SheetRow) -> list[str]:
    """``personal-number`` for each column of the row that holds such a number."""
    found = []
    for key, value in row.values.items():
        kinds = personal_numbers.kinds(cell.text(value))
        if kinds:
            found.append(personal_number_message(f"“{title_of().get(key, key)}”", kinds))
    return found


class RowReader:
    """Turns one sheet row into the file form of a case, collecting every problem on the way."""

    def __init__(
        self,
        row: SheetRow,
        campaign: Campaign,
        options: Options,
        epoch: dt.datetime = WINDOWS_EPOCH,
    ) -> None:
        self.values = row.values
        self.campaign = campaign
        self.options = options
        self.window = (campaign.start, campaign.end)
        self.epoch = epoch  # day 0 of the workbook's serial dates
        self.problems: list[str] = []

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def has(self, key: str) -> bool:
        return bool(cell.text(self.raw(key)))

    def take(self, key: str, parse: Any, *args: Any) -> Any:
        try:
            return parse(self.raw(key), *args)
        except cell.CellError as err:
            self.problems.append(str(err))
            return None

    def required_text(self, key: str) -> str:
        value = cell.text(self.raw(key))
        if not value:
            self.problems.append(f"“{title_of()[key]}”为空")
        return value

    def day(self, key: str, fallback: dt.date | None, hint: str) -> dt.date | None:
        if self.has(key):
            title = title_of()[key]
            found: dt.date | None = self.take(key, cell.date, title, self.window, self.epoch)
            return found
        if fallback is None:
            self.problems.append(f"没有“{title_of()[key]}”{hint}")
        return fallback

    def build(self) -> dict[str, Any]:
        o, c = self.options, self.campaign
        name = self.required_text(NAME)
        data: dict[str, Any] = {}
        screened = self.day("排查日期", o.screened_on, "（可用 --screened-on 日期 指定）")
        data["排查日期"] = screened.isoformat() if screened else None
        data["信访人"] = {"姓名": name, "住址": self.required_text(ADDRESS)}
        if self.has("涉及人数"):
            data["涉及人数"] = self.take("涉及人数", cell.count, "涉及人数")
        else:
            data["涉及人数"] = group_size(name) or 1
        data["问题属地"] = self.required_text("问题属地")
        data["问题类型"] = (
            self.take("问题类型", cell.CATEGORY.pick) if self.has("问题类型") else None
        )
        if data["问题类型"] is None and not self.has("问题类型"):
            self.problems.append("“问题类型”为空")
        data["主要诉求"] = self.required_text("主要诉求")
        if self.has("风险等级"):
            data["风险等级"] = self.take("风险等级", cell.RISK.pick)
        elif o.risk:
            data["风险等级"] = o.risk
        else:
            self.problems.append("没有“风险等级”（可用 --risk 高|中|低 指定）")
        leaders = {p.name: p.title for p in c.leaders or ()}
        data["包案领导"] = self._person("包案领导", leaders)
        data["责任部门"] = self._department()
        if self.has("分包民警"):
            data["分包民警"] = self._person("分包民警", None)
        if self.has("工作措施") and screened is not None:  # without it the row is refused anyway
            steps = self.take("工作措施", cell.measures, screened, self.window) or []
            data["工作措施"] = [{"日期": d.isoformat(), "内容": t} for d, t in steps]
        state = self.take("是否已化解", cell.RESOLVED.pick) if self.has("是否已化解") else None
        if state is None and not self.has("是否已化解"):
            self.problems.append("“是否已化解”为空")
        data["是否已化解"] = state
        if state == YES or self.has("化解日期"):
            fallback = o.resolved_on if state == YES else None
            resolved = self.day("化解日期", fallback, "（可用 --resolved-on 日期 指定）")
            if resolved:
                data["化解日期"] = resolved.isoformat()
        if self.has("化解方式"):
            data["化解方式"] = self.take("化解方式", cell.METHOD.pick)
        if self.has("典型案例") and self.take("典型案例", cell.TYPICAL.pick) == YES:
            data["典型案例"] = True
        note = cell.text(self.raw("备注"))
        if note:
            data["备注"] = note
        return data

    def _person(self, key: str, known: dict[str, str] | None) -> dict[str, str] | None:
        if not self.has(key):
            self.problems.append(f"“{title_of()[key]}”为空")
            return None
        found = self.take(key, cell.person, title_of()[key], known)
        return {"姓名": found[0], "职务": found[1]} if found else None

    def _department(self) -> dict[str, str] | None:
        if not self.has("责任部门"):
            self.problems.append(f"“{title_of()['责任部门']}”为空")
            return None
        names = self.campaign.departments or ()
        found = self.take("责任部门", cell.department, title_of()["责任部门"], names)
        return {"名称": found[0], "责任人": found[1], "职务": found[2]} if found else None
