"""A site's page list: where each page goes, what the navigation calls it, what renders it.

The build renders a page list and derives the MkDocs navigation from it; the tests read the same
list. The office site's list is ``pagelist.PAGES``; another kind of site (the district roll-up)
writes its own list of ``Entry`` over its own context and hands it to the same machinery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.site.render import Page, page, safe_title

S = TypeVar("S")  # what the pages are rendered from (the office site: context.Site)


@dataclass(frozen=True)
class Entry(Generic[S]):
    """One line of a page list: a top page, or a family of pages (one per unit, per case…)."""

    path: str  # a top page: its Markdown path under docs/; a family: the folder of its pages
    title: str  # a top page: its title in the navigation; a family: "" (each page has its own)
    render: Callable[[S], Sequence[Page]]
    section: str = ""  # the navigation section it sits in; "" for the top level
    top: bool = True  # one fixed page (and its paged continuations); False: a family
    in_nav: bool = True  # a family: each page listed in the navigation; False: none of them
    more: str = ""  # a top page's continuations (``typical-*.md``), kept out of the navigation

    @property
    def url(self) -> str:
        """A top page's address in the built site."""
        return self.path[: -len(".md")] + ".html"


PageList = Sequence[Entry[S]]


def from_template(
    path: str,
    title: str,
    template: str,
    context: Callable[[S], dict[str, Any]] = lambda site: {"site": site},
    *,
    section: str = "",
    meta: dict[str, Any] | None = None,
) -> Entry[S]:
    """A top page made by its template alone, from ``context(site)`` (by default ``site``)."""
    return Entry(
        path, title, lambda site: [page(path, title, template, meta, **context(site))], section
    )


@dataclass(frozen=True)
class Rendered:
    """Every page of a page list, and the navigation and ``not_in_nav`` MkDocs runs with."""

    pages: list[Page]
    nav: list[dict[str, Any]]
    not_in_nav: str


def render_all(entries: PageList[S], site: S) -> Rendered:
    """Render every entry in order; the navigation follows the list, sections where first seen."""
    pages: list[Page] = []
    nav: list[dict[str, Any]] = []
    sections: dict[str, list[dict[str, str]]] = {}
    hidden: list[str] = []
    for entry in entries:
        made = list(entry.render(site))
        pages += made
        if entry.top:
            if not made or made[0].path != entry.path:
                raise ValueError(
                    f"页面列表中的 {entry.path} 没有生成这个页面"
                )  # a programming error
            items = [{safe_title(entry.title): entry.path}]
            hidden += [f"/{entry.more}"] if entry.more else []
        elif entry.in_nav:
            items = [{safe_title(p.title): p.path} for p in made]
        else:
            items = []
            hidden.append(f"/{entry.path}")
        if not entry.section:
            nav += items
        elif entry.section in sections:
            sections[entry.section] += items
        else:
            sections[entry.section] = items
            nav.append({entry.section: items})
    return Rendered(pages, nav, "".join(f"{pattern}\n" for pattern in hidden))
