"""All problems in one run: a schema problem in one field never hides a rule problem in another."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.ledger import rules, schemacheck
from generator.ledger.yamlload import load_text

DATA = Path(__file__).resolve().parent / "data"
TODAY = dt.date(2019, 9, 30)
# full.yaml with 化解日期 before 排查日期: one rule problem, on line 28 of the file.
TEXT = (DATA / "valid/full.yaml").read_text(encoding="utf-8")
EARLY = TEXT.replace("化解日期: 2019-08-20", "化解日期: 2019-07-01")
DATE_ORDER = (28, 7, "date-order", "“化解日期” 2019-07-01 早于“排查日期” 2019-07-03")

# Fields that date-order does not read, and values that break the schema for each of them.
UNRELATED: list[tuple[str | int, ...]] = [
    ("信访人",),
    ("信访人", "姓名"),
    ("涉及人数",),
    ("问题属地",),
    ("问题类型",),
    ("主要诉求",),
    ("风险等级",),
    ("包案领导",),
    ("责任部门", "名称"),
    ("分包民警",),
    ("工作措施", 1, "内容"),
    ("化解方式",),
    ("典型案例",),
    ("备注",),
]
BROKEN = [[], ["文字"], {"错": 1}, 1.5, "很高" * 1100]


def findings(data: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """The schema's and the rules' findings on data, placed by the positions of EARLY."""
    doc = load_text(EARLY)
    found, invalid = schemacheck.examine("case", data, doc)
    return found, list(rules.check_case(rules.valid_part(data, invalid), doc, None, TODAY))


def put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


def test_the_rule_problem_alone() -> None:
    assert findings(load_text(EARLY).data) == ([], [DATE_ORDER])


@given(st.sampled_from(UNRELATED), st.sampled_from(BROKEN))
def test_a_broken_field_hides_no_rule_problem(path: tuple[str | int, ...], value: Any) -> None:
    data = copy.deepcopy(load_text(EARLY).data)
    put(data, path, value)
    schema_found, rule_found = findings(data)
    assert schema_found  # every value in BROKEN breaks every field in UNRELATED
    assert rule_found == [DATE_ORDER]


def test_a_malformed_date_is_not_a_missing_one() -> None:
    """化解日期 that breaks its pattern is INVALID, not absent: no "必须填写化解日期"."""
    data = load_text(TEXT.replace("化解日期: 2019-08-20", "化解日期: 2019年8月20日")).data
    schema_found, rule_found = findings(data)
    assert [f[2] for f in schema_found] == ["pattern"]
    assert rule_found == []


def test_valid_part_replaces_exactly_the_invalid_values() -> None:
    data = {"a": {"b": 1, "c": [1, 2, 3]}, "d": "x", "e": {"f": 2}}
    invalid = {("a", "c", 1), ("d",)}
    part = rules.valid_part(data, invalid)
    assert part == {"a": {"b": 1, "c": [1, rules.INVALID, 3]}, "d": rules.INVALID, "e": {"f": 2}}
    assert part["e"] is data["e"]  # nothing invalid below: not copied
    assert data == {"a": {"b": 1, "c": [1, 2, 3]}, "d": "x", "e": {"f": 2}}  # not changed
    assert rules.valid_part(data, set()) == data
    assert rules.valid_part(data, {()}) == {}
