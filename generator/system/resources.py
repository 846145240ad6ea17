"""The package's own files — schemas, page templates, the theme overrides, our assets, the
editor's page and guard, the shipped mkdocs.yml — read with ``importlib.resources``, so the
package works installed like any other (never found through ``__file__`` or a source checkout)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "generator"


def data(*parts: str) -> Traversable:
    """A file or folder of the package, e.g. ``data("assets", "taizhang.css")``."""
    return files(PACKAGE).joinpath(*parts)


def template(name: str) -> str | None:
    """A page template's text (``templates/site/NAME``) for jinja2; None when there is none."""
    path = data("templates", "site", *name.split("/"))
    return path.read_text(encoding="utf-8") if path.is_file() else None


def copy_tree(source: Traversable, dest: Path) -> None:
    """Copy a folder of package data to dest (``as_file`` takes folders only from Python 3.12)."""
    dest.mkdir()
    for item in source.iterdir():
        if item.is_dir():
            copy_tree(item, dest / item.name)
        else:
            (dest / item.name).write_bytes(item.read_bytes())
