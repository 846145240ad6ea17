"""mkdocs.yml may change only what an office adjusts; anything else stops the build unwritten.

The repro from issue 9: a ``hooks:`` entry in the repository's mkdocs.yml ran arbitrary Python
during ``build``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from generator.ledger.yamlload import load_bytes
from generator.site import mkdocs_config as pages_config
from generator.site.build import Options, build

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
SHIPPED_TEXT = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
REFUSED = (
    "错误：mkdocs.yml 有误，网站未生成：其中只能修改 site_name、site_url、copyright、"
    "theme.palette、theme.features 和 extra，其余应保持产品自带的设置\n"
)
HOOK = """\
from pathlib import Path

Path(__file__).with_name("hook-ran").write_text("任意代码已运行", encoding="utf-8")
"""


def entries(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_the_shipped_mkdocs_yml_is_the_products_own_settings() -> None:
    # the repository's mkdocs.yml is a copy of the package's, which a repository without one uses
    packaged = files("generator.site").joinpath("mkdocs.yml").read_bytes()
    assert (ROOT / "mkdocs.yml").read_bytes() == packaged
    doc = load_bytes(packaged)
    assert doc.data == pages_config.shipped()
    assert pages_config.config_problems(doc) == []


def test_a_hook_is_refused_and_never_runs(sample_repo: Path, cli: Callable[..., Any]) -> None:
    # written relative to build/, where build used to write the mkdocs.yml MkDocs ran with
    (sample_repo / "evil.py").write_text(HOOK, encoding="utf-8")
    (sample_repo / "mkdocs.yml").write_text(
        SHIPPED_TEXT + "hooks:\n  - ../evil.py\n", encoding="utf-8"
    )
    line = SHIPPED_TEXT.count("\n") + 1
    before = entries(sample_repo)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        f"mkdocs.yml:{line}:1: 不允许的设置“hooks”\n检查了 1 个文件，发现 1 个问题\n",
        REFUSED,
    )
    assert not (sample_repo / "hook-ran").exists()
    assert entries(sample_repo) == before  # nothing written: no site, no lock, no build/


@pytest.mark.parametrize(
    ("addition", "problem"),
    [
        ("plugins:\n  - search:\n      lang: zh\n  - tags\n",
         "不允许修改“plugins”，应保持产品自带的设置"),
        ("theme:\n  name: material\n  custom_dir: mine\n", "不允许的设置“theme.custom_dir”"),
    ],
)  # fmt: skip
def test_an_extra_plugin_or_a_custom_dir_is_refused(
    sample_repo: Path, cli: Callable[..., Any], addition: str, problem: str
) -> None:
    key = addition.split(":", 1)[0]
    kept = SHIPPED_TEXT.split(f"\n{key}:", 1)[0] + "\n"  # the shipped settings before that key
    text = kept + addition
    (sample_repo / "mkdocs.yml").write_text(text, encoding="utf-8")
    at = f"{kept.count(chr(10)) + 1}:1" if key == "plugins" else f"{kept.count(chr(10)) + 3}:3"
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        f"mkdocs.yml:{at}: {problem}\n检查了 1 个文件，发现 1 个问题\n",
        REFUSED,
    )
    assert not (sample_repo / "site").exists()


def test_every_setting_of_its_own_is_listed_in_one_run(
    sample_repo: Path, cli: Callable[..., Any]
) -> None:
    (sample_repo / "mkdocs.yml").write_text(
        "site_name: 台账\n"
        "site_dir: /tmp/elsewhere\n"
        "docs_dir: docs\n"
        "theme:\n"
        "  name: mkdocs\n"
        "  custom_dir: mine\n"
        "  palette:\n"
        "    primary: red\n"
        "plugins:\n"
        "  - search:\n"
        "      lang: zh\n"
        "  - tags\n"
        "extra_javascript:\n"
        "  - assets/taizhang.js\n"
        "  - https://evil.example/x.js\n"
        "hooks:\n"
        "  - evil.py\n"
        "markdown_extensions:\n"
        "  - pymdownx.snippets\n"
        "strict: false\n",
        encoding="utf-8",
    )
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        "mkdocs.yml:2:1: 不允许的设置“site_dir”\n"
        "mkdocs.yml:3:1: 不允许的设置“docs_dir”\n"
        "mkdocs.yml:5:3: 不允许修改“theme.name”，应保持产品自带的设置\n"
        "mkdocs.yml:6:3: 不允许的设置“theme.custom_dir”\n"
        "mkdocs.yml:9:1: 不允许修改“plugins”，应保持产品自带的设置\n"
        "mkdocs.yml:13:1: 不允许修改“extra_javascript”，应保持产品自带的设置\n"
        "mkdocs.yml:16:1: 不允许的设置“hooks”\n"
        "mkdocs.yml:18:1: 不允许修改“markdown_extensions”，应保持产品自带的设置\n"
        "mkdocs.yml:20:1: 不允许修改“strict”，应保持产品自带的设置\n"
        "检查了 1 个文件，发现 9 个问题\n",
        REFUSED,
    )


def test_what_an_office_may_adjust_reaches_the_site(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(ROOT / "campaign.yaml", root / "campaign.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    adjusted = (
        SHIPPED_TEXT.replace("theme:\n", "theme:\n  palette:\n    primary: red\n")
        .replace("    - search.highlight\n", "    - search.highlight\n    - toc.follow\n")
        .replace("extra:\n", "extra:\n  homepage: https://intranet.example/\n")
        + "site_url: https://taizhang.example.gov.cn/\n"
        + "copyright: 某某街道办事处 信访办\n"
    )
    (root / "mkdocs.yml").write_text(adjusted, encoding="utf-8")
    today = dt.date.fromisoformat(TODAY)
    build(Options(root=root, out=root / "site", today=today), today_given=today)
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "某某街道办事处 信访办" in index
    assert 'data-md-color-primary="red"' in index
    assert '<link rel="canonical" href="https://taizhang.example.gov.cn/index.html">' in index
    assert '"toc.follow"' in index
    assert 'href="https://intranet.example/"' in index  # extra.homepage
    assert "Made with" not in index  # the shipped extra.generator: false still holds


def test_markup_or_analytics_in_what_an_office_adjusts_is_refused(
    sample_repo: Path, cli: Callable[..., Any]
) -> None:
    # copyright and site_url went into every page's HTML as written (a <script> ran in every
    # reader's browser); extra.analytics loaded Google's script and reported every page view.
    text = (
        SHIPPED_TEXT.replace(
            "extra:\n", "extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF\n"
        )
        + 'copyright: "<script>alert(1)</script>"\n'
        + 'site_url: "http://x.example/\\"><script>alert(2)</script>/"\n'
    )
    (sample_repo / "mkdocs.yml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    extra, end = lines.index("extra:") + 1, len(lines)
    result = cli("build", "--today", TODAY)
    assert (result.code, result.out, result.err) == (
        1,
        f"mkdocs.yml:{extra + 1}:3: 不允许的设置“extra.analytics”："
        "网站统计会把每次访问发送到外部服务\n"
        f"mkdocs.yml:{end - 1}:1: “copyright”不能含 < 或 >：它会原样放进每个页面\n"
        f"mkdocs.yml:{end}:1: “site_url”应是以 http:// 或 https:// 开头、"
        "不含空格、引号、反斜杠和尖括号的网址\n"
        "检查了 1 个文件，发现 3 个问题\n",
        REFUSED,
    )
    assert not (sample_repo / "site").exists()


UNSAFE = '不能含 <、> 或 "，也不能是 javascript: 之类的链接：它会原样放进每个页面'


def build_with(repo: Path, cli: Callable[..., Any], section: str, addition: str) -> tuple[Any, int]:
    """``build`` with addition put under section (extra, theme) of the shipped mkdocs.yml; the
    result, and the line number of the section's first line in the file."""
    text = SHIPPED_TEXT.replace(f"{section}:\n", f"{section}:\n" + addition)
    (repo / "mkdocs.yml").write_text(text, encoding="utf-8")
    return cli("build", "--today", TODAY), text.splitlines().index(f"{section}:") + 1


