"""Git history of case files, in real repositories: which fields each commit changed (never a
subject, never a value), renames and ``move`` followed, and every petitioner ever named."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.core import privacy
from generator.git import log as history_git
from generator.git.fields import OTHER, changed_fields
from generator.git.history import EMPTY, SHALLOW, Change, read_history
from generator.git.log import HistoryError, parse_log
from generator.ledger.casefile import dump_case
from generator.site.build import Options, build
from tests.casemaker import case_data, put
from tests.conftest import TODAY, Result

Cli = Callable[..., Result]
DAY = dt.date.fromisoformat(TODAY)
FORGED = "2019-07-01 09:00 | 信访办主任 | 经领导审核同意的修改"


def git(root: Path, *args: str, date: str = "2019-07-05T09:30:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def commit(root: Path, author: str, subject: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", f"user.name={author}", "-c", "user.email=x@example.invalid",
        "commit", "-q", "-m", subject, "-m", "正文不显示", date=date)  # fmt: skip


def write(root: Path, rel: str, data: dict[str, Any]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_case(data), encoding="utf-8")


def person(name: str, address: str) -> dict[str, str]:
    return {"姓名": name, "住址": address}


@pytest.fixture
def ledger(repo: Path) -> Path:
    """The sample campaign in a git repository, one case committed, corrected and extended."""
    git(repo, "init", "-q", "-b", "main")
    put(repo, "dongcun-001", case_data("2019-07-05"))
    commit(repo, "张三", "新增王建国反映的拆迁问题", "2019-07-05T09:30:00+08:00")
    put(repo, "dongcun-001", case_data("2019-07-05", 信访人=person("王建军", "东村三组12号")))
    commit(repo, "李四", "更正姓名：王建国改为王建军", "2019-07-06T10:00:00+08:00")
    measures = [
        {"日期": dt.date(2019, 7, 5), "内容": "入户走访，核实补偿标准"},
        {"日期": dt.date(2019, 7, 9), "内容": "召开协调会"},
    ]
    put(
        repo,
        "dongcun-001",
        case_data(
            "2019-07-05",
            信访人=person("王建军", "东村三组12号"),
            主要诉求="要求补足补偿款",
            工作措施=measures,
        ),
    )
    commit(repo, "李四", "补充工作措施", "2019-07-09T16:20:00+08:00")
    path = repo / "cases" / "dongcun" / "dongcun-001.yaml"
    text = path.read_text(encoding="utf-8").replace("风险等级: 高", '风险等级: "高"')
    path.write_text("# 东村\n" + text, encoding="utf-8")
    commit(repo, "张三", "整理格式", "2019-07-10T08:00:00+08:00")
    return repo


ROWS = (
    Change("2019-07-10 08:00", "张三", "格式调整"),
    Change("2019-07-09 16:20", "李四", "主要诉求、工作措施"),
    Change("2019-07-06 10:00", "李四", "信访人.姓名"),
    Change("2019-07-05 09:30", "张三", "新建"),
)


def test_rows_name_the_changed_fields_newest_first(ledger: Path) -> None:
    history = read_history(ledger)
    assert history.files == {"cases/dongcun/dongcun-001.yaml": ROWS}
    assert history.people == {("王建国", "东村三组12号"), ("王建军", "东村三组12号")}
    assert history.shallow is False


def test_a_cleared_field_written_as_empty_text_is_only_formatting(ledger: Path) -> None:
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '备注: ""\n', encoding="utf-8")
    commit(ledger, "王五", "备注清空", "2019-07-11T08:00:00+08:00")
    rows = read_history(ledger).files["cases/dongcun/dongcun-001.yaml"]
    assert rows[0] == Change("2019-07-11 08:00", "王五", "格式调整")


def test_nested_fields_are_dotted_and_unknown_keys_are_not_named(ledger: Path) -> None:
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    text = path.read_text(encoding="utf-8").replace("职务: 办事处主任", "职务: 办事处副主任")
    path.write_text(text + "王建军的电话: 无\n", encoding="utf-8")
    commit(ledger, "王五", "改职务", "2019-07-11T08:00:00+08:00")
    rows = read_history(ledger).files["cases/dongcun/dongcun-001.yaml"]
    assert rows[0] == Change("2019-07-11 08:00", "王五", "包案领导.职务、其他字段")


def test_a_broken_version_is_a_row_and_still_names_its_petitioner(ledger: Path) -> None:
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    good = path.read_text(encoding="utf-8")
    broken = good.replace("姓名: 王建军", "姓名: 王建民").replace("涉及人数: 1", "涉及人数: [1")
    path.write_text(broken, encoding="utf-8")
    commit(ledger, "王五", "误改", "2019-07-11T08:00:00+08:00")
    path.write_text(good, encoding="utf-8")
    commit(ledger, "王五", "改回", "2019-07-11T09:00:00+08:00")
    history = read_history(ledger)
    assert history.files["cases/dongcun/dongcun-001.yaml"][:2] == (
        Change("2019-07-11 09:00", "王五", "修正文件格式"),
        Change("2019-07-11 08:00", "王五", "文件无法读取（格式有误）"),
    )
    assert ("王建民", "东村三组12号") in history.people


def test_move_keeps_the_history_under_the_new_id(ledger: Path, cli: Cli) -> None:
    result = cli("move", "dongcun-001", "--to", "xicun", "--today", TODAY)
    assert result.code == 0, result.err
    new_path = next((ledger / "cases" / "xicun").glob("*.yaml")).relative_to(ledger).as_posix()
    commit(ledger, "王五", "移到西村", "2019-07-12T08:00:00+08:00")
    history = read_history(ledger)
    assert history.files == {new_path: (Change("2019-07-12 08:00", "王五", "移动"), *ROWS)}


def test_a_move_git_does_not_see_as_a_rename_is_still_followed(repo: Path) -> None:
    # A one-line flow mapping rewritten in block style shares no line with it: git reports a
    # deletion and an addition; the same data (编号 and 单位 aside) makes them one case.
    git(repo, "init", "-q", "-b", "main")
    data = case_data("2019-07-05")
    flow = "{" + ", ".join(f"{k}: {v}" for k, v in _flow(data).items()) + "}\n"
    (repo / "cases" / "dongcun").mkdir()
    (repo / "cases" / "dongcun" / "dongcun-002.yaml").write_text(flow, encoding="utf-8")
    commit(repo, "张三", "新增", "2019-07-05T09:30:00+08:00")
    (repo / "cases" / "dongcun" / "dongcun-002.yaml").unlink()
    write(repo, "cases/xicun/xicun-20190712-080000.yaml", data)
    commit(repo, "王五", "移到西村", "2019-07-12T08:00:00+08:00")
    assert "R" not in git(repo, "log", "-1", "-M", "--name-status", "--format=")
    assert read_history(repo).files == {
        "cases/xicun/xicun-20190712-080000.yaml": (
            Change("2019-07-12 08:00", "王五", "移动"),
            Change("2019-07-05 09:30", "张三", "新建"),
        )
    }


def _flow(data: dict[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out[key] = "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
        elif isinstance(value, list):
            items = ("{" + ", ".join(f"{k}: {v}" for k, v in m.items()) + "}" for m in value)
            out[key] = "[" + ", ".join(items) + "]"
        else:
            out[key] = str(value)
    return out


def test_people_come_from_every_version_of_every_file(ledger: Path) -> None:
    put(ledger, "xicun-001", case_data("2019-07-06", 信访人=person("张伟、刘芳", "西村一组3号")))
    put(ledger, "xicun-002", case_data("2019-07-06", 信访人=person("赵六", "西村二组")))
    commit(ledger, "张三", "新增", "2019-07-11T08:00:00+08:00")
    (ledger / "cases" / "xicun" / "xicun-002.yaml").unlink()
    commit(ledger, "张三", "删除重复案件", "2019-07-12T08:00:00+08:00")
    assert read_history(ledger, every_version=True).people == {
        ("王建国", "东村三组12号"),
        ("王建军", "东村三组12号"),
        ("张伟、刘芳", "西村一组3号"),
        ("赵六", "西村二组"),
    }
    # For the build, a version the working tree holds unchanged is the ledger's own and is not
    # read again (dongcun-001's last version is, but a row compares it, so it is read anyway).
    earlier = {("王建国", "东村三组12号"), ("王建军", "东村三组12号"), ("赵六", "西村二组")}
    assert read_history(ledger).people == earlier
    # Changed in the working tree, the committed version is an earlier one.
    put(ledger, "xicun-001", case_data("2019-07-06", 信访人=person("张伟、刘方", "西村一组3号")))
    assert read_history(ledger).people == earlier | {("张伟、刘芳", "西村一组3号")}


def test_a_merge_shows_only_what_it_resolved(ledger: Path) -> None:
    base = case_data("2019-07-05", 信访人=person("王建军", "东村三组12号"))
    git(ledger, "checkout", "-q", "-b", "branch")
    put(ledger, "dongcun-001", base | {"风险等级": "中"})
    commit(ledger, "分支", "风险等级", "2019-07-11T08:00:00+08:00")
    git(ledger, "checkout", "-q", "main")
    put(ledger, "dongcun-001", base | {"风险等级": "低", "备注": "主线"})
    commit(ledger, "主线", "风险等级和备注", "2019-07-11T09:00:00+08:00")
    with pytest.raises(subprocess.CalledProcessError):  # both changed 风险等级: a conflict
        git(ledger, "-c", "user.name=合并人", "-c", "user.email=m@example.invalid",
            "merge", "-q", "branch")  # fmt: skip
    put(ledger, "dongcun-001", base | {"风险等级": "高", "备注": "主线"})
    git(ledger, "add", "-A")
    git(ledger, "-c", "user.name=合并人", "-c", "user.email=m@example.invalid",
        "commit", "-q", "--no-edit", date="2019-07-11T10:00:00+08:00")  # fmt: skip
    rows = read_history(ledger).files["cases/dongcun/dongcun-001.yaml"]
    assert {r.author: r.what for r in rows[:3]} == {
        "合并人": "风险等级",  # set to a value neither side had; 备注 came from 主线
        "主线": "主要诉求、风险等级、工作措施、备注",
        "分支": "主要诉求、风险等级、工作措施",
    }
    assert rows[0].author == "合并人" and rows[3:] == ROWS


def test_paths_are_relative_to_a_repository_subfolder(ledger: Path) -> None:
    sub = ledger / "ledger"
    write(sub, "cases/xicun/xicun-001.yaml", case_data("2019-07-06"))
    commit(ledger, "赵六", "西村案件", "2019-08-02T10:00:00+08:00")
    history = read_history(sub, every_version=True)
    assert history.files == {
        "cases/xicun/xicun-001.yaml": (Change("2019-08-02 10:00", "赵六", "新建"),)
    }
    assert history.people == {("王建国", "东村三组12号")}
    assert read_history(sub).people == frozenset()  # the working tree holds that version


def test_no_history_outside_git_or_before_the_first_commit(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    assert read_history(tmp_path) == EMPTY
    git(tmp_path, "init", "-q")
    assert read_history(tmp_path) == EMPTY


def test_git_is_called_four_times_whatever_the_history(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    real = subprocess.Popen

    def popen(command: list[str], **kwargs: Any) -> Any:  # subprocess.run goes through Popen
        calls.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    assert len(read_history(ledger).files) == 1
    assert [c[1] for c in calls] == ["rev-parse", "log", "ls-tree", "cat-file"]
    log = calls[1]
    assert "-z" in log and "--format=%H %P" in log and "-p" not in log and "HEAD" in log


def test_the_log_stream_is_checked_token_by_token() -> None:
    a, b = "a" * 40, "b" * 40
    stream = f"{a} \0\n:000000 100644 {'0' * 40} {b} A\0cases/x/x-1.yaml\0".encode()
    (only,) = parse_log(stream)
    assert (only.oid, only.parents, only.blocks[0][0].path) == (a, (), "cases/x/x-1.yaml")
    for bad in (stream + b"\x1eforged\0", stream.replace(b" A\0", b" A\0\0"), b"subject\0"):
        with pytest.raises(HistoryError):
            parse_log(bad)


def test_a_forged_author_in_a_raw_commit_object_is_only_an_escaped_name(ledger: Path) -> None:
    tree = git(ledger, "rev-parse", "HEAD^{tree}").strip()
    parent = git(ledger, "rev-parse", "HEAD").strip()
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    blob_text = path.read_text(encoding="utf-8").replace('风险等级: "高"', "风险等级: 中")
    path.write_text(blob_text, encoding="utf-8")
    git(ledger, "add", "-A")
    tree = git(ledger, "write-tree").strip()
    raw = (
        f"tree {tree}\nparent {parent}\n"
        f"author <script>x</script>\x1f{FORGED} <a@b> 1562900000 +0800\n"
        f"committer c <c@d> 1562900000 +0800\n\n{FORGED}\n"
    )
    done = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
        cwd=ledger, input=raw.encode(), capture_output=True, check=True,
    )  # fmt: skip
    git(ledger, "reset", "-q", "--soft", done.stdout.decode().strip())
    rows = read_history(ledger).files["cases/dongcun/dongcun-001.yaml"]
    assert rows[0] == Change("2019-07-12 10:53", f"<script>x</script>\x1f{FORGED}", "风险等级")
    assert rows[1:] == ROWS


# The site: what a case page shows, in real builds.


def page_rows(html: str) -> list[str]:
    table = html.split('<table class="tz-table tz-history">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>.*?</td></tr>", table)


def built(
    root: Path, outs: pytest.TempPathFactory, mode: str = privacy.MASKED, case: str = "dongcun-001"
) -> str:
    out = outs.mktemp("site") / "site"
    build(Options(root=root, out=out, today=DAY, privacy=mode), today_given=DAY)
    return (out / "cases" / "dongcun" / f"{case}.html").read_text(encoding="utf-8")


def test_page_shows_fields_not_subjects_nor_earlier_names(
    ledger: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = built(ledger, tmp_path_factory)
    assert page_rows(page) == [
        "<tr><td>2019-07-10 08:00</td><td>张三</td><td>格式调整</td></tr>",
        "<tr><td>2019-07-09 16:20</td><td>李四</td><td>主要诉求、工作措施</td></tr>",
        "<tr><td>2019-07-06 10:00</td><td>李四</td><td>信访人.姓名</td></tr>",
        "<tr><td>2019-07-05 09:30</td><td>张三</td><td>新建</td></tr>",
    ]
    for secret in ("王建国", "王建军", "更正姓名", "新增王", "正文不显示"):
        assert secret not in page
    full = built(ledger, tmp_path_factory, privacy.FULL)
    assert "王建国" not in full and "更正姓名" not in full
    assert "<tr><th>信访人姓名</th><td>王建军</td></tr>" in full


def test_a_name_corrected_long_ago_is_masked_in_another_cases_text(
    ledger: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # 王建国 is in no current case (corrected to 王建军), only in the history.
    neighbour = case_data(
        "2019-07-08", 信访人=person("李秀英", "东村四组5号"), 主要诉求="与王建国发生宅基地纠纷"
    )
    put(ledger, "dongcun-002", neighbour)
    commit(ledger, "张三", "新增", "2019-07-11T08:00:00+08:00")
    page = built(ledger, tmp_path_factory, case="dongcun-002")
    assert "<td>与王**发生宅基地纠纷</td>" in page and "王建国" not in page


def test_a_forged_subject_neither_adds_nor_hides_a_row(
    ledger: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('风险等级: "高"', "风险等级: 中"))
    # The old reader split git's output at \x1e and \x1f: a subject carrying them made a row.
    forged_record = "\x1e2019-07-01T09:00:00+08:00\x1f信访办主任\x1f经领导审核同意的修改"
    subject = f"改风险{forged_record}\n\n{FORGED}"
    commit(ledger, "王五", subject, "2019-07-12T08:00:00+08:00")
    path.write_text(path.read_text(encoding="utf-8").replace("风险等级: 中", "风险等级: 低"))
    commit(ledger, "赵六", "\x1e\x1f\x1e", "2019-07-13T08:00:00+08:00")
    page = built(ledger, tmp_path_factory)
    rows = page_rows(page)
    assert rows[:2] == [
        "<tr><td>2019-07-13 08:00</td><td>赵六</td><td>风险等级</td></tr>",
        "<tr><td>2019-07-12 08:00</td><td>王五</td><td>风险等级</td></tr>",
    ]
    assert len(rows) == 6
    assert "信访办主任" not in page and "经领导审核" not in page


def test_an_author_named_like_a_petitioner_is_masked(
    ledger: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = ledger / "cases" / "dongcun" / "dongcun-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('风险等级: "高"', "风险等级: 中"))
    commit(ledger, "王建军 & 办事员", "改", "2019-07-12T08:00:00+08:00")
    rows = page_rows(built(ledger, tmp_path_factory))
    expected = "<tr><td>2019-07-12 08:00</td><td>王** &amp; 办事员</td><td>风险等级</td></tr>"
    assert rows[0] == expected


def test_a_masked_build_refuses_a_shallow_clone(
    ledger: Path,
    tmp_path_factory: pytest.TempPathFactory,
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(ledger.parent, "clone", "-q", "--depth", "1", ledger.as_uri(), str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    monkeypatch.chdir(clone)
    result = cli("build", "--today", TODAY, "--out", str(clone.parent / "site"))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"错误：{SHALLOW}\n"
    assert not (clone.parent / "site").exists()
    assert SHALLOW.startswith("这是一个浅克隆") and "git fetch --unshallow" in SHALLOW
    assert "fetch-depth: 0" in SHALLOW
    full = cli("build", "--today", TODAY, "--privacy", "full", "--out", str(clone.parent / "f"))
    assert full.code == 0, full.err
    git(clone, "fetch", "-q", "--unshallow")
    result = cli("build", "--today", TODAY, "--out", str(clone.parent / "site"))
    assert result.code == 0, result.err


def test_author_and_date_come_from_the_commit_header_only() -> None:
    header = b"tree 1\nauthor A B <a@b> 1562900000 -0130\ncommitter C <c@d> 1 +0000\n\n"
    assert history_git.author(header + b"author X <x@y> 1 +0000\n") == ("2019-07-12 01:23", "A B")
    assert history_git.author(b"tree 1\n\nauthor X <x@y> 1 +0000\n") == ("", "（未知）")
    assert history_git.author(b"tree 1\nauthor A <a@b> 99999999999999999999 +9999\n\n") == ("", "A")


def test_optional_fields_are_named_whatever_the_profile_switches_on() -> None:
    # The catalogue's names are the product's own, not free text: a history row names them
    # even after the profile switched the field off again.
    old = {"化解时限": "2019-07-31", "稳控.措施": "每周走访"}
    new = {"化解时限": "2019-08-31", "交办.单位": "区信访局", "稳控.措施": "每周走访", "自定义": 1}
    assert changed_fields(old, new) == ("化解时限", "交办.单位", OTHER)
