"""The field registry and the display module: expectations typed by hand from
schema/case.schema.json (titles, kinds) and from 附件1 (the order of its columns)."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from generator.core import display
from generator.core.periods import Period, period_id, period_label
from generator.ledger.fields import build, registry
from generator.ledger.model import Case, Department, Measure, Person
from generator.ledger.schema import case_schema

# (key, title, kind) of every field in the schema's order, read off case.schema.json.
FIELDS = [
    ("编号", "编号", "text"),
    ("单位", "单位", "text"),
    ("排查日期", "排查日期", "date"),
    ("信访人.姓名", "信访人姓名", "text"),
    ("信访人.住址", "信访人住址", "text"),
    ("涉及人数", "涉及人数", "int"),
    ("问题属地", "问题属地", "text"),
    ("问题类型", "问题类型", "enum"),
    ("主要诉求", "主要诉求", "text"),
    ("风险等级", "风险等级", "enum"),
    ("包案领导", "科级包案领导", "people"),
    ("责任部门", "责任部门", "people"),
    ("分包民警", "分包民警", "people"),
    ("工作措施", "工作措施", "list"),
    ("是否已化解", "是否已化解", "bool"),
    ("化解日期", "化解日期", "date"),
    ("化解方式", "化解方式", "enum"),
    ("典型案例", "典型案例", "bool"),
    ("备注", "备注", "text"),
]
# (heading, one of 附件1's own columns): the form's twelve but 序号, in its order and words,
# then what an export adds so that import loses nothing (单位 is the sheet's).
LEDGER = [
    ("姓名", True),
    ("信访人住址", True),
    ("问题属地", True),
    ("主要诉求", True),
    ("工作措施", True),
    ("科级包案领导姓名、职务", True),
    ("责任部门及责任人姓名、职务", True),
    ("分包民警", True),
    ("问题类型", True),
    ("是否已化解", True),
    ("备注", True),
    ("编号", False),
    ("排查日期", False),
    ("化解日期", False),
    ("涉及人数", False),
    ("风险等级", False),
    ("化解方式", False),
    ("典型案例", False),
]


def test_fields_in_the_schemas_order_with_its_titles() -> None:
    assert [(f.key, f.title, f.kind) for f in registry().fields] == FIELDS


def test_ledger_columns_are_the_forms_then_the_lossless_ones() -> None:
    assert [(f.heading, f.form) for f in registry().ledger] == LEDGER


def test_path_personal_long_and_values() -> None:
    reg = registry()
    assert reg.path_keys() == {"编号", "单位"}
    assert {f.key: f.personal for f in reg.fields if f.personal} == {
        "信访人.姓名": "name",
        "信访人.住址": "address",
    }
    assert [f.key for f in reg.fields if f.long] == ["主要诉求", "工作措施", "备注"]
    assert reg.field("风险等级").values == ("高", "中", "低")
    assert reg.field("是否已化解").values == ("是", "否")
    assert reg.title("信访人") == "信访人"
    assert reg.title("责任部门.名称") == "责任部门"
    assert reg.without_path({"编号": "a-001", "单位": "a", "备注": "x"}) == {"备注": "x"}


def test_a_changed_schema_changes_every_column_in_one_place() -> None:
    """What a ledger profile will do: retitle a field, drop an optional one."""
    schema = copy.deepcopy(case_schema())
    schema["properties"]["问题属地"]["title"] = "发生地"
    del schema["properties"]["备注"]
    changed = registry(schema)
    assert changed is registry(schema)  # built once per schema
    assert changed is not registry()
    headings = [f.heading for f in changed.ledger]
    assert headings == [h if h != "问题属地" else "发生地" for h, _ in LEDGER if h != "备注"]
    assert registry().field("问题属地").title == "问题属地"  # the built-in one is untouched
    assert build(schema).field("问题属地").title == "发生地"


def _case(**over: object) -> Case:
    fields: dict[str, object] = {
        "id": "dongcun-001",
        "unit": "dongcun",
        "screened_on": dt.date(2019, 7, 3),
        "petitioner_name": "王建国",
        "petitioner_address": "东村三组12号",
        "people_count": 3,
        "location": "东村三组",
        "category": "城建拆迁",
        "demand": "补偿",
        "risk": "高",
        "leader": Person("李志强", "办事处主任"),
        "department": Department("城建办", "赵敏", "主任"),
        "police": None,
        "measures": (
            Measure(dt.date(2019, 7, 5), "入户走访"),
            Measure(dt.date(2019, 7, 9), "召开协调会"),
        ),
        "resolved": False,
        "resolved_on": None,
        "resolution": None,
        "typical": True,
        "note": "",
    }
    return Case(**(fields | over))  # type: ignore[arg-type]


def test_display_text_and_cell_values() -> None:
    case, reg = _case(), registry()
    texts = {f.key: display.text(case, f) for f in reg.fields}
    assert texts == {
        "编号": "dongcun-001",
        "单位": "dongcun",
        "排查日期": "2019-07-03",
        "信访人.姓名": "王建国",
        "信访人.住址": "东村三组12号",
        "涉及人数": "3",
        "问题属地": "东村三组",
        "问题类型": "城建拆迁",
        "主要诉求": "补偿",
        "风险等级": "高",
        "包案领导": "李志强（办事处主任）",
        "责任部门": "城建办：赵敏（主任）",
        "分包民警": "",
        "工作措施": "2019-07-05 入户走访\n2019-07-09 召开协调会",
        "是否已化解": "否",
        "化解日期": "",
        "化解方式": "",
        "典型案例": "是",
        "备注": "",
    }
    assert display.value(case, reg.field("排查日期")) == dt.date(2019, 7, 3)
    assert display.value(case, reg.field("化解日期")) is None
    assert display.value(case, reg.field("涉及人数")) == 3
    assert display.value(case, reg.field("化解方式")) == ""


def test_group_size() -> None:
    assert display.group_size("张三等5人") == 5
    assert display.group_size("张三等 12 人") == 12
    assert display.group_size("张三等５人") == 5  # full-width digits
    assert display.group_size("张三等五人") is None  # a Chinese number: the count is not read
    assert display.group_size("张三") is None
    assert display.PEOPLE_GROUP.match("王建国等5人").group(1, 2) == ("王建国", "等5人")  # type: ignore[union-attr]


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_period_label_from_the_id_alone(day: dt.date) -> None:
    half = "上" if day.day <= 15 else "下"
    expected = f"{day.year}年{day.month}月{half}半月"
    assert period_label(period_id(day)) == expected
    assert Period(day, day, period_id(day)).label() == expected


def test_period_label_of_other_text() -> None:
    assert period_label("2019-07-3") == "2019-07-3"
    assert period_label("总计") == "总计"
