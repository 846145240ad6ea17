"""Loading stays bounded and reads text the YAML 1.2 way, as the web editor does.

Repros of the issue: a 600 KB case with 200,000 empty work measures took 23.7 s and 1.69 GB in
``validate``; ``风险等级: 低<NEL>典型案例: true`` validated with 0 problems while the editor
refused the file (libyaml reads NEL, U+2028 and U+2029 as line breaks, YAML 1.2 does not).
"""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ledger.validate import load_ledger
from generator.ledger.yamlbounds import MAX_NODES, Limits
from generator.ledger.yamlload import LoadError, Pos, load_text
from tests.conftest import Result
from tests.test_validate_data import DATA, TODAY

Cli = Callable[..., Result]
MINIMAL = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
MEASURES_AT = MINIMAL.count("\n") + 1  # the line of 工作措施 when appended to minimal.yaml
TODAY_DATE = dt.date.fromisoformat(TODAY)


def _write(repo: Path, text: str, case_id: str = "dongcun-001") -> None:
    (repo / "cases/dongcun").mkdir(exist_ok=True)
    (repo / f"cases/dongcun/{case_id}.yaml").write_text(text, encoding="utf-8")


def test_200000_empty_measures_are_refused_at_once(repo: Path, cli: Cli) -> None:
    text = MINIMAL + "工作措施:\n" + "- \n" * 200_000
    assert 600_000 <= len(text.encode("utf-8")) < 601_000  # the 600 KB file
    _write(repo, text)
    started = time.perf_counter()
    result = cli("validate", "--today", TODAY)
    elapsed = time.perf_counter() - started
    assert (result.code, result.err, result.out) == (
        1,
        "",
        f"cases/dongcun/dongcun-001.yaml:{MEASURES_AT + 1}:1: “工作措施”最多 200 项\n"
        "检查了 2 个文件，发现 1 个问题\n",
    )
    assert elapsed < 5  # 0.1 s here; 23.7 s before


def test_memory_stays_small(repo: Path) -> None:
    _write(repo, MINIMAL + "工作措施:\n" + "- \n" * 200_000)
    _write(repo, MINIMAL + "工作措施: [" + ",".join(["{}"] * 300_000) + "]\n", "dongcun-002")
    tracemalloc.start()
    try:
        ledger = load_ledger(repo, TODAY_DATE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.line, p.col, p.message) for p in ledger.problems] == [
        (MEASURES_AT + 1, 1, "“工作措施”最多 200 项"),
        (MEASURES_AT, 7, "“工作措施”最多 200 项"),
    ]
    assert peak < 50 * 1024 * 1024  # a few MB here; 1.69 GB before


def test_too_many_values_in_a_file(repo: Path, cli: Cli) -> None:
    """200 measures with 150 stray keys each: every list is within its cap, the file is not."""
    one = "  - 日期: 2019-07-05\n    内容: 走访\n" + "".join(f"    k{j}: 1\n" for j in range(150))
    _write(repo, MINIMAL + "工作措施:\n" + one * 200)
    result = cli("validate", "--today", TODAY)
    assert result.out == (
        f"cases/dongcun/dongcun-001.yaml:1:1: 文件中的值超过 {MAX_NODES} 个，远多于一件案件所需，"
        "请检查文件是否有误\n检查了 2 个文件，发现 1 个问题\n"
    )


@pytest.mark.parametrize("big", [False, True], ids=["tree", "event-stream"])
def test_generic_caps(big: bool) -> None:
    """Lists and mappings the schema gives no cap are capped too, checked on the tree of a small
    file and on the event stream of a large one, with the same message and position."""
    pad = "# " + "注" * 20_000 + "\n" if big else ""
    text = pad + "其他:\n  - 1\n  - 2\n  - 3\n"
    with pytest.raises(LoadError) as err:
        load_text(text, Limits(items=2))
    assert (err.value.line, err.value.col, err.value.rule, err.value.message) == (
        (3 if big else 2),
        3,
        "max-items",
        "“其他”最多 2 项",
    )
    with pytest.raises(LoadError) as err:
        load_text(pad + "a: 1\nb: 2\nc: 3\n", Limits(items=2))
    assert (err.value.line, err.value.message) == ((2 if big else 1), "文件顶层最多 2 个键")


