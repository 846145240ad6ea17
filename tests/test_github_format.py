"""``validate --format github``: GitHub's workflow-command syntax, escaped exactly.

The rules are those of actions/toolkit ``command.ts``: in the message ``%`` → ``%25``,
CR → ``%0D``, LF → ``%0A``; in the ``file``, ``line``, ``col`` and ``title`` properties also
``:`` → ``%3A`` and ``,`` → ``%2C``. Before that, control characters from a case are written
out (``\r``, ``\n``, ``\x1b``), since the runner prints the message to the log. The plain
``path:line:col:`` lines that Gitea and Forgejo show follow, each kept to one line so that no
value can start a workflow command of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.ledger.casefile import dump_case
from generator.ledger.problems import Problem, format_github
from tests.conftest import TODAY, Result
from tests.diffrepo import case

Cli = Callable[..., Result]


def test_message_and_property_escaping() -> None:
    problems = [
        Problem("cases/东村,一组:二组/100%.yaml", 3, 7, "enum", "化解率 100%，\r\n第二行：好"),
        Problem("campaign.yaml", 1, 1, "a,b:c", "缺少必填项“名称”"),
    ]
    assert format_github(problems, 2) == (
        "::error file=cases/东村%2C一组%3A二组/100%25.yaml,line=3,col=7,title=台账校验：enum"
        "::化解率 100%25，\\r\\n第二行：好\n"
        "::error file=campaign.yaml,line=1,col=1,title=台账校验：a%2Cb%3Ac::缺少必填项“名称”\n"
        "cases/东村,一组:二组/100%.yaml:3:7: 化解率 100%，\\r\\n第二行：好\n"
        "campaign.yaml:1:1: 缺少必填项“名称”\n"
        "检查了 2 个文件，发现 2 个问题\n"
    )


def test_no_problems_prints_only_the_summary_line() -> None:
    assert format_github([], 5) == "检查了 5 个文件，发现 0 个问题\n"


def test_real_files_with_colons_commas_and_a_line_break(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    (repo / "cases/dongcun/a:b,c%.yaml").write_text("x", encoding="utf-8")
    (repo / "cases/东村,1:2").mkdir()
    data = case("2019-07-03", "王建国", "东村一组3号", risk="100%\r\n::warning::高")
    (repo / "cases/dongcun/dongcun-001.yaml").write_text(dump_case(data), encoding="utf-8")
    result = cli("validate", "--format", "github", "--today", TODAY)
    assert result.code == 1
    assert result.err == ""
    assert result.out.splitlines() == [
        "::error file=cases/dongcun/a%3Ab%2Cc%25.yaml,line=1,col=1,title=台账校验：file-name"
        "::文件名“a:b,c%25”不是有效的编号，应为“单位代码-序号”，如 dongcun-007",
        "::error file=cases/dongcun/dongcun-001.yaml,line=9,col=7,title=台账校验：enum"
        "::“风险等级”的值“100%25\\r\\n::warning::高”不在可选范围内，应为：高、中、低",
        "::error file=cases/东村%2C1%3A2,line=1,col=1,title=台账校验：unknown-unit"
        "::文件夹“东村,1:2”不是 campaign.yaml 中的单位代码",
        "cases/dongcun/a:b,c%.yaml:1:1: "
        "文件名“a:b,c%”不是有效的编号，应为“单位代码-序号”，如 dongcun-007",
        "cases/dongcun/dongcun-001.yaml:9:7: “风险等级”的值“100%\\r\\n::warning::高”"
        "不在可选范围内，应为：高、中、低",
        "cases/东村,1:2:1:1: 文件夹“东村,1:2”不是 campaign.yaml 中的单位代码",
        "检查了 4 个文件，发现 3 个问题",
    ]
    # Every line is either a workflow command this program wrote or a plain line.
    commands = [line for line in result.out.splitlines() if line.startswith("::")]
    assert [line.split(" ", 1)[0] for line in commands] == ["::error"] * 3
