"""Privacy of the built site: with default settings no petitioner's full name or address appears in
any file under the output (pages, data files, search index, downloads unzipped, git history)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.core import privacy
from generator.ledger.model import Case
from generator.ledger.validate import load_ledger
from generator.site.build import Options, build
from tests.gitutil import git

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
GROUP = re.compile(r"等[0-9]+人$")
BANNER = "本网站包含信访人的完整个人信息（姓名、住址）"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample in a git repository whose commit subjects name petitioners, as clerks do."""
    root = tmp_path_factory.mktemp("private")
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "campaign.yaml")
    git(root, "commit", "-q", "-m", "活动信息")
    for unit in sorted((root / "cases").iterdir()):
        for path in sorted(unit.iterdir())[:3]:
            name = path.read_text(encoding="utf-8").split("姓名: ", 1)[1].split("\n", 1)[0]
            git(root, "add", str(path.relative_to(root)))
            git(root, "commit", "-q", "-m", f"新增{name}反映的问题")
    git(root, "add", "cases")
    git(root, "commit", "-q", "-m", "其余案件")
    return root


@pytest.fixture(scope="module")
def cases(repo: Path) -> list[Case]:
    ledger = load_ledger(repo, TODAY)
    assert ledger.problems == []
    return ledger.cases


def secrets(cases: list[Case]) -> set[str]:
    """Every petitioner's full name (without 等N人) and address of two characters or more."""
    out: set[str] = set()
    for case in cases:
        for value in (
            case.petitioner_name,
            GROUP.sub("", case.petitioner_name),
            case.petitioner_address,
        ):
            if len(value) >= 2:
                out.add(value)
    return out


def texts(folder: Path) -> dict[str, str]:
    """The text of every file: zip members (xlsx) and gzip unpacked, JSON escapes decoded,
    and jieba's zero-width spaces (search index) removed so that a split name is still found."""
    out: dict[str, str] = {}

    def add(name: str, data: bytes) -> None:
        if name.endswith(".json"):
            text = json.dumps(json.loads(data), ensure_ascii=False)
        else:
            text = data.decode("utf-8", errors="replace")
        out[name] = text.replace("\u200b", "")

    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    add(f"{rel}!{member}", archive.read(member))
        elif rel.endswith(".gz"):
            add(rel[:-3], gzip.decompress(data))
        else:
            add(rel, data)
    return out


@pytest.fixture(scope="module")
def masked_site(repo: Path) -> Path:
    build(Options(root=repo, out=repo / "site", today=TODAY), today_given=TODAY)
    return repo / "site"


def test_no_full_name_or_address_anywhere(masked_site: Path, cases: list[Case]) -> None:
    found = texts(masked_site)
    assert "search/search_index.json" in found and "data/ledger.json" in found
    assert any("!xl/worksheets/" in name for name in found), "downloads unzipped"
    leaks = [(name, s) for name, text in found.items() for s in secrets(cases) if s in text]
    assert leaks == []


def test_masked_forms_and_history_without_subjects_are_shown(
    masked_site: Path, cases: list[Case]
) -> None:
    case = next(c for c in cases if c.id == "dongcun-001")  # committed with its name in the subject
    page = (masked_site / "cases" / "dongcun" / "dongcun-001.html").read_text(encoding="utf-8")
    masked = privacy.mask_name(case.petitioner_name)
    assert f"<tr><th>信访人姓名</th><td>{masked}</td></tr>" in page
    assert "<td>办事员</td><td>新建</td>" in page and "反映的问题" not in page
    assert page.count("<td>办事员</td>") == 1


def test_ledger_downloads_say_they_are_masked(masked_site: Path) -> None:
    found = texts(masked_site)
    sheets = {
        n: t for n, t in found.items() if n.startswith("downloads/") and "!xl/worksheets/" in n
    }
    # 7 period 汇总表; the office workbook: 汇总表 and 12 台账; each unit: 台账 and 汇总表
    assert len(sheets) == 7 + (1 + 12) + 12 * 2
    ledgers = [n for n in sheets if n.startswith("downloads/ledger-")]
    assert len(ledgers) == (1 + 12) + 12 * 2
    assert [n for n in ledgers if "（脱敏）" not in sheets[n]] == []
    # The 汇总表 holds no personal data: the official form (tests/test_site_downloads.py).
    assert [n for n in sheets if n not in ledgers and "（脱敏）" in sheets[n]] == []


def test_full_mode_shows_the_banner_on_every_page(repo: Path, cases: list[Case]) -> None:
    out = repo / "site-full"
    build(Options(root=repo, out=out, today=TODAY, privacy=privacy.FULL), today_given=TODAY)
    # admin/ is the web editor (Decap's own page), not a page of the site
    pages = sorted(p for p in out.rglob("*.html") if p.parent != out / "admin")
    assert len(pages) > len(cases)
    assert [p for p in pages if BANNER not in p.read_text(encoding="utf-8")] == []
    page = (out / "cases" / "dongcun" / "dongcun-007.html").read_text(encoding="utf-8")
    case = next(c for c in cases if c.id == "dongcun-007")
    assert f"<tr><th>信访人住址</th><td>{case.petitioner_address}</td></tr>" in page
    # The complete site's downloads are the official forms (tests/test_site_downloads.py).
    downloads = "".join(texts(out / "downloads").values())
    assert [s for s in secrets(cases) if s not in downloads] == []


def test_masked_site_has_no_banner(masked_site: Path) -> None:
    assert BANNER not in (masked_site / "index.html").read_text(encoding="utf-8")
