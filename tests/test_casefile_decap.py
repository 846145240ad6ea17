"""Our writer against the YAML library inside Decap CMS.

What we promise: an ordinary case is written byte for byte as Decap saves it (so diffs stay small
whichever tool saved last), and every text either side writes reads back as the same data. In
rare corners (a value of ``---``, a tab inside a line, a long line with spaces) the two choose
different but equivalent styles; a later save in the editor restyles just that value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ledger.casefile import dump, dump_case
from generator.ledger.yamlload import LoadError, load_text

ROOT = Path(__file__).resolve().parent.parent
YAML_LIB = ROOT / "node_modules" / "yaml"

# What Decap's formats/yaml.ts does on save: createNode, then Document.toString.
NODE_DUMP = """
const yaml = require(process.argv[1]);
let input = '';
process.stdin.on('data', d => (input += d));
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(data => {
    const doc = new yaml.Document();
    doc.contents = yaml.createNode(data);
    return doc.toString();
  });
  process.stdout.write(JSON.stringify(out));
});
"""

TRICKY = [
    "",
    "123",
    "0571",
    "1.5",
    "1e3",
    "+1",
    "-1",
    "0x1F",
    "0o17",
    ".inf",
    "NaN",
    "true",
    "True",
    "yes",
    "null",
    "Null",
    "~",
    "2019-07-03",
    "12:30",
    "a: b",
    "#x",
    "x #y",
    "- x",
    "-",
    "?",
    "@张三",
    "`x",
    "'单'",
    '"双"',
    "{x}",
    "[x]",
    "x,y",
    "*a",
    "&a",
    "!t",
    "%x",
    "|x",
    ">x",
    "---",
    "...",
    " 前导空格",
    "结尾空格 ",
    "a\tb",
    "响铃\x07",
    "第一行\n第二行",
    "结尾换行\n",
    "多个换行\n\n\n",
    "\n开头换行",
    "  缩进\n第二行",
    "全角　空格",
    "张三：李四",
    "“引号”",
    "𠮷野家",
    "要求按 2018 年标准补足拆迁安置补偿款 " * 6,
    "要求按2018年标准补足拆迁安置补偿款" * 6,
    "第一段很长 " * 20 + "\n第二段",
    "  缩进的第一段很长 " * 12 + "\n第二段",
]


SIZES = [0, 1, 3, 10, 40, 78, 79, 80, 81, 120, 300]  # around the 80-column fold, and longer
PIECES = [
    *"东村三组号要求补偿款 ，。：“”'\"\n\t-?:#&*!|>%@`[]{},.0123456789abeTN+\\",
    *["𠮷", "\u3000", "\u00a0", "\r", "\x07", "---", "...", " \n", "\n "],
]
TOP = ["排查日期", "信访人", "主要诉求", "工作措施", "备注", "涉及人数"]
INNER = ["姓名", "住址", "日期", "内容", "x"]


def texts(odd: bool) -> st.SearchStrategy[str]:
    """Text of YAML's awkward characters; odd adds U+2028/U+2029, which Decap garbles."""
    pieces = st.sampled_from(PIECES + (["\u2028", "\u2029"] if odd else []))
    return st.sampled_from(SIZES).flatmap(
        lambda n: st.lists(pieces, min_size=n, max_size=n).map("".join)
    )


