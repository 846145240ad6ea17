"""Three offices' ledgers unlike the 2019 plan, as scratch repositories for the profile tests.

- WEEKLY: a winter campaign reported weekly across a new year, starting on a Tuesday, with
  红/橙/黄/蓝 risk, three 未化解 and two 已化解 statuses, its own categories and 化解时限.
- MONTHLY: a half-year campaign reported monthly with every optional field switched on, its own
  titles and a 重大/较大/一般 risk scale.
- QUARTERLY: a standing ledger (no 结束日期, no 阶段) reported quarterly, 红/黄/绿 risk, and
  已终结/销号 counted as resolved beside 是.

Each has a few cases written as a clerk would; the figures the tests expect are worked out by
hand in the tests themselves.
"""

from __future__ import annotations

from pathlib import Path

UNITS = """\
单位:
  - {代码: dongcun, 名称: 东村, 类型: 村}
  - {代码: xicun, 名称: 西村, 类型: 村}
"""

WEEKLY = (
    """\
名称: 河湾镇冬季矛盾纠纷排查化解专项行动
主办单位: 河湾镇人民政府
开始日期: 2019-12-17
结束日期: 2020-01-20
阶段:
  - {名称: 集中排查化解, 开始: 2019-12-17, 结束: 2020-01-20}
"""
    + UNITS
    + """\
台账:
  报送周期: 周
  问题类型: [医疗纠纷, 交通事故, 物业, 劳资, 合同, 损害赔偿, 山林土地, 其他]
  风险等级: [红, 橙, 黄, 蓝]
  化解状态:
    未化解: [未化解, 正在化解, 稳控中]
    已化解: [已化解, 息诉罢访]
  字段: [化解时限]
  标题:
    台账: 河湾镇矛盾纠纷排查化解工作台账
    汇总表: 河湾镇矛盾纠纷排查化解情况周报表
"""
)

MONTHLY = (
    """\
名称: 石桥街道矛盾纠纷排查化解工作
主办单位: 石桥街道办事处
开始日期: 2019-06-01
结束日期: 2019-12-31
阶段:
  - {名称: 排查化解, 开始: 2019-06-01, 结束: 2019-12-31}
"""
    + UNITS
    + """\
台账:
  报送周期: 月
  风险等级: [重大, 较大, 一般]
  字段: [化解时限, 信访形式, 交办, 稳控, 重复信访, 回访, 原编号]
"""
)

QUARTERLY = (
    """\
名称: 柳林乡信访事项台账
主办单位: 柳林乡人民政府
开始日期: 2019-01-01
"""
    + UNITS
    + """\
台账:
  报送周期: 季
  风险等级: [红, 黄, 绿]
  化解状态:
    未化解: [否]
    已化解: [是, 已终结, 销号]
"""
)

BASE = """\
信访人: {{姓名: {name}, 住址: 东村二组3号}}
涉及人数: 1
问题属地: 东村二组
问题类型: {category}
主要诉求: 要求赔偿损失
风险等级: {risk}
包案领导: {{姓名: 李志强, 职务: 副镇长}}
责任部门: {{名称: 司法所, 责任人: 赵敏, 职务: 所长}}
"""


def case_text(
    screened: str,
    status: str,
    *,
    category: str = "其他",
    risk: str,
    resolved_on: str | None = None,
    name: str = "王建国",
    extra: str = "",
) -> str:
    """A case file's text; 化解日期 and 化解方式 (调解) when resolved_on is given."""
    text = f"排查日期: {screened}\n" + BASE.format(name=name, category=category, risk=risk)
    text += f"是否已化解: {status}\n"
    if resolved_on:
        text += f"化解日期: {resolved_on}\n化解方式: 调解\n"
    return text + extra


def write(root: Path, campaign: str, cases: dict[str, str]) -> Path:
    """A repository at root: campaign.yaml and cases/<unit>/<id>.yaml for each id → text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "campaign.yaml").write_text(campaign, encoding="utf-8")
    for case_id, text in cases.items():
        path = root / "cases" / case_id.rsplit("-", 1)[0] / f"{case_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# The weekly ledger's cases: across 2019-W51 … 2020-W04, one resolved by 息诉罢访, one past its
# 化解时限, one 稳控中.
WEEKLY_CASES = {
    "dongcun-001": case_text(
        "2019-12-17", "已化解", category="物业", risk="黄", resolved_on="2019-12-30"
    ),
    "dongcun-002": case_text(
        "2019-12-31", "息诉罢访", category="劳资", risk="红", resolved_on="2020-01-06"
    ),
    "dongcun-003": case_text(
        "2020-01-02", "稳控中", category="医疗纠纷", risk="红", extra="化解时限: 2020-01-10\n"
    ),
    "xicun-001": case_text("2020-01-06", "正在化解", category="合同", risk="蓝"),
}

MONTHLY_CASES = {
    "dongcun-001": case_text(
        "2019-06-03",
        "是",
        category="劳动社保",
        risk="重大",
        resolved_on="2019-07-15",
        extra=(
            "化解时限: 2019-07-31\n"
            "信访形式: 来访\n"
            "交办: {单位: 区信访局, 文号: 区信交〔2019〕12号, 日期: 2019-06-01}\n"
            "稳控: {责任人: {姓名: 孙立, 职务: 社区民警}, 措施: 每周走访一次}\n"
            "重复信访: true\n"
            "回访: {日期: 2019-08-01, 满意度: 基本满意}\n"
            "原编号: SF-2019-001\n"
        ),
    ),
    "dongcun-002": case_text(
        "2019-07-20", "否", category="邻里纠纷", risk="一般", extra="化解时限: 2019-08-20\n"
    ),
    "xicun-001": case_text("2019-08-31", "否", category="土地征用", risk="较大"),
}

QUARTERLY_CASES = {
    "dongcun-001": case_text("2019-02-10", "销号", risk="红", resolved_on="2019-04-02"),
    "dongcun-002": case_text("2019-03-31", "否", risk="黄"),
    "xicun-001": case_text("2019-05-05", "已终结", risk="绿", resolved_on="2019-06-30"),
}

PROFILES = {
    "weekly": (WEEKLY, WEEKLY_CASES),
    "monthly": (MONTHLY, MONTHLY_CASES),
    "quarterly": (QUARTERLY, QUARTERLY_CASES),
}
