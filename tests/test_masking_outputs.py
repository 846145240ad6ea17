"""Masking in every output (issue 9): the sample plus adversarial cases, built in a real git
repository, then every page, data file, download, the search index and the pull-request diff.

The adversarial cases name other petitioners, write joint names (张伟、刘芳) apart in the text,
put addresses and personal numbers (full-width digits, separators) into free text. ``validate``
refuses personal numbers (rule ``personal-number``); here that one rule is waived, as if a number
had slipped past it, to prove that masking catches it in every output and both privacy modes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html
import io
import json
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from generator.cli.main import main
from generator.core import privacy
from generator.ledger import validate
from generator.ledger.records import case_from_dict
from generator.site.build import Options, build
from tests.casemaker import case_data
from tests.conftest import ROOT
from tests.diffrepo import GitRepo

TODAY = dt.date(2026, 11, 29)
JOINT = "张伟、刘芳"

# Hand-made lists, independent of the code under test: every person's name as text may write it,
# each address, and each planted number as its digits.
FIXTURE_NAMES = ("张伟、刘芳", "张伟", "刘芳", "赵雪梅等6人", "赵雪梅", "欧阳明", "欧阳明华",
                 "王和平与李四海", "王和平", "李四海", "钱小红", "邵 兵", "邵兵")  # fmt: skip
FIXTURE_ADDRESSES = ("南庄村五组3号", "刘寨村二组7号", "清风社区3号楼1单元101室",
                     "幸福里社区8号楼2单元502室", "西村九组1号", "西村二组8号",
                     "东村一组9号", "西村十组2号")  # fmt: skip
NUMBERS = ("13812345678", "13912345678", "11010519491231002X", "6222021234567890128",
           "057188888888", "110105491231002")  # fmt: skip
CROSS_DEMAND = "与邻居王建华（东村三组12号）因宅基地边界起纠纷，要求调解"
CROSS_MASKED = "与邻居王**（住址已隐去）因宅基地边界起纠纷，要求调解"
JOINT_DEMAND = "张伟和刘芳反映：承包地被邻村占用，要求退还"
JOINT_MASKED = "张*和刘*反映：承包地被邻村占用，要求退还"
NUMBER_DEMAND = "要求补发工资，联系电话138 1234 5678"
NUMBER_NOTE = (
    "身份证号１１０１０５１９４９１２３１００２Ｘ（本人提供），卡号6222-0212-3456-7890-128"
)
NUMBER_DEMAND_MASKED = "要求补发工资，联系电话（号码已隐去）"
NUMBER_NOTE_MASKED = "身份证号（号码已隐去）（本人提供），卡号（号码已隐去）"
AUTHOR = "信访办（电话13912345678）"


def _case(screened: str, name: str, address: str, **over: Any) -> dict[str, Any]:
    return case_data(screened, **{"信访人": {"姓名": name, "住址": address}, **over})


def base_fixtures() -> dict[str, dict[str, Any]]:
    """The adversarial cases as first committed (texts still harmless)."""
    day = dt.date.fromisoformat
    return {
        "xicun-901": _case(
            "2019-07-10", "钱小红", "西村二组8号", 主要诉求="要求调解宅基地边界纠纷"
        ),
        "nanzhuang-901": _case(
            "2019-07-11", JOINT, "南庄村五组3号", 涉及人数=2, 问题类型="土地征用", 风险等级="高",
            主要诉求="要求退还被占承包地",
        ),
        "liuzhai-901": _case(
            "2019-07-12", "赵雪梅等6人", "刘寨村二组7号", resolved="2019-08-20", 涉及人数=6,
            问题类型="劳动社保", 典型案例=True, 主要诉求="要求补发工资",
        ),
        "qingfeng-901": _case("2019-07-13", "欧阳明", "清风社区3号楼1单元101室"),
        "xingfu-901": _case("2019-07-14", "欧阳明华", "幸福里社区8号楼2单元502室"),
        "xicun-902": _case("2019-07-15", "王和平与李四海", "西村九组1号", 涉及人数=2),
        "dongcun-901": _case(
            "2019-07-16", "欧阳明", "东村一组9号",  # a second case of one petitioner
            工作措施=[{"日期": day("2019-07-16"), "内容": "入户走访"}],
        ),
        "xicun-903": _case("2019-07-17", "邵 兵", "西村十组2号"),  # a space inside one name
    }  # fmt: skip


def head_fixtures() -> dict[str, dict[str, Any]]:
    """The pull request's version: names, addresses and numbers written into the free text."""
    day = dt.date.fromisoformat
    cases = base_fixtures()
    cases["xicun-901"]["主要诉求"] = CROSS_DEMAND
    cases["nanzhuang-901"] |= {
        "主要诉求": JOINT_DEMAND,
        "工作措施": [{"日期": day("2019-07-12"), "内容": "到张伟家走访，刘芳在场"}],
        "备注": NUMBER_NOTE,
    }
    cases["liuzhai-901"] |= {
        "主要诉求": NUMBER_DEMAND,
        "工作措施": [
            {"日期": day("2019-07-13"), "内容": "约赵雪梅、张伟到办事处沟通"},
            {"日期": day("2019-07-20"), "内容": "走访刘寨村二组7号，座机0571-88888888"},
            {"日期": day("2019-08-20"), "内容": "欧阳明华与欧阳明到场作证，旧证号110105491231002"},
        ],
    }
    cases["qingfeng-901"]["主要诉求"] = "与欧阳明华（幸福里社区８号楼２单元５０２室）因漏水起纠纷"
    cases["xicun-902"]["主要诉求"] = "王和平反映：李四海占用通道，要求恢复通行"
    cases["dongcun-901"]["工作措施"] = [
        {"日期": day("2019-07-16"), "内容": "与欧\u200b阳明面谈，电话13912345678"}
    ]
    cases["dongcun-901"]["问题属地"] = "西村九组1号门前"
    # Characters a reader does not see (bidi marks, combining marks, variation selectors) inside
    # names and an address, and an ID whose check digit is a lower-case x.
    cases["xicun-903"] |= {
        "主要诉求": "邵兵与王\u200e和平\u0301因通道纠纷，住西村\u2066十组2号",
        "备注": "邵\ufe0f兵提供身份证11010519491231002x",
    }
    return cases


