"""build/mkdocs.yml: the repository's mkdocs.yml plus campaign name, navigation and privacy mode.

The navigation lists the top-level pages only; case pages are built but stay out of it
(``not_in_nav``): a navigation of thousands of entries is rendered into every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import DataError
from generator.pages_context import Site
from generator.render import safe_title

BASE_CONFIG = "mkdocs.yml"
PROJECT_DIR = Path(__file__).resolve().parent.parent
OUR_CSS = "assets/taizhang.css"
OUR_JS = "assets/taizhang.js"


def base_config(root: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml; a repository without one uses this project's."""
    for path in (root / BASE_CONFIG, PROJECT_DIR / BASE_CONFIG):
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise DataError(f"{path.name} 无法读取：{err}") from None
            if not isinstance(data, dict):
                raise DataError(f"{path.name} 应是一个 YAML 映射")
            return data
    raise DataError("找不到网站的基础配置 mkdocs.yml")


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


def derive(root: Path, site: Site) -> dict[str, Any]:
    """The configuration MkDocs runs with, docs_dir and custom_dir relative to build/."""
    config = base_config(root)
    config["site_name"] = safe_title(site.campaign.name)
    config["docs_dir"] = "docs"
    config["strict"] = True
    config["use_directory_urls"] = False
    theme = dict(config.get("theme") or {})
    theme.update({"name": "material", "language": "zh", "font": False, "custom_dir": "overrides"})
    config["theme"] = theme
    config["extra_css"] = _with(config.get("extra_css"), OUR_CSS)
    config["extra_javascript"] = _with(config.get("extra_javascript"), OUR_JS)
    config["nav"] = nav(site)
    config["not_in_nav"] = "/cases/\n/typical-*.md\n"
    extra = dict(config.get("extra") or {})
    extra["taizhang_privacy"] = site.privacy
    config["extra"] = extra
    return config


def _with(items: Any, item: str) -> list[Any]:
    out = list(items or [])
    return out if item in out else [*out, item]


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
