"""What the district roll-up site's pages are rendered from: the roll-up's figures, computed
once, and the addresses of its pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.core.rollup import District, Line, Table, open_figures
from generator.core.summary import Row

OPEN_TITLES = ("未化解", "高风险未化解", "超期", "逾期", "停滞")


def summary_xlsx_path(period_id: str) -> str:
    return f"downloads/rollup-summary-{period_id}.xlsx"


def member_path(n: int) -> str:
    """A member's page by its place in ROLLUP.yaml (names may be any text)."""
    return f"members/m{n + 1}.md"


def more_path(n: int, number: int) -> str:
    """Page ``number`` of member n's page: the continuations hold its earlier periods."""
    return member_path(n) if number == 1 else f"members/more/m{n + 1}-{number}.md"


def period_path(period_id: str) -> str:
    return f"periods/{period_id}.md"


def html(path: str) -> str:
    return path[: -len(".md")] + ".html"


@dataclass(frozen=True)
class OpenLine:
    """A member's (or unit's) open cases and alerts, as of its own as-of date; None: 未报送."""

    name: str
    url: str
    as_of: dt.date | None
    figures: tuple[int, ...] | None
    reason: str | None


@dataclass(frozen=True)
class PeriodLine:
    """One period of a list of periods: the district's totals, or one member's line."""

    table: Table
    line: Line | None  # a member's line; None: the district's total

    @property
    def url(self) -> str:
        return html(period_path(self.table.period.id))

    @property
    def row(self) -> Row | None:
        return self.table.total if self.line is None else self.line.row

    @property
    def reason(self) -> str | None:
        return None if self.line is None else self.line.reason


@dataclass(frozen=True)
class RollupSite:
    d: District

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.d.tables

    @property
    def name(self) -> str:
        return self.d.rollup.name

    def latest(self) -> Table:
        """The period holding the as-of date (the last one once the roll-up has ended)."""
        current = [t for t in self.tables if t.period.start <= self.d.as_of]
        return current[-1] if current else self.tables[0]

    def period_lines(self, member: int | None = None) -> list[PeriodLine]:
        """Every period: the district's totals (member None), or that member's line."""
        return [PeriodLine(t, None if member is None else t.lines[member]) for t in self.tables]

    def open_lines(self) -> list[OpenLine]:
        out = []
        for n, m in enumerate(self.d.members):
            url = html(member_path(n))
            if m.counts is None:
                out.append(OpenLine(m.name, url, None, None, m.reason))
            else:
                out.append(OpenLine(m.name, url, m.counts.as_of, open_figures(m.counts), None))
        return out

    def open_total(self) -> tuple[int, ...]:
        lines = [line.figures for line in self.open_lines() if line.figures is not None]
        return tuple(sum(f[i] for f in lines) for i in range(len(OPEN_TITLES)))