# --- NEL, LS and PS are ordinary characters (YAML 1.2) ------------------------------------


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_no_line_break_in_any_scalar_style(char: str) -> None:
    text = (
        f"a: 甲{char}乙\n"
        f"b: '甲{char}乙'\n"
        f'c: "甲{char}乙"\n'
        f"d: |\n  甲{char}乙\n  丙\n"
        f"e: >\n  甲{char}乙\n  丙\n"
        f"# 注释{char}f: 1\n"
        f"g{char}h: 坏\n"
    )
    doc = load_text(text)
    assert doc.data == {
        "a": f"甲{char}乙",
        "b": f"甲{char}乙",
        "c": f"甲{char}乙",
        "d": f"甲{char}乙\n丙\n",
        "e": f"甲{char}乙 丙\n",
        f"g{char}h": "坏",
    }
    # lines count "\n" only, columns count characters
    assert doc.value_pos(("c",)) == Pos(3, 4)
    assert (doc.key_pos((f"g{char}h",)).line, doc.value_pos((f"g{char}h",)).col) == (11, 6)


def test_stand_ins_never_collide_with_the_text() -> None:
    """Private-use characters already in the file, or written by an escape, stay themselves."""
    text = 'a: "\ue000\ue001\\ue002\\U000F0000"\nb: x\x85y\u2028z\u2029\n'
    assert load_text(text).data == {"a": "\ue000\ue001\ue002\U000f0000", "b": "x\x85y\u2028z\u2029"}


def test_a_message_quoting_a_key_shows_the_character() -> None:
    with pytest.raises(LoadError) as err:
        load_text("k\x85: 1\nk\x85: 2\n")
    assert (err.value.line, err.value.col, err.value.message) == (
        2,
        1,
        "键“k\x85”重复出现（第一次在第 1 行），请删除其中一个",
    )


def test_problem_after_a_line_separator_sits_where_it_is(repo: Path, cli: Cli) -> None:
    """Before, libyaml counted the LS and NEL as lines: the enum problem moved two lines down."""
    text = MINIMAL.replace("主要诉求: 要求", "主要诉求: 要求\u2028补足\x85").replace(
        "风险等级: 高", "风险等级: 特高"
    )
    _write(repo, text)
    assert cli("validate", "--today", TODAY).out == (
        "cases/dongcun/dongcun-001.yaml:9:7: “风险等级”的值“特高”不在可选范围内，应为：高、中、低\n"
        "检查了 2 个文件，发现 1 个问题\n"
    )


def test_raw_control_character_is_placed_in_characters() -> None:
    with pytest.raises(LoadError) as err:
        load_text("甲: 1\n主要诉求: 东村三组\x9b要求\n")
    assert (err.value.line, err.value.col, err.value.rule, err.value.message) == (
        2,
        11,
        "encoding",
        "文件含有不可见的控制字符 U+009B，YAML 文件中不允许出现，请删除它",
    )


def test_an_over_long_text_of_digits_is_not_searched_for_numbers(repo: Path) -> None:
    """A 900 KB 主要诉求 of "1 1 1 …" took 1.5 s and 120 MB in the personal-number search; a
    value past its maxLength gets only its own problem."""
    long = "1 " * 450_000
    _write(repo, MINIMAL.replace("要求按 2018 年标准补足拆迁安置补偿款", long))
    tracemalloc.start()
    try:
        started = time.perf_counter()
        ledger = load_ledger(repo, TODAY_DATE)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # YAML drops the trailing space: 899,999 characters
    assert [(p.line, p.col, p.rule, p.message) for p in ledger.problems] == [
        (8, 7, "too-long", "“主要诉求”过长：最多 2000 个字，现有 899999 个"),
    ]
    assert peak < 50 * 1024 * 1024  # 10 MB here; 126 MB before
    assert elapsed < 1  # 0.1 s here; 1.5 s before (4 s under tracemalloc)
