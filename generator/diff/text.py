"""``diff --format text``: the change for a terminal, one section per kind of change."""

from __future__ import annotations

from generator.diff import wording as w
from generator.diff.escape import plain
from generator.diff.model import LedgerDiff, Move
from generator.terminal import printable

Section = tuple[str, list[str]]  # a heading and its lines; a section without lines is left out


def _new(m: Move) -> str:
    return w.case_name(m.new_id, m.new_unit_name)


def _case_sections(d: LedgerDiff) -> list[Section]:
    risk, resolution = w.title("风险等级"), (w.title("化解日期"), w.title("化解方式"))
    details: list[str] = []
    for c in d.changed:
        details.append(w.case_name(c.id, c.unit_name))
        details += [f"  {f.title}：{w.field_text(f)}{w.risk_mark(f)}" for f in c.changes]
    return [
        (
            f"⚠ {w.RISK_RAISED}（{len(d.risk_raised)} 件）",
            [
                f"{w.case_name(c.id, c.unit_name)}：{risk} {w.field_text(c.risk_change)}"
                for c in d.risk_raised
                if c.risk_change
            ],
        ),
        ("⚠ 改动了已报送的汇总表", [w.drift_text(x) for x in d.drifts]),
        (f"新增案件（{len(d.added)} 件）", [w.brief_text(b) for b in d.added]),
        (f"删除案件（{len(d.removed)} 件）", [w.brief_text(b) for b in d.removed]),
        (
            f"移交案件（{len(d.moved)} 件）",
            [f"{w.case_name(m.old_id, m.old_unit_name)} → {_new(m)}" for m in d.moved],
        ),
        (
            f"化解（{len(d.resolved)} 件）",
            [
                f"{w.case_name(c.id, c.unit_name)}：{resolution[0]} {w.resolved_on(c)}，"
                f"{resolution[1]} {c.resolution or w.NONE}"
                for c in d.resolved
            ],
        ),
        (f"重新打开（{len(d.reopened)} 件）", [w.case_name(c.id, c.unit_name) for c in d.reopened]),
        (f"修改明细（{len(d.changed)} 件）", details),
    ]


def _summary_sections(d: LedgerDiff) -> list[Section]:
    out: list[Section] = [
        (
            "汇总表变化（各期新排查、新化解）",
            [
                f"{r.period.label()} {r.name}：{w.changed_figures(r, w.PERIOD_FIGURES)}"
                for r in d.periods
            ],
        )
    ]
    if d.cumulative:
        rows = [f"{r.name}：{w.changed_figures(r, w.CUM_FIGURES)}" for r in d.cumulative]
        out.append((w.cumulative_heading(d), rows))
    out.append(("已报送的汇总表", w.report_lines(d, lambda s: f"⚠ {s}")))
    if d.campaign_changed:
        out.append(("活动信息", [f"campaign.yaml 有改动：{'、'.join(d.campaign_changed)}"]))
    return out


def to_text(d: LedgerDiff) -> str:
    out = [plain(w.head_line(d))]
    if d.base.problems:
        out.append(w.base_note(d))
    if not d.valid:
        out.append(w.invalid_line(d))
        out += [plain(p.text()) for p in d.head.problems]
        return "\n".join(out) + "\n"
    if d.empty():
        out.append("台账没有变化")
        return "\n".join(out) + "\n"
    out.append(w.counts_line(d))
    for heading, lines in (*_case_sections(d), *_summary_sections(d)):
        if lines:
            out.extend(["", heading, *(f"  {plain(line)}" for line in lines)])
    return "\n".join(map(printable, out)) + "\n"
