"""Every output names the fields as the registry does: the site's 台账 table, the Excel 台账 read
back with openpyxl, the case page and the diff. Each test runs twice: with the case schema, and
with one whose every title is changed (as a ledger profile may), so a second, hand-typed copy of
a title anywhere makes it fail."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.core import privacy
from generator.diff.cases import case_change
from generator.diff.model import LedgerDiff, Side
from generator.diff.render import FORMATS
from generator.excel.export import write_workbook
from generator.ledger import fields
from generator.ledger.fields import registry
from generator.ledger.profile import Profile
from generator.ledger.records import case_from_dict
from generator.ledger.schema import case_schema
from generator.ledger.validate import load_ledger
from generator.site.context import build_site
from generator.site.pages import case as case_page
from generator.site.pages import tables
from tests.casemaker import case_data

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def ledger() -> Any:
    found = load_ledger(ROOT, DAY)
    assert found.campaign is not None and found.problems == []
    return found


def _retitled() -> dict[str, Any]:
    """The case schema with 改 after every title, nested ones too."""
    schema = copy.deepcopy(case_schema())

    def walk(node: dict[str, Any]) -> None:
        for sub in node.get("properties", {}).values():
            sub["title"] += "改"
            walk(sub)

    walk(schema)
    return schema


@pytest.fixture(autouse=True, params=["schema", "retitled"])
def schema(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "retitled":
        changed = _retitled()
        monkeypatch.setattr(fields, "case_schema", lambda: changed)
        # Outputs read the campaign's profile's registry: the sample's is the retitled one too.
        monkeypatch.setattr(Profile, "registry", property(lambda self: registry()))
        assert registry().title("问题属地") == "问题属地改"
    yield request.param


def headings(*, address: bool) -> list[str]:
    return [f.heading for f in registry().ledger if address or f.personal != "address"]


@pytest.mark.parametrize("mode", [privacy.MASKED, privacy.FULL])
def test_site_table_header(ledger: Any, mode: str) -> None:
    site = build_site(ledger.campaign, ledger.cases, DAY, mode, {})
    doc = json.loads(tables.ledger_data(site))
    ids = [registry().title("编号"), registry().title("单位")]
    shown = [h for h in headings(address=mode == privacy.FULL) if h != registry().title("编号")]
    assert [c["title"] for c in doc["columns"]] == ids + shown
    assert all(len(row["c"]) == len(doc["columns"]) for row in doc["rows"])


def test_case_page_labels(ledger: Any) -> None:
    site = build_site(ledger.campaign, ledger.cases, DAY, privacy.FULL, {})
    labels = [label for label, _ in case_page.fields(site, site.cases[0])]
    assert labels == [f.title for f in registry().fields if f.kind != "list"]


def test_excel_ledger_header(ledger: Any) -> None:
    out = io.BytesIO()
    write_workbook(out, ledger.campaign, ledger.cases, DAY, unit="dongcun")
    ws = load_workbook(io.BytesIO(out.getvalue()))["台账"]
    assert [c.value for c in ws[4]] == ["序号", *headings(address=True)]


def test_diff_field_names() -> None:
    """A case whose every field changed: the diff names each by the registry's title, in order."""
    old = case_from_dict(case_data("2019-07-10"), "dongcun", "dongcun-001")
    new_data = case_data(
        "2019-07-11",
        "2019-07-20",
        信访人={"姓名": "李四", "住址": "西村一组1号"},
        涉及人数=2,
        问题属地="西村一组",
        问题类型="其他",
        主要诉求="另一诉求",
        风险等级="低",
        包案领导={"姓名": "陈卫东", "职务": "办事处副主任"},
        责任部门={"名称": "综治办", "责任人": "谢国平", "职务": "副主任"},
        分包民警={"姓名": "孙立", "职务": "社区民警"},
        工作措施=[{"日期": "2019-07-12", "内容": "电话联系"}],
        典型案例=True,
        备注="备注",
    )
    new = case_from_dict(new_data, "dongcun", "dongcun-001")
    change = case_change(old, new, {"dongcun": "东村"}, privacy.masker(privacy.FULL, [old, new]))
    assert change is not None
    expected = [(f.key, f.title) for f in registry().fields if not f.in_path]
    measures = registry().field("工作措施")
    expected.insert(expected.index((measures.key, measures.title)), (measures.key, measures.title))
    assert [(c.key, c.title) for c in change.changes] == expected  # a measure gone, one added
    side = Side("HEAD", "0" * 40, 1, ())
    doc = json.loads(FORMATS["json"](LedgerDiff(side, side, DAY, changed=(change,))))
    assert [f["title"] for f in doc["changed"][0]["fields"]] == [t for _, t in expected]
