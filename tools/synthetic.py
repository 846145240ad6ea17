"""Deterministic fictional cases for a campaign: the committed sample and the benchmarks' data.

``make_cases`` invents cases that pass every rule of the validator; ``write_repo`` writes a whole
repository of them fast enough for the 100,000-case benchmarks. The same campaign, count and
seed always give the same cases, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import Any

from generator.core.periods import periods
from generator.ledger.casefile import dump_case
from generator.ledger.layout import CASES_DIR
from generator.ledger.model import Campaign, Person, Unit
from generator.ledger.schema import enum_values
from generator.ledger.validate import CAMPAIGN_FILE, load_campaign
from tools import synthetic_words as W

ROOT = Path(__file__).resolve().parent.parent
CaseTuple = tuple[str, str, dict[str, Any]]

DAY = dt.timedelta(days=1)
CATEGORY_WEIGHTS = {  # the campaign's named areas come up more often
    "城建拆迁": 14, "问题楼盘": 10, "集资融资": 6, "劳动社保": 11, "双拖欠": 10, "土地征用": 9,
    "涉法涉诉": 7, "婚姻家庭": 7, "邻里纠纷": 12, "环境污染": 8, "其他": 6,
}  # fmt: skip
DEPARTMENT_FOR = {
    "城建拆迁": ("城建办",), "问题楼盘": ("城建办", "经济发展办"),
    "集资融资": ("经济发展办", "派出所"), "劳动社保": ("劳动保障所", "社会事务办"),
    "双拖欠": ("劳动保障所", "经济发展办"), "土地征用": ("国土所",),
    "涉法涉诉": ("司法所", "信访办"), "婚姻家庭": ("司法所", "社会事务办"),
    "邻里纠纷": ("综治办", "司法所"), "环境污染": ("环保所",),
    "其他": ("信访办", "社会事务办", "综治办"),
}  # fmt: skip
GROUP_LIKELY = {"问题楼盘", "集资融资", "双拖欠", "劳动社保", "城建拆迁", "土地征用"}
METHODS_FOR = {
    "涉法涉诉": ("司法途径", "政策解释"), "集资融资": ("司法途径", "政策解释", "其他"),
    "土地征用": ("政策解释", "行政复议", "协商和解"), "城建拆迁": ("协商和解", "政策解释", "调解"),
}  # fmt: skip


@dataclass(frozen=True)
class Cast:
    """A campaign's officials, and petitioner names that can never be mistaken for them."""

    leaders: tuple[Person, ...]
    heads: dict[str, tuple[Person, ...]]  # department → its 责任人
    police: tuple[Person, ...]
    petitioner_names: tuple[str, ...]


def _cast(campaign: Campaign) -> Cast:
    leaders = campaign.leaders or tuple(Person(n, t) for n, t in W.DEFAULT_LEADERS)
    departments = campaign.departments or tuple(W.DEPARTMENT_HEADS)
    spare = iter(
        [
            n
            for n in W.OFFICIAL_NAMES
            if all(n != p[0] for h in W.DEPARTMENT_HEADS.values() for p in h)
        ]
    )
    heads: dict[str, tuple[Person, ...]] = {}
    for dept in departments:
        known = W.DEPARTMENT_HEADS.get(dept)
        title = "所长" if dept.endswith("所") else "主任"
        heads[dept] = (
            tuple(Person(n, t) for n, t in known)
            if known
            else (Person(next(spare, "方志诚"), title),)
        )
    police = tuple(Person(n, t) for n, t in W.POLICE)
    officials = [p.name for p in leaders] + [p.name for h in heads.values() for p in h]
    officials += [p.name for p in police]
    # A petitioner's name must not be an official's, nor hide inside any fixed text (an official's
    # name, a place, a company), or masking it would mangle that text on the site.
    corpus = "|".join([*officials, *(u.name for u in campaign.units), _pool_text()])
    names = []
    for surname in W.SURNAMES:
        for given in (*W.GIVEN_TWO, *W.GIVEN_ONE):
            name = surname + given
            if name not in corpus and not any(o in name for o in officials):
                names.append(name)
    return Cast(leaders, heads, police, tuple(names))


def _pool_text() -> str:
    parts: list[str] = []
    for value in vars(W).values():
        if isinstance(value, tuple):
            parts += [v if isinstance(v, str) else "|".join(map(str, v)) for v in value]
        elif isinstance(value, dict):
            parts += [str(v) for v in value.values()]
    return "|".join(parts)


