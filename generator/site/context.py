"""Everything the pages show, computed once before any page is rendered.

``Site`` holds the cases as the privacy mode allows them (the one masking engine,
``privacy.Masker``, has been applied to every one), the 汇总表, the dashboard figures, the groups
(unit, 问题类型, 包案领导) and the git history; the page modules only read it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.core import alerts, privacy
from generator.core.summary import Summary, summarize
from generator.git.history import Change
from generator.ledger.fields import Registry
from generator.ledger.model import Campaign, Case, Person
from generator.ledger.profile import Profile


@dataclass(frozen=True)
class Group:
    """The cases of one unit, one 问题类型 or one 包案领导, and their figures."""

    kind: str  # unit | type | leader
    key: str  # the value the 台账 table filters on (unit code, type number, leader slug)
    title: str  # e.g. 东村, 城建拆迁, 李志强（办事处主任）
    url: str  # site path of the group's page
    cases: tuple[Case, ...]
    figures: alerts.Figures


@dataclass(frozen=True)
class Site:
    campaign: Campaign
    privacy: str  # privacy.MASKED | privacy.FULL
    today: dt.date
    progress: alerts.Progress
    cases: tuple[Case, ...]  # privacy applied, campaign unit order then id
    summary: Summary
    figures: alerts.Figures
    alerts: alerts.Alerts
    units: tuple[Group, ...]
    types: tuple[Group, ...]
    leaders: tuple[Group, ...]
    history: Mapping[str, tuple[Change, ...]]  # by case file path; authors masked unless full
    leader_slug: dict[Person, str]
    index_cases: bool = False  # case pages go into the search index (see README: 网站)

    @property
    def as_of(self) -> dt.date:
        return self.progress.as_of

    @property
    def masked(self) -> bool:
        return self.privacy != privacy.FULL

    @property
    def profile(self) -> Profile:
        return self.campaign.profile

    @property
    def registry(self) -> Registry:
        """The fields of the profile's case schema: every table and case page reads these."""
        return self.campaign.profile.registry

    @property
    def deadlines(self) -> bool:
        """The profile has 化解时限: the site shows 逾期 beside 超期."""
        return self.campaign.profile.has("化解时限")

    @property
    def ledger_name(self) -> str:
        """The 台账 page's heading: the office's own title of the form, if it gave one."""
        return self.campaign.profile.ledger_title or "台账"

    @property
    def summary_name(self) -> str:
        return self.campaign.profile.summary_title or "汇总表"

    def unit_name(self, code: str) -> str:
        unit = self.campaign.unit(code)
        return unit.name if unit else code

    def type_key(self, category: str) -> str:
        return f"{self.campaign.profile.categories.index(category) + 1:02d}"


def case_url(case: Case) -> str:
    return f"cases/{case.unit}/{case.id}.html"


def leader_slug(person: Person) -> str:
    """A stable, ASCII file name for a leader's page, whatever characters the name has."""
    digest = hashlib.sha1(f"{person.name}\n{person.title}".encode()).hexdigest()
    return digest[:10]


def _scrub_history(
    history: Mapping[str, tuple[Change, ...]], mask: Callable[[str], str]
) -> dict[str, tuple[Change, ...]]:
    """An author's name is text like any other (a petitioner may be one): mask it the same way."""
    author = functools.cache(mask)  # few authors, many rows: each author is masked once
    return {
        path: tuple(dataclasses.replace(c, author=author(c.author)) for c in commits)
        for path, commits in history.items()
    }


@dataclass(frozen=True)
class Groups:
    units: tuple[Group, ...]
    types: tuple[Group, ...]
    leaders: tuple[Group, ...]
    leader_slug: dict[Person, str]


def groups(campaign: Campaign, shown: Sequence[Case], as_of: dt.date) -> Groups:
    """The cases by unit (campaign order), by 问题类型 (the profile's order) and by 包案领导."""
    by_unit: dict[str, list[Case]] = defaultdict(list)
    by_type: dict[str, list[Case]] = defaultdict(list)
    by_leader: dict[Person, list[Case]] = defaultdict(list)
    for case in shown:
        by_unit[case.unit].append(case)
        by_type[case.category].append(case)
        by_leader[case.leader].append(case)

    def group(kind: str, folder: str, key: str, title: str, cases: list[Case]) -> Group:
        figures = alerts.figures(campaign, cases, as_of)
        return Group(kind, key, title, f"{folder}/{key}.html", tuple(cases), figures)

    units = tuple(group("unit", "units", u.code, u.name, by_unit[u.code]) for u in campaign.units)
    types = tuple(
        group("type", "types", f"{number:02d}", category, by_type[category])
        for number, category in enumerate(campaign.profile.categories, start=1)
    )
    # Leaders in campaign.yaml's order when it keeps a list, then anyone else by name.
    listed = list(campaign.leaders or ())
    others = sorted((p for p in by_leader if p not in listed), key=lambda p: (p.name, p.title))
    slugs = {p: leader_slug(p) for p in listed + others}
    leaders = tuple(
        group("leader", "leaders", slugs[p], p.label(), by_leader[p]) for p in listed + others
    )
    return Groups(units, types, leaders, slugs)


def build_site(
    campaign: Campaign,
    cases: Sequence[Case],
    today: dt.date,
    mode: str,
    history: Mapping[str, tuple[Change, ...]],
    earlier: Iterable[tuple[str, str]] = (),
    index_cases: bool = False,
) -> Site:
    """Apply the privacy mode to every case, then compute every figure the pages show.

    ``earlier``: (姓名, 住址) of earlier versions of the cases in git history, masked as well.
    """
    shown_by = privacy.masker(mode, cases, earlier)
    shown = tuple(shown_by.case(c) for c in cases)
    history = _scrub_history(history, shown_by.text)
    prog = alerts.progress(campaign, today)
    grouped = groups(campaign, shown, prog.as_of)
    return Site(
        campaign=campaign,
        privacy=mode,
        today=today,
        progress=prog,
        cases=shown,
        summary=summarize(campaign, shown, today),
        figures=alerts.figures(campaign, shown, prog.as_of),
        alerts=alerts.alerts(campaign, shown, prog.as_of),
        units=grouped.units,
        types=grouped.types,
        leaders=grouped.leaders,
        history=history,
        leader_slug=grouped.leader_slug,
        index_cases=index_cases,
    )
