"""Every YAML trap of DESIGN.md "Validation rules", each shown to be real in PyYAML and
handled by our loader, and each backed by an invalid example in tests/data/invalid/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.ledger import yamlbuild, yamlload
from generator.ledger.schema import load_schema
from generator.ledger.yamlload import LoadError, load_bytes, load_text

INVALID = Path(__file__).resolve().parent / "data" / "invalid"

# trap → the invalid examples that pin its message (their expected.txt must mention it)
TRAPS = {
    "duplicate keys": {"duplicate-key": "重复出现", "duplicate-key-nested": "重复出现"},
    "2019-02-30": {
        "impossible-date-unquoted": "不是真实存在的日期",
        "impossible-date-quoted": "不是真实存在的日期",
    },
    "yes/no/on/off": {"yaml11-yes-no": "只有小写的 true、false", "yaml11-on-off": "“on”"},
    "0571": {"yaml11-leading-zero": "以 0 开头的数字按文字读取"},
    "deep nesting": {"deep-nesting": "嵌套层数过多", "deep-nesting-block": "嵌套层数过多"},
    "alias bomb": {"alias-bomb": "锚点和别名", "anchor-and-alias": "锚点和别名"},
    "tab": {"tab-indentation": "Tab", "tab-indentation-first-line": "Tab"},
    "gbk": {"gbk-encoding": "请另存为 UTF-8"},
    "tags": {"python-tag": "标签", "custom-tag": "标签"},
}


@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_trap_has_invalid_examples(trap: str) -> None:
    for example, words in TRAPS[trap].items():
        assert words in (INVALID / example / "expected.txt").read_text(encoding="utf-8")


def test_duplicate_keys() -> None:
    text = "风险等级: 高\n风险等级: 低\n"
    assert yaml.safe_load(text) == {"风险等级": "低"}  # the trap: the first one silently lost
    with pytest.raises(LoadError) as err:
        load_text(text)
    assert (err.value.line, err.value.col, err.value.rule) == (2, 1, "duplicate-key")


def test_impossible_date() -> None:
    with pytest.raises(ValueError) as err:
        yaml.safe_load("排查日期: 2019-02-30")
    assert not isinstance(err.value, yaml.YAMLError)  # the trap: not the error one catches
    # Ours reads every date as text, quoted or not; the validator then checks the calendar.
    assert load_text("排查日期: 2019-02-30").data == load_text("排查日期: '2019-02-30'").data
    assert load_text("排查日期: 2019-02-30").data == {"排查日期": "2019-02-30"}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "True", "FALSE"])
def test_yaml_11_booleans_stay_text(word: str) -> None:
    assert load_text(f"a: {word}").data == {"a": word}


def test_yaml_11_booleans_are_booleans_in_pyyaml() -> None:
    assert yaml.safe_load("a: yes\nb: no\nc: on\nd: off") == {
        "a": True,
        "b": False,
        "c": True,
        "d": False,
    }
    assert load_text("a: true\nb: false").data == {"a": True, "b": False}


def test_octal_looking_numbers() -> None:
    assert yaml.safe_load("a: 0571") == {"a": 377}  # the trap: YAML 1.1 octal
    assert load_text("a: 0571\nb: 571\nc: -3\nd: 1.5\ne: +1\nf: 0x1F").data == {
        "a": "0571",
        "b": 571,
        "c": -3,
        "d": 1.5,
        "e": "+1",
        "f": "0x1F",
    }


def test_deep_nesting() -> None:
    text = "a: " + "[" * 5000 + "]" * 5000
    with pytest.raises(RecursionError):
        yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python loader
    with pytest.raises(LoadError) as err:
        load_text(text)
    assert err.value.rule == "depth"
    with pytest.raises(LoadError) as err:
        load_text("a:\n" + "".join("  " * k + f"k{k}:\n" for k in range(1, 40)) + "  " * 40 + "x")
    assert (err.value.rule, err.value.line) == ("depth", 34)


def test_alias_bomb() -> None:
    levels = ["a: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 10)]
    bomb = "\n".join(levels).replace("a: &a0", "a0: &a0")
    loaded = yaml.safe_load(bomb)  # the trap: loads at once, as shared references…
    assert loaded["a9"][0] is loaded["a9"][1]  # …that are 10**10 strings when walked
    with pytest.raises(LoadError) as err:
        load_text(bomb)
    assert (err.value.line, err.value.col, err.value.rule) == (1, 5, "anchor")


def test_tab_after_colon_one_loader() -> None:
    text = "涉及人数:\t1\n"
    assert yaml.load(text, Loader=yaml.CSafeLoader) == {"涉及人数": 1}
    with pytest.raises(yaml.YAMLError):
        yaml.load(text, Loader=yaml.SafeLoader)  # the trap: the loaders disagree
    assert issubclass(yamlbuild.StrictLoader, yaml.CSafeLoader)  # ours is libyaml's, everywhere
    assert load_text(text).data == {"涉及人数": 1}


def test_full_width_digits_are_not_digits() -> None:
    """Python's \\d matches full-width digits; the schemas write [0-9]."""
    assert re.fullmatch(r"\d{4}", "２０１９")
    for name in ("case", "campaign"):
        text = str(load_schema(name))
        assert "\\d" not in text


def test_gbk_hint() -> None:
    with pytest.raises(LoadError) as err:
        load_bytes("问题类型: 城建拆迁\n".encode("gbk"))
    assert (err.value.line, err.value.col, err.value.rule) == (1, 1, "encoding")
    assert err.value.message.endswith("请另存为 UTF-8")


def test_bom_is_tolerated() -> None:
    assert load_bytes("\ufeff问题类型: 城建拆迁\n".encode()).data == {"问题类型": "城建拆迁"}


def test_positions_count_characters() -> None:
    doc = load_text("信访人:\n  姓名: 王建国\n  住址: 东村\n")
    assert doc.keys[("信访人", "住址")] == yamlload.Pos(3, 3)
    assert doc.values[("信访人", "住址")] == yamlload.Pos(3, 7)
