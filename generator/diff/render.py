"""The three forms of ``diff``: text for a terminal, Markdown for a pull request, JSON for tools.

Everything that comes from a case file is untrusted here: control and bidi characters are
written out (``terminal.printable``) in text and Markdown, and Markdown escapes HTML, Markdown
syntax, @mentions and #refs, so a case can neither break a table nor ping anyone nor load an
image from another host. Every ``:``, a ``.`` before a letter and a ``/`` before another are
backslash-escaped as well: a renderer that links bare URLs (GitHub's, Gitea's, markdown-it's
linkify) then finds no scheme, domain or e-mail address in the text, and the rendered text reads
exactly the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generator.core.reports import FIGURES
from generator.core.summary import Row, percent
from generator.diff import jsonout as diff_json
from generator.diff.compare import Brief, CaseChange, FieldChange, LedgerDiff
from generator.diff.figures import Drift, RowDelta
from generator.terminal import printable

HIDDEN = "已修改（个人信息，不显示）"
NOT_SHOWN = "（个人信息，不显示）"
NONE = "（无）"
COUNTS = (
    ("added", "新增"),
    ("removed", "删除"),
    ("moved", "移交"),
    ("resolved", "化解"),
    ("reopened", "重新打开"),
    ("risk_raised", "风险升级"),
    ("changed", "修改"),
)
PERIOD_FIGURES = (("screened", "排查数"), ("resolved", "化解数"), ("rate", "化解率"))
CUM_FIGURES = (
    ("cum_screened", "累计排查数"),
    ("cum_resolved", "累计化解数"),
    ("cum_rate", "累计化解率"),
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|!~:]|\.(?=[^\W\d_])|/(?=/))")


def _lines(text: str) -> list[str]:
    return [printable(line) for line in text.replace("\r\n", "\n").split("\n")]


def plain(text: str, newline: str = " ⏎ ") -> str:
    """One line of safe text: control and bidi characters written out, line breaks as ⏎."""
    return newline.join(_lines(text))


def md(text: str) -> str:
    """Text for a Markdown table cell or heading, shown literally and never as a link."""
    text = _MD_SPECIAL.sub(r"\\\g<0>", "\n".join(_lines(text)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A zero-width space after @ and # keeps GitHub and Gitea from linking people and issues.
    text = text.replace("@", "@\u200b").replace("#", "#\u200b")
    return text.replace("\n", "<br>")


def _value(text: str) -> str:
    return text or NONE


def _arrow(old: str, new: str) -> str:
    return f"{_value(old)} → {_value(new)}"


def _field(change: FieldChange) -> str:
    return HIDDEN if change.hidden else _arrow(change.old, change.new)


def _cells(change: FieldChange) -> tuple[str, str]:
    """改前 and 改后 of a table row; personal data only says that it changed."""
    if change.hidden:
        return NOT_SHOWN, "已修改"
    return _value(change.old), _value(change.new) + (" ⚠ 风险升级" if change.risk_raised else "")


def _figure(row: Row, key: str) -> str:
    value = getattr(row, key)
    return percent(value) if key.endswith("rate") else str(value)


def _figure_cell(delta: RowDelta, key: str) -> str:
    old, new = _figure(delta.old, key), _figure(delta.new, key)
    return new if old == new else f"{old} → {new}"


def _changed_figures(delta: RowDelta, figures: Iterable[tuple[str, str]]) -> str:
    return "，".join(
        f"{name} {_figure(delta.old, key)} → {_figure(delta.new, key)}"
        for key, name in figures
        if _figure(delta.old, key) != _figure(delta.new, key)
    )


def period_label(pid: str) -> str:
    """``2019-07-1`` → ``2019年7月上半月``; anything else as it is."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([12])", pid)
    if not match:
        return pid
    half = "上" if match.group(3) == "1" else "下"
    return f"{match.group(1)}年{int(match.group(2))}月{half}半月"


def _head_line(d: LedgerDiff) -> str:
    return f"台账变更：{d.base.ref}（{d.base.commit[:7]}）→ {d.head.ref}（{d.head.commit[:7]}）"


def _counts_line(d: LedgerDiff) -> str:
    counts = d.counts()
    return "，".join(f"{label} {counts[key]} 件" for key, label in COUNTS)


def _invalid_line(d: LedgerDiff) -> str:
    return (
        f"⚠ 数据有误：{d.head.ref} 中发现 {len(d.head.problems)} 个问题，未作比较；"
        "请先修正（python -m generator validate）"
    )


