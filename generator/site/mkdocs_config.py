"""mkdocs.yml: what an office may change in it, and the configuration MkDocs runs with.

The repository's mkdocs.yml holds the product's own settings as shipped plus what an office may
adjust (``OFFICE_KEYS``, ``OFFICE_THEME_KEYS``); anything else — ``hooks``, other plugins,
scripts or styles, ``theme.custom_dir``, ``docs_dir`` — would run or load code of its own during
``build``, so it is refused before anything is written (DESIGN.md, "Privacy and security").

The navigation lists the top-level pages only; case pages are built but stay out of it
(``not_in_nav``): a navigation of thousands of entries is rendered into every page.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ProblemsFound
from generator.ledger.problems import Problem
from generator.ledger.yamlload import Document, LoadError, load_bytes
from generator.site.context import Site
from generator.site.render import safe_title

BASE_CONFIG = "mkdocs.yml"
OUR_CSS = "assets/taizhang.css"
OUR_JS = "assets/taizhang.js"
RULE = "mkdocs-config"
# The product's own settings, as the repository's mkdocs.yml ships them.
SHIPPED: dict[str, Any] = {
    "site_name": "台账",
    "use_directory_urls": False,
    "strict": True,
    "theme": {
        "name": "material",
        "language": "zh",
        "font": False,
        "features": ["navigation.top", "search.highlight"],
    },
    "plugins": [{"search": {"lang": "zh"}}],
    "extra_css": [OUR_CSS],
    "extra_javascript": [OUR_JS],
    "markdown_extensions": [],
    "extra": {"generator": False},
}
OFFICE_KEYS = ("site_name", "site_url", "copyright", "extra")
OFFICE_THEME_KEYS = ("palette", "features")
_TEXT_KEYS = ("site_name", "site_url", "copyright")
# copyright and site_url go into every page's HTML unescaped (Material's templates), so they
# may hold no markup: a <script> there would run in every reader's browser.
_URL = re.compile(r"https?://[^\s\"'<>\\]+")
# Material puts the texts of extra (homepage, alternate, social links) and theme.palette into
# attributes unescaped.
_MARKUP = re.compile(r'[<>"]')
_SCRIPT_LINK = re.compile(r"[\x00-\x20]*(?:javascript|vbscript|data):", re.IGNORECASE)
_UNSAFE = '不能含 <、> 或 "，也不能是 javascript: 之类的链接：它会原样放进每个页面'
_URL_RULE = "以 http:// 或 https:// 开头、不含空格、引号、反斜杠和尖括号的网址"
ADJUSTABLE = "site_name、site_url、copyright、theme.palette、theme.features 和 extra"


def _unsafe_texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """Where a text that would end an HTML attribute, open a tag or be a script link lies."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _unsafe_texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unsafe_texts(item, (*path, i))
    elif isinstance(value, str) and (
        # Browsers drop tabs and line breaks anywhere in a URL, so "java\tscript:" is a scheme.
        _MARKUP.search(value) or _SCRIPT_LINK.match(re.sub(r"[\t\n\r]", "", value))
    ):
        yield path


def _dotted(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)[1:]


