"""Putting values from records into generated Markdown safely.

A value from front matter is text, never markup: `<script>` shows as text, a `|`
does not split a table cell, `*` does not start emphasis, `{: onclick }` is not
an attribute list.
"""

from __future__ import annotations

import posixpath
import re

# Characters Markdown or its extensions give meaning to, written as entities.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in '\\`*_{}[]()#|<>&"~^=:'}
# Bidirectional overrides and other invisible controls can disguise a name.
_INVISIBLE = re.compile("[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """One line of visible text: control and direction characters removed."""
    return " ".join(_INVISIBLE.sub(" ", text).split())


def text(value: str | None) -> str:
    """A value as inline Markdown that renders as exactly this text."""
    if not value:
        return ""
    return "".join(_ENTITIES.get(ch, ch) for ch in clean(value))


def link(label: str, target: str) -> str:
    return f"[{text(label)}]({target})"


def relative(from_page: str, to_page: str) -> str:
    """A link from one generated page to another, both paths relative to docs/."""
    target, _, anchor = to_page.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def anchor(name: str) -> str:
    """An empty element that a link can jump to (ids are slugs, so safe as they are)."""
    return f'<span id="{name}"></span>'
