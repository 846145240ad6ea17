"""Text from a case file made safe for the ``diff``'s terminal and Markdown forms.

Everything that comes from a case file is untrusted here: control and bidi characters are
written out (``terminal.printable``) in text and Markdown, and Markdown escapes HTML, Markdown
syntax, @mentions and #refs, so a case can neither break a table nor ping anyone nor load an
image from another host. Every ``:``, a ``.`` before a letter and a ``/`` before another are
backslash-escaped as well: a renderer that links bare URLs (GitHub's, Gitea's, markdown-it's
linkify) then finds no scheme, domain or e-mail address in the text, and the rendered text reads
exactly the same.
"""

from __future__ import annotations

import re

from generator.terminal import printable

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|!~:]|\.(?=[^\W\d_])|/(?=/))")


def _lines(text: str) -> list[str]:
    return [printable(line) for line in text.replace("\r\n", "\n").split("\n")]


def plain(text: str, newline: str = " ⏎ ") -> str:
    """One line of safe text: control and bidi characters written out, line breaks as ⏎."""
    return newline.join(_lines(text))


def md(text: str) -> str:
    """Text for a Markdown table cell or heading, shown literally and never as a link."""
    text = _MD_SPECIAL.sub(r"\\\g<0>", "\n".join(_lines(text)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A zero-width space after @ and # keeps GitHub and Gitea from linking people and issues.
    text = text.replace("@", "@\u200b").replace("#", "#\u200b")
    return text.replace("\n", "<br>")
