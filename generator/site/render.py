"""Jinja2 rendering for the site's pages: every case text is untrusted and escaped.

Pages are Markdown files for MkDocs whose body is one raw HTML block rendered here with
autoescape on, so Markdown never sees case text: ``[x](javascript:…)``, ``{{ }}`` and ``<script>``
stay inert text. Titles that reach MkDocs' own templates (which do not escape) go through
``safe_title`` first.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.core.summary import percent
from generator.system import resources

# Characters that would mean something to HTML, YAML front matter or Markdown in a title; they are
# replaced by their full-width forms, which read the same to a Chinese reader.
_TITLE_MAP = str.maketrans(
    {
        "<": "＜",
        ">": "＞",
        "&": "＆",
        '"': "＂",
        "'": "＇",
        "`": "｀",
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "{": "｛",
        "}": "｝",
        "*": "＊",
        "_": "＿",
        "#": "＃",
        "|": "｜",
        "\\": "＼",
        "!": "！",
        "%": "％",
    }
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def safe_title(text: str) -> str:
    """A title safe for MkDocs/Material templates, which print page and nav titles unescaped."""
    return _CONTROL.sub(" ", text).translate(_TITLE_MAP).strip()


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no U+2028/9."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def json_file(data: Any) -> str:
    """A JSON data file's text: compact, UTF-8, and inert even if a server sent it as HTML."""
    return json_for_script(data)


def text_block(value: str) -> Markup:
    """Escaped text whose line breaks show; no raw newline reaches the Markdown block."""
    return Markup("<br>").join(escape(line) for line in str(value).split("\n"))


def fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def relative(target: str, page: str) -> str:
    """URL of site path ``target`` as seen from the page at site path ``page``."""
    base = posixpath.dirname(page)
    return posixpath.relpath(target, base or ".")


@dataclass(frozen=True)
class Page:
    """One generated Markdown page: its path under docs/, its text and its title."""

    path: str  # e.g. units/dongcun.md
    text: str
    title: str = ""  # as given to ``page``; the navigation shows it (through ``safe_title``)

    @property
    def url(self) -> str:
        return self.path[: -len(".md")] + ".html"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(resources.template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["percent"] = percent
    env.filters["date"] = fmt_date
    env.filters["text"] = text_block
    env.filters["json_script"] = lambda data: Markup(json_for_script(data))
    env.filters["safe_title"] = safe_title
    return env


_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def render(template: str, **context: Any) -> str:
    """Render a page template; blank lines are squeezed out so each HTML block stays one block."""
    body = environment().get_template(template).render(**context)
    return _BLANK_LINES.sub("\n", body)


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter; values are written as JSON, which YAML reads the same way."""
    lines = ["---", f"title: {json.dumps(safe_title(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def page(
    path: str, title: str, template: str, meta: dict[str, Any] | None = None, **ctx: Any
) -> Page:
    """A page: front matter, an ``<h1>`` and the rendered HTML body, separated by blank lines."""
    here = path[: -len(".md")] + ".html"
    root = "../" * here.count("/")
    body = render(
        template, title=title, here=here, root=root, rel=lambda t: relative(t, here), **ctx
    )
    head = front_matter(title, **(meta or {}))
    return Page(path, head + body.strip() + "\n", title)
