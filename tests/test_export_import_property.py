"""Property: any valid cases of a unit, exported to its workbook and imported into an empty
repository, come back as the same case files byte for byte."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from tests.casemaker import case_data, put

ROOT = Path(__file__).resolve().parent.parent
START, END = dt.date(2019, 6, 25), dt.date(2019, 9, 25)  # the sample campaign
TYPES = ["城建拆迁", "问题楼盘", "集资融资", "劳动社保", "双拖欠", "邻里纠纷", "其他"]
# Chinese text with the punctuation a clerk types; no digits (a run of them could be a phone
# number, which import refuses on purpose) and no spaces at either end (a cell is trimmed).
_WORDS = st.text(alphabet="东村三组要求补偿款工资拖欠协调会走访，。：；（）“”、《》", min_size=1)
_TEXT = st.lists(_WORDS, min_size=1, max_size=3).map("\n".join)
# A measure's 内容 may start with punctuation: “，核实” once came back as “核实” (found by this
# test): import took the ， for a separator after the date.
_MEASURE = _TEXT
_DAYS = st.integers(0, (END - START).days).map(lambda n: START + dt.timedelta(days=n))


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    screened = draw(_DAYS)
    resolved = draw(st.none() | _DAYS.filter(lambda d: d >= screened))
    after = _DAYS.filter(lambda d: d >= screened)
    measures = draw(st.lists(st.tuples(after, _MEASURE), max_size=3))
    return case_data(
        screened.isoformat(),
        resolved.isoformat() if resolved else None,
        信访人={"姓名": draw(st.text(alphabet="王李张刘建华芳", min_size=2, max_size=4)),
                "住址": draw(_WORDS)},
        涉及人数=draw(st.integers(1, 300)),
        问题类型=draw(st.sampled_from(TYPES)),
        主要诉求=draw(_TEXT),
        风险等级=draw(st.sampled_from(["高", "中", "低"])),
        工作措施=[{"日期": d, "内容": t} for d, t in sorted(measures)],
        备注=draw(st.none() | _TEXT),
    )  # fmt: skip


def _run(root: Path, *args: str) -> str:
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out):
        code = main([*args, "--today", "2026-11-29"])
    assert code == 0, out.getvalue()
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(st.lists(cases(), min_size=1, max_size=4))
def test_any_cases_come_back_from_their_own_export(drawn: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp, "first"), Path(tmp, "second")
        for root in (first, second):
            (root / "cases").mkdir(parents=True)
            shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
        for n, data in enumerate(drawn, 1):
            # an empty 工作措施 comes back left out, as a clerk's sheet would have it
            put(first, f"dongcun-{n:03d}", {k: v for k, v in data.items() if v not in (None, [])})
        _run(first, "export", "--out", "东村.xlsx", "--unit", "dongcun")
        shutil.copy(first / "东村.xlsx", second / "东村.xlsx")
        out = _run(second, "import", "东村.xlsx", "--unit", "dongcun")
        assert f"\n新增 {len(drawn)} 件，更新 0 件，未导入 0 行（东村" in out, out
        written = sorted((second / "cases").rglob("*.yaml"))
        originals = sorted((first / "cases").rglob("*.yaml"))
        assert [p.name for p in written] == [p.name for p in originals]
        for mine, theirs in zip(originals, written, strict=True):
            assert theirs.read_text(encoding="utf-8") == mine.read_text(encoding="utf-8")
