"""Values from records as safe Markdown and HTML for generated pages.

A value from front matter is text, never markup: `<script>` shows as text, a `|`
does not split a table cell, `*` does not start emphasis, `{: onclick }` is not
an attribute list. Each value is escaped once, here.

Tables and long lists are written as raw HTML blocks rather than Markdown: mkdocs
then copies them instead of running every cell through the inline Markdown
parser (most of the build time with thousands of rows), and a block can be kept
out of the search index with `data-pagefind-ignore`. Each block is marked for the
rawblocks plugin, which also spares it Markdown's HTML parser. Headings stay Markdown so
the table of contents and permalinks work as on every other page.
"""

from __future__ import annotations

import html
import re

from mus_build.model.names import clean

# Characters Markdown or its extensions give meaning to, written as entities.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in '\\`*_{}[]()#|<>&"~^=:'}

RAW_MARKER = "<!-- mus:raw -->"
"""Marks a block for the rawblocks plugin, which keeps it away from the Markdown parser."""
IGNORED = "data-pagefind-ignore"
"""Keeps an element out of the search index."""

# A blank line between two others; and the line breaks other than "\n" that
# `str.splitlines` knows.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_OTHER_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


# --- Markdown -----------------------------------------------------------------------


def md(value: str | None) -> str:
    """A value as inline Markdown that renders as exactly this text."""
    if not value:
        return ""
    return "".join(_ENTITIES.get(ch, ch) for ch in clean(value))


def md_link(label: str, target: str) -> str:
    return f"[{md(label)}]({target})"


# --- HTML ---------------------------------------------------------------------------


def esc(value: object) -> str:
    """A value as HTML text: escaped, on one line, without direction or control characters."""
    return html.escape(clean(str(value)), quote=True) if value not in (None, "") else ""


def anchor(name: str) -> str:
    """An empty element that a link can jump to (ids are slugs, so safe as they are)."""
    return f'<span id="{name}"></span>'


def link(label: str, href: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{esc(label)}</a>'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A table; headers are plain text, cells are HTML already."""
    return table_of(headers, [row(cells) for cells in rows])


def row(cells: list[str]) -> str:
    """A table's row of cells that are HTML already, finished: a long list keeps its rows
    as they are made, and `mus serve` joins the kept ones again after a save."""
    # Cells on lines of their own: the search index reads text, and "kundekortet" next to
    # "IT-support" would otherwise become one word.
    return "<tr>\n" + "\n".join(f"<td>{cell}</td>" for cell in cells) + "\n</tr>"


def table_of(headers: list[str], rows: list[str]) -> str:
    """A table of finished rows (`row`); headers are plain text."""
    head = "\n".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "\n".join(rows)
    # Column names repeat on every table: searching them finds nothing worth finding.
    return (
        f"<table>\n<thead data-pagefind-ignore><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def items(entries: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{entry}</li>" for entry in entries) + "\n</ul>"


def block(content: str, searchable: bool = True, css_class: str = "") -> str:
    """One raw HTML block for Markdown, with no blank lines inside (a blank line would end
    the block and let the rest be read as Markdown again)."""
    compact = _without_blank_lines(content)
    attributes = "" if searchable else f" {IGNORED}"
    if css_class:
        attributes += f' class="{css_class}"'
    return f"{RAW_MARKER}\n<div{attributes}>\n{compact}\n</div>"


def _without_blank_lines(content: str) -> str:
    """The lines that hold more than whitespace, joined by "\n". A list of everyone is
    megabytes of lines with no blank one: finding none is five times faster than going
    through the lines, which cost `mus serve` a tenth of a second per save."""
    if (
        any(ch in content for ch in _OTHER_BREAKS)
        or _BLANK_LINE.search(content)
        or not content.partition("\n")[0].strip()
        or not content.rpartition("\n")[2].strip()
    ):
        return "\n".join(line for line in content.splitlines() if line.strip())
    return content
