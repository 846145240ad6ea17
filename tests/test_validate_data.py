"""The validator against example files, discovered automatically (check-jsonschema style).

- ``tests/data/valid/<name>.yaml``: a case file that must pass. It is checked as
  ``cases/dongcun/<编号 or dongcun-001>.yaml`` in a repository with the sample campaign.yaml.
- ``tests/data/invalid/<name>/``: a repository overlay (a ``cases/`` tree, optionally its own
  ``campaign.yaml``) and ``expected.txt``, the exact output of
  ``python -m generator validate --today 2019-09-30`` (or the date in ``today.txt``) on it.

To add a case, add a file or a folder; no code changes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.ledger.model import Case
from generator.ledger.validate import load_ledger
from generator.ledger.yamlload import Document, load_bytes
from tests.conftest import Result

Cli = Callable[..., Result]

DATA = Path(__file__).resolve().parent / "data"
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
TODAY = "2019-09-30"
META = ("expected.txt", "today.txt")
TOO_BIG = "文件大小 {:.1f} MB，超过 1 MB 的上限（案件文件通常只有几 KB）"


def today_of(example: Path) -> str:
    marker = example / "today.txt"
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else TODAY


def overlay(example: Path, repo: Path) -> None:
    """Copy an invalid example's tree over the repository (its campaign.yaml wins)."""
    shutil.copytree(example, repo, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*META))


def place_valid(example: Path, repo: Path) -> str:
    """Put a valid example where its 编号 says (dongcun-001 without one); return the path."""
    case_id = load_bytes(example.read_bytes()).data.get("编号") or "dongcun-001"
    rel = f"cases/dongcun/{case_id}.yaml"
    (repo / "cases/dongcun").mkdir(exist_ok=True)
    shutil.copyfile(example, repo / rel)
    return rel


def load_one(repo: Path) -> Case:
    ledger = load_ledger(repo, dt.date.fromisoformat(TODAY))
    assert ledger.problems == []
    (case,) = ledger.cases
    return case


def test_examples_exist() -> None:
    assert len(VALID) >= 10
    assert len(INVALID) >= 60
    for example in INVALID:
        assert (example / "expected.txt").is_file(), example.name
        assert (example / "cases").is_dir() or (example / "campaign.yaml").is_file()


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.stem)
def test_valid_example(example: Path, repo: Path, cli: Cli) -> None:
    place_valid(example, repo)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err, result.out) == (0, "", "检查了 2 个文件，发现 0 个问题\n")


@pytest.mark.parametrize("example", INVALID, ids=lambda p: p.name)
def test_invalid_example(example: Path, repo: Path, cli: Cli) -> None:
    overlay(example, repo)
    result = cli("validate", "--today", today_of(example))
    expected = (example / "expected.txt").read_text(encoding="utf-8")
    assert (result.code, result.err, result.out) == (1, "", expected)
    assert not (repo / "pwned").exists()  # the python-tag example's payload never ran