def make_repo(root: Path) -> GitRepo:
    """The sample and the fixtures (tag ``base``), then the pull request's commit (HEAD)."""
    repo = GitRepo(root)
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    for case_id, data in base_fixtures().items():
        repo.put(case_id, data)
    repo.commit("录入案件")
    repo.git("tag", "base")
    for case_id, data in head_fixtures().items():
        repo.put(case_id, data)
    repo.env = {**repo.env, "GIT_AUTHOR_NAME": AUTHOR}
    repo.commit("补充案件情况")
    return repo


@contextlib.contextmanager
def personal_numbers_waived() -> Iterator[None]:
    """Cases with a personal number load as if the ``personal-number`` rule had let them pass."""
    real = validate.check_case_file

    def lenient(root: Path, rel: str, *args: Any) -> Any:
        case, problems = real(root, rel, *args)
        if case is None and problems and {p.rule for p in problems} == {"personal-number"}:
            _, unit, name = rel.split("/")
            data = validate.normalize_case(validate._read(root, rel).data)
            return case_from_dict(data, unit, name.removesuffix(".yaml"), rel), []
        return case, problems

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(validate, "check_case_file", lenient)
        yield


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), personal_numbers_waived():
        code = main([*args, "--today", TODAY.isoformat()])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("masking")).root


def _build(repo: Path, name: str, mode: str) -> Path:
    out = repo.parent / name
    with personal_numbers_waived():
        build(Options(root=repo, out=out, today=TODAY, privacy=mode), today_given=TODAY)
    return out


@pytest.fixture(scope="module")
def masked_site(repo: Path) -> Path:
    return _build(repo, "site-masked", privacy.MASKED)


@pytest.fixture(scope="module")
def full_site(repo: Path) -> Path:
    return _build(repo, "site-full", privacy.FULL)


# --- the scanner ---------------------------------------------------------------------------

