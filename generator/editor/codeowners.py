"""The root ``CODEOWNERS``, generated from campaign.yaml's 审核人 of each unit.

GitHub and GitLab read gitignore-style paths (the last matching line wins); Gitea and Forgejo
read a Go regular expression matched against the whole path. No one line means the same to
both, so the file carries both forms: each kind of host's lines match nothing for the other
(``/cases/x/`` is no path to Gitea; ``cases/x/.*`` names only hidden files to GitHub).
"""

from __future__ import annotations

from generator.ledger.model import Campaign

FILE = "CODEOWNERS"

HEADER = """\
# 由 python -m generator codeowners 根据 campaign.yaml 中各单位的“审核人”生成，请勿手工修改。
# 改了审核人后重新运行该命令，把 CODEOWNERS 和 campaign.yaml 一起提交；
# 测试和 python -m generator codeowners --check 会发现两者不一致。
#
# 每个单位的案件文件夹由该单位的审核人审核；把案件移交到另一个单位的改动两边的审核人都要看到。
# campaign.yaml、schema/、generator/ 不在此列：请在托管平台的分支保护里要求信访办审核。
"""


def codeowners_text(campaign: Campaign) -> str:
    """The whole CODEOWNERS text for a campaign, units in campaign.yaml order."""
    github = ["", "# GitHub、GitLab：路径规则"]
    gitea = ["", "# Gitea、Forgejo：正则表达式，匹配整条路径"]
    for unit in campaign.units:
        if unit.reviewers:
            owners = " ".join(unit.reviewers)
            github.append(f"/cases/{unit.code}/ {owners}")
            gitea.append(f"cases/{unit.code}/.* {owners}")
        else:
            github.append(f"# /cases/{unit.code}/（{unit.name}）：campaign.yaml 中没有填写审核人")
    return HEADER + "\n".join(github + gitea) + "\n"
