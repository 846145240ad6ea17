"""The canonical writer: the web editor's style, read back unchanged by the strict loader."""

from __future__ import annotations

import datetime as dt

from generator.ledger.casefile import dump_case
from generator.ledger.yamlload import load_text


def test_same_date_object_twice_is_written_without_anchor() -> None:
    day = dt.date(2019, 8, 1)
    text = dump_case({"排查日期": day, "是否已化解": "是", "化解日期": day})
    assert text == "排查日期: 2019-08-01\n是否已化解: 是\n化解日期: 2019-08-01\n"
    assert load_text(text).data == {
        "排查日期": "2019-08-01",
        "是否已化解": "是",
        "化解日期": "2019-08-01",
    }


def test_keys_follow_schema_order_and_lists_are_indented() -> None:
    text = dump_case(
        {
            "是否已化解": "否",
            "工作措施": [{"内容": "入户走访", "日期": dt.date(2019, 7, 5)}],
            "排查日期": dt.date(2019, 7, 3),
        }
    )
    assert text == (
        "排查日期: 2019-07-03\n"
        "工作措施:\n"
        "  - 日期: 2019-07-05\n"
        "    内容: 入户走访\n"
        "是否已化解: 否\n"
    )


def test_strings_that_would_read_back_as_other_types_are_quoted() -> None:
    text = dump_case({"备注": "true", "主要诉求": "123", "问题属地": "null"})
    data = load_text(text).data
    assert data == {"问题属地": "null", "主要诉求": "123", "备注": "true"}
    assert '主要诉求: "123"' in text  # double quotes, as Decap writes them


def test_multiline_text_is_a_literal_block() -> None:
    text = dump_case({"备注": "第一行\n第二行"})
    assert text == "备注: |-\n  第一行\n  第二行\n"
    assert load_text(text).data == {"备注": "第一行\n第二行"}


def test_a_case_round_trips_through_its_file_form() -> None:
    from generator.ledger.records import case_from_dict, case_to_dict
    from tests.casemaker import model

    case = model("dongcun-001", dt.date(2019, 7, 3), dt.date(2019, 8, 1))
    assert case_from_dict(case_to_dict(case), "dongcun", "dongcun-001") == case