_HALF = str.maketrans("０１２３４５６７８９Ｘｘx", "0123456789XXX")
_NUMBER_SEPARATORS = re.compile("[\\s\\-－‐‑–—]")
# What a reader does not see or reads as part of its neighbour: format characters (Cf: zero-width
# spaces, bidi marks, tags), combining marks (Mn, Me: accents, variation selectors) and fillers.
_UNSEEN = frozenset({"Cf", "Mn", "Me"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def _visible(text: str) -> str:
    return "".join(c for c in text if c not in _FILLERS and unicodedata.category(c) not in _UNSEEN)


def readable(name: str, data: bytes) -> str:
    """A file's text with what hides a name from a plain search undone."""
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)  # \\u escapes decoded
    text = html.unescape(html.unescape(text))  # entities, also inside JSON embedded in pages
    return _visible(text)  # the search index joins jieba's tokens with U+200B


def texts(paths: Path) -> dict[str, str]:
    """Every file under a folder, zip archives (xlsx) and gzip files opened."""
    out: dict[str, str] = {}
    files = [paths] if paths.is_file() else sorted(p for p in paths.rglob("*") if p.is_file())
    for path in files:
        rel = path.name if paths.is_file() else path.relative_to(paths).as_posix()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    out[f"{rel}!{member}"] = readable(member, archive.read(member))
        elif rel.endswith(".gz"):
            out[rel] = readable(rel[:-3], gzip.decompress(path.read_bytes()))
        else:
            out[rel] = readable(rel, path.read_bytes())
    return out


def secrets(root: Path) -> set[str]:
    """Every petitioner name and address of the sample (as written) and of the fixtures."""
    out = set(FIXTURE_NAMES) | set(FIXTURE_ADDRESSES)
    for path in (ROOT / "cases").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        name = re.search(r"^  姓名: (.+)$", text, re.M)
        address = re.search(r"^  住址: (.+)$", text, re.M)
        assert name and address
        out |= {name.group(1), re.sub("等[0-9]+人$", "", name.group(1)), address.group(1)}
    return {s for s in out if len(s) >= 2}


def leaks(found: dict[str, str], root: Path) -> list[tuple[str, str]]:
    """(file, what) for every name, address or planted number found."""
    names = secrets(root)
    out = [(f, s) for f, text in found.items() for s in sorted(names) if s in text]
    for f, text in found.items():
        digits = _NUMBER_SEPARATORS.sub("", text.translate(_HALF))
        out += [(f, n) for n in NUMBERS if n in digits]
    return out


# --- the repros ------------------------------------------------------------------------------


def _ledger_rows(site: Path) -> dict[str, dict[str, str]]:
    doc = json.loads((site / "data/ledger.json").read_text(encoding="utf-8"))
    titles = [c["title"] for c in doc["columns"]]
    return {r["id"]: dict(zip(titles, r["c"], strict=True)) for r in doc["rows"]}


def _sheet_rows(path: Path, sheet: str) -> dict[str, dict[str, Any]]:
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    return {r[rows[0].index("编号")]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def _field(page: str, label: str) -> str:
    match = re.search(f"<tr><th>{label}</th><td>(.*?)</td></tr>", page)
    assert match, label
    return match.group(1)


def test_another_petitioner_in_the_text(masked_site: Path, repo: Path) -> None:
    page = (masked_site / "cases/xicun/xicun-901.html").read_text(encoding="utf-8")
    assert _field(page, "主要诉求") == CROSS_MASKED
    assert _ledger_rows(masked_site)["xicun-901"]["主要诉求"] == CROSS_MASKED
    rows = _sheet_rows(masked_site / "downloads/ledger-xicun.xlsx", "台账")
    assert (rows["xicun-901"]["姓名"], rows["xicun-901"]["主要诉求"]) == ("钱**", CROSS_MASKED)
    code, markdown = run_cli(repo, "diff", "--base", "base", "--format", "markdown")
    assert code == 0
    escaped = CROSS_MASKED.replace("*", "\\*")
    assert f"| 主要诉求 | 要求调解宅基地边界纠纷 | {escaped} |" in markdown.splitlines()


def test_joint_names_in_the_text(masked_site: Path, repo: Path, tmp_path: Path) -> None:
    home = (masked_site / "index.html").read_text(encoding="utf-8")
    assert "<td>张*、刘*</td><td>土地征用</td><td>高</td>" in home
    assert f'<td class="tz-clip">{JOINT_MASKED}</td>' in home
    index = readable("x.json", (masked_site / "search/search_index.json").read_bytes())
    assert JOINT_MASKED in index and "张伟" not in index and "刘芳" not in index
    row = _ledger_rows(masked_site)["nanzhuang-901"]
    assert (row["姓名"], row["主要诉求"], row["工作措施"]) == (
        "张*、刘*",
        JOINT_MASKED,
        "2019-07-12 到张*家走访，刘*在场",
    )
    sheet = _sheet_rows(masked_site / "downloads/ledger-all.xlsx", "南庄村台账")["nanzhuang-901"]
    assert (sheet["姓名"], sheet["主要诉求"]) == ("张*、刘*", JOINT_MASKED)

    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    assert run_cli(copy, "anonymize")[0] == 0
    text = (copy / "cases/nanzhuang/nanzhuang-901.yaml").read_text(encoding="utf-8")
    assert "  姓名: 张*、刘*\n" in text and f"主要诉求: {JOINT_MASKED}\n" in text
    assert "    内容: 到张*家走访，刘*在场\n" in text
    assert leaks(texts(copy / "cases"), copy) == []


@pytest.mark.parametrize("mode", [privacy.MASKED, privacy.FULL])
def test_personal_numbers_in_both_modes(
    mode: str, masked_site: Path, full_site: Path, repo: Path
) -> None:
    site = masked_site if mode == privacy.MASKED else full_site
    page = (site / "cases/nanzhuang/nanzhuang-901.html").read_text(encoding="utf-8")
    assert _field(page, "备注") == NUMBER_NOTE_MASKED
    assert f"<td>{AUTHOR.replace('13912345678', '号码已隐去')}</td>" in page
    page = (site / "cases/liuzhai/liuzhai-901.html").read_text(encoding="utf-8")
    assert _field(page, "主要诉求") == NUMBER_DEMAND_MASKED
    assert _ledger_rows(site)["nanzhuang-901"]["备注"] == NUMBER_NOTE_MASKED
    assert _ledger_rows(site)["liuzhai-901"]["主要诉求"] == NUMBER_DEMAND_MASKED
    sheet = _sheet_rows(site / "downloads/ledger-liuzhai.xlsx", "台账")["liuzhai-901"]
    assert sheet["主要诉求"] == NUMBER_DEMAND_MASKED
    typical = (site / "typical.html").read_text(encoding="utf-8")
    assert f"{NUMBER_DEMAND_MASKED}</p>" in typical
    code, out = run_cli(repo, "diff", "--base", "base", "--format", "json", "--privacy", mode)
    assert code == 0
    fields = {
        (c["id"], f["key"]): f["new"] for c in json.loads(out)["changed"] for f in c["fields"]
    }
    assert fields[("nanzhuang-901", "备注")] == NUMBER_NOTE_MASKED
    assert fields[("liuzhai-901", "主要诉求")] == NUMBER_DEMAND_MASKED
    assert [n for n in NUMBERS if n in out] == []


# --- whole outputs ---------------------------------------------------------------------------


@pytest.mark.slow
def test_nothing_personal_in_any_file_of_the_masked_site(masked_site: Path, repo: Path) -> None:
    found = texts(masked_site)
    assert "search/search_index.json" in found and "data/ledger.json" in found
    assert "sitemap.xml.gz" in found
    assert any("!xl/worksheets/" in f or "!xl/sharedStrings" in f for f in found)
    assert leaks(found, repo) == []


def test_nothing_personal_in_the_pull_request_diff(repo: Path) -> None:
    for form in ("markdown", "text", "json"):
        code, out = run_cli(repo, "diff", "--base", "base", "--format", form)
        assert code == 0 and "nanzhuang-901" in out
        assert leaks({form: readable(f"x.{form}", out.encode())}, repo) == []


@pytest.mark.slow
def test_the_scanner_finds_what_is_there(full_site: Path, repo: Path, tmp_path: Path) -> None:
    """The scan above would catch a leak: in the complete site it finds the names."""
    found = leaks(texts(full_site), repo)
    where = {f for f, _ in found}
    # JSON with \\u escapes, the search index (U+200B between tokens), HTML pages.
    assert "data/ledger.json" in where and "search/search_index.json" in where
    assert "cases/nanzhuang/nanzhuang-901.html" in where
    assert {s for f, s in found if f == "data/ledger.json"} >= {JOINT, "南庄村五组3号"}
    # Numbers are masked on the complete site too; the case files hold them, typed with
    # full-width digits and separators, and the scanner sees each one.
    raw = leaks(texts(repo / "cases"), repo)
    assert {s for _, s in raw} >= set(NUMBERS)
    # A workbook (zip) and a gzip file are opened.
    code, _ = run_cli(repo, "export", "--out", str(tmp_path / "台账.xlsx"))
    assert code == 0
    (tmp_path / "x.json.gz").write_bytes(gzip.compress(json.dumps([JOINT]).encode()))
    found = leaks(texts(tmp_path), repo)
    assert ("x.json.gz", JOINT) in found
    assert any(f.startswith("台账.xlsx!xl/") and s == JOINT for f, s in found)
    code, markdown = run_cli(repo, "diff", "--base", "base", "--format", "markdown", "--privacy",
                             "full")  # fmt: skip
    assert ("markdown", "王建华") in leaks({"markdown": markdown}, repo)


def test_a_problem_quoting_a_value_is_masked(tmp_path: Path) -> None:
    """When the head is invalid the diff lists its problems; a message may quote a value."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copy(ROOT / "campaign.yaml", repo.root / "campaign.yaml")
    repo.put("dongcun-007", _case("2019-07-03", "王建华", "东村三组12号"))
    repo.commit("录入")
    repo.put("xicun-901", _case("2019-07-10", "钱小红", "西村二组8号", 风险等级="王建华"))
    repo.commit("新增")
    code, markdown = run_cli(repo.root, "diff", "--base", "HEAD~1", "--format", "markdown")
    assert code == 1
    message = "“风险等级”的值“王\\*\\*”不在可选范围内，应为：高、中、低"
    assert markdown.splitlines()[-1] == f"| cases/xicun/xicun-901\\.yaml\\:9\\:7 | {message} |"