def test_every_problem_line_has_a_position_and_no_english() -> None:
    """Every expected line reads ``PATH:LINE:COL: message`` and the message is Chinese."""
    for example in INVALID:
        *lines, summary = (example / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert summary.startswith("检查了 ") and summary.endswith(" 个问题"), example.name
        assert lines, example.name
        for line in lines:
            path, line_no, col, message = line.split(":", 3)
            assert path.startswith(("cases/", "campaign.yaml")), line
            assert int(line_no) >= 1 and int(col) >= 1, line
            assert message.startswith(" ") and any("\u4e00" <= ch <= "\u9fff" for ch in message)
            assert "YAML 格式错误：" not in message, line  # an untranslated libyaml message


def test_all_bad_files_in_one_run(repo: Path, cli: Cli) -> None:
    """Every bad file of every example (those using the sample campaign) in one repository:
    each problem is still reported, nothing hides anything else, and a 20 MB file joins them."""
    expected: list[str] = []
    files = 1
    taken: set[Path] = set()
    for example in INVALID:
        if (example / "campaign.yaml").exists() or today_of(example) != TODAY:
            continue
        paths = {
            p.relative_to(example) for p in example.rglob("*") if p.is_file() and p.name not in META
        }
        assert not paths & taken, f"{example.name} reuses a path of another example"
        taken |= paths
        overlay(example, repo)
        *lines, summary = (example / "expected.txt").read_text(encoding="utf-8").splitlines()
        expected += lines
        files += int(summary.split()[1]) - 1  # campaign.yaml is counted once
    (repo / "cases/xicun").mkdir(exist_ok=True)
    (repo / "cases/xicun/xicun-001.yaml").write_bytes(b"#" * (20 * 1024 * 1024))
    expected.append(f"cases/xicun/xicun-001.yaml:1:1: {TOO_BIG.format(20.0)}")
    files += 1
    assert len(expected) >= 70

    result = cli("validate", "--today", TODAY)
    *lines, summary = result.out.splitlines()
    assert (result.code, result.err) == (1, "")
    assert sorted(lines) == sorted(expected)
    assert lines == sorted(lines, key=_position)  # ordered by file, then place in the file
    assert summary == f"检查了 {files} 个文件，发现 {len(expected)} 个问题"


def _position(line: str) -> tuple[str, int, int]:
    path, line_no, col, _ = line.split(":", 3)
    return path, int(line_no), int(col)


def test_twenty_megabytes_are_refused_unread(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "cases/dongcun").mkdir()
    (repo / "cases/dongcun/dongcun-001.yaml").write_bytes(b"a" * (20 * 1024 * 1024))

    def small_only(raw: bytes, *args: object) -> Document:
        assert len(raw) < 1024 * 1024, "a 20 MB file was read into memory"
        return load_bytes(raw, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("generator.ledger.validate.load_bytes", small_only)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.out) == (
        1,
        f"cases/dongcun/dongcun-001.yaml:1:1: {TOO_BIG.format(20.0)}\n"
        "检查了 2 个文件，发现 1 个问题\n",
    )


def test_size_limit_is_one_megabyte(repo: Path, cli: Cli) -> None:
    (repo / "cases/dongcun").mkdir()
    text = (DATA / "valid/minimal.yaml").read_bytes()
    at_limit = text + b"#" * (1024 * 1024 - len(text))
    (repo / "cases/dongcun/dongcun-001.yaml").write_bytes(at_limit)
    (repo / "cases/dongcun/dongcun-002.yaml").write_bytes(at_limit + b"#")
    result = cli("validate", "--today", TODAY)
    assert result.out == (
        f"cases/dongcun/dongcun-002.yaml:1:1: {TOO_BIG.format(1.1)}\n"
        "检查了 3 个文件，发现 1 个问题\n"
    )


def test_python_tag_is_never_executed(
    repo: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The payload is real: PyYAML's unsafe loader runs it; our loader never does."""
    example = DATA / "invalid/python-tag"
    (source,) = example.glob("cases/*/*.yaml")
    overlay(example, repo)
    assert cli("validate", "--today", TODAY).code == 1
    assert not (repo / "pwned").exists()

    control = tmp_path_factory.mktemp("control")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(control)
        yaml.unsafe_load(source.read_text(encoding="utf-8"))
    assert (control / "pwned").exists()


def test_crlf_line_endings_mean_the_same(repo: Path) -> None:
    place_valid(DATA / "valid/full.yaml", repo)
    expected = load_one(repo)
    path = repo / "cases/dongcun/dongcun-001.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_one(repo) == expected


@pytest.mark.parametrize(
    "variant", ["bom", "quoted-dates", "flow-style", "comments"], ids=lambda name: name
)
def test_variants_mean_the_same_as_full(variant: str, repo: Path, tmp_path: Path) -> None:
    place_valid(DATA / "valid/full.yaml", repo)
    full = load_one(repo)
    place_valid(DATA / f"valid/{variant}.yaml", repo)
    assert load_one(repo) == full
    assert full.screened_on == dt.date(2019, 7, 3)
    assert full.petitioner_name == "王建国"  # no BOM glued to anything


@pytest.mark.parametrize("name", ["web-editor-empties", "web-editor-empty-objects"])
def test_web_editor_empties_count_as_absent(name: str, repo: Path) -> None:
    place_valid(DATA / f"valid/{name}.yaml", repo)
    case = load_one(repo)
    measures = 0 if name == "web-editor-empties" else 1  # 工作措施: [] in the first
    assert (case.police, len(case.measures), case.resolved_on, case.resolution) == (
        None,
        measures,
        None,
        None,
    )
    assert (case.typical, case.note) == (False, "")


def test_text_that_yaml_11_would_mistype(repo: Path) -> None:
    place_valid(DATA / "valid/yaml12-text.yaml", repo)
    case = load_one(repo)
    assert (case.location, case.demand, case.note) == ("0571", "yes", "on")


def test_group_petitioner_and_sorted_measures(repo: Path) -> None:
    place_valid(DATA / "valid/group-petitioner.yaml", repo)
    case = load_one(repo)
    assert (case.petitioner_name, case.people_count) == ("王建国等5人", 5)
    (repo / "cases/dongcun/dongcun-001.yaml").unlink()
    place_valid(DATA / "valid/measures-unordered-and-after-resolution.yaml", repo)
    case = load_one(repo)
    assert [m.date.isoformat() for m in case.measures] == [
        "2019-07-03",
        "2019-08-10",
        "2019-09-02",
        "2019-09-30",
    ]
    assert case.resolved_on == dt.date(2019, 8, 20)


def test_block_scalars(repo: Path) -> None:
    place_valid(DATA / "valid/block-scalars.yaml", repo)
    case = load_one(repo)
    assert case.demand == "要求按 2018 年标准补足拆迁安置补偿款；\n要求解决过渡期租房费用\n"
    assert case.measures[0].text == "入户走访， 核实补偿标准"


README_EXAMPLES = [
    "fullwidth-colon",
    "enum-risk-level",
    "resolved-before-screened",
    "leader-not-in-list",
    "gbk-encoding",
    "leader-title-not-roster",
    "case-in-other-units-folder",
]


def test_readme_example_is_real_output(repo: Path, cli: Cli) -> None:
    """The error lines README.md shows are what validate prints for those examples."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 校验与错误信息", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    for name in README_EXAMPLES:
        overlay(DATA / "invalid" / name, repo)
    assert cli("validate", "--today", TODAY).out == shown


def test_unreadable_file(repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    place_valid(DATA / "valid/full.yaml", repo)
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "dongcun-001.yaml":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = cli("validate", "--today", TODAY)
    assert (result.code, result.err, result.out) == (
        1,
        "",
        "cases/dongcun/dongcun-001.yaml:1:1: 无法读取文件：没有读取权限\n"
        "检查了 2 个文件，发现 1 个问题\n",
    )
