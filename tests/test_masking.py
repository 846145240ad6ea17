"""The masking engine (``privacy.Masker``) on its own: exact outputs, and a property test that
compares its Aho–Corasick matching with a plain search for every occurrence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core import privacy
from generator.core.privacy import FULL, MASKED, Masker
from generator.ledger.model import Case, Department, Measure, Person
from generator.site.context import build_site

PEOPLE = [
    ("王建华", "东村三组12号"),
    ("张伟、刘芳", "南庄村五组3号"),
    ("赵雪梅等6人", "刘寨村二组7号"),
    ("欧阳明", "清风社区3号楼1单元101室"),
    ("欧阳明华", "Ａ座１０１"),
    ("王和平与李四海", "西村九组1号"),
    ("于", "西村四组1号"),  # one character: never searched for in text
]


@pytest.fixture(scope="module")
def masked() -> Masker:
    return Masker(PEOPLE, MASKED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another case's petitioner inside brackets that are already there: no second pair.
        ("与邻居王建华（东村三组12号）因宅基地起纠纷", "与邻居王**（住址已隐去）因宅基地起纠纷"),
        ("到王建华家(东村三组12号)走访", "到王**家(住址已隐去)走访"),
        ("（住东村三组12号，王建华）", "（住住址已隐去，王**）"),  # the nearest brackets count
        ("走访东村三组12号", "走访（住址已隐去）"),
        # A lone bracket beside the span is kept, and brackets right around it become one pair
        # whatever their widths: never a second pair (到史*家（(住址已隐去)）走访, issue 12).
        ("东村三组12号）", "住址已隐去）"),
        ("（东村三组12号", "（住址已隐去"),
        ("到王建华家（(东村三组12号)）走访", "到王**家（住址已隐去）走访"),
        ("到王建华家(（东村三组12号）)走访", "到王**家(住址已隐去)走访"),
        ("到王建华家（东村三组12号)走访", "到王**家（住址已隐去）走访"),
        ("到王建华家(东村三组12号）走访", "到王**家（住址已隐去）走访"),
        ("到王建华家【［东村三组12号］）走访", "到王**家（住址已隐去）走访"),
        ("（东村三组12号，王建华)", "（住址已隐去，王**)"),
        ("电话(13812345678）", "电话（号码已隐去）"),
        # Each person of a joint 姓名, and the 姓名 as written.
        ("张伟和刘芳反映：承包地被占", "张*和刘*反映：承包地被占"),
        ("约张伟、刘芳面谈", "约张*、刘*面谈"),
        ("赵雪梅等6人来访；赵雪梅为代表", "赵**等6人来访；赵**为代表"),
        # A name inside a longer name, and names sharing characters: one span, all masked.
        ("欧阳明华与欧阳明是兄弟", "欧***与欧**是兄弟"),
        ("王和平来访，李四海陪同", "王**来访，李**陪同"),
        ("王和平与李四海", "王******"),
        # Width and case do not hide an address; invisible characters do not split a name.
        ("住东村三组１２号", "住（住址已隐去）"),
        ("在a座101开会", "在（住址已隐去）开会"),
        ("与王\u200b建华面谈", "与王**面谈"),
        # One character names nothing; ordinary words stay.
        ("于是召开协调会", "于是召开协调会"),
        # Personal numbers, full-width digits and separators included, amounts and dates not.
        ("电话138 1234 5678", "电话（号码已隐去）"),
        ("（身份证１１０１０５１９４９１２３１００２Ｘ）", "（身份证号码已隐去）"),
        ("卡号6222-0212-3456-7890-128，补偿款150000元", "卡号（号码已隐去），补偿款150000元"),
        ("2019-07-05 座机0571-88888888", "2019-07-05 座机（号码已隐去）"),
    ],
)  # fmt: skip
def test_text(masked: Masker, text: str, expected: str) -> None:
    assert masked.text(text) == expected
    assert masked.text(expected) == expected  # masks map to themselves


def test_full_mode_masks_numbers_only() -> None:
    full = privacy.masker(FULL, [])
    text = "王建华（东村三组12号）电话13812345678"
    assert full.text(text) == "王建华（东村三组12号）电话（号码已隐去）"
    assert full.name("张伟、刘芳") == "张伟、刘芳"


def _case(**over: object) -> Case:
    fields: dict[str, object] = dict(
        id="xicun-901",
        unit="xicun",
        screened_on=dt.date(2019, 7, 3),
        petitioner_name="张伟、刘芳",
        petitioner_address="南庄村五组3号",
        people_count=2,
        location="南庄村五组",
        category="邻里纠纷",
        demand="与邻居王建华（东村三组12号）因宅基地起纠纷",
        risk="高",
        leader=Person("李志强", "办事处主任"),
        department=Department("综治办", "赵敏", "主任"),
        police=Person("孙立", "社区民警 13912345678"),
        measures=(Measure(dt.date(2019, 7, 5), "约张伟和刘芳面谈"),),
        resolved=False,
        resolved_on=None,
        resolution=None,
        typical=False,
        note="电话13812345678",
    )
    fields.update(over)
    return Case(**fields)  # type: ignore[arg-type]


def test_case_masked_and_full(masked: Masker) -> None:
    case = _case()
    shown = masked.case(case)
    assert (shown.petitioner_name, shown.petitioner_address) == ("张*、刘*", "")
    assert shown.demand == "与邻居王**（住址已隐去）因宅基地起纠纷"
    assert shown.measures == (Measure(dt.date(2019, 7, 5), "约张*和刘*面谈"),)
    assert shown.note == "电话（号码已隐去）"
    # Officials stay in full, only a number is masked.
    assert shown.leader == case.leader and shown.department == case.department
    assert shown.police == Person("孙立", "社区民警 （号码已隐去）")
    assert masked.case(case, address=privacy.ADDRESS_MASK).petitioner_address == "（住址已隐去）"

    full = privacy.masker(FULL, [case]).case(case)
    assert (full.petitioner_name, full.petitioner_address) == ("张伟、刘芳", "南庄村五组3号")
    assert full.demand == case.demand and full.note == "电话（号码已隐去）"


def test_build_site_masks_earlier_versions_and_authors() -> None:
    """``earlier`` (from git history, read at the edge) is masked like the current names."""
    from generator.git.history import Change
    from generator.ledger.validate import load_campaign
    from tests.conftest import ROOT

    campaign, _ = load_campaign(ROOT)
    assert campaign is not None
    case = _case(demand="孙建军（更名前）反映宅基地纠纷", path="cases/xicun/xicun-901.yaml")
    history = {case.path: (Change("2019-07-03 09:00", "办事员 13812345678", "新建"),)}
    today = dt.date(2019, 9, 25)
    site = build_site(campaign, [case], today, MASKED, history, earlier=[("孙建军", "东村一组1号")])
    assert site.cases[0].demand == "孙**（更名前）反映宅基地纠纷"
    assert site.history[case.path] == (Change("2019-07-03 09:00", "办事员 （号码已隐去）", "新建"),)
    full = build_site(campaign, [case], today, FULL, history, earlier=[("孙建军", "东村一组1号")])
    assert full.cases[0].demand == case.demand
    assert full.history[case.path][0].author == "办事员 （号码已隐去）"


def test_name_parts_reads_every_joining_word() -> None:
    # 王和平与李四: 和 inside 王和平 and 与 between two people; the old split missed 王和平.
    assert privacy.name_parts("王和平与李四") == ("王和平与李四", "王和平", "平与李四", "李四")


# A small alphabet makes names overlap and nest often.
_NAMES = st.lists(st.text(alphabet="甲乙丙丁", min_size=2, max_size=4), min_size=1, max_size=6)
_TEXT = st.text(alphabet="甲乙丙丁，", max_size=40)


@settings(max_examples=300, deadline=None)
@given(names=_NAMES, text=_TEXT)
def test_every_occurrence_is_masked(names: list[str], text: str) -> None:
    """Same result as masking every occurrence of every name, found one by one with str.find."""
    expected = list(text)
    for name in names:
        start = text.find(name)
        while start != -1:
            for i in range(start + 1, start + len(name)):  # the surname stays, the rest is *
                expected[i] = "*"
            start = text.find(name, start + 1)
    assert Masker([(n, "") for n in names]).text(text) == "".join(expected)


_PERSON = st.text(alphabet="王李张刘陈杨欧阳建华芳伟明秀英", min_size=2, max_size=4)


@st.composite
def _petitioners(draw: st.DrawFn) -> tuple[list[str], str, str]:
    """People, the 姓名 that lists them (joined with 、 or as 等N人) and a text that names them."""
    people = draw(st.lists(_PERSON, min_size=1, max_size=3, unique=True))
    name = draw(st.sampled_from(["、".join(people), f"{people[0]}等{len(people) + 2}人"]))
    filler = st.text(alphabet="，。约面谈反映和与等人的", max_size=6)
    words = draw(st.lists(st.sampled_from(people), min_size=1, max_size=5))
    text = "".join(draw(filler) + w for w in words) + draw(filler)
    return people if "、" in name else people[:1], name, text


@settings(max_examples=200, deadline=None)
@given(_petitioners())
def test_no_full_name_gets_through_a_masked_case(found: tuple[list[str], str, str]) -> None:
    people, name, text = found
    case = _case(petitioner_name=name, demand=text, note=text, location=text,
                 measures=(Measure(dt.date(2019, 7, 5), text),))  # fmt: skip
    shown = privacy.masker(MASKED, [case]).case(case)
    texts = [shown.petitioner_name, shown.demand, shown.note, shown.location]
    texts += [m.text for m in shown.measures]
    for person in people:
        assert not [t for t in texts if person in t], (person, texts)
    assert shown.petitioner_address == ""