def _notable_days(campaign: Campaign, last: dt.date) -> list[dt.date]:
    """Every period's first and last day (the 15th, the 16th, month ends), up to last."""
    window = periods(campaign.start, campaign.end or last, campaign.profile.rhythm)
    days = sorted({d for p in window for d in (p.start, p.end)})
    return [d for d in days if d <= last]


def _place_name(unit: Unit) -> str:
    return (
        unit.name.removesuffix("管委会").removesuffix("办事处")
        if unit.kind == "单位"
        else unit.name
    )


class _Maker:
    """One generator run: the campaign, the cast and a seeded random source."""

    def __init__(self, campaign: Campaign, seed: int, today: dt.date) -> None:
        self.c = campaign
        self.rng = Random(seed)
        self.last = min(campaign.end, today)
        if self.last < campaign.start:
            raise ValueError(f"today {today} is before the campaign starts ({campaign.start})")
        self.cast = _cast(campaign)
        self.categories = enum_values("问题类型")
        self.cat_weights = list(accumulate(CATEGORY_WEIGHTS.get(k, 5) for k in self.categories))
        self.methods = enum_values("化解方式")
        days, weights = [], []
        day = campaign.start
        while day <= self.last:
            days.append(day)
            # most cases are found in the 全面排查 phase (July in the sample)
            phase = campaign.phase_on(day)
            weights.append(3 if phase is not None and phase.name == "全面排查" else 1)
            day += DAY
        self.days, self.day_weights = days, list(accumulate(weights))
        self.homes = [u for u in campaign.units if u.kind != "单位"] or list(campaign.units)

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def between(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + DAY * self.rng.randint(0, max(0, (hi - lo).days))

    def screened_day(self) -> dt.date:
        x = self.rng.random() * self.day_weights[-1]
        return self.days[bisect_left(self.day_weights, x)]

    def scene(self, unit: Unit) -> dict[str, Any]:
        """The names one case's texts share, so its place and demand tell one story."""
        r = self.rng
        return dict(
            p=_place_name(unit), estate=self.pick(W.ESTATES), company=self.pick(W.COMPANIES),
            builder=self.pick(W.BUILDERS), coop=self.pick(W.COOPS), field=self.pick(W.FIELDS),
            street=self.pick(W.STREETS), year=r.randint(2015, 2018), months=r.randint(3, 18),
            amount=r.randint(30, 600) * 100, wan=r.randint(3, 280),
            g=W.GROUPS[r.randint(0, 9)] if unit.kind == "村" else str(r.randint(1, 28)),
        )  # fmt: skip

    def places(self, unit: Unit, category: str, scene: dict[str, Any]) -> tuple[str, str]:
        """(问题属地, the petitioner's address), never equal."""
        r, g = self.rng, scene["g"]
        table = {"村": W.VILLAGE_PLACES, "社区": W.COMMUNITY_PLACES}.get(
            unit.kind, W.COMPANY_PLACES
        )
        location = self.pick(table[category]).format(**scene)
        home = unit if unit.kind != "单位" and r.random() < 0.85 else self.pick(self.homes)
        if home.kind == "村":
            group = g if home is unit and unit.kind == "村" else W.GROUPS[r.randint(0, 9)]
            address = f"{home.name}{group}组{r.randint(1, 60)}号"
        elif home.kind == "社区":
            same = home is unit and r.random() < 0.5  # a neighbour dispute in one's own building
            building, entrance = (g if same else r.randint(1, 28)), r.randint(1, 4)
            address = (
                f"{home.name}{building}号楼{entrance}单元{r.randint(1, 18)}0{r.randint(1, 4)}室"
            )
        else:
            building = r.randint(1, 6)
            address = (
                f"{_place_name(home)}职工公寓{building}号楼{r.randint(1, 6)}0{r.randint(1, 8)}室"
            )
        return location, address

    def make(self, unit: Unit, plan: dict[str, Any]) -> dict[str, Any]:
        r = self.rng
        category = (
            plan.get("category")
            or self.categories[bisect_left(self.cat_weights, r.random() * self.cat_weights[-1])]
        )
        scene = self.scene(unit)
        location, address = self.places(unit, category, scene)
        person = self.pick(self.cast.petitioner_names)
        group = category in GROUP_LIKELY and r.random() < 0.3
        count = r.randint(3, 40) if group else (1 if r.random() < 0.85 else r.randint(2, 4))
        name = f"{person}等{count}人" if group else person
        demand = self.pick(W.DEMANDS[category]).format(**scene)
        if r.random() < 0.12:
            demand = self.pick(W.DEMAND_WITH_NAME).format(name=person, demand=demand)
        risk = plan.get("risk") or (
            "高" if r.random() < (0.3 if group else 0.1) else ("中" if r.random() < 0.4 else "低")
        )
        depts = [d for d in DEPARTMENT_FOR.get(category, ()) if d in self.cast.heads]
        dept = self.pick(depts or list(self.cast.heads))
        head = self.pick(self.cast.heads[dept])
        leader = self.pick(self.cast.leaders)

        screened = plan.get("screened")
        resolved_on = plan.get("resolved_on")
        if resolved_on is not None and screened is None:
            screened = self.between(max(self.c.start, resolved_on - 40 * DAY), resolved_on)
        screened = screened or self.screened_day()
        left = (self.last - screened).days
        if resolved_on is None and "screened" in plan and r.random() < 0.5:
            resolved_on = None
        elif resolved_on is None and r.random() < (
            0.72 if left > 40 else 0.5 if left > 15 else 0.2
        ):
            resolved_on = screened + DAY * r.randint(min(2, left), min(left, 55))

        data: dict[str, Any] = {
            "排查日期": screened,
            "信访人": {"姓名": name, "住址": address},
            "涉及人数": count,
            "问题属地": location,
            "问题类型": category,
            "主要诉求": demand,
            "风险等级": risk,
            "包案领导": {"姓名": leader.name, "职务": leader.title},
            "责任部门": {"名称": dept, "责任人": head.name, "职务": head.title},
        }
        if r.random() < (0.8 if risk == "高" else 0.5):
            police = self.cast.police[self.c.units.index(unit) % len(self.cast.police)]
            data["分包民警"] = {"姓名": police.name, "职务": police.title}
        data["工作措施"] = self.measures(category, screened, resolved_on, person, address)
        if resolved_on is None:
            data["是否已化解"] = "否"
        else:
            data["是否已化解"] = "是"
            data["化解日期"] = resolved_on
            if r.random() < 0.9:
                data["化解方式"] = self.pick(
                    METHODS_FOR.get(category, ("调解", "协商和解", "政策解释"))
                )
                data["化解方式"] = data["化解方式"] if data["化解方式"] in self.methods else "其他"
                if r.random() < 0.12:
                    data["典型案例"] = True
        if r.random() < 0.15:
            data["备注"] = self.pick(W.NOTES)
        return data

    def measures(
        self, category: str, screened: dt.date, resolved_on: dt.date | None, name: str, address: str
    ) -> list[dict[str, Any]]:
        r = self.rng
        k = r.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
        follow_up = (
            resolved_on is not None and resolved_on < self.last and k > 1 and r.random() < 0.35
        )
        if resolved_on is not None:
            end = resolved_on
        elif r.random() < 0.35:  # stalled: nothing done after the first days
            end = min(self.last, screened + 8 * DAY)
        else:
            end = self.last
        days = sorted(self.between(screened, end) for _ in range(k - follow_up))
        texts = [self.pick(W.FIRST_MEASURES)]
        if r.random() < 0.15:
            texts[0] = self.pick(W.HOME_VISITS).format(name=name, address=address)
        middle = list(W.MEASURES[category])
        r.shuffle(middle)
        texts += middle[: max(0, k - follow_up - 1 - (resolved_on is not None))]
        if r.random() < 0.1 and len(texts) > 1:
            texts[-1] = self.pick(W.NAMED_MEASURES).format(name=name)
        if resolved_on is not None and k - follow_up > 1:
            texts.append(self.pick(W.CLOSING_MEASURES))
            # a fresh object: PyYAML writes an anchor and alias for one object met twice
            days[-1] = dt.date.fromordinal(resolved_on.toordinal())
        while len(texts) < len(days):  # a short middle pool: one more talk
            texts.insert(1, "再次入户沟通")
        out = [{"日期": d, "内容": t} for d, t in zip(days, texts, strict=True)]
        if follow_up and resolved_on is not None:
            out.append(
                {
                    "日期": self.between(resolved_on + DAY, self.last),
                    "内容": self.pick(W.FOLLOW_UPS),
                }
            )
        return out

    def plans(self, n: int) -> list[dict[str, Any]]:
        """Forced values for the first cases, so that even a few dozen cover every category,
        risk level, period edge and resolution on a 15th, 16th or month end."""
        plans: list[dict[str, Any]] = [{} for _ in range(n)]
        edges = _notable_days(self.c, self.last)
        for i, day in enumerate(edges[:n]):
            plans[i]["screened"] = day
        res_days = [d for d in edges if d.day in (15, 16) or (d + DAY).month != d.month]
        for i, day in enumerate(res_days):
            if len(edges) + i < n and day <= self.last and day > self.c.start:
                plans[len(edges) + i]["resolved_on"] = day
        for i, category in enumerate(self.categories[:n]):
            plans[i]["category"] = category
        for i, risk in enumerate(enum_values("风险等级")[:n]):
            plans[n - 1 - i]["risk"] = risk
        return plans


def make_cases(
    campaign: Campaign,
    n: int,
    seed: int = 0,
    today: dt.date | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> list[CaseTuple]:
    """n valid cases as (unit code, case id, file dict), ids numbered per unit by 排查日期.

    ``weights`` (unit code → weight, 0 for none) spreads cases unevenly; by default every unit
    gets a share. Dates stay within the campaign and not after ``today`` (default: its end).
    """
    maker = _Maker(campaign, seed, today or campaign.end)
    r = maker.rng
    units = list(campaign.units)
    unit_w = [weights.get(u.code, 0) if weights else r.randint(1, 6) for u in units]
    cum = list(accumulate(unit_w))
    per_unit: dict[str, list[dict[str, Any]]] = {u.code: [] for u in units}
    for plan in maker.plans(n):
        unit = units[bisect_left(cum, r.random() * cum[-1], hi=len(units) - 1)]
        while unit_w[units.index(unit)] == 0:  # bisect may land on a zero-weight edge
            unit = units[(units.index(unit) + 1) % len(units)]
        per_unit[unit.code].append(maker.make(unit, plan))
    out: list[CaseTuple] = []
    for unit in units:
        found = sorted(per_unit[unit.code], key=lambda d: d["排查日期"])
        out += [(unit.code, f"{unit.code}-{i:03d}", d) for i, d in enumerate(found, 1)]
    return out


# A string PyYAML (with casefile's resolvers) writes plain, unquoted: no indicator first, no
# ": " or " #", no number/bool/null look-alike. Anything else goes through dump_case.
_WORD = r"0-9A-Za-z\u4e00-\u9fff\u3001-\u303f\uff01-\uffee"  # CJK, full-width punctuation
_PLAIN = re.compile(f"[{_WORD}]([{_WORD} .-]*[{_WORD}])?")
_NOT_STR = re.compile(r"true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")


class _NotPlain(Exception):
    pass


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    if isinstance(value, str) and _PLAIN.fullmatch(value) and not _NOT_STR.fullmatch(value):
        return value
    raise _NotPlain


def render_case(data: dict[str, Any]) -> str:
    """dump_case(data), about 20 times faster, for data in schema order with plain strings."""
    lines: list[str] = []
    try:
        for key, value in data.items():
            if isinstance(value, dict):
                lines.append(f"{key}:")
                lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
            elif isinstance(value, list):
                lines.append(f"{key}:")
                for item in value:
                    lead = "  - "
                    for k, v in item.items():
                        lines.append(f"{lead}{k}: {_scalar(v)}")
                        lead = "    "
            else:
                lines.append(f"{key}: {_scalar(value)}")
    except _NotPlain:
        return dump_case(data)
    return "\n".join(lines) + "\n"


def write_cases(dest: Path, cases: list[CaseTuple]) -> None:
    """Write cases as dest/cases/<unit>/<id>.yaml (the folder is expected to be new or empty)."""
    made: set[str] = set()
    for unit, case_id, data in cases:
        folder = dest / CASES_DIR / unit
        if unit not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(unit)
        with open(folder / f"{case_id}.yaml", "w", encoding="utf-8", newline="\n") as f:
            f.write(render_case(data))


def write_repo(dest: Path, n: int, seed: int = 0, campaign_src: Path | None = None) -> None:
    """A repository at dest: a copy of campaign.yaml and n valid synthetic cases."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(campaign_src or ROOT / CAMPAIGN_FILE, dest / CAMPAIGN_FILE)
    (dest / CASES_DIR).mkdir(exist_ok=True)
    campaign, problems = load_campaign(dest)
    if campaign is None:
        raise ValueError(f"campaign.yaml is invalid: {problems}")
    write_cases(dest, make_cases(campaign, n, seed))
