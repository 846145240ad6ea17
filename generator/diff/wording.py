"""The words both human forms of ``diff`` (text and Markdown) share: counts, notes, a case in one
line, figures before and after. Field names are the registry's titles."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.core.periods import period_label
from generator.core.reports import FIGURES
from generator.core.summary import Row, percent
from generator.core.summary_text import FIGURE_HEADERS
from generator.diff.figures import Drift, RowDelta
from generator.diff.jsonout import CUM_KEYS, PERIOD_KEYS
from generator.diff.model import Brief, CaseChange, FieldChange, LedgerDiff
from generator.ledger.fields import registry

HIDDEN = "已修改（个人信息，不显示）"
NOT_SHOWN = "（个人信息，不显示）"
NONE = "（无）"
RISK_RAISED = "风险升级"
COUNTS = (
    ("added", "新增"),
    ("removed", "删除"),
    ("moved", "移交"),
    ("resolved", "化解"),
    ("reopened", "重新打开"),
    ("risk_raised", RISK_RAISED),
    ("changed", "修改"),
)
PERIOD_FIGURES = tuple(zip(PERIOD_KEYS, FIGURE_HEADERS[:3], strict=True))
CUM_FIGURES = tuple(zip(CUM_KEYS, FIGURE_HEADERS[3:], strict=True))


def title(key: str) -> str:
    """A field's name: the registry's title (信访人 names the petitioner's group)."""
    return registry().title(key)


def value(text: str) -> str:
    return text or NONE


def arrow(old: str, new: str) -> str:
    return f"{value(old)} → {value(new)}"


def field_text(change: FieldChange) -> str:
    return HIDDEN if change.hidden else arrow(change.old, change.new)


def risk_mark(change: FieldChange) -> str:
    return f" ⚠ {RISK_RAISED}" if change.risk_raised else ""


def figure(row: Row, key: str) -> str:
    found = getattr(row, key)
    return percent(found) if key.endswith("rate") else str(found)


def figure_cell(delta: RowDelta, key: str) -> str:
    old, new = figure(delta.old, key), figure(delta.new, key)
    return new if old == new else f"{old} → {new}"


def changed_figures(delta: RowDelta, figures: Iterable[tuple[str, str]]) -> str:
    return "，".join(
        f"{name} {figure(delta.old, key)} → {figure(delta.new, key)}"
        for key, name in figures
        if figure(delta.old, key) != figure(delta.new, key)
    )


def head_line(d: LedgerDiff) -> str:
    return f"台账变更：{d.base.ref}（{d.base.commit[:7]}）→ {d.head.ref}（{d.head.commit[:7]}）"


def counts_line(d: LedgerDiff) -> str:
    counts = d.counts()
    return "，".join(f"{label} {counts[key]} 件" for key, label in COUNTS)


def invalid_line(d: LedgerDiff) -> str:
    return (
        f"⚠ 数据有误：{d.head.ref} 中发现 {len(d.head.problems)} 个问题，未作比较；"
        "请先修正（python -m generator validate）"
    )


def base_note(d: LedgerDiff) -> str:
    return (
        f"注意：基准版本 {d.base.ref} 有 {len(d.base.problems)} 个问题，其中无效的案件没有参与比较"
    )


def case_name(case_id: str, unit_name: str) -> str:
    return f"{case_id}（{unit_name}）"


def brief_text(b: Brief) -> str:
    state = "已化解" if b.resolved else "未化解"
    return (
        f"{case_name(b.id, b.unit_name)}：{title('排查日期')} {b.screened_on.isoformat()}，"
        f"{title('信访人')} {b.petitioner}，{b.category}，{title('风险等级')} {b.risk}，{state}"
    )


def drift_text(x: Drift) -> str:
    return (
        f"{x.period.label()}（{x.period.id}，{x.submitted_on or '日期不详'} 报送）{x.name} "
        f"{FIGURES[x.figure]}：报送时 {x.submitted}，改前 {x.base}，改后 {x.head}"
    )


def report_lines(d: LedgerDiff, mark: Callable[[str], str]) -> list[str]:
    lines = [f"新报送：{period_label(p)}（{p}）" for p in d.reports_added]
    lines += [mark(f"删除了报送记录：{period_label(p)}（{p}）") for p in d.reports_removed]
    lines += [mark(f"修改了报送记录：{period_label(p)}（{p}）") for p in d.reports_changed]
    return lines


def resolved_on(c: CaseChange) -> str:
    return c.resolved_on.isoformat() if c.resolved_on else NONE


def cumulative_heading(d: LedgerDiff) -> str:
    return f"累计变化（截至 {d.cumulative[0].period.label()}，{d.as_of.isoformat()}）"
