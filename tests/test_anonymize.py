"""``anonymize``: no petitioner name or address left in cases/, cases still valid, idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from generator.ledger.casefile import dump_case
from generator.ledger.validate import load_ledger
from tests.conftest import TODAY, Result
from tests.diffrepo import case

Cli = Callable[..., Result]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_sample_leaves_no_name_or_address_and_stays_valid(sample_repo: Path, cli: Cli) -> None:
    today = dt.date.fromisoformat(TODAY)
    before = load_ledger(sample_repo, today)
    assert before.problems == [] and len(before.cases) >= 100
    people = {(c.petitioner_name, c.petitioner_address) for c in before.cases}

    def leaks() -> list[str]:
        text = "\n".join(
            p.read_text(encoding="utf-8") for p in (sample_repo / "cases").rglob("*.yaml")
        )
        return sorted(
            value
            for name, address in people
            for value in {name, name.split("等")[0], address}
            if len(value) >= 2 and value in text
        )

    assert len(leaks()) > len(before.cases)  # every address, most names

    result = cli("anonymize", "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[-1] == f"已脱敏 {len(before.cases)} 个案件文件（共 {len(before.cases)} 个）"
    assert len(lines) == len(before.cases) + 1

    after = load_ledger(sample_repo, today)
    assert after.problems == []
    assert [c.id for c in after.cases] == [c.id for c in before.cases]
    assert leaks() == []
    masked = {c.id: (c.petitioner_name, c.petitioner_address) for c in after.cases}
    for old in before.cases:
        name, address = masked[old.id]
        assert address == "（住址已隐去）"
        assert name[0] == old.petitioner_name[0] and len(name) == len(old.petitioner_name)
    # Officials are not personal data to retire: they stay in full.
    assert [c.leader for c in after.cases] == [c.leader for c in before.cases]

    files = snapshot(sample_repo / "cases")
    again = cli("anonymize", "--today", TODAY)
    assert (again.code, again.out) == (
        0,
        f"没有需要脱敏的内容（共 {len(before.cases)} 个案件文件）\n",
    )
    assert snapshot(sample_repo / "cases") == files


def test_exact_output_and_files(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    (repo / "cases/xicun").mkdir()
    first = case(
        "2019-07-03",
        "王建国",
        "东村一组3号",
        demand="与邻居李四海（住西村三组5号）因宅基地边界起纠纷",
        measures=(("2019-07-05", "入户走访王建国、李四海"),),
    )
    second = case("2019-07-04", "李四海等3人", "西村三组5号", demand="要求王建国拆除违建")
    third = case("2019-07-05", "于", "西村四组1号")
    (repo / "cases/dongcun/dongcun-001.yaml").write_text(dump_case(first), encoding="utf-8")
    (repo / "cases/xicun/xicun-001.yaml").write_text(dump_case(second), encoding="utf-8")
    (repo / "cases/xicun/xicun-002.yaml").write_text(dump_case(third), encoding="utf-8")

    dry = cli("anonymize", "--dry-run", "--today", TODAY)
    assert (dry.code, dry.out.splitlines()[-1]) == (
        0,
        "试运行：将脱敏 3 个案件文件（共 3 个），未写入任何文件",
    )
    assert (repo / "cases/xicun/xicun-002.yaml").read_text(encoding="utf-8") == dump_case(third)

    result = cli("anonymize", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        0,
        "cases/dongcun/dongcun-001.yaml：信访人姓名、信访人住址、主要诉求、工作措施（4 项）\n"
        "cases/xicun/xicun-001.yaml：信访人姓名、信访人住址、主要诉求（3 项）\n"
        "cases/xicun/xicun-002.yaml：信访人姓名、信访人住址（2 项）\n"
        "已脱敏 3 个案件文件（共 3 个）\n",
        "",
    )
    text = (repo / "cases/dongcun/dongcun-001.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:8] == [
        "排查日期: 2019-07-03",
        "信访人:",
        "  姓名: 王**",
        "  住址: （住址已隐去）",
        "涉及人数: 1",
        "问题属地: 一组",
        "问题类型: 邻里纠纷",
        "主要诉求: 与邻居李**（住住址已隐去）因宅基地边界起纠纷",  # no second pair of brackets
    ]
    assert "    内容: 入户走访王**、李**\n" in text
    text = (repo / "cases/xicun/xicun-001.yaml").read_text(encoding="utf-8")
    assert "  姓名: 李**等3人\n" in text and "主要诉求: 要求王**拆除违建\n" in text
    assert '  姓名: "*"\n' in (repo / "cases/xicun/xicun-002.yaml").read_text(encoding="utf-8")
    assert cli("validate", "--today", TODAY).code == 0


def test_invalid_data_is_refused_and_nothing_written(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    bad = dump_case(case("2019-07-03", "王建国", "东村一组3号", risk="极高"))
    good = dump_case(case("2019-07-04", "钱多多", "东村二组4号"))
    (repo / "cases/dongcun/dongcun-001.yaml").write_text(bad, encoding="utf-8")
    (repo / "cases/dongcun/dongcun-002.yaml").write_text(good, encoding="utf-8")
    before = snapshot(repo)
    result = cli("anonymize", "--today", TODAY)
    assert result.code == 1
    assert result.err == "错误：数据有误，请先修正上面列出的问题（python -m generator validate）\n"
    assert result.out.splitlines()[0].startswith("cases/dongcun/dongcun-001.yaml:9:7: ")
    assert snapshot(repo) == before


def test_a_mask_that_would_break_a_length_limit_writes_nothing(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    long_place = case("2019-07-03", "王建国", "5号", demand="要求调解")
    long_place["问题属地"] = "5号" * 100  # 200 characters, the limit; each 5号 grows to 7
    (repo / "cases/dongcun/dongcun-001.yaml").write_text(dump_case(long_place), encoding="utf-8")
    other = dump_case(case("2019-07-04", "钱多多", "东村二组4号"))
    (repo / "cases/dongcun/dongcun-002.yaml").write_text(other, encoding="utf-8")
    before = snapshot(repo)
    result = cli("anonymize", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        "cases/dongcun/dongcun-001.yaml：脱敏后“问题属地”过长\n",
        "错误：有案件脱敏后不再符合格式，没有改动任何文件；请先缩短上面列出的字段\n",
    )
    assert snapshot(repo) == before