def _same(a: Any, b: Any) -> bool:
    """Equal as data, types included (``strict: 1`` is not ``strict: true``)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def config_problems(doc: Document) -> list[Problem]:
    """Every setting of mkdocs.yml that the product does not let an office change."""
    problems: list[Problem] = []

    def add(path: tuple[str, ...], message: str) -> None:
        pos = doc.key_pos(path)
        problems.append(Problem(BASE_CONFIG, pos.line, pos.col, RULE, message))

    for key, value in doc.data.items():
        if key in _TEXT_KEYS and not isinstance(value, str):
            add((key,), f"“{key}”应是一段文字")
        elif key in OFFICE_KEYS and key not in _TEXT_KEYS and not isinstance(value, dict):
            add((key,), f"“{key}”应是“键: 值”的映射")
        elif key == "theme" and not isinstance(value, dict):
            add((key,), "“theme”应是“键: 值”的映射")
        elif key == "theme":
            for sub, setting in value.items():
                if sub in OFFICE_THEME_KEYS:
                    for path in _unsafe_texts(setting, (key, sub)):
                        add(path, f"“{_dotted(path)}”{_UNSAFE}")
                    continue
                if sub not in SHIPPED["theme"]:
                    add((key, sub), f"不允许的设置“theme.{sub}”")
                elif not _same(setting, SHIPPED["theme"][sub]):
                    add((key, sub), f"不允许修改“theme.{sub}”，应保持产品自带的设置")
        elif key == "copyright" and ("<" in value or ">" in value):
            add((key,), "“copyright”不能含 < 或 >：它会原样放进每个页面")
        elif key == "site_url" and not _URL.fullmatch(value):
            add((key,), f"“site_url”应是{_URL_RULE}")
        elif key == "extra":
            if "analytics" in value:
                add(
                    (key, "analytics"),
                    "不允许的设置“extra.analytics”：网站统计会把每次访问发送到外部服务",
                )
            for path in _unsafe_texts(value, (key,)):
                add(path, f"“{_dotted(path)}”{_UNSAFE}")
        elif key in OFFICE_KEYS:
            continue
        elif key not in SHIPPED:
            add((key,), f"不允许的设置“{key}”")
        elif not _same(value, SHIPPED[key]):
            add((key,), f"不允许修改“{key}”，应保持产品自带的设置")
    return problems


def checked_base(root: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml (the shipped settings if it has none), checked.

    Problems are raised (ProblemsFound) for the command line to list like ``validate``'s.
    """
    path = root / BASE_CONFIG
    if not path.is_file():
        return copy.deepcopy(SHIPPED)
    try:
        doc = load_bytes(path.read_bytes())
    except LoadError as err:
        problems = [Problem(BASE_CONFIG, err.line, err.col, err.rule, err.message)]
        data: dict[str, Any] = {}
    else:
        problems = config_problems(doc)
        data = doc.data
    if problems:
        raise ProblemsFound(
            f"mkdocs.yml 有误，网站未生成：其中只能修改 {ADJUSTABLE}，其余应保持产品自带的设置",
            problems,
            1,
        )
    return {**copy.deepcopy(SHIPPED), **data}


def nav(site: Site) -> list[dict[str, Any]]:
    def entries(groups: Any) -> list[dict[str, str]]:
        return [{safe_title(g.title): g.url[: -len(".html")] + ".md"} for g in groups]

    return [
        {"首页": "index.md"},
        {"汇总表": "summary.md"},
        {"台账": "ledger.md"},
        {
            "预警": [
                {"高风险未化解": "alerts/high.md"},
                {"停滞": "alerts/stalled.md"},
                {"超期": "alerts/overdue.md"},
            ]
        },
        {"单位": [{"各单位": "units/index.md"}, *entries(site.units)]},
        {"问题类型": [{"各问题类型": "types/index.md"}, *entries(site.types)]},
        {"包案领导": [{"各包案领导": "leaders/index.md"}, *entries(site.leaders)]},
        {"典型案例": "typical.md"},
        {"活动总结": "report.md"},
        {"使用说明": "help.md"},
    ]


def derive(base: dict[str, Any], site: Site) -> dict[str, Any]:
    """The configuration MkDocs runs with, docs_dir and custom_dir relative to the work folder."""
    config = copy.deepcopy(base)
    config["site_name"] = safe_title(site.campaign.name)
    config["docs_dir"] = "docs"
    config["strict"] = True
    config["use_directory_urls"] = False
    theme = {**SHIPPED["theme"], **config["theme"]}
    theme.update({"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"})
    config["theme"] = theme
    config["extra_css"] = [OUR_CSS]
    config["extra_javascript"] = [OUR_JS]
    config["nav"] = nav(site)
    config["not_in_nav"] = "/cases/\n/typical-*.md\n"
    config["extra"] = {**SHIPPED["extra"], **config["extra"], "taizhang_privacy": site.privacy}
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