def _base_note(d: LedgerDiff) -> str:
    return (
        f"注意：基准版本 {d.base.ref} 有 {len(d.base.problems)} 个问题，其中无效的案件没有参与比较"
    )


def _case(unit_id: str, unit_name: str) -> str:
    return f"{unit_id}（{unit_name}）"


def _brief_text(b: Brief) -> str:
    state = "已化解" if b.resolved else "未化解"
    return (
        f"{_case(b.id, b.unit_name)}：排查日期 {b.screened_on.isoformat()}，信访人 {b.petitioner}，"
        f"{b.category}，风险等级 {b.risk}，{state}"
    )


def _drift_text(x: Drift) -> str:
    return (
        f"{x.period.label()}（{x.period.id}，{x.submitted_on or '日期不详'} 报送）{x.name} "
        f"{FIGURES[x.figure]}：报送时 {x.submitted}，改前 {x.base}，改后 {x.head}"
    )


def _report_lines(d: LedgerDiff, mark: Callable[[str], str]) -> list[str]:
    lines = [f"新报送：{period_label(p)}（{p}）" for p in d.reports_added]
    lines += [mark(f"删除了报送记录：{period_label(p)}（{p}）") for p in d.reports_removed]
    lines += [mark(f"修改了报送记录：{period_label(p)}（{p}）") for p in d.reports_changed]
    return lines


def to_text(d: LedgerDiff) -> str:
    out = [plain(_head_line(d))]
    if d.base.problems:
        out.append(_base_note(d))
    if not d.valid:
        out.append(_invalid_line(d))
        out += [plain(p.text()) for p in d.head.problems]
        return "\n".join(out) + "\n"
    if d.empty():
        out.append("台账没有变化")
        return "\n".join(out) + "\n"
    out.append(_counts_line(d))

    def section(heading: str, lines: list[str]) -> None:
        if lines:
            out.extend(["", heading, *(f"  {plain(line)}" for line in lines)])

    section(
        f"⚠ 风险升级（{len(d.risk_raised)} 件）",
        [
            f"{_case(c.id, c.unit_name)}：风险等级 {_field(c.risk_change)}"
            for c in d.risk_raised
            if c.risk_change
        ],
    )
    section("⚠ 改动了已报送的汇总表", [_drift_text(x) for x in d.drifts])
    section(f"新增案件（{len(d.added)} 件）", [_brief_text(b) for b in d.added])
    section(f"删除案件（{len(d.removed)} 件）", [_brief_text(b) for b in d.removed])
    section(
        f"移交案件（{len(d.moved)} 件）",
        [
            f"{_case(m.old_id, m.old_unit_name)} → {_case(m.new_id, m.new_unit_name)}"
            for m in d.moved
        ],
    )
    section(
        f"化解（{len(d.resolved)} 件）",
        [
            f"{_case(c.id, c.unit_name)}：化解日期 {_resolved_on(c)}，"
            f"化解方式 {c.resolution or NONE}"
            for c in d.resolved
        ],
    )
    section(f"重新打开（{len(d.reopened)} 件）", [_case(c.id, c.unit_name) for c in d.reopened])
    details: list[str] = []
    for c in d.changed:
        details.append(_case(c.id, c.unit_name))
        details += [
            f"  {f.title}：{_field(f)}{' ⚠ 风险升级' if f.risk_raised else ''}" for f in c.changes
        ]
    section(f"修改明细（{len(d.changed)} 件）", details)
    section(
        "汇总表变化（各期新排查、新化解）",
        [f"{r.period.label()} {r.name}：{_changed_figures(r, PERIOD_FIGURES)}" for r in d.periods],
    )
    if d.cumulative:
        latest = d.cumulative[0].period
        section(
            f"累计变化（截至 {latest.label()}，{d.as_of.isoformat()}）",
            [f"{r.name}：{_changed_figures(r, CUM_FIGURES)}" for r in d.cumulative],
        )
    section("已报送的汇总表", _report_lines(d, lambda s: f"⚠ {s}"))
    if d.campaign_changed:
        section("活动信息", [f"campaign.yaml 有改动：{'、'.join(d.campaign_changed)}"])
    return "\n".join(map(printable, out)) + "\n"


def _resolved_on(c: CaseChange) -> str:
    return c.resolved_on.isoformat() if c.resolved_on else NONE


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return lines


