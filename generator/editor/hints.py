"""The form's help under each field, in the clerk's words.

A hint is the schema's description, with what only people who edit the files need (the date
format the date picker already keeps, ``true``/``false`` of a switch) left out, followed by
what the field's rules need beyond its own value: the form cannot check these, the automatic
check after saving does. No file names, commands or English words: who needs more is told to
ask the administrator.
"""

from __future__ import annotations

from generator.ledger.model import Campaign
from generator.ledger.profile import PRESET, Profile

Path = tuple[str, ...]

CHECKED_LATER = "保存后由系统自动核对。"
# What the schema's descriptions say for file editors only; the form's widgets say it already.
FILE_ONLY = ("，格式 YYYY-MM-DD",)
# A switch's description speaks of true/false; the form's words replace it.
SWITCHES: dict[Path, str] = {
    ("典型案例",): "作为成功经验案例（典型案例）报送时打开开关；默认关闭。",
    ("重复信访",): "同一事项再次信访时打开开关；初访时关闭。",
}


def described(path: Path, description: str) -> str:
    """The schema's description as the form shows it."""
    if path in SWITCHES:
        return SWITCHES[path]
    for words in FILE_ONLY:
        description = description.replace(words, "")
    return description


def _unchecked(what: str) -> str:
    return f"表单不检查{what}，{CHECKED_LATER}"


def extra_hints(campaign: Campaign) -> dict[Path, str]:
    """What a field's rules need beyond its own value, and the campaign's lists."""
    start, end = campaign.start.isoformat(), campaign.end.isoformat() if campaign.end else ""
    period = f"活动期间为 {start} 至 {end}。" if end else f"台账自 {start} 起。"
    within = "是否在活动期间内" if end else "是否早于台账开始日期"
    both = "没有分包民警时姓名和职务都留空；填写时两项都要填。"
    hints = {
        ("排查日期",): period + _unchecked(f"{within}、是否晚于今天"),
        ("工作措施", "日期"): _unchecked("是否早于排查日期、是否晚于今天"),
        ("是否已化解",): _unchecked("是否与化解日期一致"),
        ("化解日期",): period + _unchecked("是否与“是否已化解”一致、是否早于排查日期"),
        ("化解方式",): _unchecked("是否与“是否已化解”一致"),
        ("分包民警", "姓名"): both,
        ("分包民警", "职务"): both,
    }
    for path, words in _profile_hints(campaign.profile).items():
        hints[path] = words + hints.get(path, "")
    if campaign.leaders is not None:
        pairs = "、".join(f"{p.name}（{p.title}）" for p in campaign.leaders)
        hints[("包案领导", "姓名")] = f"从名单中选择：{pairs}。名单里没有的领导，请联系管理员添加。"
        hints[("包案领导", "职务")] = (
            "请选与所选领导对应的职务（见上方名单）；与名单不符时不能保存。"
        )
    if campaign.departments is not None:
        hints[("责任部门", "名称")] = "从名单中选择；名单里没有的部门，请联系管理员添加。"
    return hints


def _profile_hints(profile: Profile) -> dict[Path, str]:
    """The profile's words where a hint needs them, and the optional fields' rules."""
    hints: dict[Path, str] = {}
    if profile.statuses != PRESET.statuses:  # the 2019 plan's descriptions say 是 and 否
        when = f"“是否已化解”为{'、'.join(profile.resolved_states)}时填写；"
        hints[("化解日期",)] = when
        hints[("化解方式",)] = when
    later = _unchecked("是否晚于今天")
    if profile.has("交办"):
        hints[("交办", "单位")] = "填写交办时必须填交办单位。"
        hints[("交办", "日期")] = later
    if profile.has("稳控"):
        for part in ("姓名", "职务"):
            hints[("稳控", "责任人", part)] = "填写稳控时，稳控责任人的姓名和职务都要填。"
    if profile.has("回访"):
        hints[("回访", "日期")] = "填写回访时必须填回访日期；" + later
    return hints
