"""A small git repository with a known history, for the ``diff`` tests.

History: two cases and a submitted 汇总表 for 2019-07-1, then four more cases (tag ``base``),
then a pull request's commits: two cases added, one resolved, one 问题类型 changed (with a
corrected address), one 风险等级 raised (with a new work measure naming the petitioner), one
case moved to another unit, one 排查日期 back-dated into the submitted period.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
from pathlib import Path
from typing import Any

from generator.cli.main import main
from generator.ledger.casefile import dump_case
from tests.casemaker import SAMPLE_PHASES, campaign_yaml

CAMPAIGN = campaign_yaml(
    "测试街道信访矛盾大排查大化解活动",
    "测试街道办事处",
    SAMPLE_PHASES,
    ["代码: dongcun, 名称: 东村, 类型: 村, 审核人: ['@dongcun-reviewers']",
     "代码: xicun, 名称: 西村, 类型: 村, 审核人: ['@xicun-reviewers', '@xinfangban']"],
)  # fmt: skip


def case(
    screened: str,
    name: str,
    address: str,
    category: str = "邻里纠纷",
    risk: str = "低",
    demand: str = "要求调解宅基地边界纠纷",
    resolved: str | None = None,
    resolution: str = "调解",
    measures: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "排查日期": dt.date.fromisoformat(screened),
        "信访人": {"姓名": name, "住址": address},
        "涉及人数": 1,
        "问题属地": "一组",
        "问题类型": category,
        "主要诉求": demand,
        "风险等级": risk,
        "包案领导": {"姓名": "陈卫东", "职务": "办事处副主任"},
        "责任部门": {"名称": "综治办", "责任人": "赵敏", "职务": "主任"},
    }
    if measures:
        data["工作措施"] = [{"日期": dt.date.fromisoformat(d), "内容": t} for d, t in measures]
    data["是否已化解"] = "是" if resolved else "否"
    if resolved:
        data["化解日期"] = dt.date.fromisoformat(resolved)
        data["化解方式"] = resolution
    return data


class GitRepo:
    """A repository whose commits carry fixed names and dates, so every run is the same."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "测试",
            "GIT_AUTHOR_EMAIL": "test@taizhang.invalid",
            "GIT_COMMITTER_NAME": "测试",
            "GIT_COMMITTER_EMAIL": "test@taizhang.invalid",
            "GIT_AUTHOR_DATE": "2019-09-30T12:00:00+08:00",
            "GIT_COMMITTER_DATE": "2019-09-30T12:00:00+08:00",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=self.root, env=self.env, capture_output=True, text=True, check=True
        )
        return proc.stdout

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def put(self, case_id: str, data: dict[str, Any]) -> None:
        self.write_case(case_id, dump_case(data))

    def write_case(self, case_id: str, text: str) -> None:
        """cases/<unit>/<id>.yaml holding text as it is."""
        self.write(f"cases/{case_id.split('-')[0]}/{case_id}.yaml", text)

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def commit(self, message: str) -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--no-gpg-sign", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def submit(self, period: str, on: str) -> None:
        """reports/<period>.json, written by the ``submit`` command itself."""
        with contextlib.chdir(self.root), contextlib.redirect_stdout(io.StringIO()):
            assert main(["submit", "--period", period, "--today", on]) == 0


def build(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.write("campaign.yaml", CAMPAIGN)
    repo.put("dongcun-002", case("2019-07-05", "王建国", "东村一组3号"))
    repo.put("xicun-001", case("2019-07-08", "刘秀英", "西村二组8号", resolved="2019-07-12"))
    repo.commit("两件案件")
    repo.submit("2019-07-1", "2019-07-16")
    repo.commit("报送 2019年7月上半月汇总表")
    repo.put("dongcun-001", case("2019-07-16", "张三丰", "东村四组1号"))
    repo.put("dongcun-003", case("2019-07-20", "赵六", "东村五组2号", category="劳动社保"))
    repo.put("dongcun-004", case("2019-07-17", "孙七", "东村六组9号"))
    repo.put("xicun-002", case("2019-07-18", "李四海", "西村三组5号", risk="中"))
    repo.commit("又排查四件")
    repo.git("tag", "base")

    repo.put("dongcun-005", case("2019-08-02", "周八斤", "东村七组7号", risk="高"))
    repo.put(
        "xicun-004",
        case("2019-08-05", "吴九", "西村一组1号", category="劳动社保", resolved="2019-08-20"),
    )
    repo.commit("新增两件")
    talk = ("2019-08-10", "召开协调会，王建国同意调解方案")
    agreed = case("2019-07-05", "王建国", "东村一组3号", resolved="2019-08-10", measures=(talk,))
    repo.put("dongcun-002", agreed)
    repo.commit("dongcun-002 已化解")
    repo.put("dongcun-001", case("2019-07-16", "张三丰", "东村四组11号", category="土地征用"))
    repo.commit("更正问题类型和住址")
    talk = ("2019-08-01", "约谈李四海，说明政策")
    repo.put("xicun-002", case("2019-07-18", "李四海", "西村三组5号", risk="高", measures=(talk,)))
    repo.commit("风险升级")
    moved = (root / "cases/dongcun/dongcun-003.yaml").read_text(encoding="utf-8")
    repo.remove("cases/dongcun/dongcun-003.yaml")
    repo.write("cases/xicun/xicun-003.yaml", moved)
    repo.commit("dongcun-003 移交西村")
    repo.put("dongcun-004", case("2019-07-09", "孙七", "东村六组9号"))
    repo.commit("补正排查日期")
    return repo
