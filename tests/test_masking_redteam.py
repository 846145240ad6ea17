"""Masking against a careless clerk and an attacker (issue 9 red team): characters that hide a
name from the engine but not from a reader, and 姓名 written with a space, a remark in brackets,
等人 without a number, or other separators between people."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.privacy import FULL, MASKED, Masker, mask_name, name_parts
from generator.git.fields import read_version
from generator.site.build import Options, build
from tests.casemaker import case_data
from tests.conftest import ROOT, Result
from tests.diffrepo import GitRepo
from tests.test_personal_number_rule import RULE
from tests.test_validate_data import DATA, TODAY

Cli = Callable[..., Result]
TODAY_DATE = dt.date(2026, 11, 29)

PEOPLE = [
    ("王建华", "东村三组12号"),
    ("张 伟", "南庄村五组3号"),  # a space typed inside one name
    ("欧阳　明", "西村一组1号"),  # an ideographic space
    ("李国强（户主）", "西村二组2号"),  # a remark in brackets
    ("赵雪梅(代表)", "西村三组3号"),
    ("钱小红等人", "西村四组4号"),  # 等人 without a number
    ("孙立新等", "西村五组5号"),
    ("周永康/吴秀英", "西村六组6号"),  # people separated by a slash or semicolon
    ("郑海涛；冯丽娟", "西村七组7号"),
    ("何\u200e志\u0301明", "西村八组\u200f8号"),  # invisible characters in the fields themselves
]


@pytest.fixture(scope="module")
def masked() -> Masker:
    return Masker(PEOPLE, MASKED)


# Each of these renders as nothing (or joins/marks the neighbouring character) in a browser, a
# spreadsheet or a terminal: 王<x>建华 reads 王建华.
HIDING = [
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u202c",  # POP DIRECTIONAL FORMATTING
    "\u2061",  # FUNCTION APPLICATION
    "\u2063",  # INVISIBLE SEPARATOR
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u061c",  # ARABIC LETTER MARK
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR
    "\u034f",  # COMBINING GRAPHEME JOINER
    "\ufe00",  # VARIATION SELECTOR-1
    "\ufe0f",  # VARIATION SELECTOR-16
    "\U000e0101",  # VARIATION SELECTOR-18
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A
    "\u0301",  # COMBINING ACUTE ACCENT
    "\u3164",  # HANGUL FILLER
]


@pytest.mark.parametrize("hiding", HIDING, ids=[f"U+{ord(c):04X}" for c in HIDING])
def test_an_invisible_character_does_not_split_a_name(masked: Masker, hiding: str) -> None:
    assert masked.text(f"与王{hiding}建华面谈") == "与王**面谈"
    assert masked.text(f"走访东村{hiding}三组12号") == "走访（住址已隐去）"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张伟反映承包地被占", "张*反映承包地被占"),
        ("与欧阳明面谈", "与欧**面谈"),
        ("李国强反映", "李**反映"),
        ("赵雪梅为代表", "赵**为代表"),
        ("钱小红来访", "钱**来访"),
        ("孙立新来访", "孙**来访"),
        ("约周永康、吴秀英面谈", "约周**、吴**面谈"),
        ("郑海涛和冯丽娟反映", "郑**和冯**反映"),
        ("何志明住西村八组8号", "何**住（住址已隐去）"),
        ("户主（户主）", "户主（户主）"),  # a remark alone names nobody
    ],
)
def test_a_name_as_a_clerk_types_it(masked: Masker, text: str, expected: str) -> None:
    assert masked.text(text) == expected


def test_the_name_field_of_such_names() -> None:
    assert mask_name("周永康/吴秀英") == "周**/吴**"
    assert mask_name("郑海涛；冯丽娟") == "郑**；冯**"
    assert name_parts("李国强（户主）") == ("李国强（户主）", "李国强")
    assert name_parts("张 伟") == ("张 伟", "张", "伟", "张伟")


# An ID whose check digit X is typed lower case, and numbers whose groups are separated by a
# no-break, en or zero-width space: spaces as DESIGN means them. Before, validate let each pass
# and the site showed the ID in full.
SLIPPED = [
    ("身份证11010519491231002x", "身份证（号码已隐去）"),
    ("电话138\u00a01234\u00a05678", "电话（号码已隐去）"),
    ("电话138\u20021234\u20025678", "电话（号码已隐去）"),
    ("电话138\u202f1234\u202f5678", "电话（号码已隐去）"),
]


@pytest.mark.parametrize(("text", "expected"), SLIPPED)
def test_a_number_with_a_lower_case_x_or_an_odd_space(text: str, expected: str) -> None:
    assert Masker([], MASKED).text(text) == expected
    assert Masker([], FULL).text(text) == expected


def test_validate_refuses_them(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    minimal = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    for i, (text, _) in enumerate(SLIPPED, start=1):
        (repo / f"cases/dongcun/dongcun-00{i}.yaml").write_text(
            minimal + f'备注: "{text}"\n',
            encoding="utf-8",
        )
    result = cli("validate", "--today", TODAY, "--format", "json")
    report = json.loads(result.out)
    assert result.code == 1
    assert [(p["path"], p["rule"], p["message"]) for p in report["problems"]] == [
        ("cases/dongcun/dongcun-001.yaml", "personal-number", f"“备注”中有身份证号{RULE}"),
        ("cases/dongcun/dongcun-002.yaml", "personal-number", f"“备注”中有手机号{RULE}"),
        ("cases/dongcun/dongcun-003.yaml", "personal-number", f"“备注”中有手机号{RULE}"),
        ("cases/dongcun/dongcun-004.yaml", "personal-number", f"“备注”中有手机号{RULE}"),
    ]


@pytest.mark.parametrize(
    ("raw", "person"),
    [
        ("信访人:\n  姓名: 张伟\n  住址: 东村1号\n", ("张伟", "东村1号")),
        # Earlier versions the schema would refuse, committed anyway and corrected later: their
        # name is still a name (it was masked nowhere before).
        ("信访人: 张伟（东村1号）\n", ("张伟（东村1号）", "")),
        ("信访人: [张伟, 东村1号]\n", ("张伟、东村1号", "")),
        ("信访人:\n  姓名: [张伟, 刘芳]\n  住址: 东村1号\n", ("张伟、刘芳", "东村1号")),
        ("姓名: 张伟\n住址: 东村1号\n", ("张伟", "东村1号")),
        ("信访人:\n  姓名: 3\n", None),
    ],
)
def test_an_earlier_version_of_another_shape_gives_up_its_petitioner(
    raw: str, person: tuple[str, str] | None
) -> None:
    assert read_version(raw.encode()).person == person


def test_a_name_from_a_misshapen_earlier_version_is_masked_on_the_site(tmp_path: Path) -> None:
    """Committed once as ``信访人: 张伟`` (no validate), then corrected to 张玮; another case
    names 张伟 in its text: the masked site shows 张*."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copy(ROOT / "campaign.yaml", repo.root / "campaign.yaml")
    repo.write("cases/dongcun/dongcun-901.yaml", "排查日期: 2019-07-03\n信访人: 张伟\n")
    repo.commit("录入")
    repo.put("dongcun-901", case_data("2019-07-03", 信访人={"姓名": "张玮", "住址": "东村1号"}))
    repo.put("xicun-901", case_data("2019-07-04", 主要诉求="与张伟因宅基地起纠纷"))
    repo.commit("更正")
    out = tmp_path / "site"
    build(Options(root=repo.root, out=out, today=TODAY_DATE), today_given=TODAY_DATE)
    page = (out / "cases/xicun/xicun-901.html").read_text(encoding="utf-8")
    assert "<tr><th>主要诉求</th><td>与张*因宅基地起纠纷</td></tr>" in page
    assert "张伟" not in page


def test_a_compatibility_ideograph_or_radical_does_not_hide_a_name() -> None:
    """李 U+F9E1 and 辛 U+2F9F (Kangxi radical) look like 李 and 辛: the text is searched as
    NFKC reads them, and a 姓名 typed with them matches the plain text."""
    mask = Masker([("李国强", "东村1号"), ("\u2f9f小梅", "西村1号")], MASKED)
    assert mask.text("与\uf9e1国强面谈") == "与\uf9e1**面谈"
    assert mask.text("约辛小梅、\u2f9f小梅面谈") == "约辛**、\u2f9f**面谈"
