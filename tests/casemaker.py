"""Small cases for the summary, export, import and report tests: in memory or as files."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.ledger.casefile import dump_case
from generator.ledger.model import Campaign, Case, Phase, Unit
from generator.ledger.records import case_from_dict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PHASES = (
    ("动员部署", "2019-06-25", "2019-06-30"),
    ("全面排查", "2019-07-01", "2019-07-31"),
    ("集中化解", "2019-08-01", "2019-09-25"),
)


def campaign_yaml(
    name: str, organizer: str, phases: Sequence[tuple[str, str, str]], units: Sequence[str]
) -> str:
    """campaign.yaml text: 开始日期 and 结束日期 from the phases, each unit a flow mapping."""
    lines = [f"名称: {name}", f"主办单位: {organizer}"]
    lines += [f"开始日期: {phases[0][1]}", f"结束日期: {phases[-1][2]}", "阶段:"]
    lines += [f"  - {{名称: {n}, 开始: {a}, 结束: {b}}}" for n, a, b in phases]
    lines += ["单位:", *(f"  - {{{unit}}}" for unit in units)]
    return "\n".join(lines) + "\n"


# Three units over four weeks: short, exact outputs in the command-line tests.
SMALL_CAMPAIGN = campaign_yaml(
    "小河街道信访矛盾大排查大化解活动",
    "小河街道办事处",
    [("全面排查", "2019-07-10", "2019-08-05")],
    ["代码: dongcun, 名称: 东村, 类型: 村", "代码: xicun, 名称: 西村, 类型: 村",
     "代码: gongye, 名称: 工业园区管委会, 类型: 单位"],
)  # fmt: skip


def copy_sample(dest: Path) -> Path:
    """The sample's campaign.yaml and cases/ copied into dest (made if missing)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "campaign.yaml", dest / "campaign.yaml")
    shutil.copytree(ROOT / "cases", dest / "cases")
    return dest


def sample_site(root: Path, today: dt.date) -> Path:
    """The sample copied into root and built there as ``make site`` builds it: root/site."""
    from generator.site.build import Options, build  # only the site tests need the builder

    copy_sample(root)
    build(Options(root=root, out=root / "site", today=today), today_given=today)
    return root / "site"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# The fields case_data fills in, as a clerk would write them in a case file.
CASE_FIELDS = """\
信访人: {姓名: 王建国, 住址: 东村三组12号}
涉及人数: 1
问题属地: 东村三组
问题类型: 城建拆迁
主要诉求: 要求按 2018 年标准补足拆迁安置补偿款
风险等级: 高
包案领导: {姓名: 李志强, 职务: 办事处主任}
责任部门: {名称: 城建办, 责任人: 赵敏, 职务: 主任}
"""


def case_data(screened: str, resolved: str | None = None, **over: Any) -> dict[str, Any]:
    """A valid case for the sample campaign, in file form (dates as dates)."""
    data: dict[str, Any] = {"排查日期": day(screened), **yaml.safe_load(CASE_FIELDS)}
    data["工作措施"] = [{"日期": day(screened), "内容": "入户走访，核实补偿标准"}]
    data["是否已化解"] = "否"
    if resolved:
        data |= {"是否已化解": "是", "化解日期": day(resolved), "化解方式": "调解"}
    data.update(over)
    return data


def put(root: Path, case_id: str, data: dict[str, Any]) -> Path:
    unit = case_id.rsplit("-", 1)[0]
    path = root / "cases" / unit / f"{case_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_case(data), encoding="utf-8")
    return path


def model(case_id: str, screened: dt.date, resolved: dt.date | None = None) -> Case:
    """A Case model, as the loader would build it."""
    unit = case_id.rsplit("-", 1)[0]
    data = case_data(screened.isoformat(), resolved.isoformat() if resolved else None)
    return case_from_dict(data, unit, case_id)


def campaign(start: dt.date, end: dt.date, units: int = 2) -> Campaign:
    codes = ["dongcun", "xicun", "nanzhuang", "beiying", "liuzhai"][:units]
    return Campaign(
        name="测试活动",
        organizer="测试街道办事处",
        start=start,
        end=end,
        phases=(Phase("全程", start, end),),
        units=tuple(Unit(code, f"单位{i}", "村") for i, code in enumerate(codes, 1)),
    )
