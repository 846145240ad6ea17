"""The 台账 sheet's columns: 序号, then the registry's ledger columns, with Excel's widths.

Titles, order and cell values come from the field registry (``ledger.fields``) and the display
module (``core.display``); only what is Excel's own (a width, a style) is here. Export writes
these columns and import reads them back, so a cell is spelt one way in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.core import display
from generator.ledger.fields import BOOL, DATE, ENUM, INT, Field, Registry, registry
from generator.ledger.model import Case

SEQ = "序号"
# Excel column widths (about one Latin character; a CJK character is two).
WIDTHS = {
    SEQ: 6,
    "信访人.姓名": 12,
    "信访人.住址": 18,
    "问题属地": 16,
    "主要诉求": 30,
    "工作措施": 40,
    "包案领导": 20,
    "责任部门": 24,
    "分包民警": 16,
    "问题类型": 10,
    "是否已化解": 8,
    "备注": 16,
    "编号": 20,
    "排查日期": 12,
    "化解日期": 12,
    "涉及人数": 8,
    "风险等级": 8,
    "化解方式": 10,
    "典型案例": 8,
    # The optional fields a profile may switch on.
    "化解时限": 12,
    "信访形式": 10,
    "交办.单位": 16,
    "交办.文号": 18,
    "交办.日期": 12,
    "稳控.责任人": 16,
    "稳控.措施": 30,
    "重复信访": 8,
    "回访.日期": 12,
    "回访.满意度": 10,
    "原编号": 16,
}
DEFAULT_WIDTH = 16


@dataclass(frozen=True)
class SheetColumn:
    key: str  # the field's key, or 序号
    title: str
    kind: str  # text | long | date | int | center: the cell's style
    width: float
    form: bool  # one of 附件1's own columns (printed), or one of the columns added after them
    field: Field | None = None  # None for 序号


def _kind(f: Field) -> str:
    if f.kind in (DATE, INT):
        return f.kind
    if f.kind in (ENUM, BOOL):
        return "center"
    return "long" if f.long else "text"


def ledger_columns(fields: Registry | None = None) -> tuple[SheetColumn, ...]:
    """序号, then every ledger column of the registry (default: the case schema's; an export
    passes its campaign's profile's, whose optional fields come after the 7 extra columns)."""
    return _columns(fields or registry())


@cache
def _columns(reg: Registry) -> tuple[SheetColumn, ...]:
    return (
        SheetColumn(SEQ, SEQ, "center", WIDTHS[SEQ], form=True),
        *(
            SheetColumn(f.key, f.heading, _kind(f), WIDTHS.get(f.key, DEFAULT_WIDTH), f.form, f)
            for f in reg.ledger
        ),
    )


def form_count(columns: tuple[SheetColumn, ...]) -> int:
    """How many of the columns are 附件1's own: the printed width of the sheet."""
    return sum(1 for c in columns if c.form)


def cells(case: Case, seq: int, columns: tuple[SheetColumn, ...]) -> list[Any]:
    """The row of one case, in the columns' order; dates as dates, counts as numbers."""
    return [seq, *(display.value(case, c.field) for c in columns if c.field is not None)]