def values(odd: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """A field value: mostly text, sometimes a scalar, a mapping or a list (two levels at most)."""
    if depth > 1:
        return texts(odd)
    inner = values(odd, depth + 1)
    return st.one_of(
        texts(odd),
        texts(odd),
        st.sampled_from([None, True, False, 0, 28, 100000]),
        st.dictionaries(st.sampled_from(INNER), inner, max_size=3),
        st.lists(inner, max_size=3),
    )


def case_docs(odd: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(TOP), values(odd), min_size=1, max_size=6)


def _decap(docs: list[dict[str, Any]]) -> list[str]:
    if shutil.which("node") is None or not YAML_LIB.is_dir():
        pytest.skip("需要 node 和 node_modules/yaml（npm ci）")
    run = subprocess.run(
        ["node", "-e", NODE_DUMP, str(YAML_LIB)],
        input=json.dumps(docs),
        capture_output=True,
        text=True,
        check=True,
    )
    texts: list[str] = json.loads(run.stdout)
    return texts


def test_every_sample_case_is_written_as_decap_writes_it() -> None:
    files = sorted((ROOT / "cases").glob("*/*.yaml"))
    docs = [load_text(f.read_text(encoding="utf-8")).data for f in files]
    assert len(docs) >= 120
    for path, doc, expected in zip(files, docs, _decap(docs), strict=True):
        assert dump(doc) == expected, path
        assert path.read_text(encoding="utf-8") == expected, path


ORDINARY = [
    "",
    "123",
    "0571",
    "true",
    "True",
    "null",
    "2019-07-03",
    "12:30",
    "a: b",
    "x #y",
    "#x",
    "- x",
    "@张三",
    "张三：李四",
    "“引号”",
    "全角　空格",
    "第一行\n第二行",
    "结尾换行\n",
    "要求按2018年标准补足拆迁安置补偿款" * 6,
]


def test_ordinary_values_match_decap_at_every_depth() -> None:
    docs: list[dict[str, Any]] = []
    for text in ORDINARY:
        docs += [
            {"备注": text},
            {"信访人": {"姓名": text, "住址": "x"}},
            {"工作措施": [{"日期": "2019-07-05", "内容": text}]},
        ]
    for doc, expected in zip(docs, _decap(docs), strict=True):
        assert dump(doc) == expected, doc


def _faithful(text: str, doc: dict[str, Any]) -> bool:
    """Whether Decap's text reads back (with our loader) as the data it was given."""
    if re.search("[\ud800-\udfff]", text):  # a cut surrogate pair: U+FFFD in the file
        return False
    try:
        return bool(load_text(text).data == doc)
    except LoadError:
        return False


def test_tricky_documents_read_back_the_same_from_either_writer() -> None:
    docs: list[dict[str, Any]] = []
    for text in TRICKY:
        docs += [{"备注": text}, {"工作措施": [{"日期": "2019-07-05", "内容": text}]}]
    for doc, theirs in zip(docs, _decap(docs), strict=True):
        assert load_text(dump(doc)).data == doc
        assert _faithful(theirs, doc), doc


def test_random_documents_read_back_the_same_from_either_writer() -> None:
    docs: list[dict[str, Any]] = []

    @settings(max_examples=200, deadline=None)
    @given(case_docs(odd=False))
    def ours(doc: dict[str, Any]) -> None:
        assert load_text(dump(doc)).data == doc
        docs.append(doc)

    ours()  # the documents hypothesis made, then all of them through Decap in one node run
    faithful = sum(_faithful(theirs, doc) for doc, theirs in zip(docs, _decap(docs), strict=True))
    # Decap's library is faithful on most of these; where it is not (see the last test), the
    # loader reports the file or reads a differently styled value.
    assert faithful > len(docs) * 0.6, (faithful, len(docs))


@settings(max_examples=150, deadline=None)
@given(case_docs())
def test_what_we_write_always_reads_back_as_the_same_data(doc: dict[str, Any]) -> None:
    assert load_text(dump(doc)).data == doc


def test_empty_and_cleared_values_as_decap_writes_them() -> None:
    cleared = {"备注": "", "化解方式": None, "工作措施": [], "分包民警": {"姓名": "", "职务": ""}}
    text = dump(cleared)
    assert text == '备注: ""\n化解方式: null\n工作措施: []\n分包民警:\n  姓名: ""\n  职务: ""\n'


def test_long_lines_are_folded_at_spaces_only() -> None:
    # PyYAML folds at the first space past 80 columns (Decap folds just before); the data is
    # the same either way, and unbroken Chinese text is never cut.
    words = "要求按 2018 年标准补足拆迁安置补偿款，" * 8
    text = dump({"主要诉求": words})
    assert text == (
        "主要诉求: " + "要求按 2018 年标准补足拆迁安置补偿款，" * 4 + "要求按\n"
        "  2018 年标准补足拆迁安置补偿款，" + "要求按 2018 年标准补足拆迁安置补偿款，" * 3 + "\n"
    )
    assert load_text(text).data == {"主要诉求": words}
    unbroken = "要求按二零一八年标准补足拆迁安置补偿款" * 5
    assert dump({"主要诉求": unbroken}) == f"主要诉求: {unbroken}\n"


def test_a_case_is_written_in_schema_order_with_dates_unquoted() -> None:
    text = dump_case(
        {
            "是否已化解": "否",
            "信访人": {"住址": "东村五组3号", "姓名": "李秀英"},
            "排查日期": dt.date(2019, 7, 10),
            "典型案例": False,
        }
    )
    assert text == (
        "排查日期: 2019-07-10\n"
        "信访人:\n"
        "  姓名: 李秀英\n"
        "  住址: 东村五组3号\n"
        "是否已化解: 否\n"
        "典型案例: false\n"
    )


def test_where_decap_garbles_text_we_write_it_so_it_reads_back() -> None:
    # a tab at the start of a line: libyaml refuses a block scalar like that, so double quotes
    assert dump({"备注": "\t第一行\n第二行"}) == '备注: "\\t第一行\\n第二行"\n'
    assert dump({"备注": "第一行\n\t第二行"}) == '备注: "第一行\\n\\t第二行"\n'
    # U+2028 outside quotes would be a line break to a YAML 1.1 reader
    assert dump({"备注": "甲\u2028乙"}) == '备注: "甲\\L乙"\n'
    # a space between line breaks and a control character: escaped once, read back exactly
    text = "第一行写得比较长一些，超过四十个字符的长度，这样才会折行\n \n第三行\x07"
    out = dump({"备注": text})
    assert (
        out == '备注: "第一行写得比较长一些，超过四十个字符的长度，这样才会折行\\n \\n第三行\\a"\n'
    )
    assert load_text(out).data == {"备注": text}
