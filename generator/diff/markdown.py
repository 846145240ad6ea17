"""``diff --format markdown``: the change for a pull-request comment, a table per kind of change.

Every cell and heading that holds case text goes through ``escape.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.reports import FIGURES
from generator.diff import wording as w
from generator.diff.escape import md
from generator.diff.model import Brief, FieldChange, LedgerDiff
from generator.ledger.fields import yes_no

Section = tuple[str, list[str]]  # a heading and its lines; a section without lines is left out
DRIFT_NOTE = "下列数字已经报送上级，本次改动后与报送时不同，请向信访办说明或重新报送。"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return lines


def _ident() -> tuple[str, str]:
    return w.title("编号"), w.title("单位")


def _brief_row(b: Brief) -> list[str]:
    day, resolved = b.screened_on.isoformat(), b.status or yes_no(b.resolved)
    return [b.id, b.unit_name, day, b.petitioner, b.category, b.risk, resolved]


def _briefs(briefs: Iterable[Brief]) -> list[str]:
    keys = ("排查日期", "信访人", "问题类型", "风险等级", "是否已化解")
    return _table((*_ident(), *map(w.title, keys)), map(_brief_row, briefs))


def _cells(change: FieldChange) -> tuple[str, str]:
    """改前 and 改后 of a table row; personal data only says that it changed."""
    if change.hidden:
        return w.NOT_SHOWN, "已修改"
    return w.value(change.old), w.value(change.new) + w.risk_mark(change)


def _details(d: LedgerDiff) -> list[str]:
    lines: list[str] = []
    for c in d.changed:
        rows = ([f.title, *_cells(f)] for f in c.changes)
        lines += ["", f"#### {md(w.case_name(c.id, c.unit_name))}", ""]
        lines += _table(("字段", "改前", "改后"), rows)
    return lines[1:]


def _drifts(d: LedgerDiff) -> list[str]:
    header = ("期次", "报送日期", "单位", "项目", "报送时", "改前", "改后")
    rows = (
        [
            x.period.label(),
            x.submitted_on,
            x.name,
            FIGURES[x.figure],
            *map(str, (x.submitted, x.base, x.head)),
        ]
        for x in d.drifts
    )
    return [DRIFT_NOTE, "", *_table(header, rows)]


def _case_sections(d: LedgerDiff) -> list[Section]:
    ident, t = _ident(), w.title
    risen = (
        [c.id, c.unit_name, w.field_text(c.risk_change)] for c in d.risk_raised if c.risk_change
    )
    out = [
        (f"⚠ {w.RISK_RAISED}（{len(d.risk_raised)} 件）", _table((*ident, t("风险等级")), risen))
    ]
    if d.drifts:
        out.append(("⚠ 改动了已报送的汇总表", _drifts(d)))
    if d.added:
        out.append((f"新增案件（{len(d.added)} 件）", _briefs(d.added)))
    if d.removed:
        out.append((f"删除案件（{len(d.removed)} 件）", _briefs(d.removed)))
    if d.moved:
        header = tuple(f"{side}{name}" for side in "原新" for name in ident)
        rows = ([m.old_id, m.old_unit_name, m.new_id, m.new_unit_name] for m in d.moved)
        out.append((f"移交案件（{len(d.moved)} 件）", _table(header, rows)))
    if d.resolved:
        header = (*ident, t("化解日期"), t("化解方式"))
        rows = ([c.id, c.unit_name, w.resolved_on(c), c.resolution or w.NONE] for c in d.resolved)
        out.append((f"化解（{len(d.resolved)} 件）", _table(header, rows)))
    if d.reopened:
        rows = ([c.id, c.unit_name] for c in d.reopened)
        out.append((f"重新打开（{len(d.reopened)} 件）", _table(ident, rows)))
    if d.changed:
        out.append((f"修改明细（{len(d.changed)} 件）", _details(d)))
    return out


def _summary_sections(d: LedgerDiff) -> list[Section]:
    out: list[Section] = []
    if d.periods:
        header = ("期次", "单位", *(name for _, name in w.PERIOD_FIGURES))
        rows = (
            [r.period.label(), r.name, *(w.figure_cell(r, k) for k, _ in w.PERIOD_FIGURES)]
            for r in d.periods
        )
        out.append(("汇总表变化（各期新排查、新化解）", _table(header, rows)))
    if d.cumulative:
        header = ("单位", *(name for _, name in w.CUM_FIGURES))
        rows = ([r.name, *(w.figure_cell(r, k) for k, _ in w.CUM_FIGURES)] for r in d.cumulative)
        out.append((w.cumulative_heading(d), _table(header, rows)))
    reports = [f"- {md(line)}" for line in w.report_lines(d, lambda s: f"⚠ {s}")]
    out.append(("已报送的汇总表", reports))
    if d.campaign_changed:
        out.append(("活动信息", [md(f"campaign.yaml 有改动：{'、'.join(d.campaign_changed)}")]))
    return out


def to_markdown(d: LedgerDiff) -> str:
    out = [f"## {md(w.head_line(d))}", ""]
    if d.base.problems:
        out += [f"> {md(w.base_note(d))}", ""]
    if not d.valid:
        out += [f"> {md(w.invalid_line(d))}", ""]
        problems = ([f"{p.path}:{p.line}:{p.col}", p.message] for p in d.head.problems)
        out += _table(("位置", "问题"), problems)
        return "\n".join(out) + "\n"
    if d.empty():
        out.append("台账没有变化。")
        return "\n".join(out) + "\n"
    counts = d.counts()
    out += _table((label for _, label in w.COUNTS), [[str(counts[key]) for key, _ in w.COUNTS]])
    for heading, lines in (*_case_sections(d), *_summary_sections(d)):
        if lines:
            out.extend(["", f"### {heading}", "", *lines])
    return "\n".join(out) + "\n"
