"""``diff`` with hostile case text: no link in the Markdown, no raw control character in the text.

The issue's repro: bare URLs in ``diff --format markdown`` became links when GitHub rendered the
pull-request comment. The Markdown is rendered here the way GitHub, Gitea and most tools do —
CommonMark with linkify (markdown-it-py with linkify-it-py) — and no ``<a>`` may come out of it,
while the text a person reads stays the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generator.diff.escape import md
from tests.conftest import Result
from tests.diffrepo import case
from tests.test_diff import commit_and_diff, small_repo

Cli = Callable[..., Result]

LINKS = [
    "http://x.invalid/a.png",
    "https://例子.invalid/路径?q=1&r=2#frag",
    "www.example.com",
    "example.com",
    "ftp://files.example.org/a",
    "//localhost:8080/x",
    "mailto:someone@example.com",
    "someone@example.com",
    "xn--fiqs8s.cn",
    "HTTP://EXAMPLE.COM",
]


def renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"linkify": True, "html": True}).enable(["linkify", "table"])


def read_as_a_person(rendered: str) -> str:
    """The text a reader sees: no tags, entities resolved, zero-width spaces gone."""
    text = re.sub(r"<br\s*/?>", "\n", rendered)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).replace("\u200b", "").strip()


@pytest.mark.parametrize("link", LINKS)
def test_no_link_comes_from_case_text(link: str) -> None:
    source = f"要求赔偿，详见 {link} 或（{link}）。"
    assert "<a " in renderer().render(source)  # the renderer does link it when left alone
    rendered = renderer().render(md(source))
    assert "<a " not in rendered
    assert read_as_a_person(rendered) == source


def test_markdown_text_reads_the_same() -> None:
    source = (
        "金额 1280000.50 元；面积 120.5 平方米；时间 09:30；比例 50.0%；路径 a/b/c；"
        "见 “协议”第 3.2 条；<b>加粗</b> *星号* [方括号](x) | 竖线 \\ 反斜杠 @某人 #12"
    )
    rendered = renderer().render(md(source))
    assert read_as_a_person(rendered) == source


def diff_of_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, demand: str, *args: str
) -> Result:
    """``diff`` of one commit that gives dongcun-002 the 主要诉求 demand."""
    repo = small_repo(tmp_path)
    repo.put("dongcun-002", case("2019-07-04", "钱多多", "东村二组4号", demand=demand))
    return commit_and_diff(repo, "诉求", monkeypatch, cli, *args)[0]


def test_diff_markdown_has_no_link_from_a_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    demand = "见 http://x.invalid/a 和 www.example.com，联系 someone@example.com"
    result = diff_of_demand(tmp_path, monkeypatch, cli, demand, "--format", "markdown")
    assert (result.code, result.err) == (0, "")
    rendered = renderer().render(result.out)
    assert "<a " not in rendered
    assert demand in read_as_a_person(rendered)


def test_diff_text_writes_control_characters_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    demand = "要求\x1b]8;;http://x.invalid\x07赔偿\x9b2J\u202e款 ##[error]假\n::warning::第二行"
    result = diff_of_demand(tmp_path, monkeypatch, cli, demand)
    assert (
        "    主要诉求：要求调解宅基地边界纠纷 → 要求\\x1b]8;;http://x.invalid\\x07赔偿\\x9b2J"
        "\\u202e款 ##\\x5berror]假 ⏎ \\x3a:warning::第二行"
    ) in result.out.splitlines()
    assert re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.out) is None
    assert "##[" not in result.out