def _brief_row(b: Brief) -> list[str]:
    return [
        b.id,
        b.unit_name,
        b.screened_on.isoformat(),
        b.petitioner,
        b.category,
        b.risk,
        "是" if b.resolved else "否",
    ]


_BRIEF_HEADER = ("编号", "单位", "排查日期", "信访人", "问题类型", "风险等级", "是否已化解")


def to_markdown(d: LedgerDiff) -> str:
    out = [f"## {md(_head_line(d))}", ""]
    if d.base.problems:
        out += [f"> {md(_base_note(d))}", ""]
    if not d.valid:
        out += [f"> {md(_invalid_line(d))}", ""]
        out += _table(
            ("位置", "问题"), ([f"{p.path}:{p.line}:{p.col}", p.message] for p in d.head.problems)
        )
        return "\n".join(out) + "\n"
    if d.empty():
        out.append("台账没有变化。")
        return "\n".join(out) + "\n"
    counts = d.counts()
    out += _table((label for _, label in COUNTS), [[str(counts[key]) for key, _ in COUNTS]])

    def section(heading: str, lines: list[str]) -> None:
        if lines:
            out.extend(["", f"### {heading}", "", *lines])

    section(
        f"⚠ 风险升级（{len(d.risk_raised)} 件）",
        _table(
            ("编号", "单位", "风险等级"),
            ([c.id, c.unit_name, _field(c.risk_change)] for c in d.risk_raised if c.risk_change),
        ),
    )
    if d.drifts:
        section(
            "⚠ 改动了已报送的汇总表",
            [
                "下列数字已经报送上级，本次改动后与报送时不同，请向信访办说明或重新报送。",
                "",
                *_table(
                    ("期次", "报送日期", "单位", "项目", "报送时", "改前", "改后"),
                    (
                        [
                            x.period.label(),
                            x.submitted_on,
                            x.name,
                            FIGURES[x.figure],
                            str(x.submitted),
                            str(x.base),
                            str(x.head),
                        ]
                        for x in d.drifts
                    ),
                ),
            ],
        )
    if d.added:
        section(f"新增案件（{len(d.added)} 件）", _table(_BRIEF_HEADER, map(_brief_row, d.added)))
    if d.removed:
        section(
            f"删除案件（{len(d.removed)} 件）", _table(_BRIEF_HEADER, map(_brief_row, d.removed))
        )
    if d.moved:
        section(
            f"移交案件（{len(d.moved)} 件）",
            _table(
                ("原编号", "原单位", "新编号", "新单位"),
                ([m.old_id, m.old_unit_name, m.new_id, m.new_unit_name] for m in d.moved),
            ),
        )
    if d.resolved:
        section(
            f"化解（{len(d.resolved)} 件）",
            _table(
                ("编号", "单位", "化解日期", "化解方式"),
                ([c.id, c.unit_name, _resolved_on(c), c.resolution or NONE] for c in d.resolved),
            ),
        )
    if d.reopened:
        section(
            f"重新打开（{len(d.reopened)} 件）",
            _table(("编号", "单位"), ([c.id, c.unit_name] for c in d.reopened)),
        )
    if d.changed:
        lines: list[str] = []
        for c in d.changed:
            rows = ([f.title, *_cells(f)] for f in c.changes)
            lines += [
                "",
                f"#### {md(_case(c.id, c.unit_name))}",
                "",
                *_table(("字段", "改前", "改后"), rows),
            ]
        section(f"修改明细（{len(d.changed)} 件）", lines[1:])
    if d.periods:
        section(
            "汇总表变化（各期新排查、新化解）",
            _table(
                ("期次", "单位", *(name for _, name in PERIOD_FIGURES)),
                (
                    [r.period.label(), r.name, *(_figure_cell(r, k) for k, _ in PERIOD_FIGURES)]
                    for r in d.periods
                ),
            ),
        )
    if d.cumulative:
        section(
            f"累计变化（截至 {d.cumulative[0].period.label()}，{d.as_of.isoformat()}）",
            _table(
                ("单位", *(name for _, name in CUM_FIGURES)),
                ([r.name, *(_figure_cell(r, k) for k, _ in CUM_FIGURES)] for r in d.cumulative),
            ),
        )
    section("已报送的汇总表", [f"- {md(line)}" for line in _report_lines(d, lambda s: f"⚠ {s}")])
    if d.campaign_changed:
        section("活动信息", [md(f"campaign.yaml 有改动：{'、'.join(d.campaign_changed)}")])
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[LedgerDiff], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": diff_json.to_json,
}
