"""mkdocs.yml: what an office may change in it, and the configuration MkDocs runs with.

The repository's mkdocs.yml holds the product's own settings as shipped plus what an office may
adjust (``OFFICE_KEYS``, ``OFFICE_THEME_KEYS``); anything else — ``hooks``, other plugins,
scripts or styles, ``theme.custom_dir``, ``docs_dir`` — would run or load code of its own during
``build``, so it is refused before anything is written (DESIGN.md, "Privacy and security").

The product's own settings are the package's ``mkdocs.yml`` (package data); a repository
without a mkdocs.yml of its own builds with them. The navigation comes from the site's page
list (``entries.render_all``).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ProblemsFound
from generator.ledger.problems import Problem
from generator.ledger.yamlload import Document, LoadError, load_bytes
from generator.site.entries import Rendered
from generator.site.render import safe_title
from generator.system import resources

BASE_CONFIG = "mkdocs.yml"
OUR_CSS = "assets/taizhang.css"
OUR_JS = "assets/taizhang.js"
RULE = "mkdocs-config"
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


@functools.cache
def _shipped() -> dict[str, Any]:
    return load_bytes(resources.data("site", BASE_CONFIG).read_bytes()).data


def shipped() -> dict[str, Any]:
    """The product's own settings: the package's mkdocs.yml, which the repository's copies."""
    return copy.deepcopy(_shipped())


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
    own = shipped()

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
                if sub not in own["theme"]:
                    add((key, sub), f"不允许的设置“theme.{sub}”")
                elif not _same(setting, own["theme"][sub]):
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
        elif key not in own:
            add((key,), f"不允许的设置“{key}”")
        elif not _same(value, own[key]):
            add((key,), f"不允许修改“{key}”，应保持产品自带的设置")
    return problems


def checked_base(root: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml (the package's own if it has none), checked.

    Problems are raised (ProblemsFound) for the command line to list like ``validate``'s.
    """
    path = root / BASE_CONFIG
    if not path.is_file():
        return shipped()
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
    return {**shipped(), **data}


def derive(base: dict[str, Any], name: str, mode: str, rendered: Rendered) -> dict[str, Any]:
    """The configuration MkDocs runs with, docs_dir and custom_dir relative to the work folder.

    ``name``: the site's title; ``mode``: its privacy mode (the banner); ``rendered``: its pages.
    """
    config = copy.deepcopy(base)
    own = shipped()
    config["site_name"] = safe_title(name)
    config["docs_dir"] = "docs"
    config["strict"] = True
    config["use_directory_urls"] = False
    theme = {**own["theme"], **config["theme"]}
    theme.update({"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"})
    config["theme"] = theme
    config["extra_css"] = [OUR_CSS]
    config["extra_javascript"] = [OUR_JS]
    config["nav"] = rendered.nav
    config["not_in_nav"] = rendered.not_in_nav
    config["extra"] = {**own["extra"], **config["extra"], "taizhang_privacy": mode}
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