def assert_refused(
    repo: Path, cli: Callable[..., Any], added: tuple[str, str], at: tuple[int, int], where: str
) -> None:
    """The build with added (section, text) stops at line/column ``at`` (line counted from the
    section's own line) naming the setting where; no site is made."""
    result, first = build_with(repo, cli, *added)
    line, col = at
    assert (result.code, result.out, result.err) == (
        1,
        f"mkdocs.yml:{first + line}:{col}: “{where}”{UNSAFE}\n检查了 1 个文件，发现 1 个问题\n",
        REFUSED,
    )
    assert not (repo / "site").exists()


@pytest.mark.parametrize(
    ("addition", "line", "where"),
    [
        ('  homepage: "x\\"><script>alert(3)</script>"\n', 1, "extra.homepage"),
        ("  homepage: \" Java\\tScript:alert(3)\"\n", 1, "extra.homepage"),
        ('  alternate:\n    - name: 中文\n      link: "y\\"><b>"\n      lang: zh\n', 3,
         "extra.alternate[0].link"),
        ("  social:\n    - icon: fontawesome/brands/github\n      link: javascript:alert(4)\n", 3,
         "extra.social[0].link"),
    ],
)  # fmt: skip
def test_markup_or_a_script_link_in_extra_is_refused(
    sample_repo: Path, cli: Callable[..., Any], addition: str, line: int, where: str
) -> None:
    # Material puts extra.homepage, extra.alternate and extra.social into every page's HTML
    # attributes unescaped: a quote ended the attribute and a <script> followed.
    assert_refused(sample_repo, cli, ("extra", addition), (line, 7 if "[0]" in where else 3), where)


def test_markup_in_the_palette_is_refused(sample_repo: Path, cli: Callable[..., Any]) -> None:
    # theme.palette.primary went into data-md-color-primary="…" unescaped.
    addition = '  palette:\n    primary: "red\\"><script>alert(8)</script>"\n'
    assert_refused(sample_repo, cli, ("theme", addition), (2, 5), "theme.palette.primary")


def test_an_icon_that_does_not_exist_is_named(sample_repo: Path, cli: Callable[..., Any]) -> None:
    # A typo in an icon was jinja2's TemplateNotFound, an OSError: "无法读写文件：TemplateNotFound".
    addition = "  social:\n    - icon: fontawesome/brands/nope\n      link: https://x.example/\n"
    result, _ = build_with(sample_repo, cli, "extra", addition)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "错误：MkDocs 生成网站失败：找不到图标或模板“.icons/fontawesome/brands/nope.svg”，"
        "请检查 mkdocs.yml 中 theme.palette 和 extra 里的 icon\n",
    )
    assert not (sample_repo / "site").exists()
